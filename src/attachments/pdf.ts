// Links and active content in a PDF, read without a PDF renderer. What matters here are a few
// dictionary entries: `/URI (…)` link actions and the keys that make a PDF act on its own
// (`/JavaScript`, `/Launch`, `/OpenAction`, `/EmbeddedFile`, `/SubmitForm`). They sit in the file
// as plain text, or inside Flate-compressed object streams (PDF 1.5+), which node:zlib inflates
// with a hard output cap. A full parser (pdf.js) would add a large attack surface and a worker
// setup to read what a bounded scan of the bytes already finds; layout and text are not needed.
import { inflateSync } from 'node:zlib';
import { ATTACHMENT_BOUNDS, type InflateBudget } from './bounds.ts';

export type PdfScan = {
  uris: string[];
  /** The PDF is encrypted (usually with a password given in the mail), so no scanner can read it. */
  encrypted: boolean;
  /** Active-content keys found, e.g. `JavaScript`, `Launch`. */
  active: string[];
  /** Compressed streams that could not be inflated within the budget. */
  skippedStreams: number;
  /** The PDF holds a picture: an image XObject, or an inline image (`BI … ID`). A picture's own
   *  stream is never inside a compressed object stream, so its dictionary is in plain bytes. */
  pictures: boolean;
};

const ACTIVE_KEYS = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'SubmitForm', 'ImportData', 'RichMedia', 'XFA'] as const;
const ACTIVE_PATTERNS = Object.fromEntries(ACTIVE_KEYS.map((key) => [key, new RegExp(`/${key}(?![A-Za-z])`)])) as Record<(typeof ACTIVE_KEYS)[number], RegExp>;
const URI_LITERAL = /\/URI\s*\(((?:\\.|[^\\)])*)\)/g;
const URI_HEX = /\/URI\s*<([0-9A-Fa-f\s]*)>/g;
const STREAM = /\/FlateDecode[^]*?stream\r?\n/g;
const MAX_STREAM_OUTPUT = 1024 * 1024;

/** PDF literal strings escape `(`, `)` and `\` and may use octal escapes. */
function unescapeLiteral(text: string): string {
  return text.replace(/\\([0-7]{1,3}|.)/gs, (_, esc: string) => {
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[esc] ?? esc;
  });
}

function scanText(text: string, result: PdfScan, uris: Set<string>): void {
  for (const m of text.matchAll(URI_LITERAL)) uris.add(unescapeLiteral(m[1]!).trim());
  for (const m of text.matchAll(URI_HEX)) uris.add(Buffer.from(m[1]!.replace(/\s+/g, ''), 'hex').toString('latin1').trim());
  for (const key of ACTIVE_KEYS) {
    if (!result.active.includes(key) && ACTIVE_PATTERNS[key].test(text)) result.active.push(key);
  }
  if (!result.active.includes('OpenAction') && /\/OpenAction[\s\S]{0,200}\/(JavaScript|JS|Launch|URI)/.test(text)) result.active.push('OpenAction');
}

export function scanPdf(bytes: Uint8Array, budget: InflateBudget): PdfScan {
  const result: PdfScan = { uris: [], encrypted: false, active: [], skippedStreams: 0, pictures: false };
  const uris = new Set<string>();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  scanText(text, result, uris);
  result.encrypted = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(text);
  result.pictures = /\/Subtype\s*\/Image\b/.test(text) || /\sBI\s[\s\S]{0,400}?\sID\s/.test(text);
  for (const m of text.matchAll(STREAM)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    if (budget.remaining <= 0) {
      result.skippedStreams++;
      continue;
    }
    try {
      const limit = Math.min(MAX_STREAM_OUTPUT, budget.remaining);
      const out = inflateSync(bytes.subarray(start, end), { maxOutputLength: limit });
      budget.remaining -= out.length;
      scanText(out.toString('latin1'), result, uris);
    } catch {
      // Truncated, corrupt or over the cap: what was readable has been read.
      result.skippedStreams++;
    }
  }
  result.uris = [...uris].filter(Boolean).slice(0, ATTACHMENT_BOUNDS.maxLinksPerAttachment);
  return result;
}
