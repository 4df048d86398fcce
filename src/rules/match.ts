// Phrase matching for the rule files. Rules are written once in natural spelling and must still
// match what phishers send: full-width or half-width letters, half-width kana, hiragana for
// katakana, 一 or ｰ or a dash for the long-vowel mark, zero-width characters and line breaks
// inside a phrase. Text and patterns are reduced to the same key; every key character remembers
// where it came from, so the evidence is the span exactly as the member saw it.
import { fold } from '../text/normalize.ts';

export type MatchText = {
  /** The text as written. */
  original: string;
  /** The folded key that patterns run on. */
  key: string;
  /** For each key index, the index in `original` it came from; one extra entry for the end. */
  origin: Int32Array;
};

export type Span = { start: number; end: number; text: string };

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
/** Hiragana and katakana are one script to a reader; rules should not care which was used. */
export function toHiragana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - 0x60) : ch;
  }
  return out;
}

const KATAKANA = /[\u30a1-\u30fa\u30fc\uff66-\uff9d]/;
// Characters that stand in for the long-vowel mark inside a katakana word (カ一ド, パスワ－ド):
// the kanji 一, dashes, minus signs. Between katakana only: を一時 is "one", not a long vowel.
const LONG_VOWEL_LOOKALIKE = /[\u4e00\u002d\u2010-\u2015\u2212\u2500\u2501\uff0d\uff70~\u301c\uff5e]/;
// Marks that belong to the character before them (dakuten, combining accents), folded together.
const ATTACHED = /[\p{M}\uff9e\uff9f\u309b\u309c]/u;
const SPACE = /\s/;

function isWide(ch: string | undefined): boolean {
  return ch !== undefined && ch.charCodeAt(0) > 0x2e7f;
}

/** Folds text into a matching key, keeping the map back to the original characters. */
export function toMatchText(original: string): MatchText {
  const keyParts: string[] = [];
  const origin: number[] = [];
  let lastKeyChar = '';
  let lastWasKatakana = false;
  let pendingSpace = -1;
  const length = original.length;
  for (let offset = 0; offset < length; ) {
    const start = offset;
    const code = original.charCodeAt(offset);
    // Spam subjects write "Unusual_activity_on_your_Account" to slip past word filters:
    // an underscore separates words like a space.
    if (code === 0x5f) {
      if (pendingSpace < 0) pendingSpace = start;
      offset++;
      continue;
    }
    // Printable ASCII needs no Unicode folding: the common case, kept cheap.
    if (code > 0x20 && code < 0x7f) {
      offset++;
      if (pendingSpace >= 0 && lastKeyChar) {
        keyParts.push(' ');
        origin.push(pendingSpace);
      }
      pendingSpace = -1;
      const ch = code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : original[start]!;
      if (ch === '-' && lastWasKatakana && KATAKANA.test(original[offset] ?? '')) {
        keyParts.push('ー');
      } else {
        keyParts.push(ch);
        lastWasKatakana = false;
      }
      origin.push(start);
      lastKeyChar = keyParts[keyParts.length - 1]!;
      continue;
    }
    let segment = String.fromCodePoint(original.codePointAt(offset)!);
    offset += segment.length;
    while (offset < length && ATTACHED.test(original[offset]!)) {
      segment += original[offset]!;
      offset++;
    }
    if (SPACE.test(segment)) {
      if (pendingSpace < 0) pendingSpace = start;
      continue;
    }
    const katakana = KATAKANA.test(segment);
    let folded = toHiragana(fold(segment).replace(/\s+/g, ' '));
    if (!folded) continue;
    if (folded.length === 1 && LONG_VOWEL_LOOKALIKE.test(folded) && lastWasKatakana && KATAKANA.test(original[offset] ?? '')) folded = 'ー';
    lastWasKatakana = katakana || folded === 'ー';
    // A line break or space between two Japanese characters is layout, not a word boundary.
    if (pendingSpace >= 0 && lastKeyChar && !(isWide(lastKeyChar) && isWide(folded[0]))) {
      keyParts.push(' ');
      origin.push(pendingSpace);
    }
    pendingSpace = -1;
    for (const ch of folded) {
      keyParts.push(ch);
      for (let k = 0; k < ch.length; k++) origin.push(start);
    }
    lastKeyChar = folded.at(-1)!;
  }
  origin.push(original.length);
  return { original, key: keyParts.join(''), origin: Int32Array.from(origin) };
}

/** Compiles a rule pattern (a JavaScript regular expression) into the key space. */
export function compilePattern(source: string): RegExp {
  const folded = toHiragana(source.normalize('NFKC'));
  // Unicode mode only where a pattern needs it (\p{…}, \u{…}, astral characters): V8 runs
  // non-Unicode expressions over Japanese (BMP) text markedly faster.
  const unicode = /\\[pPu]\{|[\ud800-\udfff]/.test(folded);
  return new RegExp(folded, unicode ? 'giu' : 'gi');
}

/** One regular expression for a list of alternatives, so a rule costs one pass over the text. */
export function compileAlternatives(sources: string[]): RegExp | undefined {
  if (sources.length === 0) return undefined;
  return compilePattern(sources.map((s) => `(?:${s})`).join('|'));
}

/** The original span behind key indices [start, end). */
export function spanOf(text: MatchText, start: number, end: number): Span {
  const from = text.origin[start]!;
  let to = end < text.origin.length - 1 ? text.origin[end]! : text.original.length;
  if (to <= from) to = text.origin[end - 1]! + 1;
  return { start: from, end: to, text: text.original.slice(from, to).replace(/\s+/g, ' ').trim() };
}

const SENTENCE_END = /[。．！？!?]/;
const WINDOW = 200;

function isBoundary(key: string, i: number): boolean {
  return SENTENCE_END.test(key[i]!) || (key[i] === '.' && key[i + 1] === ' ');
}

/** The sentence of the key around [start, end), for negation checks ("… will never ask …"). */
export function sentenceAround(key: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < WINDOW && !isBoundary(key, from - 1)) from--;
  let to = end;
  while (to < key.length && to - end < WINDOW && !isBoundary(key, to)) to++;
  return key.slice(from, to);
}

/** Every match of `pattern` in the text, skipping those whose sentence matches `unless`. */
export function findSpans(text: MatchText, pattern: RegExp, unless: RegExp | undefined, max = 20): Span[] {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  for (const match of text.key.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    const end = match.index + match[0].length;
    if (unless) {
      unless.lastIndex = 0;
      if (unless.test(sentenceAround(text.key, match.index, end))) continue;
    }
    spans.push(spanOf(text, match.index, end));
    if (spans.length >= max) break;
  }
  return spans;
}
