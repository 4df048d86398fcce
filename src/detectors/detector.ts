// The one shape every detector has: message facts in, findings out. A detector reads only
// `facts` and `context`; it does no I/O of its own (DNS goes through the injected resolver).
import type { LoadedProfile } from '../profile/loader.ts';
import type { MessageFacts } from '../message/facts.ts';
import type { Finding } from '../verdict/finding.ts';
import type { Limits } from '../limits.ts';
import type { BrandClaim } from '../brand/claim.ts';

/** Options for the authenticity checks (S/MIME, DKIM/SPF/DMARC/ARC). */
export type AuthOptions = {
  /** Extra PEM trust anchors for this run (`--trust-anchor`). */
  trustAnchorFiles?: string[];
  /** Recorded DNS answers (`--dns FILE` content); when absent, lookups use `resolver`. */
  dns?: RecordedDns;
  /** A mailauth-compatible resolver; default: one that fails fast (no network by default). */
  resolver?: (name: string, type: string) => Promise<unknown>;
  /** Connecting IP and HELO, overriding what the Received headers say. */
  ip?: string;
  helo?: string;
  /** How many Received hops (from the top) are trusted to have been added by the receiving side. */
  trustedHops?: number;
  /** authserv-id of the member's provider whose Authentication-Results may be trusted. */
  trustedAuthServId?: string;
};

export type RecordedDns = Partial<Record<'TXT' | 'MX' | 'A' | 'AAAA' | 'CNAME' | 'PTR', Record<string, unknown[]>>>;

export type DetectorContext = {
  profiles: LoadedProfile[];
  /** The brand the message claims to come from, if any. */
  claim: BrandClaim | undefined;
  limits: Limits;
  /** The clock for validity checks (`--now`). */
  now: Date;
  auth: AuthOptions;
  /** Attaches a structured summary to the report under `details[name]` (e.g. who signed, which CA). */
  annotate(name: string, value: unknown): void;
};

export type Detector = {
  name: string;
  /** The inputs it has anything to say about (default: all); a bare URL has no sender or text. */
  appliesTo?: readonly MessageFacts['kind'][];
  /** Runs even after the time budget is spent: it reports on the check itself (what was cut). */
  alwaysRuns?: true;
  detect(facts: MessageFacts, context: DetectorContext): Finding[] | Promise<Finding[]>;
};
