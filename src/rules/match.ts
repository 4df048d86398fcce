// Phrase matching for the rule files. Rules are written once in natural spelling and must still
// match what phishers send: full-width or half-width letters, half-width kana, hiragana for
// katakana, 一 or ｰ or a dash for the long-vowel mark, zero-width characters and line breaks
// inside a phrase. Text and patterns are reduced to the same key; every key character remembers
// where it came from, so the evidence is the span exactly as the member saw it.
import { fold, latinLookalikes } from '../text/normalize.ts';
import { requiredLiterals } from './literals.ts';

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
// Dashes and minus signs that stand in for the long-vowel mark inside a katakana word
// (パスワ－ド). Between katakana only: a dash after a word is punctuation. Brand claims read them so too.
export const LONG_VOWEL_LOOKALIKE = /[\u002d\u2010-\u2015\u2212\u2500\u2501\uff0d\uff70~\u301c\uff5e]/;
// Kanji drawn like a katakana letter, which phishing writes into katakana words so that filters
// no longer know them while members still read them (ア力ウント, 口グイン, カ一ド): 力 カ, 口 ロ,
// 工 エ, 夕 タ, 卜 ト, 二 ニ, 八 ハ, 才 オ, and 一 for the long-vowel mark.
const KANJI_FOR_KATAKANA: Record<string, string> = { 力: 'カ', 口: 'ロ', 工: 'エ', 夕: 'タ', 卜: 'ト', 二: 'ニ', 八: 'ハ', 才: 'オ', 一: 'ー' };
/** One of the kanji above, wherever it stands. */
export const KANJI_LOOKALIKE = new RegExp(`[${Object.keys(KANJI_FOR_KATAKANA).join('')}]`);
const HAN = /\p{Script=Han}/u;

/** What a character is, as the character before a kanji that may stand for katakana. */
export type Neighbour = 'katakana' | 'kanji' | 'other';

export function neighbour(ch: string): Neighbour {
  return KATAKANA.test(ch) ? 'katakana' : HAN.test(ch) ? 'kanji' : 'other';
}

/**
 * The katakana that the kanji `ch` stands for where it stands, or undefined where it is a kanji:
 * between katakana (ア力ウント), or first in a word before two katakana (口グイン, 力ード) when no
 * kanji comes before it, since after one it belongs to a kanji word (入力フォーム, 電力エナジー).
 * 一 stands for a long vowel only between katakana: no word starts with one (一ツ橋).
 */
export function katakanaStandIn(ch: string, before: Neighbour, next: string, afterNext: string): string | undefined {
  const kana = KANJI_FOR_KATAKANA[ch];
  if (!kana || !KATAKANA.test(next)) return undefined;
  if (before === 'katakana') return kana;
  return ch !== '一' && before === 'other' && KATAKANA.test(afterNext) ? kana : undefined;
}

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
  // "Kееріng уоur dосumеnt" with Cyrillic е, р, і, у, о, с: read as the Latin words it shows.
  const disguised = latinLookalikes(original);
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
    let folded = toHiragana(fold(disguised?.get(start) ?? segment).replace(/\s+/g, ' '));
    if (!folded) continue;
    let katakana = KATAKANA.test(segment);
    if (folded.length === 1 && !katakana) {
      const next = original[offset] ?? '';
      // Most characters are no look-alike: the neighbour is only worked out for those that are.
      const before = KANJI_FOR_KATAKANA[folded] && (lastWasKatakana ? 'katakana' : lastKeyCode < 0 ? 'other' : neighbour(String.fromCharCode(lastKeyCode)));
      const standIn = before && katakanaStandIn(folded, before, next, original[offset + 1] ?? '');
      if (standIn) {
        folded = toHiragana(standIn);
        katakana = true;
      } else if (LONG_VOWEL_LOOKALIKE.test(folded) && lastWasKatakana && KATAKANA.test(next)) folded = 'ー';
    }
    lastWasKatakana = katakana || folded === 'ー';
    // A line break or space between two Japanese characters is layout, not a word boundary.
    if (pendingSpace >= 0 && lastKeyCode >= 0 && !(isWide(lastKeyCode) && isWide(folded.charCodeAt(0)))) key.add(' ', pendingSpace);
    pendingSpace = -1;
    key.add(folded, start);
    lastKeyCode = folded.charCodeAt(folded.length - 1);
  }
  return { original, ...key.finish(length) };
}

/** A rule pattern (a JavaScript regular expression) in the key space. */
function foldPattern(source: string): string {
  return toHiragana(source.normalize('NFKC'));
}

/** Unicode mode only where a pattern needs it (\p{…}, \u{…}, astral characters): V8 runs
 *  non-Unicode expressions over Japanese (BMP) text markedly faster. */
function flagsFor(folded: string): string {
  return /\\[pPu]\{|[\ud800-\udfff]/.test(folded) ? 'giu' : 'gi';
}

/** A list of phrase patterns ready to run: one expression, so that a rule costs one pass over a
 *  text, and what lets most texts skip most of it. */
export type PhraseMatcher = {
  /** Every alternative. */
  pattern: RegExp;
  /** Each alternative in the key space with the literals of which each of its matches contains
   *  one; undefined literals when not known (then the alternative always runs). */
  alternatives: { source: string; literals: string[] | undefined }[];
  /** Expressions of fewer alternatives, by the indices kept. */
  narrowed: Map<string, RegExp>;
};

/** Narrowed expressions kept per matcher: a few hundred combinations occur in practice. */
const MAX_NARROWED = 256;

/** One matcher for a list of alternatives. */
export function compileAlternatives(sources: string[]): PhraseMatcher | undefined {
  if (sources.length === 0) return undefined;
  const folded = foldPattern(sources.map((s) => `(?:${s})`).join('|'));
  const pieces = sources.map((s) => foldPattern(`(?:${s})`));
  const flags = flagsFor(folded);
  // Dropping alternatives must leave the others as they were: not when folding joined them
  // differently, nor when a back-reference would then count groups differently, nor in Unicode
  // mode (case folding there is not what the literals assume).
  const narrowable = pieces.join('|') === folded && flags === 'gi' && !/\\(?:[1-9]|k<)/.test(folded);
  return {
    pattern: new RegExp(folded, flags),
    alternatives: pieces.map((source) => ({ source, literals: narrowable ? requiredLiterals(source) : undefined })),
    narrowed: new Map(),
  };
}

/** Every literal a matcher's alternatives need, for a LiteralIndex. */
export function matcherLiterals(matcher: PhraseMatcher): string[] {
  return matcher.alternatives.flatMap((alternative) => alternative.literals ?? []);
}

/** The matcher's expression without the alternatives that cannot match a text holding only the
 *  literals `found` (of those it needs): the same matches, usually in a fraction of the time. */
function narrowedPattern(matcher: PhraseMatcher, found: ReadonlySet<string>): RegExp | undefined {
  const kept: number[] = [];
  for (let i = 0; i < matcher.alternatives.length; i++) {
    const literals = matcher.alternatives[i]!.literals;
    if (!literals || literals.some((literal) => found.has(literal))) kept.push(i);
  }
  if (kept.length === matcher.alternatives.length) return matcher.pattern;
  if (kept.length === 0) return undefined;
  const key = kept.join(',');
  let pattern = matcher.narrowed.get(key);
  if (!pattern) {
    if (matcher.narrowed.size >= MAX_NARROWED) matcher.narrowed.clear();
    pattern = new RegExp(kept.map((i) => matcher.alternatives[i]!.source).join('|'), matcher.pattern.flags);
    matcher.narrowed.set(key, pattern);
  }
  return pattern;
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

/** Every match of `matcher` in the text, skipping those whose sentence matches `unless`.
 *  `found`: the literals of the matcher present in the text's key (LiteralIndex.find). */
export function findSpans(text: MatchText, found: ReadonlySet<string>, matcher: PhraseMatcher, unless: PhraseMatcher | undefined, max = 20): Span[] {
  const spans: Span[] = [];
  const pattern = narrowedPattern(matcher, found);
  if (!pattern) return spans;
  pattern.lastIndex = 0;
  for (const match of text.key.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    const end = match.index + match[0].length;
    if (unless) {
      unless.pattern.lastIndex = 0;
      if (unless.pattern.test(sentenceAround(text.key, match.index, end))) continue;
    }
    spans.push(spanOf(text, match.index, end));
    if (spans.length >= max) break;
  }
  return spans;
}
