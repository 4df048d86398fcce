// The subject and the senders' names as mail programs show them, where postal-mime reads them
// otherwise. A phisher can use either gap to hide a brand name or a lure from the checks:
//  - a character split between two encoded-words. RFC 2047 forbids it, but mailers do it, and
//    mail programs (Thunderbird, Gmail) decode adjacent words of one charset as one byte string.
//    postal-mime joins words only as text: not after a base64 word with padding, nor a B word
//    with a Q word, nor charset labels written in another case; and it drops every join of a
//    field as soon as any word in it fails to decode;
//  - raw bytes without encoded-words, which postal-mime reads as UTF-8 only: raw Shift_JIS,
//    EUC-JP or Latin-1 become U+FFFD, raw ISO-2022-JP keeps its escape sequences.
// Charsets stay TextDecoder's, and encoded-words postal-mime's: a joined run is handed back to it
// as one encoded-word.
import { bytesToText, textToBytes } from '../auth/mime-bytes.ts';

/** postal-mime's grammar of an encoded-word, so that both read the same words. */
const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;
/** Only folding whitespace separates encoded-words that are read as one. */
const BETWEEN_WORDS = /^[ \t\r\n]*$/;
/** Bytes that end in ASCII after ISO-2022-JP's escape back to it hold whole characters. Joined
 *  with the next word's own escape, the two escapes in a row read as an error (WHATWG), so such a
 *  word ends its run, as in Thunderbird. */
const BACK_TO_ASCII = /\x1b\([BJ]$/;

type Run = { charset: string; label: string; start: number; end: number; bytes: Buffer[]; closed: boolean };

/**
 * Rewrites each run of adjacent encoded-words of one charset (either encoding) as one B word in
 * that charset holding the run's bytes joined, so that a character split between words is read
 * whole. Words of different charsets, and single words, stay as written.
 */
export function joinSplitWords(value: string): string {
  let joined = '';
  let copied = 0;
  let run: Run | undefined;
  const flush = () => {
    if (!run || run.bytes.length < 2) return;
    joined += `${value.slice(copied, run.start)}=?${run.label}?B?${Buffer.concat(run.bytes).toString('base64')}?=`;
    copied = run.end;
  };
  for (const word of value.matchAll(ENCODED_WORD)) {
    const label = word[1]!.split('*')[0]!; // RFC 2231 adds `*language` to the charset
    const charset = label.toLowerCase();
    const bytes = wordBytes(word[2]!, word[3]!);
    const end = word.index + word[0].length;
    if (run && !run.closed && run.charset === charset && BETWEEN_WORDS.test(value.slice(run.end, word.index))) {
      run.bytes.push(bytes);
      run.end = end;
    } else {
      flush();
      run = { charset, label, start: word.index, end, bytes: [bytes], closed: false };
    }
    run.closed = BACK_TO_ASCII.test(bytes.toString('latin1', Math.max(0, bytes.length - 3)));
  }
  flush();
  return copied === 0 ? value : joined + value.slice(copied);
}

/** The bytes an encoded-word's text stands for, read as leniently as postal-mime reads them. */
function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'B' || encoding === 'b') return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  // Q: `_` is a space, `=XX` a byte; anything else stands for itself.
  const pieces = text.replace(/_/g, ' ').split(/=([0-9A-Fa-f]{2})/);
  return Buffer.concat(pieces.map((piece, i) => (i % 2 ? Buffer.of(parseInt(piece, 16)) : Buffer.from(piece))));
}

/** ISO-2022-JP's escapes to JIS X 0208 and back: 7-bit bytes that are Japanese text. */
const ISO_2022_JP_ESCAPE = /\x1b(?:\$[@B]|\([BJ])/;
/** A charset that says the text is ASCII says nothing about the bytes that are not. */
const ASCII_LABEL = /^(?:us-)?ascii$/i;
const WINDOWS_1252 = new TextDecoder('windows-1252');

/**
 * A header field's raw value as mail programs read it: ISO-2022-JP when its escapes are there;
 * else UTF-8 when the bytes are UTF-8; else the charset the mail's text declares
 * (`fallbackCharset`) when it reads them; else Japanese when the bytes read as EUC-JP or
 * Shift_JIS text; else the declared charset all the same, as a mail program shows it (bytes it
 * does not read become U+FFFD); else windows-1252, which reads any byte.
 */
export function decodeHeaderBytes(raw: Uint8Array, fallbackCharset: string | undefined): string {
  if (ISO_2022_JP_ESCAPE.test(bytesToText(raw))) return new TextDecoder('iso-2022-jp').decode(raw);
  const declared = fallbackCharset === undefined || ASCII_LABEL.test(fallbackCharset) ? undefined : fallbackCharset;
  const inDeclared = (fatal: boolean) => (declared === undefined ? undefined : decodeIn(declared, raw, fatal));
  return decodeIn('utf-8', raw, true) ?? inDeclared(true) ?? readJapanese(raw) ?? inDeclared(false) ?? WINDOWS_1252.decode(raw);
}

/** The text of `bytes` in `charset`; undefined when the charset is unknown, or, if `fatal`, when
 *  the bytes are not in it. */
function decodeIn(charset: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(charset, { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Kana, or CJK or full-width punctuation, whose lead bytes (0x81–0x83 in Shift_JIS, 0xA1–0xA5
 *  in EUC-JP) Latin-1 text hardly has; a Latin-1 letter and the byte after it can read as a
 *  kanji ('Formação' as 'Forma鈬o'). Text of kanji alone is therefore not told apart. */
const KANA_OR_PUNCTUATION = /[\u3000-\u30ff\uff01-\uff60]/;
/** What Latin-1 bytes read as Shift_JIS or EUC-JP also give: private-use and C1 control characters. */
const NOT_JAPANESE = /[\x80-\x9f\ue000-\uf8ff]/;

/** The bytes as EUC-JP or Shift_JIS text, when they read as Japanese. EUC-JP is tried first: its
 *  kana read as Shift_JIS are half-width katakana and a few kanji, while Shift_JIS kana are no
 *  EUC-JP. Latin-1 letters alone read as half-width katakana ('£' as '｣'), which do not count. */
function readJapanese(bytes: Uint8Array): string | undefined {
  for (const charset of ['euc-jp', 'shift_jis']) {
    const text = decodeIn(charset, bytes, true);
    if (text !== undefined && KANA_OR_PUNCTUATION.test(text) && !NOT_JAPANESE.test(text)) return text;
  }
  return undefined;
}

/** A `Content-Type: text/…` field, folded lines included: the first is the first text part's. */
const TEXT_CONTENT_TYPE = /^content-type:[ \t]*text\/[^\n]*(?:\n[ \t][^\n]*)*/im;
const CHARSET_PARAMETER = /;\s*charset\s*=\s*"?([^"\s;]+)/i;
/** How far into a mail the first text part's header is looked for. */
const TEXT_PART_SEARCH_BYTES = 64 * 1024;

/** The charset the mail's first text part declares: mail programs read raw header bytes in it. */
export function firstTextCharset(mail: Uint8Array): string | undefined {
  const field = TEXT_CONTENT_TYPE.exec(bytesToText(mail.subarray(0, TEXT_PART_SEARCH_BYTES)))?.[0];
  return field === undefined ? undefined : CHARSET_PARAMETER.exec(field)?.[1];
}

/**
 * The raw values of the header fields named `keys` (lower case) in a header block, in order,
 * split, unfolded and trimmed as postal-mime does with its own (src/mime-node.ts), so that the
 * n-th value here is the n-th value of that name there.
 */
export function rawHeaderValues(headerBlock: Uint8Array, keys: ReadonlySet<string>): Map<string, Uint8Array[]> {
  const values = new Map<string, Uint8Array[]>();
  const fields: string[] = [];
  for (const line of bytesToText(headerBlock).split('\n')) {
    let end = line.length;
    while (end > 0 && line[end - 1] === '\r') end--;
    const content = line.slice(0, end);
    if (content === '') break;
    if (fields.length > 0 && /^[ \t]/.test(content)) fields[fields.length - 1] += content;
    else fields.push(content);
  }
  for (const field of fields) {
    const colon = field.indexOf(':');
    const key = trimWsp(colon < 0 ? field : field.slice(0, colon)).toLowerCase();
    if (!keys.has(key)) continue;
    const value = colon < 0 ? '' : trimWsp(field.slice(colon + 1).replace(/[\r\n]+/g, ' '));
    const named = values.get(key) ?? [];
    named.push(textToBytes(value));
    values.set(key, named);
  }
  return values;
}

/** Trims only the whitespace RFC 5322 allows around a field name and value, as postal-mime does
 *  (an index scan: a trailing-blanks pattern retries at every blank run, quadratic in a header). */
function trimWsp(text: string): string {
  const blank = (i: number) => text[i] === ' ' || text[i] === '\t';
  let start = 0;
  let end = text.length;
  while (start < end && blank(start)) start++;
  while (end > start && blank(end - 1)) end--;
  return text.slice(start, end);
}
