// Every failure leaves the server as `{"error": {"code", "message"}}` with a fitting status.
// Framework errors are mapped to stable codes here; anything unexpected becomes `internal`
// with a fixed message, so a stack trace or an internal path never reaches a client.
import type { FastifyError } from 'fastify';
import { InputError } from '../errors.ts';

export type ErrorBody = { error: { code: string; message: string } };

/** An error the API means to send as is. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const FRAMEWORK_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too-large', 'the request body is larger than the server accepts'],
  FST_REQ_FILE_TOO_LARGE: [413, 'too-large', 'the uploaded file is larger than the server accepts'],
  FST_FILES_LIMIT: [413, 'too-many-files', 'send one file per request'],
  FST_PARTS_LIMIT: [413, 'too-many-parts', 'the form has too many parts'],
  FST_FIELDS_LIMIT: [413, 'too-many-fields', 'the form has too many fields'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type', 'unsupported Content-Type'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'unsupported-media-type', 'unsupported Content-Type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty', 'the JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad-json', 'the body is not valid JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad-request', 'Content-Length does not match the body'],
  FST_ERR_CTP_INVALID_CHARSET: [415, 'unsupported-charset', 'send the body in UTF-8'],
  FST_PROTO_VIOLATION: [400, 'bad-json', 'the body is not valid JSON'],
  FST_CONSTRUCTOR_VIOLATION: [400, 'bad-json', 'the body is not valid JSON'],
  FST_ERR_REQUEST_TIMEOUT: [408, 'timeout', 'the request took too long to arrive'],
};

/** Status and body for any error thrown while handling a request. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (error instanceof ApiError) return { status: error.status, body: body(error.code, error.message), internal: false };
  // The engine's own refusals (empty, not a mail, too large) are the member's input, not our fault.
  if (error instanceof InputError) {
    const status = error.code === 'too-large' ? 413 : 422;
    return { status, body: body(error.code, error.message), internal: false };
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  const known = fastifyError?.code ? FRAMEWORK_CODES[fastifyError.code] : undefined;
  if (known) return { status: known[0], body: body(known[1], known[2]), internal: false };
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Other client errors from the framework: their message is about the request, not our code.
    return { status, body: body('bad-request', String(fastifyError?.message ?? 'bad request').slice(0, 200)), internal: false };
  }
  return { status: 500, body: body('internal', 'the server could not check this input; the error has been logged'), internal: true };
}

export function body(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
