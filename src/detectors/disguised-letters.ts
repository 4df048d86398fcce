// Letters dressed up so that a filter no longer recognises the word while a reader still does:
// invisible characters salted between the letters (`Co\u{E0139}inbase`), letters taken from
// styled Unicode blocks (ᴘᴀʏᴍᴇɴᴛ in small capitals, 𝐎𝐅𝐅𝐄𝐑 in mathematical bold, Ⓦⓘⓝ in circles),
// a lower-case l standing for the capital I of an acronym (`lRS`, `MlCARD`), the two being one
// stroke in most mail fonts, or a kanji drawn like a katakana letter in a katakana word (ア力ウント,
// メ一ル). A genuine mail styles its words with HTML, not with other characters, so each is a
// filter-evasion trick. Plain character classes: this runs on every text of every mail.
import { KANJI_LOOKALIKE, katakanaStandIn, neighbour } from '../rules/match.ts';
import { finding, type Bilingual, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';

/** A text of the message and where it stands, named for the reader. */
export type NamedText = { where: Bilingual; text: string };

type Code = 'CONTENT_DISGUISED_LETTERS';

const CATALOGUE: Catalogue<Code> = {
  CONTENT_DISGUISED_LETTERS: {
    severity: 'medium',
    ja: '{where}の語が、見えない文字を挟んだり、飾り文字（ᴀʙᴄ、𝐀𝐁𝐂 など）、大文字 I に見える小文字 l、カタカナに似た漢字（力、口、一 など）で書いたりして偽装されています（「{word}」）。迷惑メール判定をすり抜けるための手口です。',
    en: 'Words in the {where} are disguised with invisible characters between the letters, styled look-alike letters, a lower-case l for a capital I or kanji that look like katakana ("{word}"), a trick to slip past spam filters.',
  },
};

// Tag characters and variation selectors have no business after a letter (メル\uFE09カリ), except
// after a kanji: an ideographic variation sequence (葛\u{E0100}) picks the glyph of a name, as
// official Japanese documents do. Zero-width space, word joiner, zero-width (non-)joiner and the
// combining grapheme joiner count only between Latin letters: Japanese text may use the first
// two to break lines, Indic and Persian writing needs the joiners, and newsletters pad their
// preview line with joiners between spaces — none of which joins two Latin letters (H\u200Cel\u200Clo).
const SALTED = /(?!\p{Script=Han})\p{L}[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\uFE00-\uFE0E]+\p{L}|[A-Za-z][\u200B-\u200D\u2060\u034F]+[A-Za-z]/u;
// Small capitals (ᴀ ʙ ɪ ɴ ʀ ʏ …), mathematical alphanumerics, circled and squared letters.
const STYLED = String.raw`[\u1D00-\u1D2B\u0262\u026A\u0274\u0280\u028F\u0299\u029C\u029F\u24B6-\u24E9\u{1D400}-\u{1D7FF}\u{1F130}-\u{1F189}]`;
const STYLED_LETTER = new RegExp(STYLED, 'u');
const STYLED_RUN = new RegExp(`${STYLED}{3,}`, 'u');
// Capitals with a lower-case l before a capital (`lRS`, `MlCARD`): in an acronym it can only pass
// for an I. An l last (`HCl`, chlorine) or among lower-case letters is a real l.
const L_FOR_I = /\b[A-Z]*l[A-Z]+\b/;
const L_FOR_I_WORD = /^(?=.{3})[A-Z]*l[A-Z]+$/;
// A word as the reader sees it, invisible characters included, so that the evidence is the word.
const WORD = /[\p{L}\p{M}\p{N}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\uFE00-\uFE0E\u200B-\u200D\u2060]+/gu;

// A katakana word with the kanji that may stand in for its letters.
const KATAKANA_RUN = new RegExp(`(?:[\\u30a1-\\u30fa\\u30fc\\uff66-\\uff9f]|${KANJI_LOOKALIKE.source}){2,}`, 'g');

const MAX_EVIDENCE = 5;

/**
 * Katakana words in which a look-alike kanji hides one of `words` (ア力ウント hides アカウント):
 * only the words listed, since a kanji also follows a katakana word as a word of its own
 * (ブランド力, カード口座). Returns the words as written.
 */
function kanjiInKatakana(text: string, words: readonly string[]): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(KATAKANA_RUN)) {
    const run = match[0];
    if (!KANJI_LOOKALIKE.test(run)) continue;
    let read = '';
    for (let i = 0; i < run.length; i++) {
      const ch = run[i]!;
      // Within the run every character is katakana but for the kanji that stayed kanji.
      const before = i === 0 ? neighbour(text[match.index - 1] ?? '') : KANJI_LOOKALIKE.test(read.at(-1)!) ? 'kanji' : 'katakana';
      read += (KANJI_LOOKALIKE.test(ch) && katakanaStandIn(ch, before, run[i + 1] ?? '', run[i + 2] ?? '')) || ch;
    }
    const shown = run.normalize('NFKC');
    read = read.normalize('NFKC');
    if (words.some((word) => read.includes(word) && !shown.includes(word))) found.push(run);
  }
  return found;
}

export function disguisedLetters(sources: NamedText[], katakanaWords: readonly string[]): Finding[] {
  const evidence: Evidence[] = [];
  let firstWhere: Bilingual | undefined;
  for (const { where, text } of sources) {
    if (KANJI_LOOKALIKE.test(text)) {
      for (const word of kanjiInKatakana(text, katakanaWords)) {
        evidence.push({ kind: 'text', value: word, where: where.en });
        firstWhere ??= where;
      }
    }
    // Most texts have none of the others: one scan each rules them out.
    const salted = SALTED.test(text);
    const lForI = L_FOR_I.test(text);
    if (!salted && !lForI && !STYLED_LETTER.test(text)) continue;
    for (const match of text.matchAll(WORD)) {
      const word = match[0];
      if (!(salted && SALTED.test(word)) && !(lForI && L_FOR_I_WORD.test(word) && standsAlone(text, match.index, word)) && !STYLED_RUN.test(word)) continue;
      evidence.push({ kind: 'text', value: word, where: where.en });
      firstWhere ??= where;
      if (evidence.length >= MAX_EVIDENCE) break;
    }
  }
  if (!evidence.length) return [];
  evidence.length = Math.min(evidence.length, MAX_EVIDENCE);
  return [finding(CATALOGUE, 'CONTENT_DISGUISED_LETTERS', evidence, { word: evidence[0]!.value, where: firstWhere! })];
}

/** The word is all there is between white space, punctuation aside (`[ lRS :`, `-lRS.`): not a
 *  piece of a link or of an encoded token (`/y.lEAA/`, `+RlMA=`), where letters are random. */
function standsAlone(text: string, index: number, word: string): boolean {
  let start = index;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  let end = index + word.length;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return text.slice(start, end).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') === word;
}
