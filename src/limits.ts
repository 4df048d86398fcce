// Bounds on the work one message may cost. Mail is hostile: every loop over attacker-controlled
// data is capped here, and hitting a cap is reported as a finding (LIMIT_*), never a crash.
export type Limits = {
  /** Largest raw message accepted, in bytes. */
  maxMessageBytes: number;
  /** MIME nesting depth (postal-mime rejects deeper messages). */
  maxMimeDepth: number;
  /** Attachments examined per message; the rest are listed as cut. */
  maxAttachments: number;
  /** Links examined per message; the rest are counted as cut. */
  maxLinks: number;
  /** Characters of body text scanned for phrases and URLs. */
  maxTextChars: number;
  /** Characters of HTML parsed. */
  maxHtmlChars: number;
  /** Open HTML elements nested inside each other; reading stops (and says so) past it.
   *  Real mail reaches ~500 at worst (sloppy unclosed tags); cost is quadratic beyond. */
  maxHtmlDepth: number;
  /** Forwarded originals followed (message/rfc822 inside message/rfc822 …). */
  maxForwardDepth: number;
  /** Wall-clock budget for one message, in milliseconds (enforced between stages). */
  maxMillis: number;
};

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxMimeDepth: 50,
  maxAttachments: 100,
  maxLinks: 2_000,
  maxTextChars: 2_000_000,
  maxHtmlChars: 5_000_000,
  maxHtmlDepth: 2_000,
  maxForwardDepth: 3,
  maxMillis: 10_000,
};

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof Limits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new RangeError(`unknown limit "${key}"`);
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`limit ${key} must be a non-negative integer`);
    limits[key] = value;
  }
  return limits;
}
