// Tells what kind of mailbox a path is. A directory with cur/ and new/ is a Maildir, any other
// directory a tree of .eml files. A file is an mbox by name (.mbox, .mbx) or, failing a telling
// extension, when it starts with an mbox envelope line; otherwise it is one message.
import { open, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../errors.ts';

export type MailboxKind = 'eml-dir' | 'mbox' | 'maildir' | 'eml';

const MBOX_EXTENSIONS = new Set(['.mbox', '.mbx']);

export async function mailboxKind(path: string): Promise<MailboxKind> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('not-found', `${path}: no such file or directory`);
    throw new InputError('unreadable', `${path}: cannot be read (${(error as Error).message})`);
  }
  if (stats.isDirectory()) {
    return (await isDirectory(join(path, 'cur'))) && (await isDirectory(join(path, 'new'))) ? 'maildir' : 'eml-dir';
  }
  if (!stats.isFile()) throw new InputError('not-a-mailbox', `${path}: not a regular file or directory`);
  const extension = extname(path).toLowerCase();
  if (extension === '.eml') return 'eml';
  if (MBOX_EXTENSIONS.has(extension)) return 'mbox';
  return (await startsWithEnvelope(path)) ? 'mbox' : 'eml';
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** An unreadable file is not an mbox here; reading it later reports the error as an entry. */
async function startsWithEnvelope(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(5);
      const { bytesRead } = await handle.read(head, 0, 5, 0);
      return bytesRead === 5 && head.toString('latin1') === 'From ';
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
