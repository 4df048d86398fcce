// Turns findings into the verdict: a label, a 0–100 risk score and the advice that fits.
// `genuine` is never inferred from the absence of red flags: it needs a proof finding
// (valid S/MIME matching the profile, or aligned DKIM+DMARC) and nothing that contradicts it.
import type { Bilingual, Finding } from './finding.ts';
import type { Weights } from './weights.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import type { AdviceKey } from '../profile/schema.ts';
import { GENERIC_ADVICE } from './generic-advice.ts';

export type Label = 'genuine' | 'unverified' | 'suspicious' | 'phishing';

export const LABELS: readonly Label[] = ['genuine', 'unverified', 'suspicious', 'phishing'];

/** Total score at which a message is at least suspicious / phishing. */
export const SUSPICIOUS_AT = 30;
export const PHISHING_AT = 70;

export type AdviceItem = { key: AdviceKey; ja: string; en: string };

export type Verdict = {
  verdict: Label;
  score: number;
  findings: Finding[];
  advice: AdviceItem[];
};

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/** A finding counts against a proof when it is worth points and is at least medium. */
export function contradictsProof(finding: Finding, weights: Weights): boolean {
  return (weights.get(finding.code)?.score ?? 0) > 0 && SEVERITY_ORDER[finding.severity] <= SEVERITY_ORDER.medium;
}

export function decide(findings: Finding[], weights: Weights, profile: LoadedProfile | undefined): Verdict {
  let total = 0;
  let floor: Label = 'unverified';
  let proven = false;
  // Like an Rspamd symbol, a code scores once however many links or phrases made it fire:
  // ten tracking links with text are one habit, not ten times the risk.
  const counted = new Set<string>();
  for (const f of findings) {
    const weight = weights.get(f.code);
    if (!weight || counted.has(f.code)) continue;
    counted.add(f.code);
    total += weight.score;
    if (weight.proof) proven = true;
    if (weight.atLeast === 'phishing') floor = 'phishing';
    else if (weight.atLeast === 'suspicious' && floor !== 'phishing') floor = 'suspicious';
  }
  const score = Math.max(0, Math.min(100, Math.round(total)));
  let verdict: Label = score >= PHISHING_AT ? 'phishing' : score >= SUSPICIOUS_AT ? 'suspicious' : 'unverified';
  if (LABELS.indexOf(floor) > LABELS.indexOf(verdict)) verdict = floor;
  if (verdict === 'unverified' && proven && !findings.some((f) => contradictsProof(f, weights))) verdict = 'genuine';
  const order = (a: Finding, b: Finding) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (weights.get(b.code)?.score ?? 0) - (weights.get(a.code)?.score ?? 0);
  // Detectors mostly report in this order already: the list is then kept as it is, with neither
  // a copy nor the general sort's set-up. The caller's list is never reordered.
  const sorted = inOrder(findings, order) ? findings : [...findings].sort(order);
  return { verdict, score: verdict === 'genuine' ? 0 : score, findings: sorted, advice: adviceFor(verdict, profile) };
}

function inOrder<T>(items: T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (order(items[i - 1]!, items[i]!) > 0) return false;
  return true;
}

/** Which advice applies to which label, in the order a member should read it. */
const ADVICE_PLAN: Record<Label, AdviceKey[]> = {
  phishing: ['doNotClick', 'delete', 'contact', 'passwordEntered', 'cardEntered', 'police', 'report'],
  suspicious: ['doNotClick', 'contact', 'passwordEntered', 'cardEntered', 'police'],
  unverified: ['contact'],
  genuine: [],
};

const adviceCache = new WeakMap<object, Map<Label, AdviceItem[]>>();
const NO_PROFILE = {};

/** The advice for a label, built once per profile (reports share the frozen list). */
export function adviceFor(label: Label, profile: LoadedProfile | undefined): AdviceItem[] {
  let byLabel = adviceCache.get(profile ?? NO_PROFILE);
  if (!byLabel) {
    byLabel = new Map<Label, AdviceItem[]>();
    adviceCache.set(profile ?? NO_PROFILE, byLabel);
  }
  let advice = byLabel.get(label);
  if (!advice) {
    advice = ADVICE_PLAN[label].flatMap((key) => {
      const text: Bilingual | undefined = profile?.advice[key] ?? GENERIC_ADVICE[key];
      return text ? [Object.freeze({ key, ...text })] : [];
    });
    Object.freeze(advice);
    byLabel.set(label, advice);
  }
  return advice;
}
