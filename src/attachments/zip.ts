// Lists a zip archive and reads the few entries worth reading, within bounds. yauzl reads the
// central directory (so a listing costs no decompression) and reports encryption per entry. File
// names are decoded here: without the UTF-8 flag, Japanese archives name files in Shift_JIS, not
// CP437.
//
// Archives built to be read differently by different tools are read as the most forgiving tool
// would read them: junk before the archive is skipped (as 7-Zip and Info-ZIP do), an entry that
// fails to read does not end the listing, and files whose local headers the directory does not
// account for (a second archive joined to the first: 7-Zip and WinRAR each show one half) are
// listed from those headers. What was wrong is said in `problems`.
//
// The tar and CAB readers list their entries in the same shape, with the helpers exported here,
// so one set of rules judges the names in any of them.
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { ATTACHMENT_BOUNDS, type InflateBudget } from './bounds.ts';

export type ZipEntry = {
  /** The name as Windows saves the file: without the trailing dots and spaces it drops. */
  name: string;
  /** The name as the archive spells it, for evidence. */
  rawName: string;
  size: number;
  compressedSize: number;
  encrypted: boolean;
  directory: boolean;
};

export type ZipListing = {
  entries: ZipEntry[];
  /** Entries past the listing limit, neither listed nor read. */
  unlisted: number;
  /** Entries whose uncompressed size is implausible for their compressed size. */
  bombs: ZipEntry[];
  /** Entries worth reading that were not read, and why (limits, unsupported compression). */
  unread: string[];
  /** What is broken in the archive's structure, one phrase each. */
  problems: string[];
};

export type ZipFile = { entry: ZipEntry; content: Uint8Array };

export type ZipContents = { listing: ZipListing; files: ZipFile[] };

/** What one listing collects: entries, and the content of those `want` asks for, within `budget`. */
export type Collector = ZipContents & { want: (entry: ZipEntry) => boolean; budget: InflateBudget };

export function collector(want: (entry: ZipEntry) => boolean, budget: InflateBudget): Collector {
  return { listing: { entries: [], unlisted: 0, bombs: [], unread: [], problems: [] }, files: [], want, budget };
}

const UTF8_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;
const DATA_DESCRIPTOR_FLAG = 0x8;
const LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const STORED = 0;
const DEFLATED = 8;

/** A file name's bytes: UTF-8 when flagged or valid, else Shift_JIS (the code page of Japanese Windows). */
export function decodeName(raw: Uint8Array, utf8 = false): string {
  if (utf8) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('shift_jis').decode(raw);
  }
}

export function archiveEntry(rawName: string, size: number, compressedSize: number, encrypted = false): ZipEntry {
  const directory = rawName.endsWith('/');
  // `invoice.pdf.exe.` is saved, and run, as `invoice.pdf.exe`: names are judged as Windows will have them.
  const name = directory ? rawName : rawName.replace(/[. ]+$/, '');
  return { name, rawName, size, compressedSize, encrypted, directory };
}

function zipEntry(rawName: Buffer, flags: number, size: number, compressedSize: number): ZipEntry {
  return archiveEntry(decodeName(rawName, (flags & UTF8_FLAG) !== 0), size, compressedSize, (flags & ENCRYPTED_FLAG) !== 0);
}

function isBomb(entry: ZipEntry): boolean {
  return entry.size > ATTACHMENT_BOUNDS.maxEntryBytes && entry.size > entry.compressedSize * ATTACHMENT_BOUNDS.maxCompressionRatio;
}

/** Lists `entry`; says whether it is worth reading (wanted, unencrypted, no bomb). */
export function list(into: Collector, entry: ZipEntry): boolean {
  into.listing.entries.push(entry);
  if (isBomb(entry)) {
    into.listing.bombs.push(entry);
    return false;
  }
  return !entry.directory && !entry.encrypted && into.want(entry);
}

export function unread(into: Collector, entry: ZipEntry, reason: string): false {
  into.listing.unread.push(`${entry.rawName}: ${reason}`);
  return false;
}

/** Whether an entry worth reading fits the limits; if it does, its size is charged to the budget. */
export function affordable(into: Collector, entry: ZipEntry): boolean {
  if (entry.size > ATTACHMENT_BOUNDS.maxEntryBytes) return unread(into, entry, `${entry.size} bytes, over the limit of ${ATTACHMENT_BOUNDS.maxEntryBytes}`);
  if (entry.size > into.budget.remaining) return unread(into, entry, 'the decompression budget of the message is spent');
  into.budget.remaining -= entry.size;
  return true;
}

function readable(into: Collector, entry: ZipEntry, method: number): boolean {
  if (method !== STORED && method !== DEFLATED) return unread(into, entry, `compression method ${method} is not read`);
  return affordable(into, entry);
}

/** What was read of a stream: at most the limit asked for, whether there was more, and what stopped it early. */
export type Read = { content: Uint8Array; more: boolean; error?: string };

export async function readAll(stream: Readable, limit: number): Promise<Read> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (length + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - length));
        stream.destroy();
        return { content: Buffer.concat(chunks), more: true };
      }
      length += chunk.length;
      chunks.push(chunk);
    }
  } catch (error) {
    return { content: Buffer.concat(chunks), more: false, error: (error as Error).message };
  }
  return { content: Buffer.concat(chunks), more: false };
}

/** Keeps what was read of `entry` (a part is still worth judging), noting when it is not what its header declares. */
function keep(into: Collector, entry: ZipEntry, { content, more, error }: Read): void {
  if (error) into.listing.problems.push(`${entry.rawName} cannot be read (${error})`);
  else if (more || content.length !== entry.size) into.listing.problems.push(`${entry.rawName} declares ${entry.size} bytes but holds ${more ? 'more' : content.length}`);
  if (content.length) into.files.push({ entry, content });
}

type LocalHeader = { flags: number; method: number; compressedSize: number; size: number; name: Buffer; dataStart: number };

/** The local file header at `offset`, if one is there. Read by hand: yauzl reaches local headers
 *  only through the central directory, and here the ones it does not point to are the point. */
function localHeader(bytes: Buffer, offset: number): LocalHeader | undefined {
  if (offset < 0 || offset + 30 > bytes.length || !bytes.subarray(offset, offset + 4).equals(LOCAL_HEADER)) return undefined;
  const nameLength = bytes.readUInt16LE(offset + 26);
  const nameStart = offset + 30;
  const dataStart = nameStart + nameLength + bytes.readUInt16LE(offset + 28);
  if (nameLength === 0 || dataStart > bytes.length) return undefined;
  return {
    flags: bytes.readUInt16LE(offset + 6),
    method: bytes.readUInt16LE(offset + 8),
    compressedSize: bytes.readUInt32LE(offset + 18),
    size: bytes.readUInt32LE(offset + 22),
    name: bytes.subarray(nameStart, nameStart + nameLength),
    dataStart,
  };
}

/**
 * Where the archive that the end-of-directory record describes starts in `bytes`, past any junk
 * put before it. Found as Info-ZIP finds it: the directory ends where the record starts, so the
 * difference between where it is and where the record says it is, is the junk's length.
 * undefined when there is no record.
 */
function archiveStart(bytes: Buffer): number | undefined {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const directoryStart = at - bytes.readUInt32LE(at + 12);
    const start = directoryStart - bytes.readUInt32LE(at + 16);
    // A record that does not add up (Zip64 keeps its sizes elsewhere) is left to yauzl as it is.
    const adds = start > 0 && directoryStart + 4 <= bytes.length && bytes.readUInt32LE(directoryStart) === DIRECTORY_HEADER;
    return adds ? start : 0;
  }
  return undefined;
}

type Directory = { covered: [number, number][]; complete: boolean };

/** Lists the archive through its central directory (yauzl): the byte ranges its entries cover, and whether it was read to its end. */
async function readDirectory(bytes: Buffer, start: number, into: Collector): Promise<Directory> {
  const { listing } = into;
  const covered: [number, number][] = [];
  let zip: yauzl.ZipFile | undefined;
  try {
    // Sizes are checked in keep(): yauzl's own check ends the whole listing at the first entry that lies.
    zip = await yauzl.fromBufferPromise(bytes.subarray(start), { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false });
    for await (const raw of zip.eachEntry()) {
      if (listing.entries.length >= ATTACHMENT_BOUNDS.maxArchiveEntries) {
        listing.unlisted = zip.entryCount - listing.entries.length;
        break;
      }
      const entry = zipEntry(raw.fileName as unknown as Buffer, raw.generalPurposeBitFlag, raw.uncompressedSize, raw.compressedSize);
      const offset = start + raw.relativeOffsetOfLocalHeader;
      const local = localHeader(bytes, offset);
      if (local) covered.push([offset, local.dataStart + raw.compressedSize]);
      else listing.problems.push(`${entry.rawName} is not where its directory says`);
      if (!list(into, entry) || !local || !readable(into, entry, raw.compressionMethod)) continue;
      const read = await zip.openReadStreamPromise(raw).then(
        (stream) => readAll(stream, entry.size),
        (error: Error) => ({ content: new Uint8Array(), more: false, error: error.message }),
      );
      keep(into, entry, read);
    }
    return { covered, complete: true };
  } catch (error) {
    listing.problems.push(`its directory cannot be read (${(error as Error).message})`);
    return { covered, complete: false };
  } finally {
    zip?.close();
  }
}

/** Lists (and reads, when wanted) the entries whose local headers lie outside `covered`. */
async function readLocalHeaders(bytes: Buffer, covered: [number, number][], into: Collector): Promise<ZipEntry[]> {
  const found: ZipEntry[] = [];
  const ranges = covered.toSorted((a, b) => a[0] - b[0]);
  let next = 0;
  for (let at = bytes.indexOf(LOCAL_HEADER); at >= 0 && into.listing.entries.length < ATTACHMENT_BOUNDS.maxArchiveEntries; at = bytes.indexOf(LOCAL_HEADER, at)) {
    while (next < ranges.length && ranges[next]![1] <= at) next++;
    if (next < ranges.length && ranges[next]![0] <= at) {
      at = ranges[next]![1];
      continue;
    }
    const local = localHeader(bytes, at);
    if (!local) {
      at += 4;
      continue;
    }
    // With a data descriptor the sizes follow the data, unknown here: the search goes on from the data.
    const sized = !(local.flags & DATA_DESCRIPTOR_FLAG);
    const end = sized ? local.dataStart + local.compressedSize : local.dataStart;
    const entry = zipEntry(local.name, local.flags, local.size, local.compressedSize);
    found.push(entry);
    if (list(into, entry) && (sized || unread(into, entry, 'its size is not in its header')) && readable(into, entry, local.method)) {
      const data = bytes.subarray(local.dataStart, end);
      keep(into, entry, local.method === STORED ? { content: data, more: false } : await readAll(createInflateRaw().end(data), entry.size));
    }
    at = Math.max(end, at + 4);
  }
  return found;
}

/**
 * Lists the archive and returns the content of entries `want` asks for (unencrypted, within
 * the per-entry and per-message decompression budgets). Never throws: a broken archive comes
 * back with what could be listed and read, and its `problems`.
 */
export async function readZip(data: Uint8Array, want: (entry: ZipEntry) => boolean, budget: InflateBudget): Promise<ZipContents> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  const into = collector(want, budget);
  const { listing, files } = into;
  const start = archiveStart(bytes);
  if (start === undefined) listing.problems.push('it has no directory');
  const { covered, complete } = start === undefined ? { covered: [], complete: false } : await readDirectory(bytes, start, into);
  // Past the listing limit the directory's own unlisted entries would look hidden: none are looked for.
  if (listing.unlisted) return { listing, files };
  const hidden = await readLocalHeaders(bytes, covered, into);
  const names = hidden.slice(0, 5).map((e) => e.rawName).join(', ');
  if (hidden.length && complete) listing.problems.push(`it holds files its directory does not list, as a second archive joined to it does: ${names}`);
  else if (hidden.length) listing.problems.push(`files found by their own headers: ${names}`);
  else if (start) listing.problems.push(`${start} bytes of something else come before it`);
  return { listing, files };
}
