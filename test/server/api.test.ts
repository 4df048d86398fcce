// The HTTP API over real HTTP on loopback: every accepted body form, the error shape for
// wrong, broken and oversize input, limits, headers, metrics and the OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEngine, type Engine, type Report } from '../../src/engine.ts';
import { fixture, fixtureText, startServer, type Running } from './helpers.ts';

const FAKE_HOST = 'www2.micard.co.jp.xyzabc.com';

async function post(base: string, path: string, body: BodyInit, contentType?: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { method: 'POST', body, headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

/** Every error answer: JSON `{error: {code, message}}` and nothing that looks like a stack or a source path. */
function assertError(result: { status: number; text: string; json: unknown; headers: Headers }, status: number, code: string) {
  assert.equal(result.status, status, result.text);
  assert.match(result.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(Object.keys(result.json as object), ['error']);
  const error = (result.json as { error: { code: string; message: string } }).error;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.doesNotMatch(result.text, /\bat .+:\d+:\d+|\.ts\b|node_modules|\/work\//);
}

function linkEvidence(report: Report) {
  return report.findings.flatMap((f) => f.evidence).filter((e) => e.kind === 'link' && e.host === FAKE_HOST);
}

describe('API with the default engine', () => {
  let server: Running;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('a raw phishing mail (message/rfc822) is judged phishing, with the fake host and the text it hid behind', async () => {
    const result = await post(server.base, '/api/v1/check', fixture('phishing-micard.eml'), 'message/rfc822');
    assert.equal(result.status, 200, result.text);
    const report = result.json as Report;
    assert.equal(report.verdict, 'phishing');
    assert.equal(report.brand, 'micard');
    assert.deepEqual(report.brandName, { ja: 'エムアイカード', en: 'MI Card' });
    assert.equal(report.message.kind, 'mail');
    assert.equal(report.message.subject, '【重要】エムアイカード ご利用確認のお願い');
    const evidence = linkEvidence(report);
    assert.ok(evidence.length > 0, 'a finding points at the fake host');
    assert.ok(evidence.some((e) => e.value === 'https://www2.micard.co.jp.xyzabc.com/login' && e.shown === 'https://www2.micard.co.jp/'));
    assert.ok(report.advice.some((a) => a.ja.includes('0570-05-2211')), 'advice gives the call centre number');
    assert.ok(report.advice.some((a) => a.ja.includes('03-5273-6509')), 'advice gives the lost/stolen desk');
    assert.ok(report.advice.some((a) => a.ja.includes('フィッシング110番')), 'advice names the police desk');
    assert.ok(report.officialLinks.some((l) => l.url === 'https://www.micard.co.jp/'));
    assert.equal(result.headers.get('cache-control'), 'no-store');
  });

  test('the report has every field the OpenAPI Report schema requires', async () => {
    const doc = (await (await fetch(`${server.base}/api/v1/openapi.json`)).json()) as {
      components: { schemas: { Report: { required: string[] } } };
    };
    const report = (await post(server.base, '/api/v1/check', fixture('phishing-micard.eml'), 'message/rfc822')).json;
    for (const field of doc.components.schemas.Report.required) assert.ok(field in report, `report has "${field}"`);
  });

  test('an SMS as text/plain is judged as text and its fake link found', async () => {
    const result = await post(server.base, '/api/v1/check', fixture('sms-micard.txt'), 'text/plain; charset=utf-8');
    assert.equal(result.status, 200, result.text);
    const report = result.json as Report;
    assert.equal(report.message.kind, 'text');
    assert.equal(report.brand, 'micard');
    assert.ok(['suspicious', 'phishing'].includes(report.verdict), report.verdict);
    assert.ok(report.findings.some((f) => f.evidence.some((e) => e.host === 'micard-jp.xyzabc.com')));
  });

  test('text/plain in Shift_JIS is decoded by its declared charset', async () => {
    // 「エムアイカード」 in Shift_JIS and nothing else: only a correct decoding finds the brand.
    const sjis = Buffer.from([0x83, 0x47, 0x83, 0x80, 0x83, 0x41, 0x83, 0x43, 0x83, 0x4a, 0x81, 0x5b, 0x83, 0x68]);
    const result = await post(server.base, '/api/v1/check', sjis, 'text/plain; charset=Shift_JIS');
    assert.equal(result.status, 200, result.text);
    assert.equal((result.json as Report).brand, 'micard');
    const asUtf8 = await post(server.base, '/api/v1/check', sjis, 'text/plain; charset=utf-8');
    assert.equal((asUtf8.json as Report).brand, null);
  });

  test('an unknown charset is refused with 415', async () => {
    assertError(await post(server.base, '/api/v1/check', 'hello', 'text/plain; charset=x-klingon'), 415, 'unsupported-charset');
  });

  test('JSON {"mail"} and {"text"} give the same reports as the raw forms', async () => {
    const mail = fixtureText('phishing-micard.eml');
    const viaJson = await post(server.base, '/api/v1/check', JSON.stringify({ mail }), 'application/json');
    assert.equal(viaJson.status, 200, viaJson.text);
    assert.equal((viaJson.json as Report).verdict, 'phishing');
    assert.equal((viaJson.json as Report).message.kind, 'mail');
    const text = fixtureText('sms-micard.txt');
    const textJson = await post(server.base, '/api/v1/check', JSON.stringify({ text }), 'application/json');
    assert.equal(textJson.status, 200, textJson.text);
    assert.equal((textJson.json as Report).message.kind, 'text');
  });

  test('JSON that is malformed, of the wrong shape or ambiguous is a 400 with a reason', async () => {
    assertError(await post(server.base, '/api/v1/check', '{"mail": ', 'application/json'), 400, 'bad-json');
    assertError(await post(server.base, '/api/v1/check', '{}', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/check', '{"mail": "a", "text": "b"}', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/check', '{"mail": 42}', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/check', '["mail"]', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/check', '{"__proto__": {"x": 1}}', 'application/json'), 400, 'bad-json');
  });

  test('an .eml upload (multipart/form-data) of a forwarded mail judges the original inside and names the file', async () => {
    const form = new FormData();
    form.append('file', new Blob([fixture('forwarded-phishing.eml')], { type: 'message/rfc822' }), 'forwarded-phishing.eml');
    const result = await post(server.base, '/api/v1/check', form);
    assert.equal(result.status, 200, result.text);
    const report = result.json as Report & { file: string };
    assert.equal(report.file, 'forwarded-phishing.eml');
    assert.equal(report.verdict, 'phishing');
    assert.equal(report.message.forwarded?.how, 'rfc822');
    assert.ok(linkEvidence(report).length > 0);
  });

  test('multipart with a "text" field is judged as text; an unknown field or two files are refused', async () => {
    const form = new FormData();
    form.append('text', fixtureText('sms-micard.txt'));
    const result = await post(server.base, '/api/v1/check', form);
    assert.equal(result.status, 200, result.text);
    assert.equal((result.json as Report).message.kind, 'text');

    const odd = new FormData();
    odd.append('comment', 'hello');
    assertError(await post(server.base, '/api/v1/check', odd), 400, 'bad-request');

    const two = new FormData();
    two.append('file', new Blob([fixture('phishing-micard.eml')]), 'a.eml');
    two.append('file', new Blob([fixture('phishing-micard.eml')]), 'b.eml');
    const twoResult = await post(server.base, '/api/v1/check', two);
    assert.ok([400, 413].includes(twoResult.status), twoResult.text);
    assert.ok(['bad-request', 'too-many-files'].includes(twoResult.json.error.code));

    assertError(await post(server.base, '/api/v1/check', new FormData()), 400, 'empty');
  });

  test('wrong content types are a 415, never a guess', async () => {
    assertError(await post(server.base, '/api/v1/check', '<mail/>', 'application/xml'), 415, 'unsupported-media-type');
    assertError(await post(server.base, '/api/v1/check', 'x', 'application/octet-stream'), 415, 'unsupported-media-type');
    assertError(await post(server.base, '/api/v1/check', 'x', 'image/png'), 415, 'unsupported-media-type');
    assertError(await post(server.base, '/api/v1/url', 'https://example.com/', 'text/plain'), 415, 'unsupported-media-type');
  });

  test('broken mails: empty, not a mail, binary — refused with 422 and the reason; malformed MIME still judged', async () => {
    assertError(await post(server.base, '/api/v1/check', '', 'message/rfc822'), 422, 'empty');
    assertError(await post(server.base, '/api/v1/check', '   \r\n\r\n', 'message/rfc822'), 422, 'empty');
    assertError(await post(server.base, '/api/v1/check', 'hello, is this phishing?', 'message/rfc822'), 422, 'not-a-mail');
    assertError(await post(server.base, '/api/v1/check', new Uint8Array([0x46, 0x72, 0x6f, 0x6d, 0x3a, 0, 1, 2, 0, 0xff]), 'message/rfc822'), 422, 'binary');
    assertError(await post(server.base, '/api/v1/check', '', 'text/plain'), 422, 'empty');
    assertError(await post(server.base, '/api/v1/check', JSON.stringify({ text: '  ' }), 'application/json'), 422, 'empty');

    // A multipart mail whose boundary never closes and whose base64 is cut: judged, not a crash.
    const cut = fixtureText('phishing-micard.eml').slice(0, 1500);
    const cutResult = await post(server.base, '/api/v1/check', cut, 'message/rfc822');
    assert.equal(cutResult.status, 200, cutResult.text);
    assert.equal((cutResult.json as Report).message.kind, 'mail');

    // MIME nested far deeper than any real mail.
    let nested = 'From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n';
    for (let i = 0; i < 200; i++) nested += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    nested += 'Content-Type: text/plain\r\n\r\nhi\r\n';
    const deep = await post(server.base, '/api/v1/check', nested, 'message/rfc822');
    assert.ok(deep.status === 200 || deep.status === 422, deep.text);
  });

  test('POST /api/v1/url judges each link in order', async () => {
    const urls = ['https://www2.micard.co.jp.xyzabc.com/login', 'https://www.micard.co.jp/'];
    const result = await post(server.base, '/api/v1/url', JSON.stringify({ urls }), 'application/json');
    assert.equal(result.status, 200, result.text);
    const { results } = result.json as { results: (Report & { url: string })[] };
    assert.deepEqual(results.map((r) => r.url), urls);
    assert.equal(results[0]!.verdict, 'phishing');
    assert.equal(results[0]!.message.kind, 'url');
    assert.notEqual(results[1]!.verdict, 'phishing');
    assert.notEqual(results[1]!.verdict, 'suspicious');
  });

  test('POST /api/v1/url refuses bad lists', async () => {
    assertError(await post(server.base, '/api/v1/url', '{"urls": []}', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/url', '{"urls": "https://example.com"}', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/url', '{"urls": [1]}', 'application/json'), 400, 'bad-request');
    assertError(await post(server.base, '/api/v1/url', '{"urls": [""]}', 'application/json'), 422, 'empty');
    const many = JSON.stringify({ urls: Array.from({ length: 101 }, (_, i) => `https://example.com/${i}`) });
    assertError(await post(server.base, '/api/v1/url', many, 'application/json'), 413, 'too-many-urls');
    const long = JSON.stringify({ urls: [`https://example.com/${'a'.repeat(9000)}`] });
    assertError(await post(server.base, '/api/v1/url', long, 'application/json'), 413, 'too-large');
  });

  test('unknown paths and methods are JSON 404s', async () => {
    const missing = await fetch(`${server.base}/api/v1/nothing`);
    assertError({ status: missing.status, headers: missing.headers, text: await missing.clone().text(), json: await missing.json() }, 404, 'not-found');
    const get = await fetch(`${server.base}/api/v1/check`);
    assert.equal(get.status, 404);
    assert.equal(((await get.json()) as { error: { code: string } }).error.code, 'not-found');
  });

  test('security headers on API answers, and no CORS unless configured', async () => {
    const response = await fetch(`${server.base}/api/v1/url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ urls: ['https://example.com/'] }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${server.base}/api/v1/url`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  test('GET /healthz and the OpenAPI document', async () => {
    const health = await fetch(`${server.base}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const doc = (await (await fetch(`${server.base}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/api/v1/check', '/api/v1/openapi.json', '/api/v1/url', '/healthz', '/metrics']);
    // Every documented operation exists (answers something other than 404).
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const response = await fetch(server.base + path, { method: method.toUpperCase(), ...(method === 'post' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
        assert.notEqual(response.status, 404, `${method} ${path}`);
      }
    }
  });

  test('GET /metrics counts requests and verdicts in Prometheus text format', async () => {
    await post(server.base, '/api/v1/check', fixture('phishing-micard.eml'), 'message/rfc822');
    await post(server.base, '/api/v1/check', 'not a mail', 'message/rfc822');
    const response = await fetch(`${server.base}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.match(text, /^# TYPE kakunin_http_requests_total counter$/m);
    assert.match(text, /^kakunin_checks_total\{kind="mail",verdict="phishing"\} [1-9]\d*$/m);
    assert.match(text, /^kakunin_input_errors_total\{code="not-a-mail"\} [1-9]\d*$/m);
    assert.match(text, /^kakunin_http_requests_total\{route="\/api\/v1\/check",method="POST",status="200"\} [1-9]\d*$/m);
    assert.match(text, /^kakunin_http_request_duration_seconds_bucket\{route="\/api\/v1\/check",le="\+Inf"\} [1-9]\d*$/m);
    // Only patterns, never member data, in labels.
    assert.doesNotMatch(text, /micard|xyzabc|エムアイ/);
  });
});

describe('API limits', () => {
  test('a body over the size limit is a 413, for raw, JSON and uploaded mails', async () => {
    const server = await startServer({ bodyLimit: 2_000 });
    try {
      const big = fixture('phishing-micard.eml');
      assert.ok(big.length > 2_000);
      assertError(await post(server.base, '/api/v1/check', big, 'message/rfc822'), 413, 'too-large');
      assertError(await post(server.base, '/api/v1/check', JSON.stringify({ mail: fixtureText('phishing-micard.eml') }), 'application/json'), 413, 'too-large');
      assertError(await post(server.base, '/api/v1/check', 'x'.repeat(5_000), 'text/plain'), 413, 'too-large');
      const form = new FormData();
      form.append('file', new Blob([big]), 'big.eml');
      assertError(await post(server.base, '/api/v1/check', form), 413, 'too-large');
      // Under the limit still works.
      const small = await post(server.base, '/api/v1/check', fixture('sms-micard.txt'), 'text/plain');
      assert.equal(small.status, 200, small.text);
    } finally {
      await server.close();
    }
  });

  test('the per-client rate limit answers 429 with Retry-After', async () => {
    const server = await startServer({ rateLimit: 3, rateWindowMs: 60_000 });
    try {
      for (let i = 0; i < 3; i++) {
        const ok = await post(server.base, '/api/v1/url', '{"urls": ["https://example.com/"]}', 'application/json');
        assert.equal(ok.status, 200);
      }
      const limited = await post(server.base, '/api/v1/url', '{"urls": ["https://example.com/"]}', 'application/json');
      assertError(limited, 429, 'rate-limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      // The page and health checks are not rate limited.
      assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
      assert.equal((await fetch(`${server.base}/`)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('a check that overruns the time budget is a 503 timeout', async () => {
    const real = createEngine();
    const slow: Engine = { ...real, checkText: () => new Promise(() => {}) };
    const server = await startServer({ engine: slow, timeoutMs: 150 });
    try {
      const started = performance.now();
      assertError(await post(server.base, '/api/v1/check', 'hello', 'text/plain'), 503, 'timeout');
      assert.ok(performance.now() - started < 2_000);
    } finally {
      await server.close();
    }
  });

  test('an internal error is a 500 with a fixed message: no stack, no detail', async () => {
    const real = createEngine();
    const broken: Engine = {
      ...real,
      checkText: async () => {
        throw new Error('secret detail at /work/main/src/engine.ts:12:3');
      },
    };
    const server = await startServer({ engine: broken });
    try {
      const result = await post(server.base, '/api/v1/check', 'hello', 'text/plain');
      assertError(result, 500, 'internal');
      assert.doesNotMatch(result.text, /secret/);
    } finally {
      await server.close();
    }
  });

  test('CORS only for the configured origins', async () => {
    const server = await startServer({ corsOrigins: ['https://issuer.example'] });
    try {
      const allowed = await fetch(`${server.base}/api/v1/url`, {
        method: 'OPTIONS',
        headers: { origin: 'https://issuer.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://issuer.example');
      const other = await fetch(`${server.base}/api/v1/url`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{"urls": ["https://example.com/"]}',
      });
      assert.equal(other.status, 200);
      assert.notEqual(other.headers.get('access-control-allow-origin'), 'https://evil.example');
      assert.notEqual(other.headers.get('access-control-allow-origin'), '*');
    } finally {
      await server.close();
    }
  });
});
