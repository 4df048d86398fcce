// Judges mails and texts on worker threads, one engine per thread, so that checks use every
// core while the HTTP thread stays free to accept requests. Each worker runs one job at a time and jobs wait
// here, so a check that overruns its time budget is stopped by ending exactly its worker
// (the engine itself only stops between stages); a fresh worker takes the place of one that
// was ended or died.
import { Worker } from 'node:worker_threads';
import type { Engine, Report } from '../engine.ts';
import { InputError } from '../errors.ts';
import type { EngineConfig } from './engine-config.ts';
import { ApiError } from './errors.ts';
import { UsageError } from './options.ts';

/** What the API needs from an engine. */
export type Checker = Pick<Engine, 'checkMail' | 'checkText' | 'checkUrl'>;

type Op = 'mail' | 'text';
export type Job = { id: number; op: Op; input: Uint8Array | string };
export type Reply =
  | { ready: true }
  | { startError: string }
  | { id: number; report: Report }
  | { id: number; failure: { code?: string; message: string } };

type Pending = Job & { resolve(report: Report): void; reject(error: unknown): void; timer: NodeJS.Timeout };
type Slot = { worker: Worker; job?: Pending };

const WORKER_FILE = new URL('./worker.ts', import.meta.url);

/** Jobs allowed to wait before new ones are refused as `busy`. */
const MAX_WAITING = 1_000;

export class EnginePool implements Pick<Checker, 'checkMail' | 'checkText'> {
  readonly #config: EngineConfig;
  readonly #timeoutMs: number;
  readonly #workerFile: URL;
  /** Workers that are ready for jobs. */
  readonly #slots = new Set<Slot>();
  /** Every worker, starting ones included, so that close() ends them all. */
  readonly #workers = new Set<Worker>();
  readonly #waiting: Pending[] = [];
  #nextId = 1;
  #closed = false;
  /** Logs what only the operator may see (a worker's crash); never sent to a client. */
  readonly #log: (message: string) => void;

  private constructor(config: EngineConfig, timeoutMs: number, log: (message: string) => void, workerFile: URL) {
    this.#config = config;
    this.#timeoutMs = timeoutMs;
    this.#log = log;
    this.#workerFile = workerFile;
  }

  /** Starts `size` workers and resolves once all have built and warmed their engine.
   *  `workerFile` is for tests, which need workers that hang or crash on demand. */
  static async start(config: EngineConfig, size: number, timeoutMs: number, log: (message: string) => void, workerFile = WORKER_FILE): Promise<EnginePool> {
    const pool = new EnginePool(config, timeoutMs, log, workerFile);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.#spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  checkMail(raw: Uint8Array | string): Promise<Report> {
    return this.#run('mail', raw);
  }

  checkText(text: string): Promise<Report> {
    return this.#run('text', text);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) this.#fail(job, new ApiError(503, 'closing', 'the server is shutting down'));
    this.#slots.clear();
    await Promise.all([...this.#workers].map((worker) => worker.terminate()));
  }

  #spawn(): Promise<void> {
    const worker = new Worker(this.#workerFile, { workerData: this.#config });
    this.#workers.add(worker);
    const slot: Slot = { worker };
    return new Promise((resolve, reject) => {
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) {
          if (this.#closed) return void worker.terminate();
          this.#slots.add(slot);
          resolve();
          this.#pump();
        } else if ('startError' in reply) {
          reject(new UsageError(reply.startError));
        } else if (slot.job && slot.job.id === reply.id) {
          const job = slot.job;
          slot.job = undefined;
          clearTimeout(job.timer);
          if ('report' in reply) job.resolve(reply.report);
          else if (reply.failure.code) job.reject(new InputError(reply.failure.code, reply.failure.message));
          else {
            this.#log(`engine worker: ${reply.failure.message}`);
            job.reject(new Error('the engine failed on this input'));
          }
          this.#pump();
        }
      });
      worker.on('error', (error) => {
        this.#log(`engine worker crashed: ${error.stack ?? error.message}`);
        reject(error);
      });
      worker.on('exit', () => {
        this.#workers.delete(worker);
        // A worker that dies while serving (not one we retired) fails its job and is replaced.
        if (this.#slots.has(slot)) {
          if (slot.job) this.#fail(slot.job, new Error('the engine worker stopped'));
          this.#retire(slot);
        }
      });
    });
  }

  #run(op: Op, input: Uint8Array | string): Promise<Report> {
    if (this.#closed) return Promise.reject(new ApiError(503, 'closing', 'the server is shutting down'));
    if (this.#waiting.length >= MAX_WAITING) return Promise.reject(new ApiError(503, 'busy', 'the server is busy; try again shortly'));
    return new Promise((resolve, reject) => {
      const job: Pending = { id: this.#nextId++, op, input, resolve, reject, timer: undefined as unknown as NodeJS.Timeout };
      job.timer = setTimeout(() => this.#overrun(job), this.#timeoutMs);
      this.#waiting.push(job);
      this.#pump();
    });
  }

  /** Hands waiting jobs to idle workers. */
  #pump(): void {
    for (const slot of this.#slots) {
      if (this.#waiting.length === 0) return;
      if (slot.job) continue;
      const job = this.#waiting.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, op: job.op, input: job.input } satisfies Job);
    }
  }

  #overrun(job: Pending): void {
    const at = this.#waiting.indexOf(job);
    if (at >= 0) this.#waiting.splice(at, 1);
    for (const slot of this.#slots) {
      // The only way to stop a check mid-stage: end its worker.
      if (slot.job === job) this.#retire(slot);
    }
    job.reject(new ApiError(503, 'timeout', `the check took longer than ${this.#timeoutMs} ms`));
  }

  /** Takes a worker out of service at once (no job may reach it again), ends it, and starts
   *  another to keep the pool at strength. */
  #retire(slot: Slot): void {
    this.#slots.delete(slot);
    slot.job = undefined;
    void slot.worker.terminate();
    if (!this.#closed) this.#spawn().catch((error: Error) => this.#log(`cannot restart engine worker: ${error.message}`));
  }

  #fail(job: Pending, error: unknown): void {
    clearTimeout(job.timer);
    job.reject(error);
  }
}
