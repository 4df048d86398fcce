// Letters dressed up so that a filter no longer recognises the word while a reader still does:
// invisible characters salted between the letters (`Co\u{E0139}inbase`), or letters taken from
// styled Unicode blocks (ᴘᴀʏᴍᴇɴᴛ in small capitals, 𝐎𝐅𝐅𝐄𝐑 in mathematical bold, Ⓦⓘⓝ in circles).
// A genuine mail styles its words with HTML, not with other characters, so either is a
// filter-evasion trick. Plain character classes: this runs on every text of every mail.
import { finding, type Bilingual, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';

/** A text of the message and where it stands, named for the reader. */
export type NamedText = { where: Bilingual; text: string };

type Code = 'CONTENT_DISGUISED_LETTERS';

const CATALOGUE: Catalogue<Code> = {
  CONTENT_DISGUISED_LETTERS: {
    severity: 'medium',
    ja: '{where}の語が、見えない文字を挟んだり飾り文字（ᴀʙᴄ、𝐀𝐁𝐂 など）で書いたりして偽装されています（「{word}」）。迷惑メール判定をすり抜けるための手口です。',
    en: 'Words in the {where} are disguised with invisible characters between the letters or with styled look-alike letters ("{word}"), a trick to slip past spam filters.',
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
// A word as the reader sees it, invisible characters included, so that the evidence is the word.
const WORD = /[\p{L}\p{M}\p{N}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\uFE00-\uFE0E\u200B-\u200D\u2060]+/gu;

const MAX_EVIDENCE = 5;

export function disguisedLetters(sources: NamedText[]): Finding[] {
  const evidence: Evidence[] = [];
  let firstWhere: Bilingual | undefined;
  for (const { where, text } of sources) {
    // Most texts have neither: one scan each rules them out.
    const salted = SALTED.test(text);
    if (!salted && !STYLED_LETTER.test(text)) continue;
    for (const match of text.matchAll(WORD)) {
      const word = match[0];
      if (!(salted && SALTED.test(word)) && !STYLED_RUN.test(word)) continue;
      evidence.push({ kind: 'text', value: word, where: where.en });
      firstWhere ??= where;
      if (evidence.length >= MAX_EVIDENCE) break;
    }
  }
  if (!evidence.length) return [];
  return [finding(CATALOGUE, 'CONTENT_DISGUISED_LETTERS', evidence, { word: evidence[0]!.value, where: firstWhere! })];
}
