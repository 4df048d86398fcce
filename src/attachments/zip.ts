// Lists a zip archive and reads the few entries worth reading, within bounds. yauzl reads the
// central directory (so a listing costs no decompression) and reports encryption per entry. File
// names are decoded here: without the UTF-8 flag, Japanese archives name files in Shift_JIS, not
// CP437.
//
// An entry that fails to read does not end the listing: the entries after it are still listed
// and read, and what was wrong is said in `problems`.
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { ATTACHMENT_BOUNDS, type InflateBudget } from './bounds.ts';

export type ZipEntry = {
  name: string;
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
type Collector = ZipContents & { want: (entry: ZipEntry) => boolean; budget: InflateBudget };

const UTF8_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;
const STORED = 0;
const DEFLATED = 8;

function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('shift_jis').decode(raw);
  }
}

function isBomb(entry: ZipEntry): boolean {
  return entry.size > ATTACHMENT_BOUNDS.maxEntryBytes && entry.size > entry.compressedSize * ATTACHMENT_BOUNDS.maxCompressionRatio;
}

/** Lists `entry`; says whether it is worth reading (wanted, unencrypted, no bomb). */
function list(into: Collector, entry: ZipEntry): boolean {
  into.listing.entries.push(entry);
  if (isBomb(entry)) {
    into.listing.bombs.push(entry);
    return false;
  }
  return !entry.directory && !entry.encrypted && into.want(entry);
}

function unread(into: Collector, entry: ZipEntry, reason: string): false {
  into.listing.unread.push(`${entry.name}: ${reason}`);
  return false;
}

/** Whether an entry worth reading can be inflated within the limits; if it can, its size is charged to the budget. */
function readable(into: Collector, entry: ZipEntry, method: number): boolean {
  if (method !== STORED && method !== DEFLATED) return unread(into, entry, `compression method ${method} is not read`);
  if (entry.size > ATTACHMENT_BOUNDS.maxEntryBytes) return unread(into, entry, `${entry.size} bytes, over the limit of ${ATTACHMENT_BOUNDS.maxEntryBytes}`);
  if (entry.size > into.budget.remaining) return unread(into, entry, 'the decompression budget of the message is spent');
  into.budget.remaining -= entry.size;
  return true;
}

/** What was read of a stream: at most the limit asked for, whether there was more, and what stopped it early. */
type Read = { content: Uint8Array; more: boolean; error?: string };

async function readAll(stream: Readable, limit: number): Promise<Read> {
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
  if (error) into.listing.problems.push(`${entry.name} cannot be read (${error})`);
  else if (more || content.length !== entry.size) into.listing.problems.push(`${entry.name} declares ${entry.size} bytes but holds ${more ? 'more' : content.length}`);
  if (content.length) into.files.push({ entry, content });
}

/**
 * Lists the archive and returns the content of entries `want` asks for (unencrypted, within
 * the per-entry and per-message decompression budgets). Never throws: a broken archive comes
 * back with what could be listed and read, and its `problems`.
 */
export async function readZip(bytes: Uint8Array, want: (entry: ZipEntry) => boolean, budget: InflateBudget): Promise<ZipContents> {
  const into: Collector = { listing: { entries: [], unlisted: 0, bombs: [], unread: [], problems: [] }, files: [], want, budget };
  const { listing, files } = into;
  let zip: yauzl.ZipFile | undefined;
  try {
    // Sizes are checked in keep(): yauzl's own check would end the whole listing at the first entry that lies.
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false });
    for await (const raw of zip.eachEntry()) {
      if (listing.entries.length >= ATTACHMENT_BOUNDS.maxArchiveEntries) {
        listing.unlisted = zip.entryCount - listing.entries.length;
        break;
      }
      const flags = raw.generalPurposeBitFlag;
      const name = decodeName(raw.fileName as unknown as Buffer, (flags & UTF8_FLAG) !== 0);
      const entry: ZipEntry = { name, size: raw.uncompressedSize, compressedSize: raw.compressedSize, encrypted: (flags & ENCRYPTED_FLAG) !== 0, directory: name.endsWith('/') };
      if (!list(into, entry) || !readable(into, entry, raw.compressionMethod)) continue;
      const read = await zip.openReadStreamPromise(raw).then(
        (stream) => readAll(stream, entry.size),
        (error: Error) => ({ content: new Uint8Array(), more: false, error: error.message }),
      );
      keep(into, entry, read);
    }
  } catch (error) {
    listing.problems.push(`its directory cannot be read (${(error as Error).message})`);
  } finally {
    zip?.close();
  }
  return { listing, files };
}
