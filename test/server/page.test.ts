// The page as files over HTTP: strict CSP, no inline script or style, nothing loaded from
// elsewhere, and only the listed assets reachable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Running } from './helpers.ts';

describe('the checker page over HTTP', () => {
  let server: Running;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('GET / is Japanese HTML under a strict Content-Security-Policy', async () => {
    const response = await fetch(`${server.base}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    const html = await response.text();
    assert.match(html, /<html lang="ja">/);
    assert.match(html, /<meta name="viewport"/);
    // Every script is an external file of this server; no inline handlers or styles.
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /src="\/assets\/[\w.]+"/);
    assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/);
    assert.doesNotMatch(html, /\son\w+=/i);
    assert.doesNotMatch(html, /\sstyle=|<style/i);
    // Nothing from another origin.
    assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//);
  });

  test('every asset the page names is served with its type; others are 404', async () => {
    const html = await (await fetch(`${server.base}/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.length >= 4);
    for (const path of assets) {
      const response = await fetch(server.base + path);
      assert.equal(response.status, 200, path);
      assert.ok(response.headers.get('etag'));
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    }
    const js = await fetch(`${server.base}/assets/app.js`);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    // The page's own modules import each other only by relative path.
    const source = await js.text();
    for (const [, spec] of source.matchAll(/from '([^']+)'/g)) assert.match(spec!, /^\.\/[\w]+\.js$/);
    for (const path of ['/assets/../server/app.ts', '/assets/..%2fserver%2fapp.ts', '/assets/index.html', '/assets/nope.js', '/src/web/app.js']) {
      const response = await fetch(server.base + path);
      assert.equal(response.status, 404, path);
    }
  });

  test('an unchanged asset answers 304 to If-None-Match', async () => {
    const first = await fetch(`${server.base}/assets/style.css`);
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${server.base}/assets/style.css`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });
});
