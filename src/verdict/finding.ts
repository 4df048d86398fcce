// A finding is one named observation about a message, in the spirit of an Rspamd symbol:
// a stable `code` that weights, tests and consumers can rely on, plus the evidence that
// made it fire and a sentence in Japanese and English. Detectors only ever produce these;
// what they are worth is decided in `weights.ts`.

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export type Bilingual = { ja: string; en: string };

/** What a finding points at, so a reader (or the web page) can highlight it. */
export type Evidence = {
  /** What sort of thing `value` is. */
  kind: 'url' | 'link' | 'host' | 'header' | 'text' | 'phone' | 'attachment' | 'signature' | 'auth' | 'limit';
  /** The exact URL, header value, phrase or number as it stood in the message. */
  value: string;
  /** For links: the text the reader saw (may differ from where it goes). */
  shown?: string;
  /** For URLs: the host it really goes to, after unwrapping tricks. */
  host?: string;
  /** Where in the message it was found: `From`, `html`, `text`, `subject`, an attachment name … */
  where?: string;
};

export type Finding = {
  code: string;
  severity: Severity;
  message: Bilingual;
  evidence: Evidence[];
};

/** One entry of a detector's catalogue: how a code reads and how bad it is.
 *  `{name}` placeholders in the texts are filled from the params given to `finding()`. */
export type FindingSpec = { severity: Severity; ja: string; en: string };

export type Catalogue<C extends string> = Record<C, FindingSpec>;

/** A parameter is plain text, or text that differs by language (a brand's ja/en name). */
export type Param = string | number | Bilingual;

function fill(template: string, params: Record<string, Param>, lang: keyof Bilingual): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** Builds a finding from a catalogue entry so that wording lives next to the code, not at call sites. */
export function finding<C extends string>(
  catalogue: Catalogue<C>,
  code: C,
  evidence: Evidence[],
  params: Record<string, Param> = {},
): Finding {
  const spec = catalogue[code];
  return { code, severity: spec.severity, message: { ja: fill(spec.ja, params, 'ja'), en: fill(spec.en, params, 'en') }, evidence };
}
