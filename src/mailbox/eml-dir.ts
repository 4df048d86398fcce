// Walks a directory tree of .eml files depth-first, one directory listing in memory per level.
// Dotfiles and dot-directories are skipped (editor, OS and VCS clutter); a directory reached a
// second time (symlink loop or second link) is reported once and not entered.
import { failedEntry, type MailboxEntry } from './entry.ts';
import { readMessageFile } from './file.ts';
import { directoryId, listDirectory } from './walk.ts';

export async function* readEmlDirectory(root: string, maxMessageBytes: number): AsyncGenerator<MailboxEntry> {
  const visited = new Set([await directoryId(root)]);
  yield* walk(root, visited, maxMessageBytes);
}

async function* walk(dir: string, visited: Set<string>, maxMessageBytes: number): AsyncGenerator<MailboxEntry> {
  let listing;
  try {
    listing = await listDirectory(dir);
  } catch (error) {
    yield failedEntry(dir, error);
    return;
  }
  for (const entry of listing) {
    if (entry.name.startsWith('.')) continue;
    switch (entry.kind) {
      case 'directory':
        if (visited.has(entry.id)) {
          yield { file: entry.path, error: 'directory already visited (symlink loop or second link), skipped' };
        } else {
          visited.add(entry.id);
          yield* walk(entry.path, visited, maxMessageBytes);
        }
        break;
      case 'file':
        if (isEml(entry.name)) yield await readMessageFile(entry.path, maxMessageBytes);
        break;
      case 'other':
        if (isEml(entry.name)) yield { file: entry.path, error: 'not a regular file' };
        break;
      case 'broken':
        // A dangling link may have pointed at mail: say so rather than pass over it.
        yield { file: entry.path, error: entry.error };
        break;
    }
  }
}

function isEml(name: string): boolean {
  return name.toLowerCase().endsWith('.eml');
}
