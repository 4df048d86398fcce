// What a file really is, from its bytes: a name and a declared MIME type are chosen by the
// sender. Binary formats are recognized by file-type (magic numbers, OOXML/macro variants, LNK,
// ICS …); text formats it does not cover (HTML, SVG, Internet shortcuts, scripts) and disk images
// (ISO 9660, VHD) are recognized here by their own signatures.
import { fileTypeFromBuffer } from 'file-type';

export type FileKind =
  | 'html'
  | 'svg'
  | 'pdf'
  | 'zip'
  | 'archive'
  | 'office-ooxml'
  | 'office-macro'
  | 'office-legacy'
  | 'rtf'
  | 'mhtml'
  | 'executable'
  | 'shortcut'
  | 'internet-shortcut'
  | 'calendar'
  | 'disk-image'
  | 'image'
  | 'text'
  | 'other';

export type Sniffed = { kind: FileKind; ext: string; mime: string };

const ARCHIVES = new Set(['rar', '7z', 'gz', 'bz2', 'xz', 'tar', 'cab', 'Z', 'lz', 'lzh', 'arj', 'ace', 'zst', 'lz4', 'cpio', 'tar.gz']);
const EXECUTABLES = new Set(['exe', 'elf', 'macho', 'jar', 'apk', 'crx', 'xpi', 'swf', 'wasm', 'class', 'chm', 'reg', 'deb', 'rpm', 'dmg']);
const IMAGES = new Set(['png', 'jpg', 'gif']);
const MACRO_OOXML = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'pptm', 'potm', 'ppsm']);
const OOXML = new Set(['docx', 'xlsx', 'pptx', 'potx', 'xltx', 'dotx', 'ppsx', 'vsdx']);

/** Bytes [start, end) as Latin-1 text; '' where the file is shorter. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  if (start < 0 || start >= bytes.length) return '';
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');
}

/** The start of a text file, decoded leniently (UTF-8, UTF-16 with a byte-order mark). */
export function textHead(bytes: Uint8Array, length = 4096): string {
  const head = bytes.subarray(0, length);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head);
  return new TextDecoder('utf-8').decode(head);
}

/** Characters of a text file read to tell what it is: past comments and styles a lure puts first. */
const TEXT_HEAD = 64 * 1024;

/** The text after an XML declaration and any comments, however long (a browser skips them too). */
function afterPreamble(head: string): { xml: boolean; rest: string } {
  let rest = head.replace(/^\uFEFF/, '').trimStart();
  const xml = rest.startsWith('<?xml');
  if (xml) rest = rest.slice(rest.indexOf('>') + 1).trimStart();
  while (rest.startsWith('<!--')) {
    const end = rest.indexOf('-->');
    if (end < 0) return { xml, rest: '' };
    rest = rest.slice(end + 3).trimStart();
  }
  return { xml, rest };
}

// Tags a page can open with that no other text format does; `<style>` and `<title>` come before
// `<html>` in kits that leave the skeleton out, and browsers render them as pages all the same.
// Inline tags (`<b>`, `<p>`) are left out: mail clients attach bodies such as Apple's text/watch-html so.
const HTML_OPENING = /^(<!doctype html|<(html|head|body|script|meta|form|iframe|frameset|object|embed|title|style|link|base|div|table|center|noscript|input|button)[\s>/])/;

function sniffText(bytes: Uint8Array): Sniffed | undefined {
  const lower = textHead(bytes, TEXT_HEAD).toLowerCase();
  const { xml, rest } = afterPreamble(lower);
  const head = rest.slice(0, 4096);
  // A saved web page (.mht): MIME headers, then the page and its pictures as related parts;
  // asked first, as the page inside would otherwise pass for the file.
  if (/^(mime-version|content-type|from|subject|date|snapshot-content-location)\s*:/.test(head) && /content-type:\s*multipart\/related/.test(head)) {
    return { kind: 'mhtml', ext: 'mht', mime: 'multipart/related' };
  }
  if (/^(<!doctype svg|<svg[\s>])/.test(head)) return { kind: 'svg', ext: 'svg', mime: 'image/svg+xml' };
  if (HTML_OPENING.test(head) || (xml && /^<!doctype html|^<html[\s>]/.test(head)) || /<(html|body|script|form)[\s>]/.test(head.slice(0, 1024))) {
    return { kind: 'html', ext: 'html', mime: 'text/html' };
  }
  // A Windows shortcut may open with another section (`[DEFAULT]`) before its `[InternetShortcut]`.
  if (/^\[(internetshortcut|\{000214a0-0000-0000-c000-000000000046\})\]/.test(head) || (/^\[[^\]\n]{1,40}\]/.test(head) && /^\[internetshortcut\]/m.test(head))) {
    return { kind: 'internet-shortcut', ext: 'url', mime: 'application/internet-shortcut' };
  }
  if (/^\[desktop entry\]/.test(head)) return { kind: 'internet-shortcut', ext: 'desktop', mime: 'application/x-desktop' };
  if (/^begin:vcalendar/.test(head)) return { kind: 'calendar', ext: 'ics', mime: 'text/calendar' };
  if (xml && /^(<!doctype[^>]*>\s*)?<plist[\s\S]*<key>url<\/key>/.test(head)) return { kind: 'internet-shortcut', ext: 'webloc', mime: 'application/x-webloc' };
  return undefined;
}

/** Disk images file-type does not recognize: ISO 9660/UDF ("CD001"/"BEA01" at 32 KiB) and VHD footers. */
function sniffDiskImage(bytes: Uint8Array): Sniffed | undefined {
  for (const offset of [0x8001, 0x8801, 0x9001]) {
    const id = latin1(bytes, offset, offset + 5);
    if (id === 'CD001' || id === 'BEA01' || id === 'NSR02' || id === 'NSR03') return { kind: 'disk-image', ext: 'iso', mime: 'application/x-iso9660-image' };
  }
  if (latin1(bytes, 0, 8) === 'conectix' || latin1(bytes, bytes.length - 512, bytes.length - 504) === 'conectix') {
    return { kind: 'disk-image', ext: 'vhd', mime: 'application/x-vhd' };
  }
  if (latin1(bytes, 0, 8) === 'vhdxfile') return { kind: 'disk-image', ext: 'vhdx', mime: 'application/x-vhdx' };
  return undefined;
}

const OOXML_PARTS: [string, string, string][] = [
  ['word/', 'docx', 'docm'],
  ['xl/', 'xlsx', 'xlsm'],
  ['ppt/', 'pptx', 'pptm'],
];

/** An Office document file-type took for a plain zip: it reads the content-type part only when
 *  written with double quotes, and Office opens the single-quoted one all the same. Office writes
 *  that part first; a zip whose first entry is something else (an archive that merely carries a
 *  document) stays an archive, so that all its entries are listed. Part names stand in plain bytes. */
function sniffOoxml(bytes: Uint8Array): Sniffed | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.length < 30 || latin1(bytes, 30, 30 + buffer.readUInt16LE(26)) !== '[Content_Types].xml') return undefined;
  const part = OOXML_PARTS.find(([folder]) => buffer.indexOf(folder) >= 0);
  if (!part) return undefined;
  const macros = buffer.indexOf('vbaProject.bin') >= 0;
  return macros ? { kind: 'office-macro', ext: part[2], mime: 'application/vnd.ms-office' } : { kind: 'office-ooxml', ext: part[1], mime: 'application/vnd.openxmlformats-officedocument' };
}

/**
 * A zip with junk before its first entry, which file-type (reading from the start) misses:
 * 7-Zip and WinRAR read a zip from its end, so junk put in front hides it from scanners alone.
 * Recognized by its end-of-directory record, whose comment length must reach the file's end.
 */
function sniffZipFromEnd(bytes: Uint8Array): Sniffed | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let at = view.length - 22; at >= Math.max(0, view.length - 22 - 0xffff); at--) {
    if (view.readUInt32LE(at) === 0x06054b50 && at + 22 + view.readUInt16LE(at + 20) === view.length) return { kind: 'zip', ext: 'zip', mime: 'application/zip' };
  }
  return undefined;
}

function kindOf(ext: string): FileKind {
  if (ext === 'zip') return 'zip';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'lnk') return 'shortcut';
  if (ext === 'ics') return 'calendar';
  if (ext === 'cfb') return 'office-legacy';
  if (ext === 'rtf') return 'rtf';
  if (MACRO_OOXML.has(ext)) return 'office-macro';
  if (OOXML.has(ext)) return 'office-ooxml';
  if (ARCHIVES.has(ext)) return 'archive';
  if (EXECUTABLES.has(ext)) return 'executable';
  if (IMAGES.has(ext)) return 'image';
  if (ext === 'xml') return 'text';
  return 'other';
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 2048);
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  return head.length > 0 && control / head.length < 0.02;
}

export async function sniff(bytes: Uint8Array): Promise<Sniffed> {
  const disk = sniffDiskImage(bytes);
  if (disk) return disk;
  // UTF-16 text first: its byte-order mark and wide letters read as an MPEG audio frame to
  // file-type, while a browser renders the page.
  const wide = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (wide) {
    const text = sniffText(bytes);
    if (text) return text;
  }
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext === 'zip') return sniffOoxml(bytes) ?? { kind: 'zip', ext: 'zip', mime: type.mime };
  if (type && type.ext !== 'xml') return { kind: kindOf(type.ext), ext: type.ext, mime: type.mime };
  const text = sniffText(bytes);
  if (text) return text;
  // Acrobat opens a PDF whose header sits anywhere in the first 1,024 bytes; lures put junk
  // before it so that checks of the first bytes take the file for something else. Only after the
  // page formats: a "%PDF-" in an HTML comment must not hide the page from its checks.
  if (latin1(bytes, 0, 1024).includes('%PDF-')) return { kind: 'pdf', ext: 'pdf', mime: 'application/pdf' };
  if (type) return { kind: 'text', ext: type.ext, mime: type.mime };
  if (looksLikeText(bytes)) return { kind: 'text', ext: 'txt', mime: 'text/plain' };
  // Last: a page, a PDF or a script with a zip behind it keeps the checks of what it is.
  return sniffZipFromEnd(bytes) ?? { kind: 'other', ext: '', mime: 'application/octet-stream' };
}
