// Japanese that no Japanese company writes: many Japan-targeted phishing mails are produced by
// people and tools working in Chinese, and it shows in characters Japanese does not use, in
// Chinese punctuation, and in words that mix character widths or alphabets to dodge filters.
// Each signal alone is weak and scored low (src/verdict/weights.yaml); the message says plainly
// what was seen so that a member can check it.
import { LOOKALIKE_SCRIPT } from '../text/normalize.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';

type Code = 'CONTENT_SIMPLIFIED_CHINESE' | 'CONTENT_CHINESE_PUNCTUATION' | 'CONTENT_WIDTH_SOUP' | 'CONTENT_MIXED_SCRIPT';

const CATALOGUE: Catalogue<Code> = {
  CONTENT_SIMPLIFIED_CHINESE: {
    severity: 'medium',
    ja: '日本語の文章に、日本語では使わない中国語の簡体字（{chars}）が混じっています。海外で作られた偽メールによくある特徴です。',
    en: 'The Japanese text contains simplified-Chinese characters that Japanese does not use ({chars}), typical of fake mails produced abroad.',
  },
  CONTENT_CHINESE_PUNCTUATION: {
    severity: 'low',
    ja: '日本語の文章で「、」の代わりに中国語式の全角コンマ「，」が使われています（{count}か所）。',
    en: 'The Japanese text uses the Chinese full-width comma "，" instead of "、" ({count} times).',
  },
  CONTENT_WIDTH_SOUP: {
    severity: 'low',
    ja: '一つの語の中で全角と半角の文字が混ざっています（「{word}」）。フィルターをすり抜けるための書き方です。',
    en: 'Full-width and half-width characters are mixed inside one word ("{word}"), a way to slip past filters.',
  },
  CONTENT_MIXED_SCRIPT: {
    severity: 'medium',
    ja: '英字の語にキリル文字やギリシャ文字の似た文字が紛れ込んでいます（「{word}」）。見た目だけ本物に似せる手口です。',
    en: 'A Latin word has look-alike Cyrillic or Greek letters mixed in ("{word}"), so that it only looks like the real name.',
  },
};

export type TextSource = { where: string; text: string };

const MAX_EVIDENCE = 5;

/**
 * Characters of GB2312 (the simplified-Chinese set) that are not in JIS X 0208 / Windows-31J
 * (the Japanese set): 们 为 账 户 验 证 发 这 … Derived from the two encodings' tables through
 * TextDecoder rather than typed in by hand, so the list is complete and has no Japanese kanji.
 */
function simplifiedOnly(): Set<string> {
  const japanese = new Set<string>();
  const sjis = new TextDecoder('shift_jis');
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) japanese.add(sjis.decode(Uint8Array.of(lead, trail)));
  }
  const only = new Set<string>();
  const gbk = new TextDecoder('gbk');
  // GB2312 hanzi rows: lead bytes 0xB0–0xF7, trail bytes 0xA1–0xFE.
  for (let lead = 0xb0; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const ch = gbk.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !japanese.has(ch)) only.add(ch);
    }
  }
  return only;
}

let simplified: Set<string> | undefined;

const KANA = /[\u3041-\u3096\u30a1-\u30fa]/g;

function isJapanese(text: string): boolean {
  return (text.match(KANA)?.length ?? 0) >= 10;
}

function snippet(text: string, index: number, length = 1): string {
  return text.slice(Math.max(0, index - 8), index + length + 8).replace(/\s+/g, ' ').trim();
}

function simplifiedChinese(sources: TextSource[]): Finding[] {
  simplified ??= simplifiedOnly();
  const found = new Set<string>();
  let total = 0;
  const evidence: Evidence[] = [];
  for (const { where, text } of sources) {
    if (!isJapanese(text)) continue;
    for (const match of text.matchAll(/\p{Script=Han}/gu)) {
      if (!simplified.has(match[0])) continue;
      total++;
      if (!found.has(match[0]) && evidence.length < MAX_EVIDENCE) evidence.push({ kind: 'text', value: snippet(text, match.index), where });
      found.add(match[0]);
    }
  }
  // One odd character can be a name or a typo; two different ones, or a repeated one, is a pattern.
  if (found.size < 2 && total < 3) return [];
  return [finding(CATALOGUE, 'CONTENT_SIMPLIFIED_CHINESE', evidence, { chars: [...found].slice(0, 10).join(' ') })];
}

function chinesePunctuation(sources: TextSource[]): Finding[] {
  let commas = 0;
  let touten = 0;
  const evidence: Evidence[] = [];
  for (const { where, text } of sources) {
    if (!isJapanese(text)) continue;
    touten += text.split('、').length - 1;
    for (const match of text.matchAll(/，/g)) {
      commas++;
      if (evidence.length < MAX_EVIDENCE) evidence.push({ kind: 'text', value: snippet(text, match.index), where });
    }
  }
  return commas >= 2 && commas > touten ? [finding(CATALOGUE, 'CONTENT_CHINESE_PUNCTUATION', evidence, { count: commas })] : [];
}

const LATIN_RUN = /[A-Za-z\uff21-\uff3a\uff41-\uff5a]{2,}/g;
const KATAKANA_RUN = /[\u30a1-\u30fa\u30fc\uff66-\uff9f]{2,}/g;

function widthSoup(sources: TextSource[]): Finding[] {
  const evidence: Evidence[] = [];
  for (const { where, text } of sources) {
    // Soup needs a full-width letter or a half-width kana somewhere: one scan rules most texts out.
    if (!/[\uff21-\uff3a\uff41-\uff5a\uff66-\uff9d]/.test(text)) continue;
    for (const match of text.matchAll(LATIN_RUN)) {
      if (/[A-Za-z]/.test(match[0]) && /[\uff21-\uff3a\uff41-\uff5a]/.test(match[0])) evidence.push({ kind: 'text', value: match[0], where });
    }
    for (const match of text.matchAll(KATAKANA_RUN)) {
      if (/[\u30a1-\u30fa]/.test(match[0]) && /[\uff66-\uff9d]/.test(match[0])) evidence.push({ kind: 'text', value: match[0], where });
    }
  }
  return evidence.length ? [finding(CATALOGUE, 'CONTENT_WIDTH_SOUP', evidence.slice(0, MAX_EVIDENCE), { word: evidence[0]!.value })] : [];
}

const WORD = /[\p{L}\p{M}]{3,}/gu;

function mixedScript(sources: TextSource[]): Finding[] {
  const evidence: Evidence[] = [];
  for (const { where, text } of sources) {
    // Only a Cyrillic or Greek letter can make a mixed word: one scan rules most texts out.
    if (!LOOKALIKE_SCRIPT.test(text.normalize('NFKC'))) continue;
    for (const match of text.normalize('NFKC').matchAll(WORD)) {
      const word = match[0];
      const latin = word.match(/[A-Za-z]/g)?.length ?? 0;
      // Less the micro sign's μ that science and spec sheets put before units.
      const other = Array.from(word).filter((ch) => ch !== 'μ' && LOOKALIKE_SCRIPT.test(ch)).length;
      if (latin >= 2 && other >= 1) evidence.push({ kind: 'text', value: word, where });
    }
  }
  return evidence.length ? [finding(CATALOGUE, 'CONTENT_MIXED_SCRIPT', evidence.slice(0, MAX_EVIDENCE), { word: evidence[0]!.value })] : [];
}

export function unnaturalJapanese(sources: TextSource[]): Finding[] {
  return [...simplifiedChinese(sources), ...chinesePunctuation(sources), ...widthSoup(sources), ...mixedScript(sources)];
}
