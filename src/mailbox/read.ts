// Reads every message of a mailbox — a single .eml, a directory tree of .eml files, an mbox or
// a Maildir — one at a time, so `kakunin scan` runs in constant memory whatever the mailbox
// size. Every message yields exactly one entry: its bytes, or an error saying why not.
import { mailboxKind } from './detect.ts';
import { readEmlDirectory } from './eml-dir.ts';
import type { MailboxEntry } from './entry.ts';
import { readMessageFile } from './file.ts';
import { readMaildir } from './maildir.ts';
import { readMbox } from './mbox.ts';

export type { MailboxEntry } from './entry.ts';
export { mailboxKind, type MailboxKind } from './detect.ts';

export type ReadMailboxOptions = {
  /** A larger message is skipped unread and yields `{ file, error: 'message larger than N bytes' }`. */
  maxMessageBytes: number;
};

/**
 * Yields messages in a stable order: sorted file names (per directory, by code unit); for an
 * mbox, file order with `file` = `path#N`, N the 1-based message index. Throws an InputError
 * when `path` does not exist; unreadable files inside the mailbox become error entries.
 */
export async function* readMailbox(path: string, options: ReadMailboxOptions): AsyncGenerator<MailboxEntry> {
  const { maxMessageBytes } = options;
  switch (await mailboxKind(path)) {
    case 'eml':
      yield await readMessageFile(path, maxMessageBytes);
      return;
    case 'mbox':
      yield* readMbox(path, maxMessageBytes);
      return;
    case 'maildir':
      yield* readMaildir(path, maxMessageBytes);
      return;
    case 'eml-dir':
      yield* readEmlDirectory(path, maxMessageBytes);
      return;
  }
}
