import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { mailboxKind, readMailbox } from '../../src/mailbox/read.ts';
import { tempDir } from './helpers.ts';

test('tells files and directories apart by name, content and layout', async (t) => {
  const root = await tempDir(t);
  await writeFile(join(root, 'box.mbox'), '');
  await writeFile(join(root, 'Inbox'), 'From a Mon Jan  1 00:00:00 2024\nSubject: x\n\n');
  await writeFile(join(root, 'saved'), 'Subject: x\n\n');
  await writeFile(join(root, 'with-envelope.eml'), 'From a Mon Jan  1 00:00:00 2024\nSubject: x\n\n');
  await mkdir(join(root, 'maildir', 'cur'), { recursive: true });
  await mkdir(join(root, 'maildir', 'new'));
  await mkdir(join(root, 'only-cur', 'cur'), { recursive: true });
  assert.equal(await mailboxKind(join(root, 'box.mbox')), 'mbox');
  assert.equal(await mailboxKind(join(root, 'Inbox')), 'mbox');
  assert.equal(await mailboxKind(join(root, 'saved')), 'eml');
  assert.equal(await mailboxKind(join(root, 'with-envelope.eml')), 'eml');
  assert.equal(await mailboxKind(join(root, 'maildir')), 'maildir');
  assert.equal(await mailboxKind(join(root, 'only-cur')), 'eml-dir');
  assert.equal(await mailboxKind(root), 'eml-dir');
});

test('a path that does not exist throws a clear InputError', async (t) => {
  const missing = join(await tempDir(t), 'nope.mbox');
  const expected = (error: unknown) =>
    error instanceof InputError && error.code === 'not-found' && error.message === `${missing}: no such file or directory`;
  await assert.rejects(mailboxKind(missing), expected);
  await assert.rejects(readMailbox(missing, { maxMessageBytes: 1000 }).next(), expected);
});
