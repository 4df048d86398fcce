// `kakunin scan`: judges every message of a mailbox, one at a time (constant memory), printing
// NDJSON with --json, or a progress line and a summary table on a terminal.
import type { Engine, Report } from '../engine.ts';
import { InputError } from '../errors.ts';
import { readMailbox } from '../mailbox/read.ts';
import { mailboxBytes } from '../mailbox/size.ts';
import { LABELS, type Label } from '../verdict/verdict.ts';
import { EXIT_FOR_LABEL, EXIT_INPUT } from './exit-codes.ts';
import { labelText, type Lang } from './format.ts';
import type { CommonOptions } from './main.ts';

/** Pads to a terminal width, counting East Asian wide characters as two columns. */
function padColumns(text: string, columns: number): string {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return text + ' '.repeat(Math.max(0, columns - width));
}

const BAR_WIDTH = 30;

/** `[██████░░░░]  42%` from the bytes read so far over the mailbox's size. */
function progressBar(done: number, total: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

type Tally = { counts: Record<Label | 'error', number>; codes: Map<string, number>; worst: number; ms: number[] };

function summary(tally: Tally, seconds: number, lang: Lang): string {
  const total = Object.values(tally.counts).reduce((a, b) => a + b, 0);
  const sorted = [...tally.ms].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2) : '-');
  const rows = [...LABELS, 'error' as const].map((label) => {
    const name = label === 'error' ? (lang === 'ja' ? '判定不能（エラー）' : 'could not be judged') : labelText(label, lang);
    const count = tally.counts[label];
    return `  ${padColumns(name, 40)} ${String(count).padStart(8)}  ${total ? ((100 * count) / total).toFixed(1).padStart(5) : '  0.0'}%`;
  });
  const top = [...tally.codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return [
    '',
    lang === 'ja' ? `${total} 通を ${seconds.toFixed(1)} 秒で確認（${(total / Math.max(seconds, 1e-9)).toFixed(0)} 通/秒, p50 ${pct(50)} ms, p99 ${pct(99)} ms）` : `${total} messages in ${seconds.toFixed(1)} s (${(total / Math.max(seconds, 1e-9)).toFixed(0)}/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms)`,
    ...rows,
    '',
    lang === 'ja' ? '多かった検出:' : 'Most frequent findings:',
    ...top.map(([code, n]) => `  ${code.padEnd(40)} ${String(n).padStart(8)}`),
  ].join('\n');
}

export async function scanCommand(engine: Engine, path: string, common: CommonOptions): Promise<number> {
  const tally: Tally = { counts: { genuine: 0, unverified: 0, suspicious: 0, phishing: 0, error: 0 }, codes: new Map(), worst: 0, ms: [] };
  const progress = !common.json && process.stderr.isTTY;
  const totalBytes = progress ? await mailboxBytes(path).catch(() => 0) : 0;
  let readBytes = 0;
  const started = performance.now();
  let seen = 0;
  for await (const entry of readMailbox(path, { maxMessageBytes: engine.limits.maxMessageBytes })) {
    seen++;
    readBytes += entry.raw?.length ?? 0;
    let report: Report | undefined;
    let error = entry.error;
    let code: string | undefined = entry.error ? 'unreadable' : undefined;
    if (entry.raw) {
      try {
        report = await engine.checkMail(entry.raw);
      } catch (caught) {
        if (!(caught instanceof InputError)) throw caught;
        error = caught.message;
        code = caught.code;
      }
    }
    if (report) {
      tally.counts[report.verdict]++;
      tally.worst = Math.max(tally.worst, EXIT_FOR_LABEL[report.verdict]);
      if (tally.ms.length < 1_000_000) tally.ms.push(report.ms);
      for (const f of report.findings) tally.codes.set(f.code, (tally.codes.get(f.code) ?? 0) + 1);
      if (common.json) process.stdout.write(`${JSON.stringify({ file: entry.file, ...report })}\n`);
    } else {
      tally.counts.error++;
      if (common.json) process.stdout.write(`${JSON.stringify({ file: entry.file, error, code })}\n`);
      else process.stderr.write(`${progress ? '\r\x1b[K' : ''}${entry.file}: ${error}\n`);
    }
    if (progress && (seen % 25 === 0 || seen === 1)) {
      const rate = seen / ((performance.now() - started) / 1000);
      const { phishing, suspicious } = tally.counts;
      process.stderr.write(`\r\x1b[K${progressBar(readBytes, totalBytes)} ${seen} ${common.lang === 'ja' ? '通' : 'messages'}, ${rate.toFixed(0)}/s, phishing ${phishing}, suspicious ${suspicious}`);
    }
  }
  if (progress) process.stderr.write('\r\x1b[K');
  if (!common.json) process.stdout.write(`${summary(tally, (performance.now() - started) / 1000, common.lang)}\n`);
  return tally.counts.error ? EXIT_INPUT : tally.worst;
}
