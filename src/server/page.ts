// Serves the member's checker page (src/web) from memory. Only the files listed here exist:
// a request names an entry of this table, never a path, so nothing else on disk is reachable.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PAGE_CSP, setSecurityHeaders } from './security.ts';

const WEB_DIR = new URL('../web/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

const ASSETS = ['app.js', 'render.js', 'i18n.js', 'classify.js', 'style.css', 'icon.svg', 'manifest.webmanifest'];

type Asset = { body: Buffer; type: string; etag: string };

function load(name: string): Asset {
  const body = readFileSync(new URL(name, WEB_DIR));
  const type = TYPES[name.slice(name.lastIndexOf('.'))]!;
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

export function registerPage(app: FastifyInstance): void {
  const page = load('index.html');
  const assets = new Map(ASSETS.map((name) => [name, load(name)]));

  const send = (asset: Asset, ifNoneMatch: string | undefined, reply: FastifyReply) => {
    setSecurityHeaders(reply, PAGE_CSP);
    // Revalidate every time: the files are small and a stale script after an upgrade would be worse.
    reply.header('cache-control', 'no-cache').header('etag', asset.etag);
    if (ifNoneMatch === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  };

  app.get('/', (request, reply) => send(page, request.headers['if-none-match'], reply));
  app.get<{ Params: { name: string } }>('/assets/:name', (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return send(asset, request.headers['if-none-match'], reply);
  });
}
