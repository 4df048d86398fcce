// Checks on worker threads (the default of `kakunin serve`): the same answers as on the HTTP
// thread; and the pool itself, with scripted workers: a check that overruns the time budget is
// stopped by ending its worker, a worker that dies fails only its own job, and both are replaced.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Report } from '../../src/engine.ts';
import { InputError } from '../../src/errors.ts';
import { engineConfig } from '../../src/server/engine-config.ts';
import { ApiError } from '../../src/server/errors.ts';
import { DEFAULT_SETTINGS } from '../../src/server/options.ts';
import { EnginePool } from '../../src/server/pool.ts';
import { fixture, startServer, type Running } from './helpers.ts';

const SCRIPTED = new URL('./workers/scripted.ts', import.meta.url);

async function postMail(base: string, body: BodyInit) {
  const response = await fetch(`${base}/api/v1/check`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body });
  return { status: response.status, json: (await response.json()) as Report & { error?: { code: string } } };
}

describe('checks on worker threads', () => {
  let server: Running;
  before(async () => {
    server = await startServer({ workers: 2 });
  });
  after(() => server.close());

  test('mails, texts and URLs get the same answers as on the HTTP thread', async () => {
    const mail = await postMail(server.base, fixture('phishing-micard.eml'));
    assert.equal(mail.status, 200);
    assert.equal(mail.json.verdict, 'phishing');
    assert.equal(mail.json.brand, 'micard');
    const refused = await postMail(server.base, 'just words');
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error?.code, 'not-a-mail');
    const text = await fetch(`${server.base}/api/v1/check`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fixture('sms-micard.txt') });
    assert.equal(((await text.json()) as Report).message.kind, 'text');
    const url = await fetch(`${server.base}/api/v1/url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"urls": ["https://www2.micard.co.jp.xyzabc.com/login"]}' });
    assert.equal(((await url.json()) as { results: Report[] }).results[0]!.verdict, 'phishing');
  });

});

test('a bad configuration stops the start with a message naming the file', async () => {
  await assert.rejects(startServer({ workers: 1, profiles: ['/nonexistent/profile.yaml'] }), /nonexistent\/profile\.yaml/);
});

describe('the worker pool', () => {
  const logged: string[] = [];
  let pool: EnginePool;
  before(async () => {
    pool = await EnginePool.start(engineConfig(DEFAULT_SETTINGS), 2, 300, (message) => logged.push(message), SCRIPTED);
  });
  after(() => pool.close());

  const echo = async (input: string) => ((await pool.checkText(input)) as unknown as { echo: string }).echo;

  test('answers, and passes the engine refusals through as InputError', async () => {
    assert.equal(await echo('hello'), 'hello');
    assert.equal(((await pool.checkMail(new TextEncoder().encode('bytes'))) as unknown as { echo: string }).echo, 'bytes');
    await assert.rejects(pool.checkMail('refuse'), (error: unknown) => error instanceof InputError && error.code === 'not-a-mail');
  });

  test('an engine failure is a generic error; its detail goes only to the log', async () => {
    await assert.rejects(pool.checkText('fail'), (error: Error) => !(error instanceof InputError) && !/boom|secret/.test(error.message));
    assert.ok(logged.some((line) => line.includes('boom')));
  });

  test('a runaway check is stopped at the budget by ending its worker; the others keep working and a new worker comes', async () => {
    const started = performance.now();
    const runaway = pool.checkText('hang');
    // Jobs sent meanwhile are answered by the other worker.
    assert.deepEqual(await Promise.all(['a', 'b', 'c'].map(echo)), ['a', 'b', 'c']);
    await assert.rejects(runaway, (error: unknown) => error instanceof ApiError && error.status === 503 && error.code === 'timeout');
    assert.ok(performance.now() - started < 2_000);
    // Two runaways at once take both workers; only replacements can answer what follows.
    await Promise.allSettled([pool.checkText('hang'), pool.checkText('hang')]);
    assert.deepEqual(await Promise.all(['d', 'e', 'f', 'g'].map(echo)), ['d', 'e', 'f', 'g']);
  });

  test('a worker that dies fails only its own job and is replaced', async () => {
    await assert.rejects(pool.checkText('die'), /stopped/);
    await assert.rejects(pool.checkText('die'), /stopped/);
    assert.deepEqual(await Promise.all(['h', 'i', 'j'].map(echo)), ['h', 'i', 'j']);
  });

  test('after close, checks are refused as closing', async () => {
    const other = await EnginePool.start(engineConfig(DEFAULT_SETTINGS), 1, 300, () => {}, SCRIPTED);
    await other.close();
    await assert.rejects(other.checkText('x'), (error: unknown) => error instanceof ApiError && error.code === 'closing');
  });
});
