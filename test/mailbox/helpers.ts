// Shared by the mailbox tests: a temp directory removed after the test, and draining a reader.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { MailboxEntry } from '../../src/mailbox/read.ts';

export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kakunin-mailbox-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `file` (a path relative to `root`), creating its folders. */
export async function put(root: string, file: string, content: string | Buffer): Promise<void> {
  await mkdir(join(root, file, '..'), { recursive: true });
  await writeFile(join(root, file), content);
}

export async function collect(entries: AsyncIterable<MailboxEntry>): Promise<MailboxEntry[]> {
  const all: MailboxEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

/** Entries as `file → text` (latin1 keeps every byte) or `file → !error`, for compact assertions. */
export function summary(entries: MailboxEntry[], root: string): [string, string][] {
  return entries.map((entry) => [
    entry.file.slice(root.length + 1),
    entry.raw ? Buffer.from(entry.raw).toString('latin1') : `!${entry.error}`,
  ]);
}
