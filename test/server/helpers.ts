// Starts a real server on an ephemeral loopback port for a test and stops it afterwards.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createServer, type ServerOptions } from '../../src/server/app.ts';

export type Running = { app: FastifyInstance; base: string; close(): Promise<void> };

export async function startServer(options: ServerOptions = {}): Promise<Running> {
  // Checks on the HTTP thread unless a test asks for workers: starting threads per server is slow.
  const app = await createServer({ rateLimit: 0, workers: 0, logLevel: false, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { app, base: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

const FIXTURES = new URL('../fixtures/web/', import.meta.url);

/** A fixture's bytes, typed for fetch bodies and Blobs. */
export function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}
