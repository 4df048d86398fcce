// One test (or more) per trait of the issuer's phishing notice, on mails written for it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type Report } from '../../src/engine.ts';
import { buildMail } from '../helpers/build-mail.ts';

const engine = createEngine();
const codes = (report: Report) => report.findings.map((f) => f.code);
const evidenceOf = (report: Report, code: string) => report.findings.find((f) => f.code === code)?.evidence ?? [];

describe('notice: fake links look like micard.co.jp.<random>.com', () => {
  it('flags the brand domain used as a prefix of another domain, with the real host as evidence', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'エムアイカード <info@mail-notice.example.net>',
        subject: '【重要】ご利用確認のお願い',
        html: '<p>下記よりご確認ください。</p><a href="https://micard.co.jp.qwx81z.com/app/login">ログイン</a>',
      }),
    );
    assert.equal(report.verdict, 'phishing');
    assert.equal(report.brand, 'micard');
    assert.ok(codes(report).includes('LINK_BRAND_PREFIX'));
    assert.equal(evidenceOf(report, 'LINK_BRAND_PREFIX')[0]?.host, 'micard.co.jp.qwx81z.com');
    assert.match(report.findings.find((f) => f.code === 'LINK_BRAND_PREFIX')!.message.ja, /micard\.co\.jp\.qwx81z\.com/);
  });

  it('flags the hyphenated form www2-micard-co-jp.<x>.top and a bare URL in an SMS', async () => {
    const report = await engine.checkText('【MIカード】ご利用確認が必要です https://www2-micard-co-jp.vbn3.top/ 24時間以内にご対応ください');
    assert.equal(report.verdict, 'phishing');
    assert.ok(codes(report).includes('LINK_BRAND_PREFIX'));
  });

  it('flags a scheme-less fake in pasted text and the notice rule that "/" follows co.jp', async () => {
    const report = await engine.checkText('こちらから www1.micard.co.jp.secure-id.com/login');
    assert.equal(report.verdict, 'phishing');
    const report2 = await engine.checkUrl('https://www1.micard.co.jp-account.com/');
    assert.equal(report2.verdict, 'phishing');
  });
});

describe('notice: an official URL as link text while the href goes elsewhere', () => {
  it('names both what is shown and where it really goes', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'MI Card <support@micard-info.example.com>',
        subject: 'ご本人様確認',
        html: '<a href="https://login-check.example.org/mi/">https://www1.micard.co.jp/app/login</a>',
      }),
    );
    assert.equal(report.verdict, 'phishing');
    const evidence = evidenceOf(report, 'LINK_TEXT_SHOWS_OFFICIAL')[0]!;
    assert.equal(evidence.shown, 'https://www1.micard.co.jp/app/login');
    assert.equal(evidence.host, 'login-check.example.org');
  });

  it('does not fire when the text and the href are the same official site', async () => {
    const report = await engine.checkMail(
      buildMail({ from: 'MI Card <info@micard.co.jp>', html: '<a href="https://www1.micard.co.jp/app/login?x=1">https://www1.micard.co.jp/app/login</a>' }),
    );
    assert.ok(!codes(report).some((c) => c.startsWith('LINK_TEXT')));
  });
});

describe('notice: official and fake links mixed in one mail', () => {
  it('reports the mix and the unofficial link', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'エムアイカード <info@micard.co.jp>',
        subject: 'エムアイカードからのお知らせ',
        html: '<a href="https://www.micard.co.jp/">公式サイト</a> <a href="https://faq.micard.co.jp/">よくある質問</a> <a href="https://verify-member.example.xyz/">ご本人確認はこちら</a>',
      }),
    );
    assert.ok(codes(report).includes('LINK_MIXED'));
    assert.ok(codes(report).includes('LINK_UNOFFICIAL'));
    assert.equal(evidenceOf(report, 'LINK_UNOFFICIAL')[0]?.host, 'verify-member.example.xyz');
    assert.notEqual(report.verdict, 'genuine');
    assert.ok(['suspicious', 'phishing'].includes(report.verdict));
  });
});

describe('notice: spoofed From', () => {
  it('flags the brand name over a foreign address', async () => {
    const report = await engine.checkMail(buildMail({ from: 'エムアイカード <no-reply@account-mail.example.cn>', text: 'ご確認ください。' }));
    assert.ok(codes(report).includes('SENDER_BRAND_NAME_FOREIGN_DOMAIN'));
    assert.ok(['suspicious', 'phishing'].includes(report.verdict));
    assert.equal(evidenceOf(report, 'SENDER_BRAND_NAME_FOREIGN_DOMAIN')[0]?.where, 'From');
  });

  it('flags a look-alike sending domain and an address hidden in the display name', async () => {
    const report = await engine.checkMail(buildMail({ from: '"info@micard.co.jp" <info@micard-co-jp.example.com>', text: 'お知らせ' }));
    assert.ok(codes(report).includes('SENDER_LOOKALIKE_DOMAIN'));
    assert.ok(codes(report).includes('SENDER_NAME_HAS_OTHER_ADDRESS'));
    assert.equal(report.verdict, 'phishing');
  });

  it('flags Reply-To going elsewhere', async () => {
    const report = await engine.checkMail(buildMail({ from: 'MI Card <info@micard.co.jp>', headers: { 'Reply-To': 'desk@mc-replies.net' }, text: 'お問い合わせはご返信ください' }));
    assert.ok(codes(report).includes('SENDER_REPLY_TO_MISMATCH'));
  });
});

describe('notice: the logo is copied', () => {
  it('claims the brand from the logo alt text and flags links elsewhere', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'Card Service <service@notice.example.top>',
        subject: 'ご利用確認',
        html: '<img src="https://www.micard.co.jp/common/img/logo.png" alt="エムアイカード"><p>お支払い方法の確認が必要です。</p><a href="https://pay-check.example.top/">確認する</a>',
      }),
    );
    assert.equal(report.brand, 'micard');
    assert.ok(report.claimedBy.some((c) => c.source === 'image-alt'));
    assert.ok(codes(report).includes('LINK_UNOFFICIAL'));
  });
});

describe('link tricks', () => {
  const cases: [string, string, Report['verdict'][]][] = [
    ['https://www1.micard.co.jp@login.example.net/app/login', 'LINK_USERINFO_OFFICIAL', ['phishing']],
    ['http://3232235777/login', 'LINK_IP_OBFUSCATED', ['suspicious', 'phishing']],
    ['http://0xC0A80001/login', 'LINK_IP_OBFUSCATED', ['suspicious', 'phishing']],
    ['http://0300.0250.0.1/login', 'LINK_IP_OBFUSCATED', ['suspicious', 'phishing']],
    ['http://192.168.0.1/login', 'LINK_IP_HOST', ['suspicious', 'phishing']],
    ['https://bit.ly/3abcdE', 'LINK_SHORTENER', ['suspicious']],
    ['https://www.google.com/url?q=https%3A%2F%2Fmicard.co.jp.zz9.com%2F', 'LINK_BRAND_PREFIX', ['phishing']],
    ['https://m\u0456card.co.jp/', 'LINK_HOMOGLYPH', ['phishing']],
    ['https://mlcard.co.jp/', 'LINK_HOMOGLYPH', ['phishing']],
    ['https://rnicard.com/', 'LINK_HOMOGLYPH', ['phishing']],
    ['https://micard.com/', 'LINK_TLD_SQUAT', ['suspicious', 'phishing']],
    ['https://mii-crad.com/', 'LINK_TYPOSQUAT', ['suspicious', 'phishing']],
    ['https://micard-login.com/', 'LINK_COMBOSQUAT', ['phishing']],
    ['https://secure.micard.example.com/', 'LINK_BRAND_IN_HOST', ['phishing']],
    ['hxxps://micard.co.jp.qq1.com/', 'LINK_BRAND_PREFIX', ['phishing']],
  ];
  for (const [url, code, verdicts] of cases) {
    it(`${url} → ${code}`, async () => {
      const report = await engine.checkUrl(url);
      assert.ok(codes(report).includes(code), `${url}: ${codes(report).join(',')}`);
      assert.ok(verdicts.includes(report.verdict), `${url}: ${report.verdict}`);
    });
  }

  it('reports the IP form as written and the real host', async () => {
    const report = await engine.checkUrl('http://3232235777/x');
    const finding = report.findings.find((f) => f.code === 'LINK_IP_OBFUSCATED')!;
    assert.match(finding.message.en, /decimal/);
    assert.equal(finding.evidence[0]?.host, '192.168.1.1');
  });

  it('flags a server named after its IP address, but not a server named in running text or an ordinary host', async () => {
    for (const url of ['https://ip-208-109-12-17.ip.secureserver.example/login', 'https://178.128.104.119.dsl.dyn.provider.example/', 'https://v118-27-12-245.static.vps.example/app', 'http://10.0.0.1.nip.example/']) {
      const report = await engine.checkUrl(url);
      const finding = report.findings.find((f) => f.code === 'LINK_IP_NAMED_HOST');
      assert.ok(finding, `${url}: ${codes(report).join(',')}`);
      assert.notEqual(report.verdict, 'unverified');
    }
    assert.match((await engine.checkUrl('https://ip-208-109-12-17.ip.secureserver.example/')).findings[0]!.message.en, /208\.109\.12\.17/);
    for (const url of ['https://cdn-1-2-3.example.com/', 'https://www.example.com/2024/11/25/1/', 'https://1118-27-12-245.example.com/', 'https://web-300-1-2-3.example.com/']) {
      assert.ok(!codes(await engine.checkUrl(url)).includes('LINK_IP_NAMED_HOST'), url);
    }
    const bounce = await engine.checkText('Delivery failed: host 198.51.100.102.static-user.example.br said 550 user unknown');
    assert.ok(!codes(bounce).includes('LINK_IP_NAMED_HOST'));
  });

  it('official hosts are not flagged, but are not "genuine" either', async () => {
    for (const url of ['https://www1.micard.co.jp/app/login', 'https://www2.micard.co.jp/', 'https://www.micard.co.jp/', 'https://faq.micard.co.jp/']) {
      const report = await engine.checkUrl(url);
      assert.equal(report.verdict, 'unverified', url);
      assert.deepEqual(codes(report), ['LINK_OFFICIAL']);
    }
  });

  it('reads entity- and percent-obfuscated hrefs and zero-width characters', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'MI Card <a@example.net>',
        html: '<a href="&#104;ttps://micard&#46;co&#46;jp&#46;ab12&#46;com/">a</a> <a href="https://%6D%69card.co.jp.cd34.com/">b</a> <a href="https://mi\u200Bcard.co.jp.ef56.com/">c</a>',
      }),
    );
    const hosts = report.findings.filter((f) => f.code === 'LINK_BRAND_PREFIX').map((f) => f.evidence[0]?.host);
    assert.deepEqual(hosts.sort(), ['micard.co.jp.ab12.com', 'micard.co.jp.cd34.com', 'micard.co.jp.ef56.com']);
  });

  it('follows form actions, area, meta refresh, image links and SVG links', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'MI Card <a@example.net>',
        html: '<meta http-equiv="refresh" content="0; url=https://micard.co.jp.r1.com/"><form action="https://micard.co.jp.f1.com/post"><input name="pw"></form><map><area href="https://micard.co.jp.a1.com/"></map><svg><a xlink:href="https://micard.co.jp.s1.com/"><text>ログイン</text></a></svg>',
      }),
    );
    const hosts = report.findings.filter((f) => f.code === 'LINK_BRAND_PREFIX').map((f) => f.evidence[0]?.host);
    assert.deepEqual(hosts.sort(), ['micard.co.jp.a1.com', 'micard.co.jp.f1.com', 'micard.co.jp.r1.com', 'micard.co.jp.s1.com']);
    assert.ok(codes(report).includes('LINK_FORM_UNOFFICIAL'));
  });

  it('names links that open a program or a file share instead of a web page, and leaves mailto and tel alone', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'Billing <billing@shop-notice.example.com>',
        html: '<a href="search-ms:query=invoice&amp;crumb=location:%5C%5Cshare.example%40SSL%5Cdocs">Open invoice</a><a href="ms-msdt:/id PCWDiagnostic /skip force">Help</a><a href="file://share.example/docs/invoice.lnk">Download</a><a href="\\\\share.example\\docs\\invoice.pdf.lnk">Copy</a><a href="mailto:desk@shop-notice.example.com">Mail us</a><a href="tel:0120-000-000">Call</a>',
      }),
    );
    const schemes = report.findings.filter((f) => f.code === 'LINK_LOCAL_HANDLER').map((f) => f.message.en.match(/"([^"]+):"/)?.[1]);
    assert.deepEqual(schemes.sort(), ['file', 'ms-msdt', 'search-ms', 'smb']);
    assert.notEqual(report.verdict, 'unverified');
  });

  it('reads the links only Outlook shows: inside [if mso] comments and on VML buttons', async () => {
    const official = '<!--[if !mso]><!--><a href="https://www1.micard.co.jp/app/login">ログイン</a><!--<![endif]-->';
    for (const outlook of [
      '<!--[if mso]><a href="https://micard-login.example.net/app/login">ログイン</a><![endif]-->',
      '<!--[if gte mso 9]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="https://micard-login.example.net/app/login" style="width:200px"><center>ログイン</center></v:roundrect><![endif]-->',
    ]) {
      const report = await engine.checkMail(buildMail({ from: 'カード会員デスク <desk@card-members.example.com>', subject: '【エムアイカード】ご利用確認', html: official + outlook }));
      const link = evidenceOf(report, 'LINK_BRAND_IN_HOST')[0];
      assert.equal(link?.host, 'micard-login.example.net', codes(report).join());
      assert.notEqual(report.verdict, 'unverified');
    }
  });

  it('reads an official address shown in full-width letters, and a button that posts a form elsewhere', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'MI Card <a@example.net>',
        html: '<a href="https://login-check.example.net/b">ｗｗｗ１．ｍｉｃａｒｄ．ｃｏ．ｊｐ／ａｐｐ</a><form><input type="password" name="pw"><button formaction="https://collect.example.org/post">送信</button></form>',
      }),
    );
    const shown = evidenceOf(report, 'LINK_TEXT_SHOWS_OFFICIAL')[0];
    assert.equal(shown?.host, 'login-check.example.net');
    assert.equal(shown?.shown, 'ｗｗｗ１．ｍｉｃａｒｄ．ｃｏ．ｊｐ／ａｐｐ');
    assert.equal(evidenceOf(report, 'LINK_FORM_UNOFFICIAL')[0]?.value, 'https://collect.example.org/post');
  });

  it('reads `text <address>` in a plain-text mail as a link text and where it leads', async () => {
    const report = await engine.checkMail(
      buildMail({ from: 'MI Card <a@example.net>', text: 'ログインはこちら：https://www1.micard.co.jp/app/login <https://login-check.example.net/app/login>' }),
    );
    const shown = evidenceOf(report, 'LINK_TEXT_SHOWS_OFFICIAL')[0];
    assert.equal(shown?.host, 'login-check.example.net');
    assert.equal(shown?.shown, 'https://www1.micard.co.jp/app/login');
  });

  it('resolves relative links as the mail client does: against <base href>, and `//host` as https', async () => {
    // "baseStriker": the href alone names no host, the <base> decides where the click goes.
    const based = await engine.checkMail(
      buildMail({
        from: 'MI Card <a@example.net>',
        html: '<head><base href="https://micard.co.jp.b1.com/"></head><a href="app/login">https://www1.micard.co.jp/app/login</a><a href="//micard.co.jp.s1.com/x">b</a>',
      }),
    );
    const hosts = based.findings.filter((f) => f.code === 'LINK_BRAND_PREFIX').map((f) => f.evidence[0]?.host);
    assert.deepEqual(hosts.sort(), ['micard.co.jp.b1.com', 'micard.co.jp.s1.com']);
    const shown = evidenceOf(based, 'LINK_TEXT_SHOWS_OFFICIAL')[0];
    assert.equal(shown?.value, 'https://micard.co.jp.b1.com/app/login');
    // An absolute link goes where it says, whatever the base.
    const plain = await engine.checkMail(
      buildMail({
        from: 'エムアイカード <info@micard.co.jp>',
        html: '<base href="https://micard.co.jp.b2.com/"><a href="https://www1.micard.co.jp/app/login">ログイン</a>',
      }),
    );
    assert.ok(!codes(plain).some((code) => code.startsWith('LINK_BRAND') || code === 'LINK_UNOFFICIAL'), codes(plain).join(', '));
  });
});

describe('genuine needs proof', () => {
  it('an unsigned mail with only official links is unverified, not genuine', async () => {
    const report = await engine.checkMail(
      buildMail({ from: 'エムアイカード <info@micard.co.jp>', subject: 'ご利用明細のお知らせ', html: '<a href="https://www1.micard.co.jp/app/login">ログイン</a>' }),
    );
    assert.notEqual(report.verdict, 'genuine');
    assert.ok(report.score < 30, `score ${report.score}`);
  });

  it('a plain unrelated text is unverified with no brand', async () => {
    const report = await engine.checkText('明日の打ち合わせは10時からでお願いします。');
    assert.equal(report.verdict, 'unverified');
    assert.equal(report.brand, null);
    assert.deepEqual(report.findings, []);
  });
});

describe('advice', () => {
  it('a phishing verdict brings the official numbers and the after-a-mistake steps', async () => {
    const report = await engine.checkUrl('https://micard.co.jp.qwx81z.com/');
    const ja = report.advice.map((a) => a.ja).join('\n');
    const keys = report.advice.map((a) => a.key);
    for (const key of ['doNotClick', 'contact', 'passwordEntered', 'cardEntered', 'police']) assert.ok(keys.includes(key as never), key);
    assert.match(ja, /0570-05-2211/);
    assert.match(ja, /03-5273-6509/);
    assert.match(ja, /フィッシング110番/);
    assert.ok(report.advice.every((a) => a.en.length > 0));
  });
});

/** A mail from `from` whose text is `note` and which carries `original` as a message/rfc822 part. */
function carrying(from: string, subject: string, note: string, original: string, type = 'multipart/mixed'): string {
  return [
    `From: ${from}`,
    'To: member@example.jp',
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    `Content-Type: ${type}; boundary="w"`,
    '',
    '--w',
    'Content-Type: text/plain; charset=utf-8',
    '',
    note,
    '--w',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="original.eml"',
    '',
    original,
    '--w--',
    '',
  ].join('\r\n');
}

describe('forwarded mails are judged on the original', () => {
  const original = buildMail({
    from: 'エムアイカード <info@micard-alert.example.com>',
    subject: '【緊急】カードのご利用を制限しました',
    html: '<a href="https://micard.co.jp.fw99.com/">確認</a>',
  });

  it('as a message/rfc822 attachment', async () => {
    const report = await engine.checkMail(carrying('Member <member@example.jp>', 'Fwd: this looks odd', 'Is this real?', original));
    assert.equal(report.message.forwarded?.how, 'rfc822');
    assert.match(report.message.from ?? '', /micard-alert\.example\.com/);
    assert.equal(report.verdict, 'phishing');
  });

  it('inline, below a forwarding separator', async () => {
    const report = await engine.checkMail(
      buildMail({
        from: 'Member <member@gmail.com>',
        subject: 'Fwd: 【緊急】カードのご利用を制限しました',
        text: 'これは本物？\n\n---------- Forwarded message ---------\nFrom: エムアイカード <info@micard-alert.example.com>\nDate: 2026/11/20\nSubject: 【緊急】カードのご利用を制限しました\nTo: <member@gmail.com>\n\nこちらからご確認ください https://micard.co.jp.fw99.com/\n',
      }),
    );
    assert.equal(report.message.forwarded?.how, 'inline');
    assert.equal(report.message.from, 'エムアイカード <info@micard-alert.example.com>');
    assert.ok(codes(report).includes('SENDER_BRAND_NAME_FOREIGN_DOMAIN'));
    assert.equal(report.verdict, 'phishing');
  });
});

describe('a forwarding or reply around an official-looking original is no disguise', () => {
  const official = buildMail({ from: 'MIカード <info@micard.co.jp>', subject: 'お知らせ', text: 'いつもMIカードをご利用いただきありがとうございます。 https://www.micard.co.jp/' });
  const quoted = '\n\n-----Original Message-----\nFrom: MIカード <info@micard.co.jp>\nSent: Monday, November 23, 2026 10:00 AM\nSubject: ご利用確認\n\nいつもMIカードをご利用いただきありがとうございます。\n';
  const lure = 'お客様のカードのご利用を一時停止しました。24時間以内に https://micard-verify.example.com/login でご確認ください。';

  it('judges a reply as its own sender wrote it, not as the message it quotes (a hijacked thread)', async () => {
    const report = await engine.checkMail(buildMail({ from: 'MI Card <info@notice-desk.example.com>', subject: 'RE: ご利用確認', text: lure + quoted }));
    assert.equal(report.message.forwarded, undefined);
    assert.match(report.message.from ?? '', /notice-desk\.example\.com/);
    assert.equal(report.verdict, 'phishing');
  });

  it("still reads the note above a forwarded quote: its links and words arrived too", async () => {
    const report = await engine.checkMail(buildMail({ from: 'MI Card <info@notice-desk.example.com>', subject: 'FW: ご利用確認', text: lure + quoted }));
    assert.equal(report.message.forwarded?.how, 'inline');
    assert.equal(evidenceOf(report, 'LINK_BRAND_IN_HOST')[0]?.host, 'micard-verify.example.com');
    assert.equal(report.verdict, 'phishing');
  });

  it('judges the links of a mail that carries an official mail as an attachment', async () => {
    const report = await engine.checkMail(carrying('MI Card Support <support@notice-desk.example.com>', 'Fwd: お知らせ', lure, official));
    assert.equal(report.message.forwarded?.how, 'rfc822');
    const link = evidenceOf(report, 'LINK_BRAND_IN_HOST')[0];
    assert.equal(link?.host, 'micard-verify.example.com');
    assert.equal(link?.where, 'forwarding mail');
    assert.equal(report.verdict, 'phishing');
  });

  it('judges the attachments of the mail around a forwarded original, also when the original has its own', async () => {
    const form = Buffer.from('<form action="https://collect.example.org/p" method="post"><input type="password" name="pw"></form>').toString('base64');
    const withFile = official.replace('Content-Type: text/plain', 'Content-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\nContent-Type: text/plain').concat('\r\n--o\r\nContent-Type: text/plain; name="memo.txt"\r\nContent-Disposition: attachment; filename="memo.txt"\r\n\r\nmemo\r\n--o--\r\n');
    for (const original of [official, withFile]) {
      const mail = carrying('MI Card Support <support@notice-desk.example.com>', 'Fwd: お知らせ', '添付のフォームでご確認ください。', original).replace(
        '--w\r\nContent-Type: message/rfc822',
        `--w\r\nContent-Type: text/html; name="verify.html"\r\nContent-Disposition: attachment; filename="verify.html"\r\nContent-Transfer-Encoding: base64\r\n\r\n${form}\r\n--w\r\nContent-Type: message/rfc822`,
      );
      const report = await engine.checkMail(mail);
      assert.equal(evidenceOf(report, 'ATTACH_HTML_FORM')[0]?.value, 'verify.html', codes(report).join());
      assert.equal(report.verdict, 'phishing');
    }
  });

  it('judges the sender and subject of the mail around a harmless original: a look-alike forwarder is no member', async () => {
    const harmless = buildMail({ from: 'Tanaka <tanaka@example.co.jp>', subject: 'lunch', text: 'See you at noon.' });
    const lookalike = 'エムアイカード <info@micard-secure.example.com>';
    const attached = await engine.checkMail(carrying(lookalike, '【エムアイカード】ご本人確認のお願い', 'こちらからご確認ください https://login-desk.example.org/app/login', harmless));
    assert.equal(attached.verdict, 'phishing', codes(attached).join());
    assert.equal(evidenceOf(attached, 'SENDER_LOOKALIKE_DOMAIN')[0]?.where, 'forwarding mail: From');
    // A fake forwarding block written into the text is no original to hide behind either.
    const inline = await engine.checkMail(
      buildMail({ from: lookalike, subject: '【エムアイカード】ご本人確認のお願い', text: 'こちらからご確認ください https://login-desk.example.org/app/login\n\n---------- Forwarded message ---------\nFrom: Tanaka <tanaka@example.co.jp>\nSubject: lunch\n\nSee you at noon.\n' }),
    );
    assert.equal(inline.message.forwarded?.how, 'inline');
    assert.equal(inline.verdict, 'phishing', codes(inline).join());
    // A member passing the same harmless mail on says nothing against it.
    const member = await engine.checkMail(carrying('Member <member@example.jp>', 'Fwd: lunch', 'FYI', harmless));
    assert.equal(member.verdict, 'unverified', codes(member).join());
  });

  it("reads a mail server's bounce text as no lure, and Outlook's quoted sender as the address in brackets", async () => {
    const bounce = carrying(
      'MAILER-DAEMON@mx.example.net',
      'Undelivered Mail Returned to Sender',
      'The recipient mailbox is full and cannot accept messages now. Your mailbox storage is full.\r\nRemote server: a27-85.smtp-out.us-west-2.amazonses.com',
      official,
      'multipart/report; report-type=delivery-status',
    );
    const report = await engine.checkMail(bounce);
    assert.ok(!codes(report).some((code) => code.startsWith('CONTENT_') || code === 'LINK_COMBOSQUAT'), `${codes(report)}`);
    // Signed with a mail server's name from any address (sendmail's "Mail Delivery Subsystem"), the same.
    const named = await engine.checkMail(carrying('Mail Delivery Subsystem <mailer@mx.example.net>', 'Returned mail: see transcript for details', 'Your message will be deleted from the queue. SoftBank mx: ymx1.softbank.ne.jp', official, 'multipart/report; report-type=delivery-status'));
    assert.ok(!codes(named).some((code) => code.startsWith('CONTENT_')), `${codes(named)}`);
    // A brand's name on a "report" is a phishing mail dressed as one: it is judged as a mail.
    const harmless = buildMail({ from: 'Tanaka <tanaka@example.co.jp>', subject: 'lunch', text: 'See you at noon.' });
    const dressed = await engine.checkMail(
      carrying('エムアイカード <info@card-notice.example.net>', '【重要】カード利用停止のお知らせ', 'お客様のカードのご利用を一時停止しました。24時間以内に下記よりご本人確認をお願いします。 https://card-verify.example.net/app/login', harmless, 'multipart/report; report-type=delivery-status'),
    );
    assert.equal(dressed.verdict, 'phishing', codes(dressed).join());
    assert.equal(evidenceOf(dressed, 'SENDER_BRAND_NAME_FOREIGN_DOMAIN')[0]?.where, 'forwarding mail: From');
    const outlook = await engine.checkMail(
      buildMail({ from: 'Member <member@example.jp>', subject: 'FW: test', text: 'see below\n\n-----Original Message-----\nFrom: fork-admin@xent.example [mailto:fork-admin@xent.example]On Behalf Of John\nSubject: test\n\nhello\n' }),
    );
    assert.equal(outlook.message.from, 'fork-admin@xent.example');
    assert.ok(!codes(outlook).includes('SENDER_NAME_HAS_OTHER_ADDRESS'));
  });
});

describe('Japanese encodings', () => {
  it('reads an ISO-2022-JP subject and body', async () => {
    // "エムアイカード" in ISO-2022-JP (JIS X 0208 between ESC $ B and ESC ( B).
    const jis = Buffer.concat([Buffer.from([0x1b, 0x24, 0x42]), Buffer.from('%(%`%"%$%+!<%I', 'latin1'), Buffer.from([0x1b, 0x28, 0x42])]);
    const subject = `=?ISO-2022-JP?B?${jis.toString('base64')}?=`;
    const mail = Buffer.concat([
      Buffer.from(`From: ${subject} <x@example.net>\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n`),
      jis,
      Buffer.from(' https://micard.co.jp.jis1.com/\r\n'),
    ]);
    const report = await engine.checkMail(mail);
    assert.equal(report.message.subject, 'エムアイカード');
    assert.equal(report.brand, 'micard');
    assert.ok(report.claimedBy.some((c) => c.source === 'display-name'));
  });
});
