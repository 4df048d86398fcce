// The HTTP API: POST /api/v1/check (a mail or a text in any of the accepted body forms) and
// POST /api/v1/url (a list of links). Answers have the shape of the CLI's `--json` output.
// This file only turns request bodies into engine calls; limits and headers are set up in app.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Report } from '../engine.ts';
import { ApiError } from './errors.ts';
import type { Metrics } from './metrics.ts';
import type { Checker } from './pool.ts';

/** Most URLs one /api/v1/url request may carry, and the longest URL looked at. */
export const MAX_URLS = 100;
export const MAX_URL_CHARS = 8_192;

type Input = { kind: 'mail'; raw: Uint8Array | string; file?: string } | { kind: 'text'; text: string; file?: string };

export type ApiDeps = { engine: Checker; metrics: Metrics; timeoutMs: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJson(body: unknown): Input {
  if (!isRecord(body)) throw new ApiError(400, 'bad-request', 'send a JSON object: {"mail": "…"} or {"text": "…"}');
  const keys = ['mail', 'text'].filter((k) => k in body);
  if (keys.length !== 1) throw new ApiError(400, 'bad-request', 'give exactly one of "mail" or "text"');
  const value = body[keys[0]!];
  if (typeof value !== 'string') throw new ApiError(400, 'bad-request', `"${keys[0]}" must be a string`);
  return keys[0] === 'mail' ? { kind: 'mail', raw: value } : { kind: 'text', text: value };
}

async function fromMultipart(request: FastifyRequest): Promise<Input> {
  let input: Input | undefined;
  for await (const part of request.parts()) {
    if (input) throw new ApiError(400, 'bad-request', 'send one file (or one "mail"/"text" field) per request');
    if (part.type === 'file') {
      // Any uploaded file is taken as a mail (.eml, forwarded-as-attachment mails included).
      input = { kind: 'mail', raw: new Uint8Array(await part.toBuffer()), file: part.filename || undefined };
    } else if (part.fieldname === 'mail' || part.fieldname === 'text') {
      const value = String(part.value);
      input = part.fieldname === 'mail' ? { kind: 'mail', raw: value } : { kind: 'text', text: value };
    } else {
      throw new ApiError(400, 'bad-request', `unexpected form field "${part.fieldname}"; send a file, or a "mail" or "text" field`);
    }
  }
  if (!input) throw new ApiError(400, 'empty', 'the form carries no file');
  return input;
}

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

async function readInput(request: FastifyRequest): Promise<Input> {
  const type = mediaType(request);
  if (type === 'message/rfc822') return { kind: 'mail', raw: request.body as Buffer };
  if (type === 'text/plain') return { kind: 'text', text: request.body as string };
  if (type === 'application/json') return fromJson(request.body);
  if (type === 'multipart/form-data') return fromMultipart(request);
  throw new ApiError(415, 'unsupported-media-type', 'send message/rfc822, text/plain, multipart/form-data or application/json');
}

/** Answers 503 when a check overruns the request's time budget. With worker threads the pool
 *  also ends the runaway worker; on the HTTP thread (`workers: 0`, or an engine passed in) the
 *  answer can only go once the thread is free, and the engine itself stops between stages. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(503, 'timeout', `the check took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function registerApi(app: FastifyInstance, { engine, metrics, timeoutMs }: ApiDeps): void {
  const counted = (report: Report): Report => {
    metrics.checks.inc({ kind: report.message.kind, verdict: report.verdict });
    return report;
  };

  app.post('/api/v1/check', async (request) => {
    const input = await readInput(request);
    // The engine judges any text, but a blank one is a mistake of the caller, as for mails.
    if (input.kind === 'text' && !input.text.trim()) throw new ApiError(422, 'empty', 'the input is empty');
    const report = await withTimeout(input.kind === 'mail' ? engine.checkMail(input.raw) : engine.checkText(input.text), timeoutMs);
    counted(report);
    return input.file === undefined ? report : { file: input.file, ...report };
  });

  app.post('/api/v1/url', async (request) => {
    if (mediaType(request) !== 'application/json') throw new ApiError(415, 'unsupported-media-type', 'send application/json: {"urls": […]}');
    const body = request.body;
    const urls = isRecord(body) ? body.urls : undefined;
    if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) {
      throw new ApiError(400, 'bad-request', 'send JSON {"urls": ["https://…", …]} with at least one URL');
    }
    if (urls.length > MAX_URLS) throw new ApiError(413, 'too-many-urls', `at most ${MAX_URLS} URLs per request`);
    if (urls.some((u: string) => !u.trim())) throw new ApiError(422, 'empty', 'a URL in the list is empty');
    const long = urls.find((u: string) => u.length > MAX_URL_CHARS);
    if (long !== undefined) throw new ApiError(413, 'too-large', `URLs longer than ${MAX_URL_CHARS} characters are not checked`);
    const results = await withTimeout(
      Promise.all((urls as string[]).map(async (url) => ({ url, ...counted(await engine.checkUrl(url)) }))),
      timeoutMs,
    );
    return { results };
  });
}
