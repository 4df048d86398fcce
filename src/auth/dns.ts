// DNS for DKIM/SPF/DMARC/ARC/BIMI, injectable so that a check never depends on the network
// unless the operator says so. Resolvers have mailauth's shape `(name, type) → answers` and
// fail with the error codes of `node:dns` (ENOTFOUND, ENODATA, ETIMEOUT) that mailauth reads.
import { z } from 'zod';
import type { RecordedDns } from '../detectors/detector.ts';

export type Resolver = (name: string, type: string) => Promise<unknown>;

const RECORD_TYPES = ['TXT', 'MX', 'A', 'AAAA', 'CNAME', 'PTR'] as const;

function dnsError(code: 'ENOTFOUND' | 'ENODATA' | 'ETIMEOUT', name: string, type: string): Error {
  return Object.assign(new Error(`${type} ${name}: ${code}`), { code, hostname: name });
}

/** Lower case, no trailing dot: the form names are recorded in. */
function recordName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Answers from recorded data only: a name missing from every type is NXDOMAIN, a name known
 *  under another type has no data of the asked type. No lookup ever leaves the process. */
export function recordedResolver(recorded: RecordedDns): Resolver {
  const tables = new Map<string, Map<string, unknown[]>>();
  for (const type of RECORD_TYPES) {
    const entries = Object.entries(recorded[type] ?? {}).map(([name, answers]) => [recordName(name), answers] as [string, unknown[]]);
    tables.set(type, new Map(entries));
  }
  return async (name, type) => {
    const key = recordName(name);
    const answers = tables.get(type.toUpperCase())?.get(key);
    if (answers && answers.length > 0) return structuredClone(answers);
    const known = [...tables.values()].some((table) => table.has(key));
    throw dnsError(known ? 'ENODATA' : 'ENOTFOUND', key, type);
  };
}

/** The default when no DNS is configured: every lookup fails at once as a timeout, so each
 *  result reads temperror ("not checked") instead of a hang or a network request. */
export const offlineResolver: Resolver = async (name, type) => {
  throw dnsError('ETIMEOUT', recordName(name), type);
};

// TXT answers are lists of character-strings; a bare string is accepted as a one-chunk record.
const txtAnswer = z.union([z.array(z.string()), z.string().transform((s) => [s])]);
const mxAnswer = z.object({ exchange: z.string(), priority: z.number() }).strict();
const recordedSchema = z
  .object({
    TXT: z.record(z.string(), z.array(txtAnswer)).optional(),
    MX: z.record(z.string(), z.array(mxAnswer)).optional(),
    A: z.record(z.string(), z.array(z.ipv4())).optional(),
    AAAA: z.record(z.string(), z.array(z.ipv6())).optional(),
    CNAME: z.record(z.string(), z.array(z.string())).optional(),
    PTR: z.record(z.string(), z.array(z.string())).optional(),
  })
  .strict();

export class RecordedDnsError extends Error {
  override name = 'RecordedDnsError';
}

/** Parses a `--dns FILE` document; errors name the offending path. */
export function parseRecordedDns(text: string, source: string): RecordedDns {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RecordedDnsError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  const result = recordedSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new RecordedDnsError(`${source}: invalid recorded DNS: ${problems.join('; ')}`);
  }
  return result.data;
}
