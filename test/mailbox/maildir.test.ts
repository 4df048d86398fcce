import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { mailboxKind, readMailbox } from '../../src/mailbox/read.ts';
import { collect, summary, tempDir, put } from './helpers.ts';

const LIMIT = { maxMessageBytes: 1000 };

test('reads cur/ then new/, then Maildir++ folders, skipping tmp/ and dotfiles', async (t) => {
  const root = await tempDir(t);
  await put(root, 'cur/1700000002.M2P1.host:2,S', 'Subject: cur 2\n\n');
  await put(root, 'cur/1700000001.M1P1.host:2,RS', 'Subject: cur 1\n\n');
  await put(root, 'cur/.hidden', 'Subject: hidden\n\n');
  await put(root, 'new/1700000003.M3P1.host', 'Subject: new 3\n\n');
  await put(root, 'tmp/1700000004.M4P1.host', 'Subject: in delivery\n\n');
  await put(root, 'dovecot-uidlist', 'not mail');
  await put(root, '.Sent/cur/1700000005.M5P1.host:2,S', 'Subject: sent\n\n');
  await put(root, '.Sent/maildirfolder', '');
  await put(root, '.Archive.2024/new/1700000006.M6P1.host', 'Subject: archive\n\n');
  await mkdir(join(root, '.Archive.2024', 'tmp'));
  await put(root, 'stray/cur/x', 'Subject: not a Maildir++ folder\n\n');
  assert.equal(await mailboxKind(root), 'maildir');
  assert.deepEqual(summary(await collect(readMailbox(root, LIMIT)), root), [
    ['cur/1700000001.M1P1.host:2,RS', 'Subject: cur 1\n\n'],
    ['cur/1700000002.M2P1.host:2,S', 'Subject: cur 2\n\n'],
    ['new/1700000003.M3P1.host', 'Subject: new 3\n\n'],
    ['.Archive.2024/new/1700000006.M6P1.host', 'Subject: archive\n\n'],
    ['.Sent/cur/1700000005.M5P1.host:2,S', 'Subject: sent\n\n'],
  ]);
});

test('an empty Maildir has no messages; oversize and linked folders are reported', async (t) => {
  const root = await tempDir(t);
  await mkdir(join(root, 'cur'));
  await mkdir(join(root, 'new'));
  assert.deepEqual(await collect(readMailbox(root, LIMIT)), []);
  await put(root, 'new/big', `Subject: big\n\n${'x'.repeat(2000)}`);
  await symlink(root, join(root, '.Self'));
  assert.deepEqual(summary(await collect(readMailbox(root, LIMIT)), root), [
    ['new/big', '!message larger than 1000 bytes'],
    ['.Self', '!folder already read through another link, skipped'],
  ]);
});
