// Tar archives, and the gzip files that usually wrap them. A tar archive is a run of 512-byte
// headers, each followed by its file's bytes padded to 512; names are plain bytes in the header.
// The listing is a loop over headers, written here: node-tar and tar-stream are extractors, and
// would be a new dependency for a few dozen lines. Entries are listed as zip entries are, so the
// same name rules judge them; a tar holds its files as they are, so those worth reading are
// handed over without inflating anything.
import { createGunzip } from 'node:zlib';
import { ATTACHMENT_BOUNDS, type InflateBudget } from './bounds.ts';
import { affordable, archiveEntry, collector, decodeName, list, readAll, unread, type Read, type ZipContents, type ZipEntry } from './zip.ts';

const BLOCK = 512;

/** A header field up to its first NUL. */
function field(bytes: Buffer, start: number, length: number): Buffer {
  const raw = bytes.subarray(start, start + length);
  const end = raw.indexOf(0);
  return end < 0 ? raw : raw.subarray(0, end);
}

/** A header number: octal digits, or (GNU, past 8 GiB) big-endian binary after a byte with its top bit set. */
function number(header: Buffer, start: number, length: number): number {
  if (header[start]! & 0x80) return header.subarray(start + 1, start + length).reduce((n, byte) => n * 256 + byte, 0);
  return parseInt(field(header, start, length).toString('latin1').trim() || '0', 8);
}

/** The header's checksum: the sum of its bytes with the checksum field as spaces (old tars summed signed bytes). */
function intact(header: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const stored = number(header, 148, 8);
  return stored === unsigned || stored === signed;
}

/** The records of a pax extended header: "<length> <key>=<value>\n" each. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(0x20, at);
    const length = parseInt(data.subarray(at, space).toString('latin1'), 10);
    if (space < 0 || !(length > space - at)) break;
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/**
 * Lists a tar archive and returns the content of entries `want` asks for (within the per-entry
 * limit and the message's budget, which a read file draws on as an inflated one does). Never
 * throws: a damaged header ends the listing and is said in `problems`.
 */
export function readTar(bytes: Uint8Array, want: (entry: ZipEntry) => boolean, budget: InflateBudget): ZipContents {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const into = collector(want, budget);
  const { listing, files } = into;
  // GNU long-name and pax headers give the name (pax, also the size) of the entry that follows them.
  let next: { name?: string; size?: number } = {};
  for (let at = 0; at + BLOCK <= data.length; ) {
    const header = data.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = next.size ?? number(header, 124, 12);
    if (!intact(header) || !Number.isSafeInteger(size) || size < 0) {
      listing.problems.push(`the header at byte ${at} is damaged`);
      break;
    }
    const type = String.fromCharCode(header[156]!);
    let start = at + BLOCK;
    // A GNU sparse file may go on listing its holes in extra blocks, before its data.
    if (type === 'S') for (let extended = header[482]; extended; start += BLOCK) extended = data[start + 504];
    // Links, devices, directories and FIFOs have no data, whatever their size field says (as tar reads them).
    const stored = '123456'.includes(type) ? 0 : size;
    const content = data.subarray(start, start + stored);
    at = start + Math.ceil(stored / BLOCK) * BLOCK;
    if (type === 'L') next = { ...next, name: decodeName(field(content, 0, size)) };
    else if (type === 'x' || type === 'X') {
      const records = paxRecords(content);
      const paxSize = records.has('size') ? Number(records.get('size')) : undefined;
      next = { name: records.get('path') ?? next.name, size: paxSize ?? next.size };
    }
    // Headers that name or describe what follows (and volume labels) are no files.
    if ('LKxXgV'.includes(type)) continue;
    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? field(header, 345, 155) : Buffer.alloc(0);
    const name = next.name ?? decodeName(prefix.length ? Buffer.concat([prefix, Buffer.from('/'), field(header, 0, 100)]) : field(header, 0, 100));
    next = {};
    if (listing.entries.length >= ATTACHMENT_BOUNDS.maxArchiveEntries) {
      listing.unlisted++;
      continue;
    }
    const entry = archiveEntry(type === '5' && !name.endsWith('/') ? `${name}/` : name, stored, stored);
    if (!list(into, entry)) continue;
    if (content.length < stored) unread(into, entry, 'the archive ends inside it');
    else if (type === 'S') unread(into, entry, 'a sparse file, stored in pieces');
    else if (affordable(into, entry)) files.push({ entry, content });
  }
  return { listing, files };
}

/** The size a gzip file says its content has (its last four bytes: the size modulo 4 GiB). */
export function gzipDeclaredSize(bytes: Uint8Array): number {
  return bytes.length < 18 ? 0 : new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(bytes.length - 4, true);
}

/** Inflates a gzip file, keeping at most `limit` bytes; what comes before a break in the stream is kept. */
export function gunzip(bytes: Uint8Array, limit: number): Promise<Read> {
  return readAll(createGunzip().end(bytes), limit);
}
