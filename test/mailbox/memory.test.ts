// Constant memory: a 200 MB mbox is read with one message in memory at a time, and a 150 MB
// message over the limit is skipped without being buffered. The file is written from reused
// buffers so that writing it does not inflate the process beforehand.
import assert from 'node:assert/strict';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readMailbox } from '../../src/mailbox/read.ts';
import { tempDir } from './helpers.ts';

const MESSAGES = 40_000;
const PER_BLOCK = 200;
const MB = 1024 * 1024;
const OVERSIZE_BYTES = 150 * MB;

function messageTemplate(): Buffer {
  const header = 'From sender@example.jp Mon Jan  1 00:00:00 2024\nMessage-ID: <00000000@example.jp>\nSubject: load\n\n>From the body\n';
  const line = `${'0123456789'.repeat(7)}abcdefg\n`;
  let body = '';
  while (header.length + body.length + line.length < 5 * 1024) body += line;
  return Buffer.from(`${header}${body}\n`, 'latin1');
}

test('iterates a 200 MB mbox, then skips a 150 MB message, with bounded memory', { timeout: 60_000 }, async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'big.mbox');
  const template = messageTemplate();
  const idOffset = template.indexOf('<') + 1;
  const block = Buffer.concat(Array.from({ length: PER_BLOCK }, () => template));

  const writeStarted = performance.now();
  const handle = await open(path, 'w');
  for (let first = 1; first <= MESSAGES; first += PER_BLOCK) {
    for (let i = 0; i < PER_BLOCK; i++) block.write(String(first + i).padStart(8, '0'), i * template.length + idOffset, 'latin1');
    await handle.write(block);
  }
  await handle.write('From huge@example.jp Mon Jan  1 00:00:00 2024\nSubject: huge\n\n');
  const filler = Buffer.alloc(MB, `${'x'.repeat(76)}\n`);
  for (let written = 0; written < OVERSIZE_BYTES; written += filler.length) await handle.write(filler);
  await handle.close();
  const fileBytes = MESSAGES * template.length + OVERSIZE_BYTES;
  const writeMs = performance.now() - writeStarted;

  const envelopeBytes = template.indexOf('\n') + 1;
  const expectedLength = template.length - envelopeBytes - 1 - 1; // one `>` un-escaped, blank separator dropped
  const idInMessage = idOffset - envelopeBytes;
  const before = process.memoryUsage().rss;
  let peak = before;
  // Sampled on a timer as well, since the oversize message is one long stretch without entries.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let count = 0;
  let oversize;
  const readStarted = performance.now();
  for await (const entry of readMailbox(path, { maxMessageBytes: MB })) {
    count++;
    assert.equal(entry.file, `${path}#${count}`);
    if (count > MESSAGES) {
      oversize = entry;
      continue;
    }
    assert.ok(entry.raw, entry.error);
    assert.equal(entry.raw.length, expectedLength);
    assert.equal(Buffer.from(entry.raw.subarray(idInMessage, idInMessage + 8)).toString('latin1'), String(count).padStart(8, '0'));
    if (count % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const readMs = performance.now() - readStarted;
  await rm(path);

  const growthMb = (peak - before) / MB;
  t.diagnostic(
    `file ${(fileBytes / MB).toFixed(0)} MB written in ${writeMs.toFixed(0)} ms, read in ${readMs.toFixed(0)} ms; ` +
      `rss ${(before / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB, growth ${growthMb.toFixed(1)} MB`,
  );
  assert.equal(count, MESSAGES + 1);
  assert.deepEqual(oversize, { file: `${path}#${MESSAGES + 1}`, error: `message larger than ${MB} bytes` });
  assert.ok(growthMb < 100, `rss grew by ${growthMb.toFixed(1)} MB`);
});
