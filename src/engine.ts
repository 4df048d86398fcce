// The engine: input → facts → brand claim → detectors → verdict. This is the library entry
// point every edge (CLI, HTTP server, benchmarks) calls; it does no I/O of its own.
import { claimBrand } from './brand/claim.ts';
import { InputError } from './errors.ts';
import { DETECTORS } from './detectors/index.ts';
import type { AuthOptions, Detector, DetectorContext } from './detectors/detector.ts';
import { resolveLimits, type Limits } from './limits.ts';
import type { MessageFacts } from './message/facts.ts';
import { parseMail } from './message/mail.ts';
import { textFacts, urlFacts } from './message/text.ts';
import { loadProfiles, type LoadedProfile } from './profile/loader.ts';
import type { Bilingual, Evidence, Finding } from './verdict/finding.ts';
import { contradictsProof, decide, type AdviceItem, type Label } from './verdict/verdict.ts';
import { defaultWeights, type Weights } from './verdict/weights.ts';

export { InputError };

export type EngineOptions = {
  profiles?: LoadedProfile[];
  weights?: Weights;
  limits?: Partial<Limits>;
  /** Clock for certificate validity; defaults to the real time at each check. */
  now?: Date;
  auth?: AuthOptions;
  /** Replace the detector set (tests, benchmarks of one concern). */
  detectors?: Detector[];
};

/** The result for one input; the CLI's `--json` line and the HTTP API body have this shape. */
export type Report = {
  verdict: Label;
  score: number;
  /** Id of the brand the message claims (a profile id), or null. */
  brand: string | null;
  brandName: Bilingual | null;
  /** Where the brand claim was seen. */
  claimedBy: { source: string; text: string }[];
  findings: Finding[];
  advice: AdviceItem[];
  /** Official links of the claimed brand, for "check here instead". */
  officialLinks: { url: string; label: Bilingual }[];
  /** Structured summaries from detectors, by detector name (e.g. `auth`: signer, CA, checks). */
  details: Record<string, unknown>;
  message: {
    kind: MessageFacts['kind'];
    from?: string;
    subject?: string;
    date?: string;
    links: number;
    attachments: number;
    forwarded?: MessageFacts['forwarded'] & { wrapperFrom?: unknown };
  };
  ms: number;
};

export type Engine = {
  profiles: LoadedProfile[];
  limits: Limits;
  checkMail(raw: Uint8Array | string): Promise<Report>;
  checkText(text: string): Promise<Report>;
  checkUrl(url: string): Promise<Report>;
  /** Runs the detectors on facts parsed elsewhere. */
  judge(facts: MessageFacts, started?: number): Promise<Report>;
};

/** Findings about how a forwarding mail was addressed (its Reply-To, Return-Path, an address
 *  without a domain ending where a collector anonymized it): habits of whoever passed the mail on,
 *  not signs that it speaks for a brand. */
const FORWARDER_HABITS = new Set([
  'SENDER_MISSING_FROM',
  'SENDER_INVALID_ADDRESS',
  'SENDER_RETURN_PATH_MISMATCH',
  'SENDER_HEADER_MISMATCH',
  'SENDER_REPLY_TO_MISMATCH',
  'SENDER_REPLY_TO_FREEMAIL',
  'SENDER_REPLY_TO_NOWHERE',
  'SENDER_FREEMAIL_ORGANIZATION',
  'SENDER_ORGANIZATION_OTHER_DOMAIN',
  'SENDER_RANDOM_MAILBOX',
]);

export function createEngine(options: EngineOptions = {}): Engine {
  const profiles = options.profiles ?? loadProfiles();
  const weights = options.weights ?? defaultWeights();
  const limits = resolveLimits(options.limits);
  const detectors = options.detectors ?? DETECTORS;
  const auth = options.auth ?? {};
  // The detectors with anything to say about each kind of input, chosen once rather than per check.
  const detectorsByKind = new Map<MessageFacts['kind'], Detector[]>();
  const detectorsFor = (kind: MessageFacts['kind']) => {
    let applicable = detectorsByKind.get(kind);
    if (!applicable) {
      applicable = detectors.filter((detector) => !detector.appliesTo || detector.appliesTo.includes(kind));
      detectorsByKind.set(kind, applicable);
    }
    return applicable;
  };

  async function judge(facts: MessageFacts, started = performance.now()): Promise<Report> {
    const claim = claimBrand(facts, profiles);
    const details: Record<string, unknown> = {};
    const context: DetectorContext = {
      profiles,
      claim,
      limits,
      now: options.now ?? new Date(),
      auth,
      annotate: (name, value) => {
        details[name] = value;
      },
    };
    const findings: Finding[] = [];
    let spentAfter: string | undefined;
    const skipped: string[] = [];
    for (const detector of detectorsFor(facts.kind)) {
      if (spentAfter && !detector.alwaysRuns) {
        skipped.push(detector.name);
        continue;
      }
      if (detector.alwaysRuns && skipped.length) {
        facts.truncated.push(`time budget of ${limits.maxMillis} ms spent after the ${spentAfter} checks; skipped: ${skipped.join(', ')}`);
      }
      // Most detectors answer synchronously; awaiting a plain array would still cost a turn of the
      // microtask queue per detector, which shows at 100,000 URL checks a second.
      const found = detector.detect(facts, context);
      // A loop, not `push(...found)`: a spread call builds an argument list even for the empty
      // lists most detectors return, once per detector and check.
      for (const f of found instanceof Promise ? await found : found) findings.push(f);
      if (!spentAfter && performance.now() - started > limits.maxMillis) spentAfter = detector.name;
    }
    const verdict = decide(findings, weights, claim?.profile);
    return {
      verdict: verdict.verdict,
      score: verdict.score,
      brand: claim?.profile.id ?? null,
      brandName: claim?.profile.name ?? null,
      claimedBy: claim?.seen ?? [],
      findings: verdict.findings,
      advice: verdict.advice,
      officialLinks: claim?.profile.officialLinks ?? [],
      details,
      message: {
        kind: facts.kind,
        from: facts.from ? (facts.from.name ? `${facts.from.name} <${facts.from.address}>` : facts.from.address) : undefined,
        subject: facts.subject || undefined,
        date: facts.date,
        links: facts.links.length,
        attachments: facts.attachments.length,
        forwarded: facts.forwarded,
      },
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
  }

  /**
   * A forwarded original is judged with what its forwarding mail carries (mail.ts), and the
   * forwarding mail is judged as its own message too: its sender, subject and signature. A member
   * forwarding a mail says nothing against it; a forwarding mail that speaks for a brand (a look-alike
   * sender, the brand's name over another address, a brand in its own subject, a spoofed brand
   * address) does, and then counts against the whole, so that a genuine signed mail or a harmless
   * one attached to a phishing mail cannot speak for it.
   */
  async function judgeForwarded(facts: MessageFacts, started: number): Promise<Report> {
    const original = await judge(facts, started);
    const outer = await judge(facts.wrapper!, started);
    const seen = new Set(original.findings.map((f) => f.code));
    const own = outer.findings.filter((f) => !seen.has(f.code) && !FORWARDER_HABITS.has(f.code));
    // A forwarding mail that names no brand is someone passing a mail on: its own address habits
    // (a reply-to, a return path) say nothing about the original.
    if (!outer.brand || !own.some((f) => contradictsProof(f, weights))) return original;
    const where = (evidence: Evidence): Evidence => ({ ...evidence, where: evidence.where ? `forwarding mail: ${evidence.where}` : 'forwarding mail' });
    const findings = [...original.findings, ...own.map((f) => ({ ...f, evidence: f.evidence.map(where) }))];
    const profile = profiles.find((p) => p.id === (original.brand ?? outer.brand));
    const verdict = decide(findings, weights, profile);
    return {
      ...original,
      verdict: verdict.verdict,
      score: verdict.score,
      brand: profile?.id ?? null,
      brandName: profile?.name ?? null,
      claimedBy: [...original.claimedBy, ...outer.claimedBy.map((c) => ({ ...c, source: `forwarding mail: ${c.source}` }))],
      findings: verdict.findings,
      advice: verdict.advice,
      officialLinks: profile?.officialLinks ?? [],
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
  }

  /** Judges the facts read from an input, timed from before the reading. Not `async`: an async
   *  function returning judge's promise waits two more microtask turns to adopt it, which shows
   *  at 100,000 URL checks a second. A reading error still arrives as a rejection. */
  function judgeInput(input: string, read: (input: string) => MessageFacts): Promise<Report> {
    const started = performance.now();
    try {
      return judge(read(input), started);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return {
    profiles,
    limits,
    judge,
    async checkMail(raw) {
      const started = performance.now();
      const facts = await parseMail(raw, limits).catch((error: unknown) => {
        if (error instanceof InputError) throw error;
        throw new InputError('unparseable', `cannot parse the mail: ${(error as Error).message}`);
      });
      return facts.wrapper ? judgeForwarded(facts, started) : judge(facts, started);
    },
    checkText(text) {
      return judgeInput(text, (input) => textFacts(input, limits));
    },
    checkUrl(url) {
      return judgeInput(url, urlFacts);
    },
  };
}
