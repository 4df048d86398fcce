// `npm run bench`: throughput and latency on the shared corpora, network off.
// Mails: messages/s on one core and p50/p99 ms per message; URLs: checks/s; memory: RSS
// sampled while scanning (should stay flat). Then the authenticity and API benchmarks.
// Each part runs in a process of its own, as `kakunin scan` and `kakunin url` do: in one shared
// process the code compiled for one part (mails) slows the next (URLs) by up to a third.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/engine.ts';
import { emlFiles, hasData, jpcertRows } from '../eval/datasets.ts';
import { finalDestination, parseUrl } from '../src/message/url.ts';
import { relateHost } from '../src/brand/lookalike.ts';

type Rows = [string, string][];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const newEngine = () => createEngine({ now: new Date('2026-11-24T00:00:00Z') });

async function benchMails(name: string, dirs: string[]): Promise<Rows> {
  const engine = newEngine();
  const mails = dirs.flatMap((dir) => emlFiles(dir)).map((file) => readFileSync(file));
  // One warm-up pass over the same mails: a mailbox scan runs for minutes, so the steady state
  // after the JIT has compiled the hot paths is what it costs, not the first thousand mails.
  for (const mail of mails) await engine.checkMail(mail).catch(() => undefined);
  const times: number[] = [];
  const rss: number[] = [];
  const started = performance.now();
  for (let i = 0; i < mails.length; i++) {
    const t0 = performance.now();
    await engine.checkMail(mails[i]!).catch(() => undefined);
    times.push(performance.now() - t0);
    if (i % 250 === 0) rss.push(process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
  return [
    [`${name}: messages/s (${mails.length} mails, one core)`, (mails.length / seconds).toFixed(0)],
    [`${name}: p50 / p99 ms per message`, `${quantile(times, 0.5).toFixed(2)} / ${quantile(times, 0.99).toFixed(2)}`],
    [`${name}: RSS first / last sample while scanning`, `${mb(rss[0]!)} / ${mb(rss.at(-1)!)}`],
  ];
}

// Warm-up as for the mails, steady state, but on 40,000 other URLs of the list: the JIT needs
// some 30,000 checks to settle, and warming on the measured URLs would also fill the host cache.
const MEASURED = 100_000;
const WARM_UP = 40_000;

async function benchUrls(): Promise<Rows> {
  const engine = newEngine();
  const listed: string[] = [];
  for (const row of jpcertRows()) {
    listed.push(row.url);
    if (listed.length === MEASURED + WARM_UP) break;
  }
  const urls = listed.slice(0, MEASURED);
  for (const url of listed.slice(MEASURED)) await engine.checkUrl(url);
  const started = performance.now();
  for (const url of urls) await engine.checkUrl(url);
  const checks = urls.length / ((performance.now() - started) / 1000);

  // The link-analysis stage alone (parse, unwrap, relate the host to every profile), without
  // building a report: what a bulk URL feed costs before any wording or advice is attached.
  const profiles = [...engine.profiles]; // a new list: a fresh host cache, not the one the loop above filled
  const analysisStarted = performance.now();
  for (const url of urls) {
    const parsed = parseUrl(url);
    if (parsed) relateHost(finalDestination(parsed), profiles);
  }
  const analyses = urls.length / ((performance.now() - analysisStarted) / 1000);
  return [
    [`URL checks/s (${urls.length} JPCERT URLs, full verdict each)`, checks.toFixed(0)],
    [`URL analyses/s (parse + unwrap + brand relation, no report)`, analyses.toFixed(0)],
  ];
}

async function benchModule(module: string, fn: string): Promise<Rows> {
  const loaded = await import(module).catch(() => undefined);
  if (!loaded?.[fn]) return [];
  const result = (await loaded[fn]()) as Record<string, number>;
  return Object.entries(result).map(([key, value]) => [key, value.toFixed(0)]);
}

const PARTS: Record<string, () => Promise<Rows>> = {
  typical: () => benchMails('typical mails (legitimate)', ['ham-mail/spamassassin/easy-ham-1']),
  phishing: () => benchMails('phishing mails', ['phish-mail/phishing_pot', 'phish-mail/jp-lists']),
  urls: benchUrls,
  auth: () => benchModule('./auth.ts', 'benchAuth'),
  api: () => benchModule('./api.ts', 'benchApi'),
};

const part = process.argv[2];
if (part) {
  // A child: run one part, hand its rows back as JSON.
  const run = PARTS[part];
  if (!run) throw new Error(`unknown benchmark part ${part}`);
  process.stdout.write(JSON.stringify(await run()));
} else {
  if (!hasData()) {
    console.error('no ../shared/data beside the project: nothing to benchmark');
    process.exit(65);
  }
  const rows: Rows = [];
  for (const name of Object.keys(PARTS)) {
    const output = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    rows.push(...(JSON.parse(output) as Rows));
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`kakunin benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
}
