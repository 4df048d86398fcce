// `npm run bench`: throughput and latency on the shared corpora, network off.
// Mails: messages/s on one core and p50/p99 ms per message; URLs: checks/s; memory: RSS
// sampled while scanning (should stay flat). Then the authenticity and API benchmarks.
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/engine.ts';
import { emlFiles, hasData, jpcertRows } from '../eval/datasets.ts';
import { finalDestination, parseUrl } from '../src/message/url.ts';
import { relateHost } from '../src/brand/lookalike.ts';

if (!hasData()) {
  console.error('no ../shared/data beside the project: nothing to benchmark');
  process.exit(65);
}
const engine = createEngine({ now: new Date('2026-11-24T00:00:00Z') });
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const rows: [string, string][] = [];

async function benchMails(name: string, dirs: string[]) {
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
  rows.push([`${name}: messages/s (${mails.length} mails, one core)`, (mails.length / seconds).toFixed(0)]);
  rows.push([`${name}: p50 / p99 ms per message`, `${quantile(times, 0.5).toFixed(2)} / ${quantile(times, 0.99).toFixed(2)}`]);
  rows.push([`${name}: RSS first / last sample while scanning`, `${mb(rss[0]!)} / ${mb(rss.at(-1)!)}`]);
}

await benchMails('typical mails (legitimate)', ['ham-mail/spamassassin/easy-ham-1']);
await benchMails('phishing mails', ['phish-mail/phishing_pot', 'phish-mail/jp-lists']);

const urls: string[] = [];
for (const row of jpcertRows()) {
  urls.push(row.url);
  if (urls.length === 100_000) break;
}
for (const url of urls.slice(0, 2000)) await engine.checkUrl(url);
const urlStarted = performance.now();
for (const url of urls) await engine.checkUrl(url);
rows.push([`URL checks/s (${urls.length} JPCERT URLs, full verdict each)`, (urls.length / ((performance.now() - urlStarted) / 1000)).toFixed(0)]);

// The link-analysis stage alone (parse, unwrap, relate the host to every profile), without
// building a report: what a bulk URL feed costs before any wording or advice is attached.
const profiles = [...engine.profiles]; // a new list: a fresh host cache, not the one the loop above filled
const analysisStarted = performance.now();
for (const url of urls) {
  const parsed = parseUrl(url);
  if (parsed) relateHost(finalDestination(parsed), profiles);
}
rows.push([`URL analyses/s (parse + unwrap + brand relation, no report)`, (urls.length / ((performance.now() - analysisStarted) / 1000)).toFixed(0)]);

for (const [module, fn] of [['./auth.ts', 'benchAuth'], ['./api.ts', 'benchApi']] as const) {
  const loaded = await import(module).catch(() => undefined);
  if (!loaded?.[fn]) continue;
  const result = (await loaded[fn]()) as Record<string, number>;
  for (const [key, value] of Object.entries(result)) rows.push([key, value.toFixed(0)]);
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`kakunin benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
