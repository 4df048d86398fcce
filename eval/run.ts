// `npm run eval`: detection quality on the shared real-world data. Prints a Markdown table
// (pasted into the README) and writes the raw numbers to artifacts/eval.json.
// Phishing sets give recall, legitimate sets the false-positive rate, fixtures parse robustness,
// JPCERT URLs URL-only recall (overall, per brand, and for hosts that carry a profiled brand).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createEngine, InputError, type Report } from '../src/engine.ts';
import { relateHost } from '../src/brand/lookalike.ts';
import { finalDestination, parseUrl } from '../src/message/url.ts';
import { DATA_DIR, emlFiles, hasData, jpcertRows, MAIL_SETS, topSites } from './datasets.ts';

if (!hasData()) {
  console.error(`no evaluation data at ${DATA_DIR}`);
  process.exit(65);
}

const engine = createEngine({ now: new Date('2026-11-24T00:00:00Z') });
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
const results: Record<string, unknown> = {};
const out: string[] = [];

type Counts = { total: number; phishing: number; suspicious: number; unverified: number; genuine: number; errors: number; crashes: number; codes: Map<string, number> };
const newCounts = (): Counts => ({ total: 0, phishing: 0, suspicious: 0, unverified: 0, genuine: 0, errors: 0, crashes: 0, codes: new Map() });

function count(counts: Counts, report: Report) {
  counts[report.verdict]++;
  for (const code of new Set(report.findings.map((f) => f.code))) counts.codes.set(code, (counts.codes.get(code) ?? 0) + 1);
}

function topCodes(counts: Counts, n = 5): string {
  return [...counts.codes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([code, k]) => `${code} ${pct(k, counts.total)}`)
    .join(', ');
}

out.push('### Mails', '', '| data set | mails | flagged (suspicious or phishing) | phishing | suspicious | could not parse | top findings |', '|---|---:|---:|---:|---:|---:|---|');
for (const set of MAIL_SETS) {
  const counts = newCounts();
  for (const file of emlFiles(set.dir)) {
    counts.total++;
    try {
      count(counts, await engine.checkMail(readFileSync(file)));
    } catch (error) {
      if (error instanceof InputError) counts.errors++;
      else {
        counts.crashes++;
        console.error(`CRASH ${file}: ${(error as Error).stack}`);
      }
    }
  }
  const flagged = counts.phishing + counts.suspicious;
  results[set.name] = { ...counts, codes: Object.fromEntries(counts.codes) };
  out.push(`| ${set.name} (${set.phishing === undefined ? 'fixtures' : set.phishing ? 'phishing' : 'legitimate'}) | ${counts.total} | ${pct(flagged, counts.total)} | ${pct(counts.phishing, counts.total)} | ${pct(counts.suspicious, counts.total)} | ${counts.errors + counts.crashes}${counts.crashes ? ` (${counts.crashes} crashes)` : ''} | ${topCodes(counts)} |`);
}

// URLs alone.
const labelsFile = join(import.meta.dirname, 'brand-labels.yaml');
const brandOfLabel: Record<string, string> = existsSync(labelsFile) ? (parseYaml(readFileSync(labelsFile, 'utf8')) ?? {}) : {};
const url = { total: 0, flagged: 0, phishing: 0, brandHost: 0, brandHostPhishing: 0 };
const perBrand = new Map<string, { total: number; flagged: number; phishing: number }>();
const started = performance.now();
for (const row of jpcertRows()) {
  const report = await engine.checkUrl(row.url);
  url.total++;
  const flagged = report.verdict === 'phishing' || report.verdict === 'suspicious';
  if (flagged) url.flagged++;
  if (report.verdict === 'phishing') url.phishing++;
  const parsed = parseUrl(row.url);
  const relation = parsed ? relateHost(finalDestination(parsed), engine.profiles) : undefined;
  if (relation && relation.kind !== 'official' && relation.kind !== 'related' && relation.kind !== 'typo') {
    url.brandHost++;
    if (report.verdict === 'phishing') url.brandHostPhishing++;
  }
  const brand = brandOfLabel[row.label];
  if (brand) {
    const b = perBrand.get(brand) ?? { total: 0, flagged: 0, phishing: 0 };
    b.total++;
    if (flagged) b.flagged++;
    if (report.verdict === 'phishing') b.phishing++;
    perBrand.set(brand, b);
  }
}
const urlSeconds = (performance.now() - started) / 1000;
const top = { total: 0, flagged: 0, flaggedSites: [] as string[] };
const legitimate = [
  ...topSites().map((site) => ({ name: site, url: `https://${site}/` })),
  ...engine.profiles.flatMap((profile) => profile.officialLinks.map((link) => ({ name: link.url, url: link.url }))),
];
for (const { name, url: candidate } of legitimate) {
  top.total++;
  const report = await engine.checkUrl(candidate);
  if (report.verdict === 'phishing' || report.verdict === 'suspicious') {
    top.flagged++;
    top.flaggedSites.push(`${name} (${report.findings.map((f) => f.code).join('+')})`);
  }
}
results.urls = { ...url, seconds: urlSeconds, perBrand: Object.fromEntries(perBrand), topSites: top };
out.push(
  '',
  '### Links alone',
  '',
  '| data set | URLs | flagged | phishing |',
  '|---|---:|---:|---:|',
  `| JPCERT/CC phishing URLs, all | ${url.total} | ${pct(url.flagged, url.total)} | ${pct(url.phishing, url.total)} |`,
  `| JPCERT URLs whose host carries a profiled brand | ${url.brandHost} | – | ${pct(url.brandHostPhishing, url.brandHost)} |`,
  `| legitimate: top sites + profiles' official URLs | ${top.total} | ${pct(top.flagged, top.total)} (false positives) | – |`,
);
if (perBrand.size) {
  out.push('', '### JPCERT URLs per brand', '', '| brand | URLs | flagged | phishing |', '|---|---:|---:|---:|');
  for (const [brand, b] of [...perBrand.entries()].sort((a, b) => b[1].total - a[1].total)) {
    out.push(`| ${brand} | ${b.total} | ${pct(b.flagged, b.total)} | ${pct(b.phishing, b.total)} |`);
  }
}
if (top.flaggedSites.length) out.push('', `Flagged legitimate sites: ${top.flaggedSites.join(', ')}`);
mkdirSync(join(import.meta.dirname, '..', 'artifacts'), { recursive: true });
writeFileSync(join(import.meta.dirname, '..', 'artifacts', 'eval.json'), JSON.stringify(results, null, 2));
console.log(out.join('\n'));
