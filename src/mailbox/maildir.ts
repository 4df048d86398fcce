// Reads a Maildir: the messages in cur/ and new/ (tmp/ holds deliveries still being written),
// then each Maildir++ folder (`.Sent`, `.Archive.2024`: dot-directories at the top) the same
// way. Folders are flat in Maildir++, so there is no recursion; a folder that is a link to one
// already read is reported and skipped so no message is judged twice.
import { join } from 'node:path';
import { failedEntry, type MailboxEntry } from './entry.ts';
import { readMessageFile } from './file.ts';
import { directoryId, listDirectory } from './walk.ts';

const MESSAGE_DIRS = ['cur', 'new'];

export async function* readMaildir(root: string, maxMessageBytes: number): AsyncGenerator<MailboxEntry> {
  yield* readFolder(root, maxMessageBytes);
  let listing;
  try {
    listing = await listDirectory(root);
  } catch (error) {
    yield failedEntry(root, error);
    return;
  }
  const visited = new Set([await directoryId(root)]);
  for (const entry of listing) {
    if (!entry.name.startsWith('.') || entry.kind !== 'directory') continue;
    if (visited.has(entry.id)) {
      yield { file: entry.path, error: 'folder already read through another link, skipped' };
      continue;
    }
    visited.add(entry.id);
    yield* readFolder(entry.path, maxMessageBytes);
  }
}

async function* readFolder(folder: string, maxMessageBytes: number): AsyncGenerator<MailboxEntry> {
  for (const name of MESSAGE_DIRS) {
    let listing;
    try {
      listing = await listDirectory(join(folder, name));
    } catch (error) {
      // A folder without new/ (or cur/) simply has no messages there.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') yield failedEntry(join(folder, name), error);
      continue;
    }
    for (const entry of listing) {
      if (entry.name.startsWith('.')) continue;
      if (entry.kind === 'file') yield await readMessageFile(entry.path, maxMessageBytes);
      else if (entry.kind === 'other') yield { file: entry.path, error: 'not a regular file' };
      else if (entry.kind === 'broken') yield { file: entry.path, error: entry.error };
    }
  }
}
