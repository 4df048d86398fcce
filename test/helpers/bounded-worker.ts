// Worker side of bounded.ts: runs one engine call per message and posts back the outcome, so
// that the test thread can stop a hang (worker.terminate() interrupts even a busy regex) and
// the worker's heap cap turns unbounded memory into a failure instead of a swapping machine.
import { parentPort } from 'node:worker_threads';
import { createEngine, InputError, type Engine } from '../../src/engine.ts';
import type { Limits } from '../../src/limits.ts';

export type Job = { id: number; method: 'checkMail' | 'checkText' | 'checkUrl'; input: Uint8Array | string; limits?: Partial<Limits> };

const engines = new Map<string, Engine>();

function engineFor(limits: Partial<Limits> | undefined): Engine {
  const key = JSON.stringify(limits ?? {});
  let engine = engines.get(key);
  if (!engine) {
    engine = createEngine({ limits, now: new Date('2025-06-01T00:00:00Z') });
    engines.set(key, engine);
  }
  return engine;
}

parentPort!.on('message', async (job: Job) => {
  try {
    const engine = engineFor(job.limits);
    const report = await (job.method === 'checkMail' ? engine.checkMail(job.input) : engine[job.method](job.input as string));
    parentPort!.postMessage({ id: job.id, outcome: { kind: 'report', report } });
  } catch (error) {
    const outcome =
      error instanceof InputError
        ? { kind: 'input-error', code: error.code, message: error.message }
        : { kind: 'crash', name: (error as Error)?.name, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack };
    parentPort!.postMessage({ id: job.id, outcome });
  }
});
