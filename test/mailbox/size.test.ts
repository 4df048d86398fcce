import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailboxBytes } from '../../src/mailbox/size.ts';

it('a mailbox size is the file size, or the sum over a directory tree', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kakunin-size-'));
  mkdirSync(join(dir, 'cur'));
  writeFileSync(join(dir, 'cur', 'a.eml'), 'x'.repeat(100));
  writeFileSync(join(dir, 'b.eml'), 'y'.repeat(23));
  assert.equal(await mailboxBytes(dir), 123);
  assert.equal(await mailboxBytes(join(dir, 'b.eml')), 23);
  await assert.rejects(mailboxBytes(join(dir, 'missing')));
});
