// Worker for the corpus test: judges its share of the .eml files and posts back, per data set,
// how many were judged, the InputErrors by code, anything else that was thrown, and the
// slowest files. Runs in a worker so the ~5,400 files spread over the machine's cores.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, InputError } from '../../src/engine.ts';

export type CorpusJob = { files: { set: string; path: string }[] };
export type CorpusResult = {
  set: string;
  judged: number;
  inputErrors: { path: string; code: string; message: string }[];
  crashes: { path: string; error: string }[];
  slowest: { path: string; ms: number }[];
};

const engine = createEngine({ now: new Date('2025-06-01T00:00:00Z') });
const results = new Map<string, CorpusResult>();

for (const { set, path } of (workerData as CorpusJob).files) {
  let result = results.get(set);
  if (!result) results.set(set, (result = { set, judged: 0, inputErrors: [], crashes: [], slowest: [] }));
  const started = performance.now();
  try {
    await engine.checkMail(readFileSync(path));
    result.judged++;
  } catch (error) {
    if (error instanceof InputError) result.inputErrors.push({ path, code: error.code, message: error.message });
    else result.crashes.push({ path, error: (error as Error)?.stack ?? String(error) });
  }
  const ms = performance.now() - started;
  result.slowest.push({ path, ms });
  if (result.slowest.length > 20) result.slowest = result.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
}
for (const result of results.values()) result.slowest = result.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
parentPort!.postMessage([...results.values()]);
