// Server settings: defaults, environment variables and `kakunin serve` flags, resolved in that
// order (a flag beats the environment, which beats the default). docs/server.md lists them;
// keep the two in step.
import { availableParallelism } from 'node:os';
import { DEFAULT_TRUSTED_HOPS } from '../auth/mail-auth.ts';

export type ServerSettings = {
  host: string;
  port: number;
  /** Largest request body accepted, in bytes (also the largest mail the engine reads). */
  bodyLimit: number;
  /** Requests per client per window on /api/*; 0 turns rate limiting off. */
  rateLimit: number;
  rateWindowMs: number;
  /** Time budget for one request, in milliseconds: receiving the body and judging it. */
  timeoutMs: number;
  /** Origins allowed to call the API from a browser; empty means no CORS headers at all. */
  corsOrigins: string[];
  /** Trust X-Forwarded-For from a reverse proxy (so that rate limits apply per real client). */
  trustProxy: boolean;
  /** Brand profile files overlaid on the built-in ones. */
  profiles: string[];
  /** Finding weights overlaid on the defaults (YAML); '' for the defaults. */
  weights: string;
  /** Extra S/MIME trust anchors (PEM files). */
  trustAnchors: string[];
  /** Received headers (from the top) added by the members' own mail provider. */
  trustedHops: number;
  /** authserv-id whose Authentication-Results headers may be trusted; '' trusts none. */
  authServId: string;
  /** Worker threads that run checks; 0 runs them on the HTTP thread. */
  workers: number;
};

export const DEFAULT_SETTINGS: ServerSettings = {
  host: '127.0.0.1',
  port: 8080,
  bodyLimit: 10 * 1024 * 1024,
  rateLimit: 120,
  rateWindowMs: 60_000,
  timeoutMs: 10_000,
  corsOrigins: [],
  trustProxy: false,
  profiles: [],
  weights: '',
  trustAnchors: [],
  trustedHops: DEFAULT_TRUSTED_HOPS,
  authServId: '',
  workers: availableParallelism(),
};

export class UsageError extends Error {
  override name = 'UsageError';
}

type Kind = 'string' | 'int' | 'bool' | 'list';
type Spec = { key: keyof ServerSettings; kind: Kind; env?: string };

// One table drives both the flags and the environment, so they cannot drift apart.
const SPECS: Record<string, Spec> = {
  '--host': { key: 'host', kind: 'string', env: 'HOST' },
  '--port': { key: 'port', kind: 'int', env: 'PORT' },
  '--body-limit': { key: 'bodyLimit', kind: 'int', env: 'KAKUNIN_BODY_LIMIT' },
  '--rate-limit': { key: 'rateLimit', kind: 'int', env: 'KAKUNIN_RATE_LIMIT' },
  '--rate-window': { key: 'rateWindowMs', kind: 'int', env: 'KAKUNIN_RATE_WINDOW_MS' },
  '--timeout': { key: 'timeoutMs', kind: 'int', env: 'KAKUNIN_TIMEOUT_MS' },
  '--cors-origin': { key: 'corsOrigins', kind: 'list', env: 'KAKUNIN_CORS_ORIGINS' },
  '--trust-proxy': { key: 'trustProxy', kind: 'bool', env: 'KAKUNIN_TRUST_PROXY' },
  '--profile': { key: 'profiles', kind: 'list' },
  '--weights': { key: 'weights', kind: 'string', env: 'KAKUNIN_WEIGHTS' },
  '--trust-anchor': { key: 'trustAnchors', kind: 'list', env: 'KAKUNIN_TRUST_ANCHORS' },
  '--trusted-hops': { key: 'trustedHops', kind: 'int', env: 'KAKUNIN_TRUSTED_HOPS' },
  '--auth-serv-id': { key: 'authServId', kind: 'string', env: 'KAKUNIN_AUTH_SERV_ID' },
  '--workers': { key: 'workers', kind: 'int', env: 'KAKUNIN_WORKERS' },
};

function toInt(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

function toBool(name: string, text: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off|)$/i.test(text)) return false;
  throw new UsageError(`${name} must be true or false, got "${text}"`);
}

function assign(settings: ServerSettings, spec: Spec, name: string, text: string, append: boolean): void {
  const target = settings as Record<keyof ServerSettings, unknown>;
  switch (spec.kind) {
    case 'string':
      target[spec.key] = text;
      break;
    case 'int':
      target[spec.key] = toInt(name, text);
      break;
    case 'bool':
      target[spec.key] = toBool(name, text);
      break;
    case 'list': {
      // Environment lists are comma-separated; a repeated flag adds one item each time.
      const items = append ? [text] : text.split(',').map((s) => s.trim()).filter(Boolean);
      target[spec.key] = append ? [...(target[spec.key] as string[]), ...items] : items;
      break;
    }
  }
}

export function resolveSettings(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, corsOrigins: [], profiles: [], trustAnchors: [] };
  for (const spec of Object.values(SPECS)) {
    const value = spec.env ? env[spec.env] : undefined;
    if (value !== undefined && value !== '') assign(settings, spec, spec.env!, value, false);
  }
  // Flags given on the command line replace what the environment said for lists, then accumulate.
  const flagged = new Set<keyof ServerSettings>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const spec = SPECS[name];
    if (!spec) throw new UsageError(`unknown option "${arg}"`);
    let value: string;
    if (eq > 0 && name !== arg) value = arg.slice(eq + 1);
    else if (spec.kind === 'bool') value = 'true';
    else {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      value = next;
    }
    if (spec.kind === 'list' && !flagged.has(spec.key)) (settings as Record<string, unknown>)[spec.key] = [];
    flagged.add(spec.key);
    assign(settings, spec, name, value, spec.kind === 'list');
  }
  if (settings.port > 65_535) throw new UsageError(`port must be at most 65535, got ${settings.port}`);
  if (settings.bodyLimit < 1) throw new UsageError('body limit must be at least 1 byte');
  if (settings.timeoutMs < 1) throw new UsageError('timeout must be at least 1 ms');
  if (settings.workers > 64) throw new UsageError(`at most 64 workers, got ${settings.workers}`);
  if (settings.rateLimit > 0 && settings.rateWindowMs < 1) throw new UsageError('rate window must be at least 1 ms');
  for (const origin of settings.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new UsageError(`CORS origin must look like https://host[:port] (or *), got "${origin}"`);
    }
  }
  return settings;
}

export const USAGE = `Usage: kakunin serve [options]

Serves the member's checker page and the HTTP API.

  --host H            address to listen on (env HOST, default ${DEFAULT_SETTINGS.host})
  --port N            port, 0 for any free one (env PORT, default ${DEFAULT_SETTINGS.port})
  --profile FILE      extra brand profile (repeatable)
  --weights FILE      override finding weights (env KAKUNIN_WEIGHTS)
  --trust-anchor FILE extra S/MIME trust anchor, PEM (repeatable; env KAKUNIN_TRUST_ANCHORS, comma-separated)
  --trusted-hops N    Received headers added by the members' mail provider (env KAKUNIN_TRUSTED_HOPS, default ${DEFAULT_TRUSTED_HOPS})
  --auth-serv-id ID   trust Authentication-Results from this host only (env KAKUNIN_AUTH_SERV_ID; default: trust none)
  --body-limit BYTES  largest request body (env KAKUNIN_BODY_LIMIT, default ${DEFAULT_SETTINGS.bodyLimit})
  --rate-limit N      API requests per client per window, 0 = off (env KAKUNIN_RATE_LIMIT, default ${DEFAULT_SETTINGS.rateLimit})
  --rate-window MS    rate limit window (env KAKUNIN_RATE_WINDOW_MS, default ${DEFAULT_SETTINGS.rateWindowMs})
  --workers N         threads that run checks, 0 = on the HTTP thread (env KAKUNIN_WORKERS, default: one per core, ${DEFAULT_SETTINGS.workers} here)
  --timeout MS        time budget per request (env KAKUNIN_TIMEOUT_MS, default ${DEFAULT_SETTINGS.timeoutMs})
  --cors-origin URL   allow browser calls from this origin (repeatable; env KAKUNIN_CORS_ORIGINS, comma-separated; default none)
  --trust-proxy       take the client address from X-Forwarded-For (env KAKUNIN_TRUST_PROXY)
`;
