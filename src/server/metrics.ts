// Prometheus metrics for /metrics, in the text exposition format (version 0.0.4). Written by
// hand: four metric families do not justify a client library, and nothing here may carry
// member data — labels are only route patterns, status codes, input kinds and verdicts.

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

class Counter {
  readonly values = new Map<string, number>();
  inc(labels: Labels, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
}

class Histogram {
  readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  observe(labels: Labels, seconds: number): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (const [i, bound] of DURATION_BUCKETS.entries()) if (seconds <= bound) s.buckets[i]!++;
    s.sum += seconds;
    s.count++;
  }
}

export class Metrics {
  readonly started = Date.now();
  readonly requests = new Counter();
  readonly requestSeconds = new Histogram();
  readonly checks = new Counter();
  readonly inputErrors = new Counter();

  render(): string {
    const out: string[] = [];
    const counter = (name: string, help: string, c: Counter) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [k, v] of c.values) out.push(`${name}{${k}} ${v}`);
    };
    counter('kakunin_http_requests_total', 'HTTP requests answered, by route pattern, method and status.', this.requests);
    out.push('# HELP kakunin_http_request_duration_seconds Time to answer an HTTP request.', '# TYPE kakunin_http_request_duration_seconds histogram');
    for (const [k, s] of this.requestSeconds.series) {
      const sep = k ? ',' : '';
      for (const [i, bound] of DURATION_BUCKETS.entries()) out.push(`kakunin_http_request_duration_seconds_bucket{${k}${sep}le="${bound}"} ${s.buckets[i]}`);
      out.push(`kakunin_http_request_duration_seconds_bucket{${k}${sep}le="+Inf"} ${s.count}`);
      out.push(`kakunin_http_request_duration_seconds_sum{${k}} ${s.sum}`, `kakunin_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    counter('kakunin_checks_total', 'Inputs judged, by kind (mail, text, url) and verdict.', this.checks);
    counter('kakunin_input_errors_total', 'Inputs refused as impossible to judge, by error code.', this.inputErrors);
    out.push(
      '# HELP kakunin_uptime_seconds Seconds since the server started.',
      '# TYPE kakunin_uptime_seconds gauge',
      `kakunin_uptime_seconds ${(Date.now() - this.started) / 1000}`,
    );
    const memory = process.memoryUsage();
    out.push(
      '# HELP kakunin_process_resident_memory_bytes Resident memory of the server process.',
      '# TYPE kakunin_process_resident_memory_bytes gauge',
      `kakunin_process_resident_memory_bytes ${memory.rss}`,
    );
    return `${out.join('\n')}\n`;
  }
}
