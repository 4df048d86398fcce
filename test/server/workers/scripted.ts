// A stand-in engine worker for the pool tests, speaking the pool's protocol: the input says
// what to do — answer, refuse as not a mail, fail, hang (a busy loop, as a runaway check
// would), or die.
import { parentPort } from 'node:worker_threads';
import type { Job, Reply } from '../../../src/server/pool.ts';

const port = parentPort!;
port.postMessage({ ready: true } satisfies Reply);
port.on('message', ({ id, input }: Job) => {
  const what = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (what === 'hang') for (;;);
  if (what === 'die') process.exit(3);
  if (what === 'refuse') return port.postMessage({ id, failure: { code: 'not-a-mail', message: 'not a mail' } } satisfies Reply);
  if (what === 'fail') return port.postMessage({ id, failure: { message: 'Error: boom\n    at secret (/work/x.ts:1:1)' } } satisfies Reply);
  // Only the fields the pool passes through matter here.
  port.postMessage({ id, report: { verdict: 'unverified', message: { kind: 'text' }, echo: what } as never } satisfies Reply);
});
