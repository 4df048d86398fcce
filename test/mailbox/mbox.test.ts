import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readMailbox } from '../../src/mailbox/read.ts';
import { readMbox } from '../../src/mailbox/mbox.ts';
import { collect, summary, tempDir } from './helpers.ts';
import { fc, runs } from '../helpers/property.ts';

const LIMIT = { maxMessageBytes: 1024 * 1024 };

async function readMboxText(t: Parameters<typeof tempDir>[0], content: string | Buffer, limits = LIMIT) {
  const dir = await tempDir(t);
  const path = join(dir, 'box.mbox');
  await writeFile(path, content);
  return summary(await collect(readMailbox(path, limits)), dir);
}

test('splits messages, drops envelope lines and the blank separator line', async (t) => {
  const mbox =
    'From alice@example.jp Mon Jan  1 00:00:00 2024\nFrom: alice@example.jp\nSubject: one\n\nbody one\n\n' +
    'From bob@example.jp Mon Jan  1 00:00:01 2024\nFrom: bob@example.jp\nSubject: two\n\nbody two\n\n\n' +
    'From carol@example.jp Mon Jan  1 00:00:02 2024\nSubject: three\n\nbody three\n';
  assert.deepEqual(await readMboxText(t, mbox), [
    ['box.mbox#1', 'From: alice@example.jp\nSubject: one\n\nbody one\n'],
    ['box.mbox#2', 'From: bob@example.jp\nSubject: two\n\nbody two\n\n'],
    ['box.mbox#3', 'Subject: three\n\nbody three\n'],
  ]);
});

test('a From line not after a blank line is body text', async (t) => {
  const mbox = 'From a Mon Jan  1 00:00:00 2024\nSubject: x\n\nfirst line\nFrom here on, text\n';
  assert.deepEqual(await readMboxText(t, mbox), [['box.mbox#1', 'Subject: x\n\nfirst line\nFrom here on, text\n']]);
});

test('un-escapes >From lines one level (mboxrd), only at the start of a line', async (t) => {
  const mbox =
    'From a Mon Jan  1 00:00:00 2024\nSubject: x\n\n>From the start\n>>From quoted\n>>>From deeper\n' +
    'a >From mid-line\n>Fromage\n> From spaced\n\n';
  assert.deepEqual(await readMboxText(t, mbox), [
    ['box.mbox#1', 'Subject: x\n\nFrom the start\n>From quoted\n>>From deeper\na >From mid-line\n>Fromage\n> From spaced\n'],
  ]);
});

test('handles CRLF line endings', async (t) => {
  const mbox =
    'From a Mon Jan  1 00:00:00 2024\r\nSubject: one\r\n\r\nbody\r\n>From x\r\n\r\n' +
    'From b Mon Jan  1 00:00:01 2024\r\nSubject: two\r\n\r\nbody\r\n\r\n';
  assert.deepEqual(await readMboxText(t, mbox), [
    ['box.mbox#1', 'Subject: one\r\n\r\nbody\r\nFrom x\r\n'],
    ['box.mbox#2', 'Subject: two\r\n\r\nbody\r\n'],
  ]);
});

test('keeps a last line that has no newline', async (t) => {
  const mbox = 'From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\n\nFrom b Mon Jan  1 00:00:01 2024\nSubject: two\n\nno newline at end';
  assert.deepEqual(await readMboxText(t, mbox), [
    ['box.mbox#1', 'Subject: one\n\nbody\n'],
    ['box.mbox#2', 'Subject: two\n\nno newline at end'],
  ]);
});

test('an empty mbox, or one of blank lines, has no messages', async (t) => {
  assert.deepEqual(await readMboxText(t, ''), []);
  assert.deepEqual(await readMboxText(t, '\n\r\n\n'), []);
});

test('an envelope line with nothing after it is an empty message, still counted', async (t) => {
  const mbox = 'From a Mon Jan  1 00:00:00 2024\n\nFrom b Mon Jan  1 00:00:01 2024\nSubject: two\n\nx\n';
  assert.deepEqual(await readMboxText(t, mbox), [
    ['box.mbox#1', ''],
    ['box.mbox#2', 'Subject: two\n\nx\n'],
  ]);
});

test('text before the first envelope line is yielded, not dropped', async (t) => {
  const mbox = 'Subject: stray\n\nstray body\n\nFrom a Mon Jan  1 00:00:00 2024\nSubject: one\n\nx\n';
  assert.deepEqual(await readMboxText(t, mbox), [
    ['box.mbox#1', 'Subject: stray\n\nstray body\n'],
    ['box.mbox#2', 'Subject: one\n\nx\n'],
  ]);
});

test('an oversize message between two normal ones yields an error entry, not its bytes', async (t) => {
  const big = 'Subject: big\n\n' + `${'y'.repeat(99)}\n`.repeat(3_000);
  const mbox =
    'From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nsmall\n\n' +
    `From b Mon Jan  1 00:00:01 2024\n${big}\n` +
    'From c Mon Jan  1 00:00:02 2024\nSubject: three\n\nsmall\n';
  assert.deepEqual(await readMboxText(t, mbox, { maxMessageBytes: 1000 }), [
    ['box.mbox#1', 'Subject: one\n\nsmall\n'],
    ['box.mbox#2', '!message larger than 1000 bytes'],
    ['box.mbox#3', 'Subject: three\n\nsmall\n'],
  ]);
});

test('a message of exactly the limit is accepted', async (t) => {
  const body = 'Subject: x\n\n' + 'z'.repeat(88) + '\n';
  assert.equal(body.length, 101);
  const mbox = `From a Mon Jan  1 00:00:00 2024\n${body}\n`;
  assert.deepEqual(await readMboxText(t, mbox, { maxMessageBytes: 101 }), [['box.mbox#1', body]]);
  assert.deepEqual(await readMboxText(t, mbox, { maxMessageBytes: 100 }), [['box.mbox#1', '!message larger than 100 bytes']]);
});

test('keeps ISO-2022-JP and Shift_JIS bytes exact', async (t) => {
  // 「お知らせ」 in ISO-2022-JP and 「口座」 in Shift_JIS (0x8c 0xfb 0x8d 0xc0), plus stray 8-bit bytes.
  const body = Buffer.concat([
    Buffer.from('Subject: =?ISO-2022-JP?B?GyRCJCpDTiRpJDsbKEI=?=\nContent-Type: text/plain; charset=ISO-2022-JP\n\n'),
    Buffer.from([0x1b, 0x24, 0x42, 0x24, 0x2a, 0x43, 0x4e, 0x24, 0x69, 0x24, 0x3b, 0x1b, 0x28, 0x42, 0x0a]),
    Buffer.from([0x8c, 0xfb, 0x8d, 0xc0, 0x0d, 0x0a, 0xff, 0xfe, 0x00, 0x80, 0x0a]),
  ]);
  const dir = await tempDir(t);
  const path = join(dir, 'jp.mbox');
  await writeFile(path, Buffer.concat([Buffer.from('From a Mon Jan  1 00:00:00 2024\n'), body, Buffer.from('\n')]));
  const entries = await collect(readMailbox(path, LIMIT));
  assert.equal(entries.length, 1);
  assert.ok(entries[0]!.raw);
  assert.ok(Buffer.from(entries[0]!.raw).equals(body));
});

test('lines far longer than a read chunk are kept whole', async (t) => {
  const long = 'b'.repeat(700_000);
  const mbox = `From a Mon Jan  1 00:00:00 2024\nSubject: long\n\n${long}\n\nFrom b ${'e'.repeat(300_000)}\nSubject: two\n\n>From ${long}\n`;
  assert.deepEqual(await readMboxText(t, mbox, { maxMessageBytes: 2_000_000 }), [
    ['box.mbox#1', `Subject: long\n\n${long}\n`],
    ['box.mbox#2', `Subject: two\n\nFrom ${long}\n`],
  ]);
});

test('a file that cannot be read yields an error entry instead of throwing', async (t) => {
  const dir = await tempDir(t);
  const vanished = join(dir, 'vanished.mbox');
  const entries = await collect(readMbox(vanished, 1000));
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.file, vanished);
  assert.match(entries[0]!.error!, /ENOENT/);
});

test('round-trips any messages written by an mboxrd writer', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'random.mbox');
  const fragment = fc.constantFrom('From ', '>', 'From', 'a', ' ', '\n', '\r\n', '\r', '\x1b$B', '\x80\xff');
  // An mbox writer ends every message with a newline before the separating blank line.
  const message = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join('') + '\n');
  const crlf = fc.boolean();
  await fc.assert(
    fc.asyncProperty(fc.array(message, { maxLength: 6 }), crlf, async (messages, useCrlf) => {
      // Lines end at LF only (a lone CR is data), hence no `m` flag, whose ^ also matches after CR.
      const newline = useCrlf ? '\r\n' : '\n';
      const mbox = messages
        .map((text) => `From x@example.jp Mon Jan  1 00:00:00 2024${newline}${text.replace(/(?<=^|\n)(>*From )/g, '>$1')}${newline}`)
        .join('');
      await writeFile(path, Buffer.from(mbox, 'latin1'));
      const entries = await collect(readMbox(path, 1000));
      assert.deepEqual(
        entries.map((entry) => Buffer.from(entry.raw!).toString('latin1')),
        messages,
      );
      assert.deepEqual(
        entries.map((entry) => entry.file),
        messages.map((_, index) => `${path}#${index + 1}`),
      );
    }),
    runs(300),
  );
});
