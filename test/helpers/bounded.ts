// Runs engine calls in a worker thread with a wall-clock bound and a heap cap. A check that
// hangs (a quadratic regex, a parser loop) is terminated and reported as a failure after
// `timeoutMs`, instead of blocking the whole test run; one that allocates without bound hits
// the worker's heap limit and fails the same way.
import { Worker } from 'node:worker_threads';
import type { Report } from '../../src/engine.ts';
import type { Job } from './bounded-worker.ts';

export type Outcome =
  | { kind: 'report'; report: Report }
  | { kind: 'input-error'; code: string; message: string }
  | { kind: 'crash'; name?: string; message: string; stack?: string };

export type BoundedEngine = {
  run(method: Job['method'], input: Uint8Array | string, options?: { limits?: Job['limits']; timeoutMs?: number }): Promise<Outcome>;
  close(): Promise<void>;
};

/** Heap cap of the worker. Every robustness case (25 MB mails included) also passes at 512 MB;
 *  twice that leaves room for other code while still failing a real blow-up. */
export const WORKER_HEAP_MB = 1024;

type Pending = Map<number, { resolve: (o: Outcome) => void; reject: (e: Error) => void }>;

export function boundedEngine(): BoundedEngine {
  let current: { worker: Worker; pending: Pending } | undefined;
  let nextId = 0;

  const start = () => {
    const worker = new Worker(new URL('./bounded-worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const pending: Pending = new Map();
    const failAll = (error: Error) => {
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
      if (current?.worker === worker) current = undefined;
    };
    worker.on('message', ({ id, outcome }: { id: number; outcome: Outcome }) => {
      const entry = pending.get(id);
      pending.delete(id);
      entry?.resolve(outcome);
    });
    worker.on('error', (error) => failAll(new Error(`engine worker died: ${error.message}`)));
    worker.on('exit', (code) => failAll(new Error(`engine worker exited with code ${code}`)));
    return { worker, pending };
  };

  return {
    run(method, input, { limits, timeoutMs = 10_000 } = {}) {
      current ??= start();
      const { worker, pending } = current;
      const id = nextId++;
      return new Promise<Outcome>((resolve, reject) => {
        const timer = setTimeout(() => {
          // Terminating interrupts even a synchronous loop; later calls start a fresh worker.
          if (current?.worker === worker) current = undefined;
          void worker.terminate();
          reject(new Error(`${method} did not finish within ${timeoutMs} ms (worker terminated)`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (outcome) => {
            clearTimeout(timer);
            resolve(outcome);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        worker.postMessage({ id, method, input, limits } satisfies Job);
      });
    },
    async close() {
      const worker = current?.worker;
      current = undefined;
      await worker?.terminate();
    },
  };
}
