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

/** A template split once at its placeholders: literal text at even indices, parameter names at
 *  odd ones (what `split` with a capturing group yields). Filling thousands of findings per
 *  second then costs a few concatenations instead of a regular-expression replace each. */
type SplitTemplate = { ja: string[]; en: string[] };

const PLACEHOLDER = /\{(\w+)\}/;
const splitTemplates = new WeakMap<FindingSpec, SplitTemplate>();

function splitTemplate(spec: FindingSpec): SplitTemplate {
  let split = splitTemplates.get(spec);
  if (!split) {
    split = { ja: spec.ja.split(PLACEHOLDER), en: spec.en.split(PLACEHOLDER) };
    splitTemplates.set(spec, split);
  }
  return split;
}

/** Puts the params into a split template; an unknown placeholder stays as written. */
function fill(parts: string[], params: Record<string, Param>, lang: keyof Bilingual): string {
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = params[name];
    text += value === undefined ? `{${name}}` : typeof value === 'object' ? value[lang] : String(value);
    text += parts[i + 1]!;
  }
  return text;
}

/** Builds a finding from a catalogue entry so that wording lives next to the code, not at call sites. */
export function finding<C extends string>(
  catalogue: Catalogue<C>,
  code: C,
  evidence: Evidence[],
  params: Record<string, Param> = {},
): Finding {
  const spec = catalogue[code];
  const split = splitTemplate(spec);
  return { code, severity: spec.severity, message: { ja: fill(split.ja, params, 'ja'), en: fill(split.en, params, 'en') }, evidence };
}
