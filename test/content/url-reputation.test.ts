// What a link's address says when it names no profiled brand, and the near-misses that must
// stay quiet: big sites, bare hosting domains, a brand's own links, names in plain text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlReputationDetector } from '../../src/detectors/url-reputation.ts';
import { randomness } from '../../src/detectors/host-randomness.ts';
import { byCode, codes, engine, facts, run } from './helpers.ts';

const codesFor = async (url: string) => codes(await run(urlReputationDetector, facts({ text: url })));

describe('URL reputation', () => {
  it('flags each kind of throw-away address', async () => {
    const cases: [string, string][] = [
      ['https://www.rypprjn.cn/', 'URL_ABUSED_TLD'],
      ['https://shop-campaign.online/', 'URL_RISKY_TLD'],
      ['https://xkhltqox51xj2.example/', 'URL_RANDOM_HOST'],
      ['http://qbsgobmezt.duckdns.org/', 'URL_DYNAMIC_DNS'],
      // `www.` in front of a customer's name is still the customer's site.
      ['https://www.nttcod.duckdns.org/', 'URL_DYNAMIC_DNS'],
      ['https://www.shop-notice.web.app/', 'URL_FREE_HOSTING'],
      ['https://lucky-term-f2b2.seneyij3879047.workers.dev/', 'URL_FREE_HOSTING'],
      ['https://storage.googleapis.com/bucket-x/a/login.html?id=1', 'URL_PATH_HOSTING'],
      // A bucket under a name of its own, at any of S3's region endpoints, or an Azure storage account.
      ['https://aeon-3.s3.ap-northeast-1.amazonaws.com/go.html', 'URL_PATH_HOSTING'],
      ['http://shortener.s3-website-eu-west-1.amazonaws.com/AcFcTUT', 'URL_PATH_HOSTING'],
      ['https://abc123.blob.core.windows.net/$web/index.html', 'URL_PATH_HOSTING'],
      ['https://s3.dualstack.us-east-1.amazonaws.com/appforest_uf/f1678986537/autorenew.html', 'URL_PATH_HOSTING'],
      ['https://telegra.ph/Incoming-Transfer-Notice-01-12', 'URL_PATH_HOSTING'],
      ['https://graph.org/NEW-TRANSACTION-01-12?ref=mail', 'URL_PATH_HOSTING'],
      ['https://gptpmts-ksnludxs-workers-dev.translate.goog/?_x_tr_sl=auto', 'URL_PROXY'],
      ['https://www.kueronekayaecotn.co.jp.29la.example/', 'URL_EMBEDDED_DOMAIN'],
      ['http://breakokc.example/smbc.co.jp/jp/SMBC', 'URL_BRAND_IN_PATH'],
      ['https://blog.example/wp-content/plugins/sec/amazon/signin.php', 'URL_KIT_PATH'],
      // The victim's address after a `#`, where the server's logs never show it.
      ['https://blog.example/wp-includes/IXR/class-page.html#member@example.jp', 'URL_KIT_PATH'],
      ['https://iforgot.support.manage.account.lookoutroom.example/', 'URL_SENSITIVE_WORDS'],
      ['http://amazon.co.ip.fhq2.example/sign-in', 'URL_EMBEDDED_DOMAIN'],
      ['https://ekinetcomjp.gardenfresh.example/', 'URL_EMBEDDED_DOMAIN'],
      // The ending runs on into the registrable name: `binance.com-19.com`.
      ['https://www.binance.com-19.com/', 'URL_EMBEDDED_DOMAIN'],
      ['https://accotp.iappstore.co.jp-inforpemos.com/', 'URL_EMBEDDED_DOMAIN'],
      ['https://connect-login.harbourcafe.example/', 'URL_LOGIN_SUBDOMAIN'],
      ['https://www.etc.userlogin.kikuta-farm.example/a1b2', 'URL_LOGIN_SUBDOMAIN'],
      ['https://mlcard.dgtower.example/', 'URL_BRAND_LOOKALIKE_SUBDOMAIN'],
      ['https://amaozn-jp.gardenfresh.example/', 'URL_BRAND_LOOKALIKE_SUBDOMAIN'],
      ['https://www.ama-zon.gardenfresh.example/', 'URL_BRAND_LOOKALIKE_SUBDOMAIN'],
      // A vowel or m/n swapped for one that sounds or looks alike.
      ['https://www.amazom.gardenfresh.example/', 'URL_BRAND_LOOKALIKE_SUBDOMAIN'],
      ['https://snbc-card.gardenfresh.example/', 'URL_BRAND_LOOKALIKE_SUBDOMAIN'],
      ['https://eki-nat.gardenfresh.example/', 'URL_BRAND_LOOKALIKE_SUBDOMAIN'],
      // A brand's short name (profile `hostLabels`) as a label, or a part of one.
      ['https://etc.harbourcafe.example/', 'URL_BRAND_NAME_SUBDOMAIN'],
      ['https://www.etc.login.harbourcafe.example/a1b2', 'URL_BRAND_NAME_SUBDOMAIN'],
      ['https://eki-update.gardenfresh.example/', 'URL_BRAND_NAME_SUBDOMAIN'],
      // A brand's Japanese name in an internationalized label, written or already in punycode.
      ['https://アップルジャパンのログインid.harbourcafe.example/', 'URL_BRAND_NAME_SUBDOMAIN'],
      ['https://xn--cckwcxetdv707azsyb.gardenfresh.example/', 'URL_BRAND_NAME_SUBDOMAIN'],
      ['https://accout.riverside-inn.example/', 'URL_MISSPELLED_LOGIN_WORD'],
      ['https://connecct-logiin.example/', 'URL_MISSPELLED_LOGIN_WORD'],
      ['https://udpate-now.example/', 'URL_MISSPELLED_LOGIN_WORD'],
      // A Japanese company ending spelt with hyphens into the registered name.
      ['https://update-co-jp.example/gp/', 'URL_JP_ENDING_IN_NAME'],
      ['https://id.www-rakvton-co-jp.example/count/', 'URL_JP_ENDING_IN_NAME'],
      ['https://xserver-ne-jp.example/', 'URL_JP_ENDING_IN_NAME'],
      ['https://bakery-hanamura.example/webmail.pikara.ne.jp/', 'URL_KIT_PATH'],
      ['https://studio-k.example/old/www.paypal.com/websc-login.php?cmd=1', 'URL_KIT_PATH'],
      ['http://gardens.example/van/tohoku.ac.jp.htm', 'URL_KIT_PATH'],
      ['https://herbs.example/.well-known/pki-validation/home/id/new/', 'URL_KIT_PATH'],
    ];
    for (const [url, code] of cases) assert.ok((await codesFor(url)).includes(code), `${code} for ${url}: ${await codesFor(url)}`);
  });

  it('quotes the link and explains the reason', async () => {
    const finding = byCode(await run(urlReputationDetector, facts({ text: 'http://qbsgobmezt.duckdns.org/' })), 'URL_DYNAMIC_DNS');
    assert.equal(finding.evidence[0]?.value, 'http://qbsgobmezt.duckdns.org/');
    assert.match(finding.message.ja, /duckdns\.org/);
  });

  it('stays quiet on well-known sites and bare hosting domains', async () => {
    for (const url of ['https://www.google.com/', 'https://github.com/nodejs/node', 'https://netlify.app/', 'https://storage.googleapis.com/', 'https://mybucket.s3.ap-northeast-1.amazonaws.com/', 'https://s3.ap-northeast-1.amazonaws.com/', 'https://aws.amazon.com/s3/', 'https://telegra.ph/', 'https://www.nbcnews.com/', 'https://psychologytoday.com/', 'https://bit.ly/', 'https://www.dyndns.org/', 'https://www.com-pass.example/', 'https://shop.net-bank.example/', 'https://docs.google.com/document/d/1abc/edit']) {
      assert.deepEqual(await codesFor(url), [], url);
    }
  });

  it("reads a brand in a search page's query as what was searched for, and in a kit's path still as a sign", async () => {
    for (const url of ['https://www.google.com/search?q=micard', 'https://www.google.co.jp/search?q=micard+login', 'https://search.yahoo.co.jp/search?p=eposcard', 'https://shop.example/s?k=amazon+card']) {
      assert.ok(!(await codesFor(url)).includes('URL_BRAND_IN_PATH'), url);
    }
    for (const url of ['https://blog.example/search/micard/login.php', 'https://blog.example/s/amazon-signin.html?id=1']) {
      assert.ok((await codesFor(url)).includes('URL_BRAND_IN_PATH'), url);
    }
  });

  it('leaves plainly named login hosts and words that only contain a login word alone', async () => {
    // A company's own sign-in host, a login word inside a word of the first label, and a
    // hyphenated label without one.
    for (const url of ['https://login.bookshop.example/', 'https://sign-in.bookshop.example/', 'https://www.secure.bookshop.example/', 'https://bloginfo.news.example/i/a.gif', 'https://gift-card.bookshop.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_LOGIN_SUBDOMAIN'), url);
    }
    // Account words that ordinary hosts build into longer names: a mail gateway's link rewriter,
    // a shop's account pages, an update server.
    for (const url of ['https://secure-web.mailgate.example/', 'https://my-account.bookshop.example/', 'https://update-center.vendor.example/', 'https://auth-api.vendor.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_LOGIN_SUBDOMAIN'), url);
    }
    // A regional sign-in portal: the word and a two-letter region.
    for (const url of ['https://login-us.mimecast.com/', 'https://eu-login.vendor.example/', 'https://login-jp2.vendor.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_LOGIN_SUBDOMAIN'), url);
    }
    // Under endings that only registered Japanese organizations get, the host is theirs.
    for (const url of ['https://sso-login.kobayashi-seiki.co.jp/', 'https://login-portal.example-u.ac.jp/']) {
      assert.ok(!(await codesFor(url)).includes('URL_LOGIN_SUBDOMAIN'), url);
    }
  });

  it('leaves site names in archive, CDN, ad-server, repository and statistics paths, and certificate tokens, alone', async () => {
    for (const url of ['https://web.archive.example/web/2002/http://www.example.com/', 'http://a298.g.cdn.example/7/298/5382/www.newsletter.com/logo.gif', 'http://ad.adserver.example/ad/www.dilbert.com/email/;sz=468x60;ord=1?', 'https://code.example/owner/example.com/tree/main/', 'https://siteinfo.example/website/example.com/', 'https://docs.example/guide/setup.html', 'http://shop.example/.well-known/pki-validation/fileauth.txt', 'http://shop.example/.well-known/acme-challenge/x3Fq9Lk']) {
      assert.ok(!(await codesFor(url)).includes('URL_KIT_PATH'), url);
    }
  });

  it('reads a Japanese ending into a name only as a whole hyphenated part', async () => {
    // A travel name (`go-jp`), a word ending in the letters (`eco-jp`, `disco-jpop`), `jp` alone;
    // in front of the registered name the ending is URL_EMBEDDED_DOMAIN's, and said once.
    for (const url of ['https://lets-go-jp.example/', 'https://eco-jp.example/', 'https://disco-jpop.example/', 'https://shop-jp.example/', 'https://www-aeon-co-jp.gardenfresh.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_JP_ENDING_IN_NAME'), url);
    }
  });

  it('tells a misspelt login word from its ordinary forms and from other words', async () => {
    // Longer forms of the word, words one changed letter away (logan, conform, verity), the
    // words themselves, and short pieces.
    for (const url of ['https://updates.lockergnome.example/', 'https://secured.bank.example/', 'https://accounts.shop.example/', 'https://logan-family.example/', 'https://conform.example/', 'https://verity.example/', 'https://login.example/', 'https://logo.example/', 'https://signing-day.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_MISSPELLED_LOGIN_WORD'), url);
    }
  });

  it("leaves a brand's exact name and ordinary words in front of another domain alone", async () => {
    // `apple.` and `outlook.` hosts are often product pages; `cloud` and `mobile` lose the first
    // letter of icloud and ymobile; `apples` is a plural; `card` is micard cut short; `amazing`
    // is a word; `domo` drops two letters of docomo, `medicard` adds two to micard; `payday`,
    // `softback` and `emobile` change a letter of paypay, softbank and ymobile for one that
    // neither sounds nor looks alike, or the first.
    for (const url of ['https://apple.fruitmarket.example/', 'https://apples.fruitmarket.example/', 'https://outlook.4team.example/', 'https://cloud.hosting.example/', 'http://mobile.news.example/', 'https://card.shop.example/', 'https://amazing.deals.example/', 'https://www.micro.example/', 'https://domo.arigato.example/', 'https://medicard.clinic.example/', 'https://payday.loans.example/', 'https://softback.books.example/', 'https://emobile.shop.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_BRAND_LOOKALIKE_SUBDOMAIN'), url);
    }
  });

  it("counts a brand's short name only as a label of its own, and not on the brand's group sites", async () => {
    // Inside a word (`fetch`, `etcetera`), in the registered name, or under JR East's domain,
    // related to Eki-net in its profile; a Japanese label naming no brand (お知らせ), or a brand's
    // Japanese name in the registered name rather than in front of it.
    for (const url of ['https://fetch.gardenfresh.example/', 'https://etcetera.gardenfresh.example/', 'https://etc-tools.example/', 'https://eki.jreast.co.jp/', 'https://ekimae.bakery.example/', 'https://お知らせ.gardenfresh.example/', 'https://アマゾン.example/']) {
      assert.ok(!(await codesFor(url)).includes('URL_BRAND_NAME_SUBDOMAIN'), url);
    }
  });

  it("leaves a brand's own links to the link checks", async () => {
    assert.deepEqual(await codesFor('https://www1.micard.co.jp/app/login'), []);
  });

  it('ignores names in plain text that only look like hosts', async () => {
    assert.deepEqual(await codesFor('Edit sendmail.cf and ask tim.one about it.'), []);
  });

  it('tells generated labels from names people choose', () => {
    for (const label of ['xkhltqox51xj2', 'sxdsqqjy', '743e85656cdd7f', '04180418']) assert.ok(randomness(label, true), label);
    for (const label of ['freshmeat', 'wikipedia', 'yodobashi', 'msnbc', 'nbcnews', 'shinkansen', 'www2', 'lucky-term', 'rakuten24']) assert.equal(randomness(label, true), undefined, label);
  });

  it('judges an internationalized label as the reader sees it, in any script', () => {
    // ðd6dfÿ51œpza9: letters of any script switching with digits, as in the ASCII names above.
    assert.equal(randomness('xn--d6df51pza9-h9a8p25b', false), 'letters-and-digits');
    // 東京2020, ドメイン名例, bücher24, müller: no vowels to count in kanji or kana, and no switching.
    for (const label of ['xn--2020-4x5f052k', 'xn--eckwd4c7cu47r2wf', 'xn--bcher24-n2a', 'xn--mller-kva']) assert.equal(randomness(label, true), undefined, label);
    // ðmpsÿqxœrdfv reads as dmpsyqxoerdfv: Latin letters are judged like ASCII ones, vowels and all.
    assert.equal(randomness('xn--mpsqxrdfv-95a2o93b', false), 'consonant-run');
    // crème-brûlée, smørrebrød, þingvellir, ålesund, straße: words, once folded.
    for (const label of ['xn--crme-brle-13ar8s', 'xn--smrrebrd-64af', 'xn--ingvellir-99a', 'xn--lesund-hua', 'xn--strae-oqa']) assert.equal(randomness(label, true), undefined, label);
    // Punycode that does not decode is judged as written, without folding it again.
    for (const label of ['xn--', 'xn--xn--abc', 'xn--zz']) assert.doesNotThrow(() => randomness(label, false), label);
  });

  it('makes a bare random .cn URL at least suspicious, a top site unverified', async () => {
    assert.notEqual((await engine.checkUrl('https://www.rypprjn.cn/')).verdict, 'unverified');
    assert.equal((await engine.checkUrl('https://www.wikipedia.org/')).verdict, 'unverified');
  });
});

describe('a link with nothing around it', () => {
  it('warns on one sign of a throw-away site when the link is all there is, not in a mail', async () => {
    assert.equal((await engine.checkUrl('https://shop-campaign.online/')).verdict, 'suspicious');
    const inMail = await run(urlReputationDetector, facts({ subject: 'Spring sale', text: 'Our new store: https://shop-campaign.online/' }));
    assert.ok(!codes(inMail).includes('URL_ALONE'));
    assert.equal((await engine.checkUrl('https://www.nhk.or.jp/')).verdict, 'unverified');
  });

  it('warns on a short link, also one behind a redirector', async () => {
    assert.equal((await engine.checkUrl('https://x.co/6ndL8')).verdict, 'suspicious');
    const redirected = await engine.checkUrl('http://disq.us/url?url=http%3A%2F%2Fx.co%2F6ndL8%3ACh7fwjb&cuid=japan');
    assert.equal(redirected.verdict, 'suspicious');
    assert.ok(redirected.findings.some((f) => f.code === 'URL_ALONE'));
    assert.equal((await engine.checkUrl('http://disq.us/url?url=https%3A%2F%2Fwww.nhk.or.jp%2F&cuid=japan')).verdict, 'unverified');
  });
});
