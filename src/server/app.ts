// Builds the HTTP server: the member's page, the API, health and metrics, with the limits,
// headers and error shape that apply to all of them. Returns the Fastify instance unstarted,
// so tests and benchmarks can listen on port 0 and `kakunin serve` on the configured address.
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { InputError } from '../errors.ts';
import { registerApi } from './api.ts';
import { registerBodyParsers } from './body.ts';
import { buildEngine, engineConfig } from './engine-config.ts';
import { ApiError, body, toErrorResponse } from './errors.ts';
import { Metrics } from './metrics.ts';
import { openApiDocument } from './openapi.ts';
import { DEFAULT_SETTINGS, type ServerSettings } from './options.ts';
import { EnginePool, type Checker } from './pool.ts';
import { registerPage } from './page.ts';
import { setSecurityHeaders } from './security.ts';
import { warmUp } from './warm-up.ts';

export type ServerOptions = Partial<Omit<ServerSettings, 'host' | 'port'>> & {
  /** An engine built elsewhere (tests); by default the server builds its own from the settings. */
  engine?: Checker;
  /** Fastify's logger: `false` for silence, or a pino level. Internal errors are logged there. */
  logLevel?: false | 'error' | 'warn' | 'info';
};

/** Our own engine, warmed before it serves. Mails and texts go to worker threads (unless
 *  `workers: 0`); a URL check is cheaper than the hop to a thread, so it stays here. An
 *  engine passed in as an option is the caller's to prepare. */
async function ownChecker(settings: ServerSettings, app: FastifyInstance): Promise<Checker> {
  const config = engineConfig(settings);
  const local = buildEngine(config);
  await warmUp(local);
  if (settings.workers === 0) return local;
  const pool = await EnginePool.start(config, settings.workers, settings.timeoutMs, (message) => app.log.error(message));
  app.addHook('onClose', () => pool.close());
  return { checkMail: (raw) => pool.checkMail(raw), checkText: (text) => pool.checkText(text), checkUrl: (url) => local.checkUrl(url) };
}

export async function createServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const settings = { ...DEFAULT_SETTINGS, ...options };
  const metrics = new Metrics();

  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.timeoutMs,
    trustProxy: settings.trustProxy,
    // While shutting down, new requests get 503 rather than a dropped connection.
    return503OnClosing: true,
  });
  const engine = options.engine ?? (await ownChecker(settings, app));

  app.setErrorHandler((error, request, reply) => {
    const { status, body: payload, internal } = toErrorResponse(error);
    if (internal) request.log.error({ err: error }, 'internal error');
    if (error instanceof InputError) metrics.inputErrors.inc({ code: error.code });
    setSecurityHeaders(reply);
    return reply.code(status).header('cache-control', 'no-store').send(payload);
  });
  app.setNotFoundHandler((_request, reply) => {
    setSecurityHeaders(reply);
    return reply.code(404).send(body('not-found', 'no such page or endpoint'));
  });

  // Security headers on every answer; the page's own routes replace the CSP with the page policy.
  app.addHook('onRequest', async (_request, reply) => {
    setSecurityHeaders(reply);
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = { route: request.routeOptions.url ?? 'unmatched', method: request.method, status: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.requestSeconds.observe({ route: labels.route }, reply.elapsedTime / 1000);
  });

  if (settings.corsOrigins.length > 0) {
    await app.register(cors, { origin: settings.corsOrigins.includes('*') ? '*' : settings.corsOrigins, methods: ['GET', 'POST'] });
  }
  registerBodyParsers(app);

  // The API lives in its own scope so that rate limiting and multipart apply to it alone.
  await app.register(async (api) => {
    if (settings.rateLimit > 0) {
      await api.register(rateLimit, {
        max: settings.rateLimit,
        timeWindow: settings.rateWindowMs,
        errorResponseBuilder: (_request, context) => new ApiError(429, 'rate-limited', `too many requests; try again in ${context.after}`),
      });
    }
    await api.register(multipart, {
      limits: { fileSize: settings.bodyLimit, files: 1, fields: 2, parts: 2, fieldSize: settings.bodyLimit },
    });
    api.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    registerApi(api, { engine, metrics, timeoutMs: settings.timeoutMs });
    const document = openApiDocument(settings);
    api.get('/api/v1/openapi.json', async () => document);
  });

  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('cache-control', 'no-store').type('text/plain; version=0.0.4; charset=utf-8');
    return metrics.render();
  });
  registerPage(app);
  return app;
}
