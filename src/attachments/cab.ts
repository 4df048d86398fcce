// Lists the files of a Microsoft Cabinet (.cab), which Windows opens like a folder. Their
// contents are compressed with MSZIP, LZX or Quantum and are not read; their names are plain
// bytes in fixed-layout CFFILE records that the header points to, so the listing is a few reads,
// written here (no CAB reader is among the dependencies, and names are all that is needed).
// Entries are listed as zip entries are, so the same name rules judge them.
import { ATTACHMENT_BOUNDS } from './bounds.ts';
import { archiveEntry, collector, decodeName, list, type ZipContents } from './zip.ts';

/** CFFILE attribute: the name is UTF-8 (otherwise it is in the system's code page). */
const NAME_IS_UTF = 0x80;

export function listCab(bytes: Uint8Array): ZipContents {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // Nothing in a cabinet is read: no entry is wanted and no budget is spent.
  const into = collector(() => false, { remaining: 0 });
  const { listing, files } = into;
  if (data.length < 36) {
    listing.problems.push('its header is cut short');
    return { listing, files };
  }
  const count = data.readUInt16LE(28);
  let at = data.readUInt32LE(16);
  for (let i = 0; i < count; i++) {
    const end = at + 16 <= data.length ? data.indexOf(0, at + 16) : -1;
    if (end < 0) {
      listing.problems.push(`its list of files ends after ${i} of ${count}`);
      break;
    }
    if (listing.entries.length >= ATTACHMENT_BOUNDS.maxArchiveEntries) {
      listing.unlisted = count - i;
      break;
    }
    const size = data.readUInt32LE(at);
    const name = decodeName(data.subarray(at + 16, end), (data.readUInt16LE(at + 14) & NAME_IS_UTF) !== 0);
    list(into, archiveEntry(name, size, size));
    at = end + 1;
  }
  return { listing, files };
}
