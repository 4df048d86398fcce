// Links and active content in a PDF, read without a PDF renderer. What matters here are a few
// dictionary entries: `/URI (…)` link actions, the keys that make a PDF act on its own
// (`/JavaScript`, `/Launch`, `/OpenAction`, `/EmbeddedFile`, `/SubmitForm`) and the files that
// actions open. They sit in the file as plain text, or inside object streams (PDF 1.5+)
// compressed with Flate (node:zlib, with a hard output cap) and perhaps written in ASCII85 or
// hex. Names and strings are read as a PDF reader reads them (`/U#52I` is /URI). A full parser
// would add a large attack surface to read what a bounded scan of the bytes already finds;
// pdf-text.ts uses one (pdf.js) for what the bytes do not show: text, pictures, and the links
// of a PDF encrypted with an empty password.
import { inflateSync } from 'node:zlib';
import { ATTACHMENT_BOUNDS, type InflateBudget } from './bounds.ts';

export type PdfScan = {
  uris: string[];
  /** The PDF is encrypted (usually with a password given in the mail), so no scanner can read it. */
  encrypted: boolean;
  /** Active-content keys found, e.g. `JavaScript`, `Launch`, and an action that opens a file on
   *  another machine with that file, e.g. `GoToR: \\host\share\x.pdf`. */
  active: string[];
  /** Encoded streams not decoded: corrupt, or past the budget or the count of streams. */
  skippedStreams: number;
  /** The PDF holds a picture: an image XObject, or an inline image (`BI … ID`). A picture's own
   *  stream is never inside a compressed object stream, so its dictionary is in plain bytes. */
  pictures: boolean;
};

// Every pattern here costs time in proportion to the bytes it reads, once: an attachment is
// built by whoever sent the mail, and a pattern that goes back over the text (a lazy match up to
// a keyword, a string read again at every later key) takes minutes on a few crafted megabytes.

/** What ends a name: white space and the delimiters of the PDF syntax. */
const NAME_END = String.raw`\0\t\n\f\r ()<>[\]{}/%`;

/** The pattern of a name as a reader reads it: any of its characters may be written `#xx`, so
 *  `/U#52I` is /URI and `/J#61vaScript` /JavaScript. (Decoding the names in the text instead
 *  would also decode a `#41` in a link, and costs a call for every name in the file.) */
function name(word: string): string {
  const characters = [...word].map((c) => `(?:${c}|#${c.charCodeAt(0).toString(16).replace(/[a-f]/, (x) => `[${x}${x.toUpperCase()}]`)})`);
  // A name ends at white space or a delimiter: /JSON is not /JS.
  return `/${characters.join('')}(?=[${NAME_END}]|$)`;
}

const ACTIVE_KEYS = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'SubmitForm', 'ImportData', 'RichMedia', 'XFA'] as const;
/** Actions that open another file. Given a file on another machine (`\\host\share\…`, `file:`),
 *  Windows signs in to that machine to fetch it and hands it the user's password hash (NTLM). */
const FILE_ACTIONS = ['GoToR', 'GoToE', 'Launch'] as const;
const REMOTE_FILE = /^(?:\\\\|\/\/)[^\\/]|^file:/i;
const NAMES = new Map([...new Set([...ACTIVE_KEYS, ...FILE_ACTIONS])].map((key) => [key, new RegExp(name(key))]));
/** A string given to a key, `(…)` or `<…>`. A literal not closed (no string) runs to the end
 *  of the text: failing instead would make every later key read the same rest again. */
const STRING = String.raw`\s*(?:\(((?:\\[^]|[^\\)])*)(\)?)|<([0-9A-Fa-f\s]*)>)`;
const URI_STRING = new RegExp(name('URI') + STRING, 'g');
/** A file specification's string: directly after /F, or in a file specification dictionary. */
const FILE_STRING = new RegExp(`(?:${['F', 'UF', 'DOS', 'Unix', 'Mac'].map(name).join('|')})${STRING}`, 'g');
const OPEN_ACTION = new RegExp(`(${name('OpenAction')})|${['JavaScript', 'JS', 'Launch', 'URI'].map(name).join('|')}`, 'g');
const ENCRYPT = new RegExp(String.raw`${name('Encrypt')}\s*(\d+\s+\d+\s+R|<<)`);
const IMAGE = new RegExp(String.raw`${name('Subtype')}\s*${name('Image')}`);
/** A stream's filter key: /Filter, or /F as pdf.js also reads it (group 1), before /Filter. */
const FILTER = new RegExp(`(${name('F')})|${name('Filter')}`, 'g');
/** A filter key's value: one name, or an array of names applied in turn. An array holds no `[`,
 *  so an array never closed is read up to the next one only, not again to the end. */
const FILTER_VALUE = new RegExp(String.raw`\s*(\[[^[\]]*\]|/[^${NAME_END}]*)`, 'y');
const FILTER_NAME = new RegExp(`/([^${NAME_END}]+)`, 'g');
const MAX_STREAM_OUTPUT = 1024 * 1024;
/** Streams decoded per PDF. Each costs tens of microseconds however small it is, so a file of
 *  a few bytes a stream would cost seconds; a long report has a few thousand. */
const MAX_STREAMS = 10_000;

const WHITE_SPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** ASCII85: four bytes as five characters from `!` to `u`, `z` for four zeros, `~>` at the end.
 *  Read as leniently as pdf.js reads it, so that nothing pdf.js shows is missed here. */
function ascii85(data: Buffer, limit: number): Buffer {
  const out = Buffer.alloc(Math.min(limit, data.length * 4));
  let length = 0;
  let group = 0;
  let count = 0;
  const put = (bytes: number) => {
    if (length + bytes > out.length) throw new RangeError('over the output cap');
    for (let i = 0; i < bytes; i++) out[length++] = (group >>> (24 - 8 * i)) & 0xff;
  };
  for (const c of data) {
    if (c === 0x7e) break;
    if (WHITE_SPACE.has(c)) continue;
    if (c === 0x7a && count === 0) put(4);
    else {
      group = group * 85 + c - 0x21;
      if (++count === 5) {
        put(4);
        group = count = 0;
      }
    }
  }
  // A last group of n characters is padded with `u` and gives n - 1 bytes.
  if (count > 0) {
    for (let i = count; i < 5; i++) group = group * 85 + 84;
    put(count - 1);
  }
  return out.subarray(0, length);
}

/** ASCIIHex: two hex digits a byte, anything else skipped, `>` at the end, a last odd digit padded with 0. */
function asciiHex(data: Buffer, limit: number): Buffer {
  const text = data.toString('latin1');
  const end = text.indexOf('>');
  const digits = (end < 0 ? text : text.slice(0, end)).replace(/[^0-9A-Fa-f]+/g, '');
  if (digits.length / 2 > limit) throw new RangeError('over the output cap');
  return Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex');
}

/** The filters undone here, by their names and the short names readers also accept. The two
 *  ASCII ones compress nothing: they only hide a stream's text from a look at the bytes, and
 *  are a few lines each. (LZW and RunLength, older and rarer, are not undone.) */
const DECODERS = new Map<string, (data: Buffer, limit: number) => Buffer>([
  ['FlateDecode', inflate],
  ['Fl', inflate],
  ['ASCII85Decode', ascii85],
  ['A85', ascii85],
  ['ASCIIHexDecode', asciiHex],
  ['AHx', asciiHex],
]);

function inflate(data: Buffer, limit: number): Buffer {
  return inflateSync(data, { maxOutputLength: limit });
}

/** The filters a stream's dictionary names, first to apply first. */
function filters(dictionary: string): string[] {
  let value = '';
  let short = false;
  for (const m of dictionary.matchAll(FILTER)) {
    FILTER_VALUE.lastIndex = m.index + m[0].length;
    const found = FILTER_VALUE.exec(dictionary)?.[1];
    // /F is also a stream's external file, a string: only a name or an array is a filter.
    if (found !== undefined && (m[1] !== undefined || !short)) {
      value = found;
      short = m[1] !== undefined;
    }
  }
  return [...value.matchAll(FILTER_NAME)].map(([, filter]) => filter!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

/** PDF literal strings escape `(`, `)` and `\` and may use octal escapes; a `\` at the end of a
 *  line continues the string on the next, as `https://host.exa\⏎mple/` for host.example. */
function unescapeLiteral(text: string): string {
  return text.replace(/\\([0-7]{1,3}|\r\n?|[^])/g, (_, esc: string) => {
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '\n': '', '\r': '', '\r\n': '' } as Record<string, string>)[esc] ?? esc;
  });
}

/** The strings `pattern` (ending in STRING) finds. A string starting with FE FF is UTF-16, as
 *  /UF file names usually are. */
function* strings(text: string, pattern: RegExp): Generator<string> {
  for (const [, literal, closed, hex] of text.matchAll(pattern)) {
    const bytes = hex !== undefined ? Buffer.from(hex.replace(/\s+/g, ''), 'hex').toString('latin1') : closed ? unescapeLiteral(literal!) : undefined;
    if (bytes === undefined) continue;
    const utf16 = bytes.startsWith('\xfe\xff') && bytes.length % 2 === 0;
    yield (utf16 ? Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le') : bytes).trim();
  }
}

/** Whether a match of `pattern` outside its group 1 starts at most `within` characters after
 *  one of group 1: one pass, where a pattern with the distance in it (`first[^]{0,400}?then`)
 *  would read up to `within` characters again at every `first`. */
function closeAfter(text: string, pattern: RegExp, within: number): boolean {
  let after = -Infinity;
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) after = m.index + m[0].length;
    else if (m.index - after <= within) return true;
  }
  return false;
}

/** What the scan has found so far, in the file and in its decoded streams. */
type Found = { uris: Set<string>; names: Set<string>; remoteFiles: Set<string> };

function scanText(text: string, found: Found): void {
  for (const uri of strings(text, URI_STRING)) found.uris.add(uri);
  for (const file of strings(text, FILE_STRING)) if (REMOTE_FILE.test(file)) found.remoteFiles.add(file);
  for (const [key, pattern] of NAMES) if (!found.names.has(key) && pattern.test(text)) found.names.add(key);
  if (!found.names.has('OpenAction') && closeAfter(text, OPEN_ACTION, 200)) found.names.add('OpenAction');
}

/** Each stream with its dictionary: the text between the last `obj` before the `stream` keyword
 *  and the keyword. Its data starts after the end of the keyword's line (CR, LF or both, as
 *  pdf.js reads it). The search goes on after the stream's `endstream`, so every byte is looked
 *  at once, whatever the file repeats. */
function* streams(text: string): Generator<{ dictionary: string; start: number; end: number }> {
  // The `stream` keyword, not the end of `endstream`.
  const keyword = new RegExp(`(?<![A-Za-z])stream(?=[${NAME_END}])`, 'g');
  const lineEnd = /\r\n?|\n/g;
  for (let m, previousEnd = 0; (m = keyword.exec(text)); ) {
    lineEnd.lastIndex = keyword.lastIndex;
    const line = lineEnd.exec(text);
    if (!line) return;
    const start = line.index + line[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return;
    const before = text.slice(previousEnd, m.index);
    const object = before.lastIndexOf('obj');
    yield { dictionary: object < 0 ? before : before.slice(object + 3), start, end };
    previousEnd = keyword.lastIndex = end + 'endstream'.length;
  }
}

export function scanPdf(bytes: Uint8Array, budget: InflateBudget): PdfScan {
  const result: PdfScan = { uris: [], encrypted: false, active: [], skippedStreams: 0, pictures: false };
  const found: Found = { uris: new Set(), names: new Set(), remoteFiles: new Set() };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  scanText(text, found);
  result.encrypted = ENCRYPT.test(text);
  result.pictures = IMAGE.test(text) || closeAfter(text, /(?<=\s)(?:(BI)|ID)(?=\s)/g, 400);
  let decoded = 0;
  for (const { dictionary, start, end } of streams(text)) {
    const decoders = filters(dictionary).map((filter) => DECODERS.get(filter));
    // An unfiltered stream was read with the rest of the file; others (DCT, JPX, CCITT) are pictures.
    if (!decoders.length || !decoders.every((decoder) => decoder !== undefined)) continue;
    if (budget.remaining <= 0 || ++decoded > MAX_STREAMS) {
      result.skippedStreams++;
      continue;
    }
    try {
      let data = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
      for (const decode of decoders) {
        data = decode(data, Math.min(MAX_STREAM_OUTPUT, budget.remaining));
        budget.remaining -= data.length;
      }
      scanText(data.toString('latin1'), found);
    } catch {
      // Truncated, corrupt or over the cap: what was readable has been read.
      result.skippedStreams++;
    }
  }
  result.uris = [...found.uris].filter(Boolean).slice(0, ATTACHMENT_BOUNDS.maxLinksPerAttachment);
  result.active = [...ACTIVE_KEYS, 'OpenAction'].filter((key) => found.names.has(key));
  // The remote file is said with the actions that may open it, in place of the bare /Launch.
  const fileActions = FILE_ACTIONS.filter((key) => found.names.has(key));
  const [remoteFile] = found.remoteFiles;
  if (remoteFile && fileActions.length) result.active = [...result.active.filter((key) => key !== 'Launch'), `${fileActions.join('/')}: ${remoteFile.slice(0, 200)}`];
  return result;
}
