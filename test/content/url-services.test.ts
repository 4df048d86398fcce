// Short-link services, redirect wrappers and proxies seen in phishing reports: a short code on
// them hides the destination; their home pages and look-alike hosts do not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { finalDestination, parseUrl } from '../../src/message/url.ts';
import { buildMail } from '../helpers/build-mail.ts';
import { engine } from './helpers.ts';

describe('short links and redirect wrappers', () => {
  it('knows short-link and QR-code services by a code after the host', () => {
    for (const url of ['https://mysp.ac/4JaYd', 'https://lihi1.com/ZjEDs', 'https://lihi3.com/abc12', 'https://sh-ort.app/dwwqo', 'http://opn.to/a/KQD6A', 'http://me2.do/GHhyPRSX', 'https://qr.paps.jp/TGcFO', 'https://l.ly/u3L', 'https://mq.mbd.baidu.com/18CjqA3C5CU']) {
      assert.equal(parseUrl(url)?.shortener, true, url);
    }
  });

  it('leaves their home pages, other hosts of their owners and look-alike names alone', () => {
    for (const url of ['https://mysp.ac/', 'https://qr.paps.jp/', 'https://paps.jp/about', 'https://www.baidu.com/s?wd=1', 'https://mbd.baidu.com/newspage/1', 'https://lihi4.com/abc12', 'https://me2.dog/abc']) {
      assert.equal(parseUrl(url)?.shortener, false, url);
    }
  });

  it("follows Tumblr's link wrapper to where it leads, not a `z` that is no address", () => {
    const wrapped = parseUrl('https://t.umblr.com/redirect?z=https%3A%2F%2Fwhalehearts.example%2Fred.php&t=ODU2ZTUy&b=');
    assert.equal(wrapped?.redirectsTo?.host, 'whalehearts.example');
    assert.equal(parseUrl('https://maps.example/tile?z=12&x=/3/4')?.redirectsTo, undefined);
  });

  it("follows Google's AMP viewer and Translate proxy to the site they show", () => {
    const cases = [
      ['https://www.google.com/amp/s/micard-login.example/app/login', 'https://micard-login.example/app/login'],
      ['https://www.google.co.jp/amp/micard.co.jp.login.example/x?y=1', 'http://micard.co.jp.login.example/x?y=1'],
      // The destination in `u` without a scheme: no redirect parameter reads it that way.
      ['https://translate.google.se/translate?hl=&sl=auto&tl=ja&u=bayiwu15.mykohmu.workers.dev/0yo', 'http://bayiwu15.mykohmu.workers.dev/0yo'],
      ['https://translate.google.com/translate?sl=auto&u=https://www2.micard.co.jp.example.com/', 'https://www2.micard.co.jp.example.com/'],
      // The proxied host is spelt in the proxy's: `.` as `-`, `-` as `--`.
      ['https://gptpmts-ksnludxs-workers-dev.translate.goog/login?_x_tr_sl=auto&id=7&_x_tr_tl=ja', 'https://gptpmts.ksnludxs.workers.dev/login?id=7'],
      ['https://www1-micard--login-example.translate.goog/', 'https://www1.micard-login.example/'],
    ];
    for (const [url, target] of cases) {
      const parsed = parseUrl(url)!;
      assert.equal(finalDestination(parsed).href, target, url);
      assert.equal(parsed.viaGoogleProxy, true, url);
    }
  });

  it('reads no destination into Google pages that show none, and calls its redirector no proxy', () => {
    for (const url of ['https://www.google.com/search?q=micard.co.jp/app', 'https://translate.google.com/', 'https://translate.google.com/translate?u=hello', 'https://www.google.com/amp/', 'https://mail.google.com/mail/u/0/']) {
      assert.equal(parseUrl(url)?.redirectsTo, undefined, url);
    }
    const redirector = parseUrl('https://www.google.com/url?q=https://phish.example/')!;
    assert.equal(redirector.redirectsTo?.host, 'phish.example');
    assert.equal(redirector.viaGoogleProxy, false);
  });

  it('names the proxy on the way and judges the site behind it', async () => {
    const report = await engine.checkUrl('https://www.google.com/amp/s/www2.micard.co.jp.example.com/');
    assert.equal(report.verdict, 'phishing');
    const codes = report.findings.map((f) => f.code);
    for (const code of ['URL_PROXY', 'LINK_REDIRECT', 'LINK_BRAND_PREFIX']) assert.ok(codes.includes(code), `${code} in ${codes}`);
    const proxy = report.findings.find((f) => f.code === 'URL_PROXY')!;
    assert.match(proxy.message.en, /www\.google\.com/);
    assert.equal(proxy.evidence[0]?.host, 'www2.micard.co.jp.example.com');
  });

  it('judges the site a redirect starts from: a parameter naming the official site launders nothing', async () => {
    const lookalike = await engine.checkUrl('https://micard-login.example.com/r?url=https://www1.micard.co.jp/app/login');
    assert.equal(lookalike.verdict, 'phishing');
    assert.equal(lookalike.findings.find((f) => f.code === 'LINK_BRAND_IN_HOST')?.evidence[0]?.host, 'micard-login.example.com');
    const throwaway = await engine.checkUrl('https://x7kq9zt2.top/r?url=https://www1.micard.co.jp/app/login');
    assert.equal(throwaway.findings.find((f) => f.code === 'URL_ABUSED_TLD')?.evidence[0]?.host, 'x7kq9zt2.top');
    assert.notEqual(throwaway.verdict, 'unverified');
    // Google's redirector to the official site: the brand in its query is the destination, no sign.
    const google = await engine.checkUrl('https://www.google.com/url?q=https://www1.micard.co.jp/app/login');
    assert.equal(google.verdict, 'unverified');
    // `google.<private suffix>` is anyone's site, not Google's viewer.
    const hosted = parseUrl('https://google.glitch.me/amp/s/www1.micard.co.jp/app/login')!;
    assert.equal(hosted.redirectsTo, undefined);
    assert.notEqual((await engine.checkUrl(hosted.href)).verdict, 'unverified');
  });

  it("takes an official address in the query of a site no one vouches for as a costume, not a destination", async () => {
    const neutral = await engine.checkUrl('https://tracker.example.com/r?url=https://www1.micard.co.jp/app/login');
    assert.equal(neutral.verdict, 'suspicious');
    const costume = neutral.findings.find((f) => f.code === 'LINK_OFFICIAL_VIA_REDIRECT')!;
    assert.equal(costume.evidence[0]?.host, 'tracker.example.com');
    assert.match(costume.message.en, /www1\.micard\.co\.jp/);
    assert.ok(!neutral.findings.some((f) => f.code === 'LINK_OFFICIAL'), 'the official destination is no official link');
    // Known link wrappers forward where they say, and so does a site within itself.
    for (const url of [
      'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww1.micard.co.jp%2Fapp%2Flogin&data=05',
      'https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.micard.co.jp%2F',
      'https://www.micard.co.jp/redirect?url=https://www1.micard.co.jp/app/login',
      'https://click.example.org/go?url=https://www.example.org/',
    ]) {
      const report = await engine.checkUrl(url);
      assert.equal(report.verdict, 'unverified', url);
      assert.ok(!report.findings.some((f) => f.code === 'LINK_OFFICIAL_VIA_REDIRECT'), url);
    }
  });

  it('reads a brand mail whose official-looking link goes through an unknown site as the fake it is', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'MIカード <info@micard-notice.example>',
        subject: 'ご利用確認のお願い',
        html: '<p>MIカードをご利用いただきありがとうございます。</p><a href="https://tracker.example.com/r?url=https://www1.micard.co.jp/app/login">https://www1.micard.co.jp/app/login</a>',
      }),
    );
    assert.equal(report.verdict, 'phishing');
    const codes = report.findings.map((f) => f.code);
    for (const code of ['LINK_OFFICIAL_VIA_REDIRECT', 'LINK_TEXT_SHOWS_OFFICIAL', 'LINK_UNOFFICIAL']) assert.ok(codes.includes(code), `${code} in ${codes}`);
    assert.equal(report.findings.find((f) => f.code === 'LINK_UNOFFICIAL')?.evidence[0]?.host, 'tracker.example.com');
  });

  it('makes a short link alone suspicious', async () => {
    assert.equal((await engine.checkUrl('https://mysp.ac/4RHrC')).verdict, 'suspicious');
  });
});

describe('the host lists as data', () => {
  it('name each host once per list, so that an edit of one entry is the whole edit', () => {
    for (const file of ['../../src/message/url-services.yaml', '../../src/rules/url-reputation.yaml']) {
      const lists = parseYaml(readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, unknown>;
      for (const [name, list] of Object.entries(lists)) {
        if (!Array.isArray(list)) continue;
        const twice = list.filter((entry, i) => list.indexOf(entry) !== i);
        assert.deepEqual(twice, [], `${file}: ${name} lists ${twice.join(', ')} twice`);
      }
    }
  });
});
