// The OpenAPI 3.1 description served at /api/v1/openapi.json. Hand-written to describe what
// api.ts does and what engine.ts returns; test/server/api.test.ts checks that every path
// here answers and that a real report has the fields the Report schema marks required.
import { MAX_URL_CHARS, MAX_URLS } from './api.ts';
import type { ServerSettings } from './options.ts';

const bilingual = {
  type: 'object',
  required: ['ja', 'en'],
  properties: { ja: { type: 'string' }, en: { type: 'string' } },
};

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['too-large', 'unsupported-media-type', 'rate-limited', 'empty'] },
        message: { type: 'string' },
      },
    },
  },
};

const report = {
  type: 'object',
  required: ['verdict', 'score', 'brand', 'brandName', 'claimedBy', 'findings', 'advice', 'officialLinks', 'details', 'message', 'ms'],
  properties: {
    verdict: {
      type: 'string',
      enum: ['genuine', 'unverified', 'suspicious', 'phishing'],
      description: '本物 / 判断できません / 注意 / フィッシングの可能性が高い. `genuine` needs proof (valid S/MIME or aligned DKIM+DMARC).',
    },
    score: { type: 'integer', minimum: 0, maximum: 100, description: 'Risk score; 0 for genuine.' },
    brand: { type: ['string', 'null'], description: 'Id of the claimed brand profile, e.g. `micard`.' },
    brandName: { oneOf: [bilingual, { type: 'null' }] },
    claimedBy: {
      type: 'array',
      items: { type: 'object', required: ['source', 'text'], properties: { source: { type: 'string' }, text: { type: 'string' } } },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'severity', 'message', 'evidence'],
        properties: {
          code: { type: 'string', examples: ['LINK_TEXT_MISMATCH'] },
          severity: { type: 'string', enum: ['info', 'low', 'medium', 'high', 'critical'] },
          message: bilingual,
          evidence: {
            type: 'array',
            items: {
              type: 'object',
              required: ['kind', 'value'],
              properties: {
                kind: { type: 'string', enum: ['url', 'link', 'host', 'header', 'text', 'phone', 'attachment', 'signature', 'auth', 'limit'] },
                value: { type: 'string' },
                shown: { type: 'string', description: 'For links: the text the reader saw.' },
                host: { type: 'string', description: 'For URLs: the host it really goes to.' },
                where: { type: 'string' },
              },
            },
          },
        },
      },
    },
    advice: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'ja', 'en'],
        properties: {
          key: { type: 'string', enum: ['doNotClick', 'contact', 'passwordEntered', 'cardEntered', 'police', 'delete', 'report'] },
          ja: { type: 'string' },
          en: { type: 'string' },
        },
      },
    },
    officialLinks: {
      type: 'array',
      items: { type: 'object', required: ['url', 'label'], properties: { url: { type: 'string' }, label: bilingual } },
    },
    details: { type: 'object', description: 'Summaries by detector, e.g. `auth`: signer, CA and the DKIM/SPF/DMARC checks.' },
    message: {
      type: 'object',
      required: ['kind', 'links', 'attachments'],
      properties: {
        kind: { type: 'string', enum: ['mail', 'text', 'url'] },
        from: { type: 'string' },
        subject: { type: 'string' },
        date: { type: 'string' },
        links: { type: 'integer' },
        attachments: { type: 'integer' },
        forwarded: { type: 'object', description: 'Set when the judged message is a forwarded original.' },
      },
    },
    ms: { type: 'number', description: 'Milliseconds the engine spent.' },
    file: { type: 'string', description: 'Name of the uploaded file (multipart uploads only).' },
  },
};

function errors(...statuses: number[]) {
  const reasons: Record<number, string> = {
    400: 'Malformed request',
    408: 'The body took too long to arrive',
    413: 'Body, file or URL list too large',
    415: 'Unsupported Content-Type or charset',
    422: 'The input cannot be judged (empty, not a mail)',
    429: 'Rate limit reached; see Retry-After',
    503: 'The check ran out of time (`timeout`), too many checks are waiting (`busy`), or the server is shutting down (`closing`)',
  };
  return Object.fromEntries(
    statuses.map((status) => [String(status), { description: reasons[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
}

export function openApiDocument(settings: Pick<ServerSettings, 'bodyLimit' | 'rateLimit' | 'rateWindowMs' | 'timeoutMs'>) {
  const limits = `Bodies up to ${settings.bodyLimit} bytes; ${settings.rateLimit > 0 ? `${settings.rateLimit} API requests per client per ${settings.rateWindowMs / 1000} s` : 'no rate limit'}; ${settings.timeoutMs} ms per request.`;
  return {
    openapi: '3.1.0',
    info: {
      title: 'kakunin API',
      version: '1',
      description: `Tells whether a mail, an SMS or a link really comes from the brand it claims. ${limits} Errors are JSON: {"error": {"code", "message"}}.`,
    },
    paths: {
      '/api/v1/check': {
        post: {
          summary: 'Judge one mail or text',
          description: 'A raw mail (message/rfc822), pasted text or an SMS (text/plain; charset honoured), an uploaded .eml (multipart/form-data, field `file`; or a `mail`/`text` field), or JSON {"mail": "…"} / {"text": "…"}.',
          requestBody: {
            required: true,
            content: {
              'message/rfc822': { schema: { type: 'string', format: 'binary' } },
              'text/plain': { schema: { type: 'string' } },
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, mail: { type: 'string' }, text: { type: 'string' } } },
              },
              'application/json': {
                schema: {
                  oneOf: [
                    { type: 'object', required: ['mail'], properties: { mail: { type: 'string' } }, additionalProperties: false },
                    { type: 'object', required: ['text'], properties: { text: { type: 'string' } }, additionalProperties: false },
                  ],
                },
              },
            },
          },
          responses: {
            '200': { description: 'The report', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } } },
            ...errors(400, 408, 413, 415, 422, 429, 503),
          },
        },
      },
      '/api/v1/url': {
        post: {
          summary: 'Judge links',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['urls'],
                  properties: { urls: { type: 'array', minItems: 1, maxItems: MAX_URLS, items: { type: 'string', maxLength: MAX_URL_CHARS } } },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'One report per URL, in order',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['results'],
                    properties: {
                      results: {
                        type: 'array',
                        items: { allOf: [{ $ref: '#/components/schemas/Report' }, { type: 'object', required: ['url'], properties: { url: { type: 'string' } } }] },
                      },
                    },
                  },
                },
              },
            },
            ...errors(400, 413, 415, 429, 503),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness',
          responses: { '200': { description: 'Up', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } } } } } } },
        },
      },
      '/metrics': {
        get: { summary: 'Prometheus metrics', responses: { '200': { description: 'Text exposition format 0.0.4', content: { 'text/plain': {} } } } },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
      },
    },
    components: { schemas: { Report: report, Error: error } },
  };
}
