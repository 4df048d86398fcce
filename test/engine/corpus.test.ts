// Every .eml of the shared evaluation corpora (../shared/data: phishing_pot, the Japanese
// lists, SpamAssassin ham, parser fixtures — ~5,400 real mails) goes through the engine. Real
// mail is the best fuzzer: nothing may throw but an InputError, and InputErrors (mail we
// refuse to judge) must stay rare. Files are spread over worker threads, one per core.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { emlFiles, hasData, MAIL_SETS } from '../../eval/datasets.ts';
import type { CorpusJob, CorpusResult } from '../helpers/corpus-worker.ts';

const DATA_DIR = resolve(import.meta.dirname, '../../../shared/data');
/** Mail we refuse to judge (InputError), per data set: under 1 %. */
const MAX_INPUT_ERROR_SHARE = 0.01;
/** A hang anywhere in ~5,400 mails fails the test instead of stalling the run. */
const TIMEOUT_MS = 240_000;

function runWorkers(files: CorpusJob['files'], workers: number): Promise<CorpusResult[]> {
  // Round-robin so that each worker gets a mix of every set (sets differ a lot in cost).
  const shares: CorpusJob['files'][] = Array.from({ length: workers }, () => []);
  files.forEach((file, i) => shares[i % workers]!.push(file));
  return Promise.all(
    shares.map(
      (share) =>
        new Promise<CorpusResult[]>((resolveShare, reject) => {
          const worker = new Worker(new URL('../helpers/corpus-worker.ts', import.meta.url), { workerData: { files: share } satisfies CorpusJob });
          const timer = setTimeout(() => {
            void worker.terminate();
            reject(new Error(`corpus worker did not finish within ${TIMEOUT_MS} ms`));
          }, TIMEOUT_MS);
          worker.once('message', (results: CorpusResult[]) => {
            clearTimeout(timer);
            resolveShare(results);
          });
          worker.once('error', (error) => {
            clearTimeout(timer);
            reject(error);
          });
          worker.once('exit', (code) => {
            clearTimeout(timer);
            if (code !== 0) reject(new Error(`corpus worker exited with code ${code}`));
          });
        }),
    ),
  ).then((all) => all.flat());
}

test('every corpus mail is judged or refused with an InputError; refusals are rare', { timeout: TIMEOUT_MS + 10_000 }, async (t) => {
  if (!hasData()) {
    t.skip(`evaluation data not found at ${DATA_DIR} (it lives beside the project, not in it)`);
    return;
  }
  const files = MAIL_SETS.flatMap((set) => emlFiles(set.dir).map((path) => ({ set: set.name, path })));
  assert.ok(files.length > 1000, `expected the corpora under ${DATA_DIR}, found ${files.length} .eml files`);

  const started = performance.now();
  const results = await runWorkers(files, Math.max(1, Math.min(availableParallelism(), 4)));
  const seconds = (performance.now() - started) / 1000;

  const bySet = new Map<string, CorpusResult>();
  for (const r of results) {
    const total = bySet.get(r.set) ?? { set: r.set, judged: 0, inputErrors: [], crashes: [], slowest: [] };
    total.judged += r.judged;
    total.inputErrors.push(...r.inputErrors);
    total.crashes.push(...r.crashes);
    total.slowest = [...total.slowest, ...r.slowest].sort((a, b) => b.ms - a.ms).slice(0, 3);
    bySet.set(r.set, total);
  }

  t.diagnostic(`${files.length} mails in ${seconds.toFixed(1)} s`);
  for (const set of MAIL_SETS) {
    const r = bySet.get(set.name);
    const count = emlFiles(set.dir).length;
    if (!count) continue;
    assert.ok(r, `no results for ${set.name}`);
    assert.equal(r.judged + r.inputErrors.length + r.crashes.length, count, `every file of ${set.name} has an outcome`);
    const codes = Object.entries(Object.groupBy(r.inputErrors, (e) => e.code)).map(([code, list]) => `${code} ${list!.length}`);
    t.diagnostic(
      `${set.name}: ${count} files, ${r.judged} judged, ${r.inputErrors.length} InputErrors${codes.length ? ` (${codes.join(', ')})` : ''}, slowest ${r.slowest.map((s) => `${s.path.slice(DATA_DIR.length + 1)} ${s.ms.toFixed(0)} ms`).join('; ')}`,
    );
    assert.deepEqual(r.crashes, [], `${set.name}: only InputErrors may be thrown`);
    for (const error of r.inputErrors) {
      assert.match(error.code, /^[a-z-]+$/);
      assert.doesNotMatch(error.message, /\n\s+at /, 'InputError messages carry no stack trace');
    }
    assert.ok(
      r.inputErrors.length <= Math.floor(count * MAX_INPUT_ERROR_SHARE),
      `${set.name}: ${r.inputErrors.length} of ${count} refused, over ${MAX_INPUT_ERROR_SHARE * 100} %: ${JSON.stringify(r.inputErrors.slice(0, 5))}`,
    );
  }
});
