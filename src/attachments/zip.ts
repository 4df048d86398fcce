// Lists a zip archive and reads the few entries worth reading, within bounds. yauzl reads the
// central directory (so a listing costs no decompression), reports encryption per entry, and
// checks each entry's real size against its header while inflating. File names are decoded
// here: without the UTF-8 flag, Japanese archives name files in Shift_JIS, not CP437.
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
  /** Entries in the archive, including those past the listing limit. */
  total: number;
  /** Entries whose uncompressed size is implausible for their compressed size. */
  bombs: ZipEntry[];
  /** Why the archive could not be read completely, if it could not. */
  error?: string;
};

export type ZipContents = { listing: ZipListing; files: Map<string, Uint8Array> };

const UTF8_FLAG = 0x800;

function decodeName(raw: Buffer, flags: number): string {
  if (flags & UTF8_FLAG) return raw.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('shift_jis').decode(raw);
  }
}

function isBomb(entry: ZipEntry): boolean {
  return entry.size > ATTACHMENT_BOUNDS.maxEntryBytes && entry.size > entry.compressedSize * ATTACHMENT_BOUNDS.maxCompressionRatio;
}

async function readAll(stream: Readable, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Lists the archive and returns the content of entries `want` asks for (unencrypted, within
 * the per-entry and per-message decompression budgets). Never throws: a broken archive comes
 * back with what could be listed and an `error`.
 */
export async function readZip(bytes: Uint8Array, want: (entry: ZipEntry) => boolean, budget: InflateBudget): Promise<ZipContents> {
  const listing: ZipListing = { entries: [], total: 0, bombs: [] };
  const files = new Map<string, Uint8Array>();
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
    listing.total = zip.entryCount;
    for await (const raw of zip.eachEntry()) {
      if (listing.entries.length >= ATTACHMENT_BOUNDS.maxArchiveEntries) break;
      const name = decodeName(raw.fileName as unknown as Buffer, raw.generalPurposeBitFlag);
      const entry: ZipEntry = {
        name,
        size: raw.uncompressedSize,
        compressedSize: raw.compressedSize,
        encrypted: raw.isEncrypted(),
        directory: name.endsWith('/'),
      };
      listing.entries.push(entry);
      if (isBomb(entry)) {
        listing.bombs.push(entry);
        continue;
      }
      if (entry.directory || entry.encrypted || !want(entry)) continue;
      if (entry.size > ATTACHMENT_BOUNDS.maxEntryBytes || entry.size > budget.remaining) continue;
      budget.remaining -= entry.size;
      const content = await readAll(await zip.openReadStreamPromise(raw), entry.size);
      if (content) files.set(name, content);
    }
  } catch (error) {
    listing.error = (error as Error).message;
  } finally {
    zip?.close();
  }
  return { listing, files };
}
