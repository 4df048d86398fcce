// API throughput on loopback: `kakunin serve` runs as its own process (as in production, so
// the load generator does not share its event loop) and autocannon drives it for a bounded
// time per scenario: one URL per request to /api/v1/url, ten URLs per request, then a raw
// phishing mail per request to /api/v1/check. Rate limiting is off for the run; everything else is as deployed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const SECONDS = 5;
const CONNECTIONS = 32;
const KAKUNIN = new URL('../bin/kakunin.js', import.meta.url).pathname;
const MAIL = readFileSync(new URL('../test/fixtures/web/phishing-micard.eml', import.meta.url));

async function startServer(): Promise<{ base: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [KAKUNIN, 'serve', '--host', '127.0.0.1', '--port', '0', '--rate-limit', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('kakunin serve did not start within 20 s')), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+?)\/?\s/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`kakunin serve exited with ${code}`)));
  });
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

type Scenario = { path: string; contentType: string; body: string | Buffer };

/** Successful requests per second over the run; any failed request fails the benchmark. */
async function run(base: string, scenario: Scenario, seconds: number): Promise<number> {
  const result = await autocannon({
    url: base + scenario.path,
    method: 'POST',
    headers: { 'content-type': scenario.contentType },
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${scenario.path}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return Math.round(result['2xx'] / (result.duration || seconds));
}

const FAKE = 'https://www2.micard.co.jp.xyzabc.com/login';
/** URLs per request in the batched scenario, as a system checking a mail's links would send them. */
const BATCH = 10;

export async function benchApi(): Promise<{ urlChecksPerSec: number; urlChecksPerSecBatched: number; mailChecksPerSec: number }> {
  const server = await startServer();
  try {
    const url: Scenario = { path: '/api/v1/url', contentType: 'application/json', body: JSON.stringify({ urls: [FAKE] }) };
    const batch: Scenario = { path: '/api/v1/url', contentType: 'application/json', body: JSON.stringify({ urls: Array.from({ length: BATCH }, (_, i) => `${FAKE}?n=${i}`) }) };
    const mail: Scenario = { path: '/api/v1/check', contentType: 'message/rfc822', body: MAIL };
    // A short warm-up so the JIT has compiled the hot paths before measuring.
    await run(server.base, url, 1);
    await run(server.base, mail, 1);
    return {
      urlChecksPerSec: await run(server.base, url, SECONDS),
      urlChecksPerSecBatched: (await run(server.base, batch, SECONDS)) * BATCH,
      mailChecksPerSec: await run(server.base, mail, SECONDS),
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchApi());
