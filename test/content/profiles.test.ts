// The shipped brand profiles: they load, the JPCERT label map points at them, and their names
// and official domains do not make well-known unrelated sites look like a brand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { relateHost } from '../../src/brand/lookalike.ts';
import { parseUrl } from '../../src/message/url.ts';
import { claimBrand } from '../../src/brand/claim.ts';
import { engine, facts, profiles } from './helpers.ts';

describe('brand profiles', () => {
  it('ships MI Card first and at least 30 more brands', () => {
    assert.equal(profiles[0]?.id, 'micard');
    assert.ok(profiles.length >= 31, `${profiles.length} profiles`);
  });

  it('maps every JPCERT label in eval/brand-labels.yaml to a profile that exists', () => {
    const labels = parseYaml(readFileSync(new URL('../../eval/brand-labels.yaml', import.meta.url), 'utf8')) as Record<string, string>;
    const ids = new Set(profiles.map((p) => p.id));
    for (const [label, id] of Object.entries(labels)) assert.ok(ids.has(id), `${label} → ${id}`);
  });

  it("relates each brand's official domains to the brand itself", () => {
    for (const profile of profiles) {
      for (const domain of profile.officialDomains) {
        const relation = relateHost(parseUrl(`https://www.${domain}/`)!, profiles);
        assert.equal(relation?.kind, 'official', `${profile.id}: ${domain} → ${relation?.kind}`);
      }
    }
  });

  it('knows the brands most reported to JPCERT/CC that lacked a profile', async () => {
    for (const [url, brand, verdict] of [
      ['https://direct.smtb.jp.login-check.top/', 'smtb', 'phishing'],
      ['https://gmo-aozora.bank-verify.com/', 'gmo-aozora', 'phishing'],
      ['https://oricocard-login.com/', 'orico', 'phishing'],
      ['https://plala-help.com/', 'plala', 'phishing'],
      ['https://netfllixe.cf/', 'netflix', 'phishing'],
      // A typo alone is one sign, not proof.
      ['https://mastercerd.com/', 'mastercard', 'suspicious'],
    ] as const) {
      const report = await engine.checkUrl(url);
      assert.equal(report.brand, brand, url);
      assert.equal(report.verdict, verdict, `${url}: ${report.findings.map((f) => f.code).join(',')}`);
    }
    for (const url of ['https://direct.smtb.jp/', 'https://bank.gmo-aozora.com/', 'https://my.orico.co.jp/eorico/', 'https://www.plala.or.jp/', 'https://www.netflix.com/login', 'https://www.mastercard.us/']) {
      assert.notEqual((await engine.checkUrl(url)).verdict, 'phishing', url);
    }
  });

  it('knows the five brands of 300 to 500 JPCERT/CC rows, and not the words their names are inside', async () => {
    for (const [url, brand] of [
      ['https://www3.lifecard.co.jp.login-check.top/WebDesk/www/login.html', 'lifecard'],
      ['https://secure-lifecard.cn/', 'lifecard'],
      ['https://boy.co.jp.account-check.com/', 'hamagin'],
      ['https://hamagin.login-check.top/', 'hamagin'],
      ['https://aifulti.shop/', 'aiful'],
      ['https://uccard-crossly.hfntxf.cn/UCPc_welcomeSCR/', 'uccard'],
      ['http://www2.uccard.co.jp.axfzb.com/', 'uccard'],
      ['https://saiful-aiful.com/', 'aiful'],
      ['https://wis.pocketcard.co.jp.netservice.login-check.com/', 'pocketcard'],
    ] as const) {
      const report = await engine.checkUrl(url);
      assert.equal(report.brand, brand, url);
      assert.equal(report.verdict, 'phishing', `${url}: ${report.findings.map((f) => f.code).join(',')}`);
    }
    for (const url of ['https://www.lifecard.co.jp/', 'https://www3.lifecard.co.jp/WebDesk/www/', 'https://www.boy.co.jp/', 'https://www.aiful.co.jp/', 'https://www.pocketcard.co.jp/', 'https://wis.pocketcard.co.jp/netservice/login.jsp', 'https://www2.uccard.co.jp/UCPc/welcomeSCR']) {
      const report = await engine.checkUrl(url);
      assert.equal(report.verdict, 'unverified', `${url}: ${report.findings.map((f) => f.code).join(',')}`);
    }
    // lifecare is no typo of lifecard; the Bank of Yokohama's domain name `boy` is a word, also
    // under another ending, and `hamagin` is in its group companies' names; `aiful` is inside the
    // name Saiful and pinyin (海富来), which are no fakes, while a fake that adds the token to
    // them still is (`saiful-aiful.`, above).
    for (const host of ['www.lifecare.com', 'www.cowboy.com', 'boy.com', 'www.boy.co.uk', 'www.hamagintt.co.jp', 'www.eyefulhome.jp', 'saifulislam.com', 'www.drsaiful.com', 'szhaifulai.com']) {
      const relation = relateHost(parseUrl(`https://${host}/`)!, profiles);
      assert.equal(relation, undefined, `${host} → ${relation?.kind} ${relation?.profile.id}`);
    }
    // UC alone is UC Berkeley's or UC Browser's name as well.
    for (const url of ['https://city-boy.hatenablog.com/', 'https://boy.example.com/', 'https://www.hamagintt.co.jp/', 'https://uc.example.edu/', 'https://www.ucweb.com/']) {
      assert.equal((await engine.checkUrl(url)).brand, null, url);
    }
  });

  it('reads アイフル, 横浜銀行 and 【UC】 in a mail without taking the words they are inside for them', () => {
    const claimed = (spec: Parameters<typeof facts>[0]) => claimBrand(facts(spec), profiles)?.profile.id;
    assert.equal(claimed({ fromName: 'アイフル株式会社', from: 'info@notice.example.com', subject: 'ご本人様確認のお願い' }), 'aiful');
    assert.equal(claimed({ from: 'info@notice.example.com', subject: '【アイフル】ご利用確認のお願い' }), 'aiful');
    assert.equal(claimed({ fromName: '横浜銀行', from: 'info@notice.example.com', subject: '【重要】お取引の確認' }), 'hamagin');
    assert.equal(claimed({ from: 'info@notice.example.com', subject: '【UC】ご利用確認のお願い' }), 'uccard');
    assert.equal(claimed({ fromName: 'UC Berkeley', from: 'news@berkeley.example.edu', subject: 'UC campus news' }), undefined);
    // アイフルホーム is a house builder, 横浜銀蝿 a band.
    assert.equal(claimed({ fromName: 'アイフルホーム', from: 'info@eyefulhome.example.jp', subject: 'アイフルホームの家づくり相談会' }), undefined);
    assert.equal(claimed({ fromName: 'チケット事務局', from: 'info@ticket.example.jp', subject: '横浜銀蝿 公演のご案内' }), undefined);
  });

  it('does not make well-known unrelated sites look like a brand', () => {
    for (const host of ['www.time.com', 'www.gofundme.com', 'www.globo.com', 'www.gstatic.com', 'www.hotmart.com', 'line.me', 'www.deposit.com', 'www.oricon.co.jp', 'www.netli.com']) {
      const relation = relateHost(parseUrl(`https://${host}/`)!, profiles);
      assert.equal(relation, undefined, `${host} → ${relation?.kind} ${relation?.profile.id}`);
    }
  });

  it("reads a namesake's domain as nobody's fake, and the same name elsewhere still as one", () => {
    for (const host of ['aplus.net', 'www.aplus.net']) assert.equal(relateHost(parseUrl(`https://${host}/`)!, profiles), undefined, host);
    for (const [host, kind] of [['aplus.com', 'tld-squat'], ['aplus-net.com', 'combo'], ['www1.micard.co.jp.aplus.net', 'brand-prefix']]) {
      assert.equal(relateHost(parseUrl(`https://${host}/`)!, profiles)?.kind, kind, host);
    }
  });

  it('takes a short official name under another ending for a fake only when the profile lists it as a host token', () => {
    // nta.go.jp, msn.com and au.com have names of three letters or fewer that are also initials
    // and words elsewhere; jcb and nhk are tokens of their profiles, so jcb.net stays a fake.
    for (const host of ['nta.com', 'msn.jp', 'au.net', 'b0y.com']) {
      const relation = relateHost(parseUrl(`https://${host}/`)!, profiles);
      assert.equal(relation, undefined, `${host} → ${relation?.kind} ${relation?.profile.id}`);
    }
    for (const host of ['jcb.net', 'nhk.info']) assert.equal(relateHost(parseUrl(`https://${host}/`)!, profiles)?.kind, 'tld-squat', host);
  });

  it('reads a Japanese alias in an internationalized registered name, not a short name inside a word', () => {
    for (const [host, brand] of [['アマゾンからの通知アラート.jp', 'amazon'], ['楽天カード.com', 'rakuten'], ['xn--cckwcxetdv707azsyb.jp', 'amazon']]) {
      const relation = relateHost(parseUrl(`https://${host}/`)!, profiles);
      assert.equal(relation?.kind, 'combo', host);
      assert.equal(relation?.profile.id, brand, host);
    }
    // 楽天 is inside 極楽天国 (paradise), オリコ inside オリコン; names of two characters and the
    // names a profile keeps out of its aliases do not count.
    for (const host of ['極楽天国.com', 'オリコン.jp', 'そらうみ.com']) assert.equal(relateHost(parseUrl(`https://${host}/`)!, profiles), undefined, host);
  });
});
