// `kakunin serve`: settings from flags and environment, and the command as a real process
// (bin/kakunin.js serve) that prints its URL, answers on it, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, resolveSettings, UsageError } from '../../src/server/options.ts';

describe('serve settings', () => {
  test('defaults: 127.0.0.1:8080, no CORS, rate limited', () => {
    const settings = resolveSettings([], {});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(settings.host, '127.0.0.1');
    assert.equal(settings.port, 8080);
    assert.deepEqual(settings.corsOrigins, []);
    assert.ok(settings.rateLimit > 0);
  });

  test('environment variables, then flags, win over defaults', () => {
    const env = { HOST: '0.0.0.0', PORT: '9000', KAKUNIN_RATE_LIMIT: '10', KAKUNIN_CORS_ORIGINS: 'https://a.example, https://b.example', KAKUNIN_TRUST_PROXY: 'true' };
    const fromEnv = resolveSettings([], env);
    assert.equal(fromEnv.host, '0.0.0.0');
    assert.equal(fromEnv.port, 9000);
    assert.equal(fromEnv.rateLimit, 10);
    assert.deepEqual(fromEnv.corsOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(fromEnv.trustProxy, true);
    const flags = resolveSettings(['--port', '7000', '--host=::1', '--cors-origin', 'https://c.example', '--profile', 'a.yaml', '--profile', 'b.yaml', '--timeout', '500'], env);
    assert.equal(flags.port, 7000);
    assert.equal(flags.host, '::1');
    assert.deepEqual(flags.corsOrigins, ['https://c.example']);
    assert.deepEqual(flags.profiles, ['a.yaml', 'b.yaml']);
    assert.equal(flags.timeoutMs, 500);
    assert.equal(flags.rateLimit, 10);
  });

  test('bad values are usage errors that name the option', () => {
    assert.throws(() => resolveSettings(['--port', 'eighty'], {}), (e: Error) => e instanceof UsageError && /--port/.test(e.message));
    assert.throws(() => resolveSettings(['--port', '70000'], {}), UsageError);
    assert.throws(() => resolveSettings(['--port'], {}), /needs a value/);
    assert.throws(() => resolveSettings(['--frobnicate'], {}), /unknown option/);
    assert.throws(() => resolveSettings([], { PORT: '-1' }), /PORT/);
    assert.throws(() => resolveSettings(['--cors-origin', 'evil.example/path'], {}), /CORS origin/);
    assert.throws(() => resolveSettings(['--timeout', '0'], {}), /timeout/);
  });
});

const NODE = process.execPath;
const KAKUNIN = new URL('../../bin/kakunin.js', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(NODE, [KAKUNIN, 'serve', ...args], { env: { ...process.env, ...env, HOST: '', PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('serve command', () => {
  test('prints the URL it listens on, serves the page and the API there, and stops on SIGTERM', async () => {
    const proc = run(['--port', '0', '--host', '127.0.0.1']);
    const deadline = Date.now() + 15_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(proc.out())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    try {
      assert.ok(url, `no URL printed; stderr: ${proc.err()}`);
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html lang="ja">/);
      const api = await fetch(`${url}api/v1/url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"urls": ["https://www2.micard.co.jp.xyzabc.com/login"]}' });
      assert.equal(((await api.json()) as { results: { verdict: string }[] }).results[0]!.verdict, 'phishing');
    } finally {
      proc.child.kill('SIGTERM');
    }
    assert.equal(await proc.exited, 0);
  });

  test('--profile loads an extra brand; a broken profile, trust anchor or weights file is a usage error (64)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakunin-serve-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: Not Valid\n');
    const bad = run(['--port', '0', '--profile', broken]);
    assert.equal(await bad.exited, 64);
    assert.match(bad.err(), /broken\.yaml/);

    const extra = join(dir, 'testbank.yaml');
    writeFileSync(
      extra,
      ['id: testbank', 'name: { ja: テスト銀行, en: Test Bank }', 'aliases: [テスト銀行, Test Bank]', 'hostTokens: [testbank]', 'officialDomains: [testbank.example.jp]', ''].join('\n'),
    );
    const good = run(['--port', '0', '--profile', extra]);
    try {
      let url: string | undefined;
      for (let i = 0; i < 300 && !url; i++) {
        url = /listening on (\S+)/.exec(good.out())?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(url, good.err());
      const response = await fetch(`${url}api/v1/check`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'テスト銀行です。 https://testbank.example.jp.xyzabc.com/login' });
      const report = (await response.json()) as { brand: string; verdict: string };
      assert.equal(report.brand, 'testbank');
    } finally {
      good.child.kill('SIGTERM');
    }
    assert.equal(await good.exited, 0);

    const missingAnchor = run(['--port', '0', '--trust-anchor', join(dir, 'nope.pem')]);
    assert.equal(await missingAnchor.exited, 64);
    assert.match(missingAnchor.err(), /nope\.pem/);
    const badWeights = join(dir, 'weights.yaml');
    writeFileSync(badWeights, 'not_a_code: 5\n');
    const weights = run(['--port', '0', '--weights', badWeights]);
    assert.equal(await weights.exited, 64);
    assert.match(weights.err(), /weights\.yaml/);

    const usage = run(['--port', 'x']);
    assert.equal(await usage.exited, 64);
    assert.match(usage.err(), /--port/);
  });
});
