// The bytes a mailbox holds, for the progress bar of `kakunin scan`: the file's size, or the
// sum over a directory tree. An estimate (Maildir's tmp/ and skipped files count too); the bar
// only needs to move in proportion.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function mailboxBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    total += await stat(join(entry.parentPath, entry.name)).then((s) => s.size, () => 0);
  }
  return total;
}
