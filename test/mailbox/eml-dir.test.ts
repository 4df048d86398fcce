import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { mailboxKind, readMailbox } from '../../src/mailbox/read.ts';
import { collect, summary, tempDir, put } from './helpers.ts';

const LIMIT = { maxMessageBytes: 1000 };

test('walks nested directories in sorted order, taking only .eml files', async (t) => {
  const root = await tempDir(t);
  await put(root, 'b.eml', 'Subject: b\n\n');
  await put(root, 'a/z.EML', 'Subject: a/z\n\n');
  await put(root, 'a/deep/er/m.eml', 'Subject: a/deep/er/m\n\n');
  await put(root, 'a/10.eml', 'Subject: a/10\n\n');
  await put(root, 'a/2.eml', 'Subject: a/2\n\n');
  await put(root, 'B.eml', 'Subject: B\n\n');
  await put(root, 'notes.txt', 'not mail');
  await put(root, '.hidden.eml', 'Subject: hidden\n\n');
  await put(root, '.git/objects/x.eml', 'Subject: git\n\n');
  assert.equal(await mailboxKind(root), 'eml-dir');
  // Code-unit order, whatever the locale: uppercase before lowercase, "10" before "2".
  assert.deepEqual(summary(await collect(readMailbox(root, LIMIT)), root), [
    ['B.eml', 'Subject: B\n\n'],
    ['a/10.eml', 'Subject: a/10\n\n'],
    ['a/2.eml', 'Subject: a/2\n\n'],
    ['a/deep/er/m.eml', 'Subject: a/deep/er/m\n\n'],
    ['a/z.EML', 'Subject: a/z\n\n'],
    ['b.eml', 'Subject: b\n\n'],
  ]);
});

test('follows symlinks once, reports loops and dangling links as error entries', async (t) => {
  const root = await tempDir(t);
  const outside = await tempDir(t);
  await put(outside, 'linked.eml', 'Subject: linked\n\n');
  await put(root, 'dir/m.eml', 'Subject: m\n\n');
  await symlink(root, join(root, 'dir', 'loop'));
  await symlink(join(root, 'dir'), join(root, 'second-link'));
  await symlink(join(outside, 'linked.eml'), join(root, 'file-link.eml'));
  await symlink(join(root, 'missing.eml'), join(root, 'gone.eml'));
  const entries = summary(await collect(readMailbox(root, LIMIT)), root);
  assert.deepEqual(entries.slice(0, 3), [
    ['dir/loop', '!directory already visited (symlink loop or second link), skipped'],
    ['dir/m.eml', 'Subject: m\n\n'],
    ['file-link.eml', 'Subject: linked\n\n'],
  ]);
  assert.equal(entries[3]![0], 'gone.eml');
  assert.match(entries[3]![1], /^!ENOENT/);
  assert.deepEqual(entries.slice(4), [['second-link', '!directory already visited (symlink loop or second link), skipped']]);
});

test('an oversize file is not read, a FIFO is not opened, both yield error entries', async (t) => {
  const root = await tempDir(t);
  await put(root, '1.eml', 'Subject: one\n\n');
  await put(root, '2.eml', `Subject: big\n\n${'x'.repeat(2000)}`);
  execFileSync('mkfifo', [join(root, '3.eml')]);
  await put(root, '4.eml', 'Subject: four\n\n');
  assert.deepEqual(summary(await collect(readMailbox(root, LIMIT)), root), [
    ['1.eml', 'Subject: one\n\n'],
    ['2.eml', '!message larger than 1000 bytes'],
    ['3.eml', '!not a regular file'],
    ['4.eml', 'Subject: four\n\n'],
  ]);
});

test('unreadable files and directories yield error entries', { skip: process.getuid?.() === 0 && 'root ignores file permissions' }, async (t) => {
  const root = await tempDir(t);
  await put(root, 'a.eml', 'Subject: a\n\n');
  await put(root, 'locked/b.eml', 'Subject: b\n\n');
  await chmod(join(root, 'a.eml'), 0o000);
  await chmod(join(root, 'locked'), 0o000);
  const entries = summary(await collect(readMailbox(root, LIMIT)), root);
  await chmod(join(root, 'locked'), 0o700);
  assert.deepEqual(entries.map(([file]) => file), ['a.eml', 'locked']);
  assert.ok(entries.every(([, text]) => text.startsWith('!EACCES')));
});

test('a single .eml path yields that one message, byte-exact', async (t) => {
  const root = await tempDir(t);
  const raw = Buffer.from([...Buffer.from('Subject: jp\n\n'), 0x1b, 0x24, 0x42, 0x24, 0x2a, 0x1b, 0x28, 0x42, 0x0d, 0x0a, 0xff]);
  await put(root, 'one.eml', raw);
  const entries = await collect(readMailbox(join(root, 'one.eml'), LIMIT));
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.file, join(root, 'one.eml'));
  assert.ok(Buffer.from(entries[0]!.raw!).equals(raw));
});
