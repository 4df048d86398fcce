// Sender checks and brand claims, with the near-misses that must not fire.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type Report } from '../../src/engine.ts';
import { displayNameAlias, subjectHead } from '../../src/brand/claim.ts';
import { builtinProfiles } from '../../src/profile/loader.ts';
import { buildMail } from '../helpers/build-mail.ts';

const engine = createEngine();
const codes = (report: Report) => report.findings.map((f) => f.code);
const profile = (id: string) => builtinProfiles().find((p) => p.id === id)!;

describe('sender address', () => {
  it('a From domain that cannot exist', async () => {
    const report = await engine.checkMail(buildMail({ from: 'gov <regularizacao@539014darfgovbr>', text: 'Seu CPF' }));
    assert.ok(codes(report).includes('SENDER_INVALID_ADDRESS'));
  });

  it('a From domain with characters no host name has, but not an internationalized or hyphenated one', async () => {
    for (const from of ['Bradesco <sac-pontos6333__@__bradesco.com.br>', "SmartView_IPTV <UnlimitedTV@'UnlimitedTV-pujnd.autoworkscoll.com>", 'Shop <news@-shop.example.com>']) {
      const report = await engine.checkMail(buildMail({ from, text: 'Seus pontos estao aqui' }));
      assert.ok(codes(report).includes('SENDER_INVALID_ADDRESS'), from);
    }
    for (const from of ['Shop <news@mail-shop.example.com>', '店舗 <info@ドメイン名例.jp>', 'Bücher <info@bücher24.de>']) {
      const report = await engine.checkMail(buildMail({ from, text: 'Neue Bücher' }));
      assert.ok(!codes(report).includes('SENDER_INVALID_ADDRESS'), from);
    }
  });

  it('a second "@" or styled letters in the address, but not a quoted local part', async () => {
    for (const from of ['Equipo de la nube <newsletter.member@hotmail.com@goitrogenheadlock.example>', 'Nachricht vom ADAC <noreply@𝗔𝗗𝗔𝗖-𝗚𝗲𝗿𝗺𝗮𝗻𝘆.𝗱𝗲>']) {
      const report = await engine.checkMail(buildMail({ from, text: 'Ihr Speicher ist voll' }));
      const found = report.findings.find((f) => f.code === 'SENDER_INVALID_ADDRESS');
      assert.ok(found, from);
      assert.match(found.message.en, /two "@"/);
    }
    const styled = await engine.checkMail(buildMail({ from: 'Nachricht vom ADAC <noreply@𝗔𝗗𝗔𝗖-𝗚𝗲𝗿𝗺𝗮𝗻𝘆.𝗱𝗲>', text: 'Gewinnen Sie' }));
    // Styled letters are no one's domain: the brand name over them is not the brand's own mail.
    assert.ok(codes(styled).includes('SENDER_KNOWN_BRAND_OTHER_DOMAIN'));
    const quoted = await engine.checkMail(buildMail({ from: 'Shop <"sales@desk"@shop.example.com>', text: 'Order shipped' }));
    assert.ok(!codes(quoted).includes('SENDER_INVALID_ADDRESS'));
  });

  it('no From header at all', async () => {
    const mail = buildMail({ text: 'hello' }).replace(/^From: .*\r\n/m, '');
    const report = await engine.checkMail(mail);
    assert.ok(codes(report).includes('SENDER_MISSING_FROM'));
  });

  it('two From headers with different addresses, but not one repeated by a relay', async () => {
    const twice = (second: string) => buildMail({ from: 'エムアイカード <info@micard.co.jp>', text: 'ご利用内容をご確認ください。' }).replace(/^(From: .*\r\n)/m, `$1From: ${second}\r\n`);
    const forged = await engine.checkMail(twice('support@evil.example'));
    assert.ok(codes(forged).includes('SENDER_MULTIPLE_FROM'));
    assert.notEqual(forged.verdict, 'unverified');
    assert.deepEqual(forged.findings.find((f) => f.code === 'SENDER_MULTIPLE_FROM')?.evidence.map((e) => e.value), ['エムアイカード <info@micard.co.jp>', 'support@evil.example']);
    const repeated = await engine.checkMail(twice('"MI Card" <INFO@micard.co.jp>'));
    assert.ok(!codes(repeated).includes('SENDER_MULTIPLE_FROM'));
  });

  it('an organization over a free mail address, but not a person', async () => {
    const bank = await engine.checkMail(buildMail({ from: 'Banco do Brasil S.A <emmettq743@gmail.com>', text: 'Dispositivo bloqueado' }));
    assert.ok(codes(bank).includes('SENDER_FREEMAIL_ORGANIZATION'));
    const person = await engine.checkMail(buildMail({ from: 'Taro Yamada <taro.yamada@gmail.com>', text: '来週の件' }));
    assert.ok(!codes(person).includes('SENDER_FREEMAIL_ORGANIZATION'));
    const jp = await engine.checkMail(buildMail({ from: 'カスタマーサポート <support123@yahoo.co.jp>', text: 'ご確認ください' }));
    assert.ok(codes(jp).includes('SENDER_FREEMAIL_ORGANIZATION'));
  });

  it('a machine-made sending domain and an emoji-dressed name', async () => {
    const report = await engine.checkMail(buildMail({ from: '💼 Ihre BTC Auszahlung <x@flh9rhjvmael.com>', text: 'Auszahlung' }));
    assert.ok(codes(report).includes('SENDER_RANDOM_DOMAIN'));
    assert.ok(codes(report).includes('SENDER_NAME_DECORATED'));
  });

  it("a brand's name on the brand's own free mail service speaks for an account holder", async () => {
    const report = await engine.checkMail(buildMail({ from: 'Cliente Microsoft <microsoft@outlook.com>', text: 'Sua conta será bloqueada.' }));
    const found = report.findings.find((f) => f.code === 'SENDER_BRAND_NAME_FREEMAIL');
    assert.ok(found);
    assert.match(found.message.en, /free mail account anyone can open/);
    assert.ok(!codes(report).includes('SENDER_LOOKALIKE_DOMAIN'));
    assert.ok(['suspicious', 'phishing'].includes(report.verdict));
    const person = await engine.checkMail(buildMail({ from: 'Taro Yamada <taro@outlook.com>', text: '来週の件' }));
    assert.ok(!codes(person).some((c) => c.startsWith('SENDER_BRAND_NAME')));
    const own = await engine.checkMail(buildMail({ from: 'Microsoft アカウント チーム <account-security-noreply@accountprotection.microsoft.com>', text: 'セキュリティ コード' }));
    assert.ok(!codes(own).some((c) => c.startsWith('SENDER_BRAND_NAME')));
  });

  it('a private public suffix (iki.fi) is a real mail domain', async () => {
    const report = await engine.checkMail(buildMail({ from: 'Ville <ville@iki.fi>', text: 'patch attached' }));
    assert.ok(!codes(report).includes('SENDER_INVALID_ADDRESS'));
  });
});

describe('brand claims: presenting the brand, not mentioning it', () => {
  it('reads the subject tag and opening', () => {
    assert.deepEqual(subjectHead('Fwd: 【MIカード】お知らせ'), { tags: 'MIカード', opening: '【MIカード】お知らせ'.replace(/^【MIカード】/, ''), boxed: ['miカード'] });
    assert.equal(subjectHead('Re: [ILUG] Apple releases').opening, 'Apple releases');
  });

  it('a display name that is the brand, or the brand with a few words', () => {
    assert.equal(displayNameAlias(profile('apple'), 'Apple'), 'Apple');
    assert.ok(displayNameAlias(profile('micard'), 'MIカード会員サービス'));
    assert.ok(displayNameAlias(profile('amazon'), 'Amazon Customer Service'));
    assert.equal(displayNameAlias(profile('apple'), 'Lockergnome Apple Core Newsletter'), undefined);
  });

  it('a newsletter that mentions Apple in its subject and body does not claim to be Apple', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'Tech Weekly <news@techweekly.example.com>',
        subject: 'Why Apple should worry about the new phones',
        html: '<p>Apple and Amazon news</p><a href="https://techweekly.example.com/story">Read more</a>',
      }),
    );
    assert.ok(!codes(report).includes('LINK_UNOFFICIAL'));
    assert.ok(!codes(report).includes('SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN'));
    assert.equal(report.verdict, 'unverified');
  });

  it("a newsletter named by its own domain and titled with a brand is that newsletter speaking", async () => {
    const newsletter = await engine.checkMail(
      buildMail({
        from: 'Lockergnome Apple Core <subscriptions@lockergnome.example>',
        subject: '[Lockergnome Apple Core] Skip Content',
        html: '<p>Apple news this week</p><a href="https://www.lockergnome.example/">Lockergnome</a><form action="https://www.lockergnome.example/search"><input name="q"></form>',
      }),
    );
    for (const code of ['SENDER_BRAND_NAME_FOREIGN_DOMAIN', 'SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN', 'LINK_UNOFFICIAL', 'LINK_FORM_UNOFFICIAL']) assert.ok(!codes(newsletter).includes(code), code);
    // Not a generic word, not a name that is itself the brand's look-alike, and not the brand further on alone.
    for (const from of ['Support Apple ID <help@support.example.com>', 'AppleCare Apple ID <id@applecare-mail.example.com>', 'Apple ID <id@lockergnome.example>']) {
      const report = await engine.checkMail(buildMail({ from, subject: 'Your Apple ID was locked', text: 'Sign in to unlock it.' }));
      assert.ok(codes(report).some((code) => code.startsWith('SENDER_BRAND') || code === 'SENDER_LOOKALIKE_DOMAIN'), `${from}: ${codes(report)}`);
    }
  });

  it('a mail address in the body names its mailbox provider, not the writer', async () => {
    const report = await engine.checkMail(buildMail({ from: 'Meta <info@knitters.example>', text: 'De: Support\nPara: member@hotmail.com\nSomeone tried to log in to your account.' }));
    assert.notEqual(report.brand, 'microsoft');
    const named = await engine.checkMail(buildMail({ from: 'Shop <info@shop.example>', text: 'Pay with your Hotmail account' }));
    assert.equal(named.brand, 'microsoft');
  });

  it("cloud hosting of another brand does not vouch for the claimed brand's links", async () => {
    const html = (href: string) => `<p>Sua conta será bloqueada.</p><a href="${href}">Atualizar</a>`;
    const rented = await engine.checkMail(buildMail({ from: 'Microsoft <security@ms-alerts.example>', html: html('http://ec2-3-138-125-44.us-east-2.compute.amazonaws.com/x/') }));
    assert.ok(codes(rented).includes('LINK_UNOFFICIAL'));
    const own = await engine.checkMail(buildMail({ from: 'Microsoft <security@ms-alerts.example>', html: html('https://login.windows.net/common/oauth2') }));
    assert.ok(!codes(own).includes('LINK_UNOFFICIAL'));
  });

  it("a name anyone rents on a brand's own platform is the tenant's, judged like any host", async () => {
    // The web app, bucket or static site is named by whoever rents it: Microsoft does not vouch
    // for `contoso.azurewebsites.net`, nor Amazon for a bucket named after MI Card or itself.
    const html = (href: string) => `<p>Your account will be closed.</p><a href="${href}">Update</a>`;
    const tenant = await engine.checkMail(buildMail({ from: 'Microsoft <security@ms-alerts.example>', html: html('https://contoso.azurewebsites.net/') }));
    assert.ok(codes(tenant).includes('LINK_UNOFFICIAL'), codes(tenant).join());
    for (const [url, code] of [
      ['https://www1.micard.co.jp.s3.amazonaws.com/app/login', 'LINK_BRAND_PREFIX'],
      ['https://amazon-accounts-check.s3.ap-northeast-1.amazonaws.com/check.html', 'LINK_COMBOSQUAT'],
      ['https://micard.z11.web.core.windows.net/', 'LINK_BRAND_IN_HOST'],
    ] as const) {
      const report = await engine.checkUrl(url);
      assert.equal(report.verdict, 'phishing', url);
      assert.ok(codes(report).includes(code), `${url}: ${codes(report)}`);
    }
    // A bucket of no brand's name is no brand's: `amazonaws` in the platform's own suffix names no one.
    assert.equal((await engine.checkUrl('https://newsletter-assets.s3.amazonaws.com/logo.png')).brand, null);
  });

  it('"pineapple" is not Apple and rklau.com is not au.com', async () => {
    const report = await engine.checkMail(buildMail({ from: 'Fruit Shop <shop@fruit.example.com>', subject: 'Pineapple sale', html: '<a href="https://rklau.com/">shop</a>' }));
    assert.notEqual(report.brand, 'apple');
    assert.ok(!codes(report).includes('LINK_BRAND_PREFIX'));
  });

  it('a display name claims the brand in a tag or in a look-alike spelling, a subject by a one-character alias', async () => {
    const tagged = await engine.checkMail(buildMail({ from: '[MICARD] Notice <notice@example.net>', subject: 'Hello', text: 'Hello.' }));
    assert.ok(tagged.claimedBy.some((c) => c.source === 'display-name'));
    const disguised = await engine.checkMail(buildMail({ from: 'MlCARD <notice@example.net>', subject: 'Hello', text: 'Hello.' }));
    assert.deepEqual(disguised.claimedBy.find((c) => c.source === 'display-name'), { source: 'display-name', text: 'mlcard' });
    const oneChar = { ...profile('micard'), id: 'one-char', aliases: ['ゑ'] };
    const report = await createEngine({ profiles: [oneChar] }).checkMail(buildMail({ from: 'Notice <notice@example.net>', subject: 'ゑからのお知らせ', text: 'Hello.' }));
    assert.deepEqual(report.claimedBy, [{ source: 'subject', text: 'ゑ' }]);
  });

  it('a text message that opens with the brand claims it, as a subject would: its links elsewhere are unofficial', async () => {
    const sms = await engine.checkText('【三井住友カード】ご利用確認のお願い。お客様のカードに不審な取引がありました。 https://xfwzg.example/');
    assert.deepEqual(sms.claimedBy[0], { source: 'text-opening', text: '三井住友カード' });
    assert.ok(codes(sms).includes('LINK_UNOFFICIAL'));
    assert.equal(sms.verdict, 'suspicious');
    const opening = await engine.checkText('エムアイカードよりお知らせ。お支払い方法に問題があります https://lcmqz.example/');
    assert.ok(opening.claimedBy.some((c) => c.source === 'text-opening'));
    assert.ok(codes(opening).includes('LINK_UNOFFICIAL'));
    const quoted = await engine.checkText('「重要」Amazonアカウントの確認のお願い https://acc-check.example/');
    assert.deepEqual(quoted.claimedBy[0], { source: 'text-opening', text: 'Amazon' });
    // The brand's own link, and a text that names the brand only further on, are not flagged.
    const official = await engine.checkText('【三井住友カード】ご利用代金のお知らせ https://www.smbc-card.com/mem/index.jsp');
    assert.ok(!codes(official).includes('LINK_UNOFFICIAL'));
    const mention = await engine.checkText('昨日の夕方に買った本の感想です。Amazonで見つけました。 https://blog.example.jp/2026/06/book');
    assert.ok(!mention.claimedBy.some((c) => c.source === 'text-opening'));
    assert.ok(!codes(mention).includes('LINK_UNOFFICIAL'));
  });

  it('a short name (tagNames: au) claims the brand only as a whole 【】 tag', async () => {
    const sms = await engine.checkText('【ａｕ】お客様のご利用料金が高額になっています。 https://au-bill.example.com/');
    assert.equal(sms.brand, 'au');
    assert.deepEqual(sms.claimedBy[0], { source: 'text-opening', text: 'au' });
    assert.ok(codes(sms).includes('LINK_UNOFFICIAL'));
    const mail = await engine.checkMail(buildMail({ from: '【au】お知らせ <info@au-notice.example.net>', subject: 'ご利用料金のお知らせ', text: 'ご確認ください。' }));
    assert.ok(mail.claimedBy.some((c) => c.source === 'display-name' && c.text === 'au'));
    for (const text of ['Au revoir, à bientôt https://x.example/', '[AU] Summer sale on now https://shop.example.com.au/', '【auto】新着のお知らせ https://x.example/']) {
      assert.notEqual((await engine.checkText(text)).brand, 'au', text);
    }
  });

  it('a subject that opens with the brand from a foreign domain is flagged', async () => {
    const report = await engine.checkMail(buildMail({ from: 'Account Team <notice@acc-check.example.net>', subject: 'Amazon: your account is on hold', text: 'Please sign in.' }));
    assert.equal(report.brand, 'amazon');
    assert.ok(codes(report).includes('SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN'));
  });

  it('reads a dash or a wave written for the long vowel mark as ー in a katakana brand name', async () => {
    for (const name of ['エムアイカ－ド', 'エムアイカ-ド', 'エムアイカ〜ド']) {
      const report = await engine.checkMail(buildMail({ from: `${name} <info@card-desk.example.net>`, subject: 'ご利用確認', text: 'ログインしてください https://card-desk.example.net/login' }));
      assert.equal(report.brand, 'micard', name);
      assert.ok(codes(report).includes('SENDER_BRAND_NAME_FOREIGN_DOMAIN'), `${name}: ${codes(report)}`);
    }
    // A hyphen between Latin letters stays a hyphen.
    assert.notEqual((await engine.checkMail(buildMail({ from: 'Semi-Card Club <club@semi.example.net>', subject: 'news', text: 'hello' }))).brand, 'micard');
  });

  it('reads a katakana brand name written in hiragana, but not a short one that is an everyday word', async () => {
    for (const name of ['えむあいかーど', 'えむあいか〜ど', 'めるかり']) {
      const report = await engine.checkMail(buildMail({ from: `${name} <info@card-desk.example.net>`, subject: 'ご利用確認', text: 'ログインしてください https://card-desk.example.net/login' }));
      assert.ok(codes(report).includes('SENDER_BRAND_NAME_FOREIGN_DOMAIN'), `${name}: ${codes(report)}`);
    }
    const sms = await engine.checkText('【えむあいかーど】ご利用確認のお願い https://secure-check.example.com/login');
    assert.equal(sms.brand, 'micard');
    // どこも is "everywhere", not ドコモ; いおん sits inside かわいいおんなのこ.
    for (const text of ['どこもかしこも混んでいます https://example.com/', 'かわいいおんなのこの写真 https://example.com/']) {
      assert.equal((await engine.checkText(text)).brand, null, text);
    }
  });

  it('a body that greets its reader in the brand’s name speaks for it; one that only names the brand does not', async () => {
    const from = 'Info Desk <info@member-info.example.net>';
    for (const text of [
      'いつもエムアイカードをご利用いただき、誠にありがとうございます。\n下記よりログインしてください。 https://member-info.example.net/app/login',
      'エムアイカード会員の皆様へ\n下記よりログインしてください。 https://member-info.example.net/app/login',
      'エムアイカードカスタマーセンターです。下記よりログインしてください。 https://member-info.example.net/app/login',
      'Dear MI Card member,\nplease sign in below. https://member-info.example.net/app/login',
    ]) {
      const report = await engine.checkMail(buildMail({ from, subject: 'ご利用確認のお願い', text }));
      assert.ok(report.claimedBy.some((c) => c.source === 'greeting'), `${text}: ${JSON.stringify(report.claimedBy)}`);
      assert.ok(codes(report).includes('LINK_UNOFFICIAL'), `${text}: ${codes(report)}`);
      assert.notEqual(report.verdict, 'unverified', text);
    }
    for (const text of [
      '当店ではPayPayをご利用いただけます。 https://shop.example.net/',
      'Amazonギフト券をお持ちのお客様は、こちらからお使いいただけます。 https://shop.example.net/',
      'We accept Amazon Pay and PayPay. https://shop.example.net/',
      'いつも当店をご利用いただきありがとうございます。お支払いはエムアイカードでも承ります。 https://shop.example.net/',
    ]) {
      const report = await engine.checkMail(buildMail({ from: 'Shop <news@shop.example.net>', subject: 'お知らせ', text }));
      assert.ok(!report.claimedBy.some((c) => c.source === 'greeting'), `${text}: ${JSON.stringify(report.claimedBy)}`);
      assert.ok(!codes(report).includes('LINK_UNOFFICIAL'), `${text}: ${codes(report)}`);
    }
  });

  it('so is one that opens with "Your" and the brand, but not one that names it further on', async () => {
    const own = await engine.checkMail(buildMail({ from: 'Prime Activation <noreply@studio-zp.example.mx>', subject: 'Your amazon prime membership renewal was failed', text: 'Please update your payment.' }));
    assert.ok(codes(own).includes('SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN'));
    // The brand claim reads it so too: the subject speaks for the brand, not about it.
    assert.ok(own.claimedBy.some((c) => c.source === 'subject'), JSON.stringify(own.claimedBy));
    const text = await engine.checkText('Your Amazon order could not be shipped. Update your address.');
    assert.ok(text.claimedBy.some((c) => c.source === 'text-opening'), JSON.stringify(text.claimedBy));
    const mention = await engine.checkMail(buildMail({ from: 'Deals Digest <news@deals.example.net>', subject: 'Your weekly deals: Amazon, eBay and more', text: 'This week.' }));
    assert.ok(!codes(mention).includes('SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN'));
  });
});

describe('typo-squats add, drop or swap letters, or change one for a sound-alike', () => {
  for (const [url, squat] of [
    ['https://mii-crad.com/', true],
    ['https://micrad.jp/', true],
    ['https://miccard.net/', true],
    ['https://rakutan.com/', true],
    ['https://paypoy.jp/', true],
    ['https://paypal.com/', false],
    ['https://tesco.ie/', false],
    ['https://payday.com/', false],
    ['https://emobile.jp/', false],
    // Letters dropped: a typo while five letters are left (six with two dropped), a word of
    // its own below that.
    ['https://amzon.net/', true],
    ['https://mizubank.com/', true],
    ['https://plus.com/', false],
    ['https://nico.jp/', false],
    ['https://netli.com/', false],
    ['https://rakut.com/', false],
    // One letter more at the end is another name: Oricon is not Orico.
    ['https://www.oricon.co.jp/', false],
  ] as const) {
    it(`${url} ${squat ? 'is' : 'is not'} a typo-squat`, async () => {
      const report = await engine.checkUrl(url);
      assert.equal(codes(report).includes('LINK_TYPOSQUAT'), squat);
    });
  }
});

describe('words joined by underscores', () => {
  it('"Unusual_activity_on_your_Account" reads as the phrase it hides', async () => {
    const report = await engine.checkMail(buildMail({ from: 'Support <support@example.org>', subject: 'Unusual_activity_on_your_Account', text: 'Sign in to review.' }));
    assert.ok(codes(report).includes('CONTENT_UNUSUAL_ACTIVITY'), codes(report).join(','));
  });
});

describe('a bare shortened link', () => {
  it('is suspicious: nothing else to judge, and its destination is hidden', async () => {
    const report = await engine.checkUrl('https://tinyurl.com/25ud94bf');
    assert.equal(report.verdict, 'suspicious');
    assert.ok(codes(report).includes('URL_ALONE'));
  });
});
