// DKIM, SPF, DMARC, ARC and BIMI through mailauth. kakunin judges a mail after delivery, so
// the SMTP facts SPF needs (connecting IP, HELO) come from the Received header written by the
// last trusted hop, or from the operator (`--ip`, `--helo`). DNS always goes through the given
// resolver: recorded answers, or one that fails at once so results read "temperror".
import { createRequire } from 'node:module';
import type { Resolver } from './dns.ts';
import { bytesToText, parseEntity, type HeaderField } from './mime-bytes.ts';

type ReceivedParse = { from?: { value: string; comment?: string } };
const { parseReceived, getClientAddress } = createRequire(import.meta.url)('mailauth/lib/parse-received.js') as {
  parseReceived(line: string): ReceivedParse | false;
  getClientAddress(from: ReceivedParse['from']): string | false;
};

export type MailAuthOptions = {
  resolver: Resolver;
  ip?: string;
  helo?: string;
  /** Received headers, counted from the top, that were written by the receiving side. */
  trustedHops?: number;
};

export type Connection = {
  ip?: string;
  helo?: string;
  source: 'options' | 'received' | 'unknown';
  /** Which Received header (1 = topmost) the IP was read from. */
  hop?: number;
};

export type DkimSummary = {
  domain: string;
  selector: string;
  algorithm: string;
  result: string;
  comment?: string;
  /** The signing domain aligns with the From domain (DMARC's view when it ran). */
  aligned: boolean;
  /** The body no longer matches the signed body hash. */
  bodyAltered: boolean;
  /** With an `l=` tag, when body follows the signed length: the bytes signed, and those added after. */
  signedBodyBytes?: number;
  unsignedBodyBytes?: number;
  /** Headers a reader sees (From, Subject, Reply-To) with an instance the signature leaves out:
   *  not in its `h=` list, or one more copy than it lists (a second Subject added above the
   *  signed one, which mail programs show first). */
  unsignedHeaders?: string[];
};

export type ResultSummary = { result: string; comment?: string };

export type MailAuthSummary = {
  connection: Connection;
  fromDomain?: string;
  dkim: DkimSummary[];
  spf: ResultSummary & { domain?: string };
  dmarc: ResultSummary & { domain?: string; policy?: string; dkimAligned?: string; spfAligned?: string };
  arc: ResultSummary & { instance?: number };
  bimi: ResultSummary & { location?: string };
};

export const DEFAULT_TRUSTED_HOPS = 1;

/** mailauth takes about half a second to load; it loads on the first mail checked, or at
 *  start-up when a long-running server calls this. */
export function loadMailauth(): Promise<typeof import('mailauth')> {
  return import('mailauth');
}

/** The connecting client as recorded by the deepest trusted hop that recorded one. */
export function connectionFromReceived(headers: HeaderField[], trustedHops: number): Connection {
  const received = headers.filter((h) => h.name === 'received').slice(0, Math.max(0, trustedHops));
  for (let hop = received.length; hop >= 1; hop--) {
    const parsed = parseReceived(`Received: ${received[hop - 1].value}`);
    const ip = parsed && parsed.from ? getClientAddress(parsed.from) : false;
    if (parsed && parsed.from && ip) return { ip, helo: parsed.from.value, source: 'received', hop };
  }
  return { source: 'unknown' };
}

/** Headers whose every copy a signature must cover for it to vouch for what the reader sees. */
const SHOWN_HEADERS = ['from', 'subject', 'reply-to'];

/** The shown headers of a mail that a signature listing `signed` (its `h=` tag) leaves unsigned.
 *  An unsigned Reply-To to the sender's own domain changes nothing (iCloud signs none). */
function unsignedShownHeaders(headers: HeaderField[], signed: string, fromDomain: string | undefined): string[] {
  const listed = signed.toLowerCase().split(':').map((name) => name.trim());
  return SHOWN_HEADERS.filter((name) => {
    const copies = headers.filter((h) => h.name === name);
    if (copies.length <= listed.filter((key) => key === name).length) return false;
    return name !== 'reply-to' || copies.some((h) => [...h.value.matchAll(/@([\w.-]+)/g)].some((m) => m[1]!.toLowerCase() !== fromDomain));
  });
}

function summarizeDkim(
  results: { signingDomain?: string; selector?: string; algo?: string; canonBodyLength?: number; signingHeaders?: { keys?: string }; status: { result: string; comment?: string; aligned?: string | false; underSized?: number } }[],
  headers: HeaderField[],
  fromDomain: string | undefined,
): DkimSummary[] {
  return results.map((r) => {
    const unsignedHeaders = r.signingHeaders?.keys === undefined ? [] : unsignedShownHeaders(headers, r.signingHeaders.keys, fromDomain);
    return {
      domain: (r.signingDomain ?? '').toLowerCase(),
      selector: r.selector ?? '',
      algorithm: r.algo ?? '',
      result: r.status.result,
      ...(r.status.comment ? { comment: r.status.comment } : {}),
      aligned: !!r.status.aligned,
      bodyAltered: /body hash did not verify/i.test(r.status.comment ?? ''),
      ...(r.status.underSized ? { signedBodyBytes: r.canonBodyLength, unsignedBodyBytes: r.status.underSized } : {}),
      ...(unsignedHeaders.length ? { unsignedHeaders } : {}),
    };
  });
}

/** The summary for a mail that was not authenticated at all: offline, and nothing to prove. */
export function notCheckedSummary(reason: string): MailAuthSummary {
  const skipped = { result: 'none', comment: reason };
  return { connection: { source: 'unknown' }, dkim: [], spf: skipped, dmarc: skipped, arc: skipped, bimi: skipped };
}

export async function runMailAuth(raw: Uint8Array, options: MailAuthOptions): Promise<MailAuthSummary> {
  const headers = parseEntity(bytesToText(raw)).headers;
  const connection: Connection = options.ip
    ? { ip: options.ip, helo: options.helo, source: 'options' }
    : options.helo
      ? { helo: options.helo, source: 'options' }
      : connectionFromReceived(headers, options.trustedHops ?? DEFAULT_TRUSTED_HOPS);
  const returnPath = headers.find((h) => h.name === 'return-path')?.value.replace(/[<>\s]/g, '');
  const { authenticate } = await loadMailauth();
  const result = await authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    resolver: options.resolver as never,
    ip: connection.ip,
    helo: connection.helo,
    sender: returnPath || undefined,
    mta: 'kakunin',
    rejectRsaSha1: true,
  });
  const dmarc = result.dmarc || undefined;
  const arc = result.arc || undefined;
  const bimi = result.bimi || undefined;
  const spf = connection.ip && result.spf ? result.spf : undefined;
  const fromDomain = dmarc?.status.header?.from ?? result.dkim.headerFrom[0]?.split('@').pop()?.toLowerCase();
  return {
    connection,
    fromDomain,
    dkim: summarizeDkim(result.dkim.results, headers, fromDomain),
    spf: spf
      ? { result: spf.status.result, domain: spf.domain, ...(spf.status.comment ? { comment: spf.status.comment } : {}) }
      : { result: 'none', comment: 'not checked: the connecting IP is unknown (use --ip or --trusted-hops)' },
    dmarc: dmarc
      ? {
          result: dmarc.status.result,
          domain: dmarc.domain,
          policy: dmarc.policy,
          dkimAligned: dmarc.alignment?.dkim?.result || undefined,
          spfAligned: dmarc.alignment?.spf?.result || undefined,
          ...(dmarc.error ? { comment: dmarc.error } : dmarc.status.comment ? { comment: dmarc.status.comment } : {}),
        }
      : { result: 'none', comment: result.dmarcSkipReason ?? 'no From domain' },
    arc: arc
      ? { result: arc.status.result, ...(arc.i ? { instance: arc.i } : {}), ...(arc.status.comment ? { comment: arc.status.comment } : {}) }
      : { result: 'none' },
    bimi: bimi ? { result: bimi.status.result, ...(bimi.location ? { location: bimi.location } : {}), ...(bimi.status.comment ? { comment: bimi.status.comment } : {}) } : { result: 'none' },
  };
}
