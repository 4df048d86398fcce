// Short-link services and redirect wrappers seen in phishing reports: a short code on them hides
// the destination; their home pages and look-alike hosts do not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseUrl } from '../../src/message/url.ts';
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
