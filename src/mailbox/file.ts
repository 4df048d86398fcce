// Reads one file that holds one message (an .eml, a Maildir entry), refusing to buffer more than
// the message limit: the size is checked before reading, and the read stops at the size seen then
// so a file that grows meanwhile cannot push past it.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { failedEntry, oversizeEntry, type MailboxEntry } from './entry.ts';

export async function readMessageFile(path: string, maxMessageBytes: number): Promise<MailboxEntry> {
  let handle;
  try {
    // Non-blocking so that a FIFO swapped in for a file is refused instead of hanging the scan.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) return { file: path, error: 'not a regular file' };
    if (stats.size > maxMessageBytes) return oversizeEntry(path, maxMessageBytes);
    const raw = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < raw.length) {
      const { bytesRead } = await handle.read(raw, filled, raw.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { file: path, raw: raw.subarray(0, filled) };
  } catch (error) {
    return failedEntry(path, error);
  } finally {
    // The bytes are already read; a failing close changes nothing about them.
    await handle?.close().catch(() => undefined);
  }
}
