// The phone checks once took 16 s on 1 MB of numbers (overlap checks and the callback-phrase
// search were quadratic). Hostile input must cost linear time; the bound here is generous,
// a hang or a quadratic regression exceeds it by far.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/engine.ts';
import { buildMail } from '../helpers/build-mail.ts';

it('a mail full of phone numbers and callback phrases is judged in bounded time', { timeout: 20_000 }, async () => {
  const body = Array.from({ length: 60_000 }, (_, i) => `If you did not authorize this, call 03-${String(1000 + (i % 9000))}-5678. `).join('');
  const engine = createEngine();
  const report = await engine.checkMail(buildMail({ from: 'Billing <billing@example.com>', text: body }));
  assert.ok(report.findings.some((f) => f.code === 'PHONE_CALLBACK_LURE'));
});
