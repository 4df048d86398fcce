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

function isWide(code: number): boolean {
  return code > 0x2e7f;
}

/** The key under construction and, per key character, where it came from. */
class KeyBuilder {
  private readonly parts: string[] = [];
  private origin: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    this.origin = new Int32Array(capacity + 1);
  }

  /** Appends `text`, every character of it coming from `from`. */
  add(text: string, from: number): void {
    this.reserve(text.length);
    this.parts.push(text);
    this.origin.fill(from, this.length, this.length + text.length);
    this.length += text.length;
  }

  /** Appends original[start, end) lower-cased, each character coming from its own place. */
  addAscii(original: string, start: number, end: number): void {
    this.reserve(end - start);
    this.parts.push(original.slice(start, end).toLowerCase());
    for (let i = start; i < end; i++) this.origin[this.length++] = i;
  }

  finish(originalLength: number): { key: string; origin: Int32Array } {
    this.reserve(1);
    this.origin[this.length] = originalLength;
    return { key: this.parts.join(''), origin: this.origin.slice(0, this.length + 1) };
  }

  private reserve(count: number): void {
    // Folding can lengthen text (㌀ → あぱーと); the last slot is for the end.
    if (this.length + count < this.origin.length) return;
    const grown = new Int32Array(Math.max(this.origin.length * 2, this.length + count + 1));
    grown.set(this.origin);
    this.origin = grown;
  }
}

/** Printable ASCII that stands for itself in the key (lower-cased) after other ASCII: not the
 *  underscore, which separates words. */
function isPlainAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f && code !== 0x5f;
}

/** The end of the run of ASCII that goes into the key as it is from `start` (after its first
 *  character): plain ASCII, and single spaces between words (a space the key keeps as it is). */
function asciiRunEnd(original: string, start: number): number {
  let end = start + 1;
  for (;;) {
    const code = original.charCodeAt(end);
    if (isPlainAscii(code) || (code === 0x20 && isPlainAscii(original.charCodeAt(end + 1)))) end++;
    else return end;
  }
}

/** Folds text into a matching key, keeping the map back to the original characters. */
export function toMatchText(original: string): MatchText {
  const key = new KeyBuilder(original.length);
  /** The last key character's code, -1 before the first. */
  let lastKeyCode = -1;
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
    // Printable ASCII needs no Unicode folding: the common case, taken a run at a time.
    if (code > 0x20 && code < 0x7f) {
      if (pendingSpace >= 0 && lastKeyCode >= 0) key.add(' ', pendingSpace);
      pendingSpace = -1;
      if (code === 0x2d && lastWasKatakana && KATAKANA.test(original[offset + 1] ?? '')) {
        key.add('ー', start);
        lastKeyCode = 0x30fc;
        offset++;
        continue;
      }
      offset = asciiRunEnd(original, start);
      key.addAscii(original, start, offset);
      lastWasKatakana = false;
      lastKeyCode = original.charCodeAt(offset - 1); // its case does not matter: only whether it is wide
      continue;
    }
    // ASCII white space not followed by a combining mark (none sits below U+0300).
    if ((code === 0x20 || (code >= 0x09 && code <= 0x0d)) && !(original.charCodeAt(offset + 1) >= 0x300)) {
      if (pendingSpace < 0) pendingSpace = start;
      offset++;
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
    if (pendingSpace >= 0 && lastKeyCode >= 0 && !(isWide(lastKeyCode) && isWide(folded.charCodeAt(0)))) key.add(' ', pendingSpace);
    pendingSpace = -1;
    key.add(folded, start);
    lastKeyCode = folded.charCodeAt(folded.length - 1);
  }
  return { original, ...key.finish(length) };
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
