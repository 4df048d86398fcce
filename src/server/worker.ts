// One engine in a worker thread (see pool.ts): builds and warms the engine from the config it
// is started with, says it is ready (or why it cannot start), then judges one job at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import { buildEngine, type EngineConfig } from './engine-config.ts';
import type { Job, Reply } from './pool.ts';
import { warmUp } from './warm-up.ts';

const port = parentPort!;
let engine: ReturnType<typeof buildEngine>;
try {
  engine = buildEngine(workerData as EngineConfig);
  await warmUp(engine);
  port.postMessage({ ready: true } satisfies Reply);
} catch (error) {
  port.postMessage({ startError: (error as Error).message } satisfies Reply);
  process.exit(1);
}

port.on('message', async ({ id, op, input }: Job) => {
  try {
    const report = op === 'mail' ? await engine.checkMail(input) : await engine.checkText(input as string);
    port.postMessage({ id, report } satisfies Reply);
  } catch (error) {
    const failure =
      error instanceof InputError ? { code: error.code, message: error.message } : { message: (error as Error).stack ?? String(error) };
    port.postMessage({ id, failure } satisfies Reply);
  }
});
