// Request body parsers beyond Fastify's JSON: raw mails (message/rfc822) stay bytes, because
// signatures cover bytes and the mail parser decodes each part by its own charset; pasted
// text is decoded by the charset the client declares (Japanese systems still send
// Shift_JIS or ISO-2022-JP), defaulting to UTF-8.
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.ts';

function decodeText(body: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new ApiError(415, 'unsupported-charset', `unknown charset "${charset.slice(0, 40)}"`);
  }
  return decoder.decode(body);
}

export function registerBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, decodeText(body as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
