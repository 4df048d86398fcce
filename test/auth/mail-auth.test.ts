// DKIM/SPF/DMARC with recorded DNS (no network), the trusted-hop rule for SPF, and
// Authentication-Results that are believed only from the configured receiving host.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import dns from 'node:dns';
import { describe, it } from 'node:test';
import { dkimSign } from 'mailauth';
import type { AuthDetails } from '../../src/auth/summary.ts';
import type { AuthOptions, RecordedDns } from '../../src/detectors/detector.ts';
import { authEngine, codes, noticeMail } from './mails.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_PEM = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const KEY_RECORD = `v=DKIM1; k=rsa; p=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`;

const DNS: RecordedDns = {
  TXT: {
    // TXT strings are at most 255 octets: long keys are published in chunks.
    'kk2026._domainkey.micard.co.jp': [KEY_RECORD.match(/.{1,255}/g)!],
    '_dmarc.micard.co.jp': [['v=DMARC1; p=reject; adkim=r; aspf=r']],
    'micard.co.jp': [['v=spf1 ip4:192.0.2.10 -all']],
  },
  A: { 'micard.co.jp': ['192.0.2.80'] },
};

const RECEIVED_OFFICIAL = 'Received: from mail.micard.co.jp (mail.micard.co.jp [192.0.2.10]) by mx.example.jp (Postfix) with ESMTPS id 4Abc; Mon, 01 Jun 2026 09:00:01 +0900';
const RECEIVED_ROGUE = 'Received: from bulk.example.net (bulk.example.net [203.0.113.66]) by mx.example.jp (Postfix) with ESMTP id 9Xyz; Mon, 01 Jun 2026 09:00:01 +0900';

async function dkimSigned(mail: string, domain = 'micard.co.jp', maxBodyLength?: number): Promise<string> {
  const { signatures, errors } = await dkimSign(mail, {
    signatureData: [
      {
        signingDomain: domain,
        selector: 'kk2026',
        privateKey: KEY_PEM,
        // Well in the past, so mailauth's own clock never sees it as a future signature.
        signTime: new Date('2020-01-01T00:00:00Z'),
        ...(maxBodyLength === undefined ? {} : { maxBodyLength }),
      },
    ],
  } as Parameters<typeof dkimSign>[1]);
  assert.ok(signatures.startsWith('DKIM-Signature:'), 'the mail was DKIM-signed');
  assert.deepEqual(errors, []);
  return signatures + mail;
}

function officialMail(extraHeaders: string[] = []): string {
  return noticeMail({ extraHeaders: ['Return-Path: <bounce@micard.co.jp>', ...extraHeaders] });
}

function check(mail: string, auth: AuthOptions = { dns: DNS }) {
  return authEngine(auth).checkMail(mail);
}

function authOf(report: { details: Record<string, unknown> }): AuthDetails {
  return report.details.auth as AuthDetails;
}

describe('DKIM, SPF and DMARC with recorded DNS', () => {
  it('an aligned DKIM pass with DMARC pass for the sending domain is proof', async () => {
    const report = await check(RECEIVED_OFFICIAL + '\r\n' + (await dkimSigned(officialMail())));
    assert.ok(codes(report).includes('DMARC_ALIGNED_PASS'), codes(report).join());
    assert.ok(!codes(report).includes('SMIME_MISSING'));
    assert.equal(report.verdict, 'genuine');
    const mail = authOf(report).mail!;
    assert.equal(mail.dkim[0].result, 'pass');
    assert.equal(mail.dkim[0].domain, 'micard.co.jp');
    assert.equal(mail.dkim[0].aligned, true);
    assert.equal(mail.dmarc.result, 'pass');
    assert.equal(mail.spf.result, 'pass');
    assert.deepEqual(mail.connection, { ip: '192.0.2.10', helo: 'mail.micard.co.jp', source: 'received', hop: 1 });
  });

  it('a body changed after DKIM signing fails DKIM; DMARC by SPF alone is not proof', async () => {
    const signed = await dkimSigned(officialMail());
    const changed = RECEIVED_OFFICIAL + '\r\n' + signed.replace('Content-Transfer-Encoding: base64\r\n\r\n44', 'Content-Transfer-Encoding: base64\r\n\r\n45');
    const report = await check(changed);
    assert.ok(codes(report).includes('DKIM_FAIL'), codes(report).join());
    assert.ok(!codes(report).includes('DMARC_ALIGNED_PASS'));
    assert.ok(codes(report).includes('SMIME_MISSING'));
    assert.equal(authOf(report).mail!.dmarc.result, 'pass');
    assert.equal(authOf(report).mail!.dkim[0].bodyAltered, true);
    assert.notEqual(report.verdict, 'genuine');
  });

  it('a DKIM signature limited by l= proves nothing when body was added after the signed length', async () => {
    const mail = officialMail();
    const bodyLength = mail.length - mail.indexOf('\r\n\r\n') - 4;
    const signed = await dkimSigned(mail, 'micard.co.jp', bodyLength);
    // The limit covering the whole body is no weakness: still proof.
    const whole = await check(RECEIVED_OFFICIAL + '\r\n' + signed);
    assert.equal(whole.verdict, 'genuine');
    assert.ok(!codes(whole).includes('DKIM_BODY_PARTLY_SIGNED'));
    const added = Buffer.from('https://www1.micard.co.jp.example.net/app/login').toString('base64') + '\r\n';
    const report = await check(RECEIVED_OFFICIAL + '\r\n' + signed + added);
    assert.equal(authOf(report).mail!.dkim[0].result, 'pass');
    assert.ok(codes(report).includes('DKIM_BODY_PARTLY_SIGNED'), codes(report).join());
    assert.ok(!codes(report).includes('DMARC_ALIGNED_PASS'));
    assert.notEqual(report.verdict, 'genuine');
    assert.notEqual(report.verdict, 'unverified');
    const partly = report.findings.find((f) => f.code === 'DKIM_BODY_PARTLY_SIGNED')!;
    assert.match(partly.message.en, new RegExp(`first ${bodyLength} bytes .* ${added.length} unsigned bytes`));
  });

  it('a genuine signed mail replayed with a second Subject or an unsigned Reply-To added proves nothing of them', async () => {
    const signed = await dkimSigned(officialMail());
    // A second Subject above the signed one: the verifier reads the signed copy, a mail program shows the added one.
    const resubjected = await check(RECEIVED_OFFICIAL + '\r\nSubject: =?UTF-8?B?' + Buffer.from('【重要】24時間以内にご確認ください').toString('base64') + '?=\r\n' + signed);
    assert.equal(authOf(resubjected).mail!.dkim[0].result, 'pass');
    assert.deepEqual(authOf(resubjected).mail!.dkim[0].unsignedHeaders, ['subject']);
    assert.ok(codes(resubjected).includes('DKIM_HEADERS_UNSIGNED'), codes(resubjected).join());
    assert.ok(!codes(resubjected).includes('DMARC_ALIGNED_PASS'));
    assert.notEqual(resubjected.verdict, 'genuine');
    assert.notEqual(resubjected.verdict, 'unverified');
    assert.match(resubjected.findings.find((f) => f.code === 'DKIM_HEADERS_UNSIGNED')!.message.en, /Subject/);
    // The receiving host's recorded pass was about the signed copy too: no proof either.
    const recorded = 'Authentication-Results: mx.example.jp; dkim=pass header.d=micard.co.jp header.s=kk2026; dmarc=pass (p=REJECT) header.from=micard.co.jp';
    const received = await check(recorded + '\r\n' + RECEIVED_OFFICIAL + '\r\nSubject: =?UTF-8?B?' + Buffer.from('【重要】').toString('base64') + '?=\r\n' + signed, { trustedAuthServId: 'mx.example.jp' });
    assert.ok(codes(received).includes('DKIM_HEADERS_UNSIGNED'), codes(received).join());
    assert.ok(!codes(received).includes('RECEIVER_DMARC_PASS'));
    assert.notEqual(received.verdict, 'genuine');
    // A signature that leaves Reply-To out of its header list, and a Reply-To added on the way.
    const { signatures } = await dkimSign(officialMail(), {
      signatureData: [{ signingDomain: 'micard.co.jp', selector: 'kk2026', privateKey: KEY_PEM, signTime: new Date('2020-01-01T00:00:00Z'), headerList: 'From:Subject:Date:Message-ID:To:MIME-Version:Content-Type:Content-Transfer-Encoding' }],
    } as Parameters<typeof dkimSign>[1]);
    const replyTo = await check(RECEIVED_OFFICIAL + '\r\nReply-To: desk@micard-help.example.net\r\n' + signatures + officialMail());
    assert.equal(authOf(replyTo).mail!.dkim[0].result, 'pass');
    assert.ok(codes(replyTo).includes('DKIM_HEADERS_UNSIGNED'), codes(replyTo).join());
    assert.notEqual(replyTo.verdict, 'genuine');
  });

  it('a spoofed mail from the brand domain fails SPF and DMARC', async () => {
    const report = await check(RECEIVED_ROGUE + '\r\n' + officialMail());
    assert.deepEqual(codes(report), ['DMARC_FAIL', 'SMIME_MISSING', 'SPF_FAIL']);
    assert.ok(report.verdict === 'suspicious' || report.verdict === 'phishing', report.verdict);
  });

  it('a DKIM signature of another domain does not align with the brand From', async () => {
    const report = await check(RECEIVED_ROGUE + '\r\n' + (await dkimSigned(officialMail(), 'example.net')));
    assert.ok(codes(report).includes('DMARC_FAIL'), codes(report).join());
    assert.ok(!codes(report).includes('DMARC_ALIGNED_PASS'));
  });

  it('--ip and --helo override what the Received header says', async () => {
    const report = await check(RECEIVED_OFFICIAL + '\r\n' + officialMail(), { dns: DNS, ip: '203.0.113.66', helo: 'bulk.example.net' });
    const mail = authOf(report).mail!;
    assert.deepEqual(mail.connection, { ip: '203.0.113.66', helo: 'bulk.example.net', source: 'options' });
    assert.equal(mail.spf.result, 'fail');
  });

  it('reads the connecting IP only from the trusted hops', async () => {
    const internal = 'Received: by mx-internal.example.jp with SMTP id 77; Mon, 01 Jun 2026 09:00:02 +0900';
    const mail = internal + '\r\n' + RECEIVED_OFFICIAL + '\r\n' + officialMail();
    const oneHop = authOf(await check(mail, { dns: DNS, trustedHops: 1 })).mail!;
    assert.equal(oneHop.connection.source, 'unknown');
    assert.equal(oneHop.spf.result, 'none');
    const twoHops = authOf(await check(mail, { dns: DNS, trustedHops: 2 })).mail!;
    assert.deepEqual(twoHops.connection, { ip: '192.0.2.10', helo: 'mail.micard.co.jp', source: 'received', hop: 2 });
    assert.equal(twoHops.spf.result, 'pass');
  });

  it('ignores a Received header forged below the trusted one', async () => {
    const report = await check(RECEIVED_ROGUE + '\r\n' + RECEIVED_OFFICIAL + '\r\n' + officialMail(), { dns: DNS, trustedHops: 1 });
    assert.equal(authOf(report).mail!.connection.ip, '203.0.113.66');
    assert.equal(authOf(report).mail!.spf.result, 'fail');
  });
});

describe('without DNS', () => {
  it('fails fast: every check says temperror, nothing is proven, and no DNS query leaves', async (t) => {
    const queries: string[] = [];
    for (const method of ['resolve', 'resolveTxt', 'resolveMx', 'resolve4', 'resolve6', 'resolveCname', 'lookup'] as const) {
      t.mock.method(dns.promises, method, async (name: string) => {
        queries.push(`${method} ${name}`);
        throw new Error('network');
      });
    }
    const started = performance.now();
    const report = await check(RECEIVED_OFFICIAL + '\r\n' + (await dkimSigned(officialMail())), {});
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    const mail = authOf(report).mail!;
    assert.equal(mail.dkim[0].result, 'temperror');
    assert.equal(mail.dmarc.result, 'temperror');
    assert.equal(mail.spf.result, 'temperror');
    assert.ok(codes(report).includes('AUTH_NOT_CHECKED'), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
    assert.deepEqual(queries, []);
  });
});

describe('Authentication-Results in the mail', () => {
  const FORGED = 'Authentication-Results: mx.example.jp; dkim=pass header.d=micard.co.jp; spf=pass smtp.mailfrom=micard.co.jp; dmarc=pass header.from=micard.co.jp';

  it('a forged dkim=pass in the mail\'s own headers earns nothing and is reported', async () => {
    // The sender put it in its own headers: below the receiving host's Received header.
    const mail = RECEIVED_ROGUE + '\r\n' + officialMail([FORGED]);
    const report = await check(mail, { trustedAuthServId: 'mx.example.jp' });
    assert.ok(!codes(report).includes('RECEIVER_DMARC_PASS'));
    assert.ok(codes(report).includes('AUTH_RESULTS_FORGED'), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
    const headers = authOf(report).authenticationResults!;
    assert.equal(headers.length, 1);
    assert.equal(headers[0].trusted, false);
    assert.equal(headers[0].forged, true);
    assert.deepEqual(headers[0].results.map((r) => `${r.method}=${r.result}`), ['dkim=pass', 'spf=pass', 'dmarc=pass']);
  });

  it('is shown but not trusted when no receiving host is configured', async () => {
    const report = await check(RECEIVED_ROGUE + '\r\n' + officialMail([FORGED]), {});
    assert.ok(!codes(report).includes('RECEIVER_DMARC_PASS'));
    assert.ok(!codes(report).includes('AUTH_RESULTS_FORGED'));
    assert.equal(authOf(report).authenticationResults![0].trusted, false);
    assert.notEqual(report.verdict, 'genuine');
  });

  it('the configured receiving host\'s own header is proof when DKIM and DMARC passed', async () => {
    const mine = 'Authentication-Results: mx.example.jp; dkim=pass (2048-bit key) header.d=micard.co.jp header.s=kk2026; spf=pass smtp.mailfrom=bounce@micard.co.jp; dmarc=pass (p=REJECT) header.from=micard.co.jp';
    // The receiver's header sits above its Received header; the sender's forgery below it is ignored.
    const mail = mine + '\r\n' + RECEIVED_OFFICIAL + '\r\n' + officialMail([FORGED.replace('dkim=pass', 'dkim=fail')]);
    const report = await check(mail, { trustedAuthServId: 'MX.example.jp' });
    assert.ok(codes(report).includes('RECEIVER_DMARC_PASS'), codes(report).join());
    assert.ok(codes(report).includes('AUTH_RESULTS_FORGED'));
    const headers = authOf(report).authenticationResults!;
    assert.deepEqual(headers.map((h) => [h.trusted, h.forged]), [[true, false], [false, true]]);
  });

  it('trusts a receiver that writes its header below its own Received (Gmail layout)', async () => {
    const gmail = [
      'Received: by 2002:a05:6a10:1234 with SMTP id abc; Mon, 1 Jun 2026 00:00:02 -0700 (PDT)',
      'ARC-Authentication-Results: i=1; mx.google.com; dkim=pass header.i=@micard.co.jp; dmarc=pass header.from=micard.co.jp',
      'Return-Path: <bounce@micard.co.jp>',
      'Received: from mail.micard.co.jp (mail.micard.co.jp. [192.0.2.10]) by mx.google.com with ESMTPS id x1; Mon, 01 Jun 2026 00:00:01 -0700 (PDT)',
      'Received-SPF: pass (google.com: domain of bounce@micard.co.jp designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10;',
      'Authentication-Results: mx.google.com; dkim=pass header.i=@micard.co.jp header.s=kk2026 header.b=abc; spf=pass smtp.mailfrom=bounce@micard.co.jp; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=micard.co.jp',
    ];
    const report = await check(gmail.join('\r\n') + '\r\n' + officialMail([FORGED]), { trustedAuthServId: 'mx.google.com', trustedHops: 2 });
    assert.ok(codes(report).includes('RECEIVER_DMARC_PASS'), codes(report).join());
    assert.equal(report.verdict, 'genuine');
    assert.equal(authOf(report).mail!.connection.ip, '192.0.2.10');
    // With one trusted hop the receiver's header is outside the trusted zone: nothing is believed.
    const strict = await check(gmail.join('\r\n') + '\r\n' + officialMail(), { trustedAuthServId: 'mx.google.com', trustedHops: 1 });
    assert.ok(!codes(strict).includes('RECEIVER_DMARC_PASS'));
  });

  describe('a failure recorded for any sender', () => {
    const stranger = (headers: string[]) => headers.join('\r\n') + '\r\n' + noticeMail({ from: 'Support <help@shop-news.example>', text: 'Your parcel is waiting.\n' });
    const MICROSOFT_FAIL = 'Authentication-Results: spf=softfail (sender IP is 203.0.113.66) smtp.mailfrom=shop-news.example; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=shop-news.example;compauth=fail reason=001';

    it('Microsoft 365\'s dmarc=fail and compauth=fail at the top are reported, with the header as evidence', async () => {
      const report = await check(stranger([MICROSOFT_FAIL, RECEIVED_ROGUE]), {});
      const found = report.findings.find((f) => f.code === 'AUTH_FAIL_RECORDED');
      assert.ok(found, codes(report).join());
      assert.equal(found.evidence[0].value, 'dmarc=fail; compauth=fail (001) header.from=shop-news.example');
      assert.equal(found.evidence[0].where, 'Authentication-Results');
      assert.match(found.message.en, /shop-news\.example/);
      assert.match(found.message.ja, /shop-news\.example/);
    });

    it('compauth=fail alone counts: Microsoft judges domains without a DMARC policy too', async () => {
      const implicit = MICROSOFT_FAIL.replace('dmarc=fail', 'dmarc=none');
      const report = await check(stranger([implicit, RECEIVED_ROGUE]), {});
      assert.ok(codes(report).includes('AUTH_FAIL_RECORDED'), codes(report).join());
    });

    it('a pass, a failure for another From domain or a failure below the topmost header counts for nothing', async () => {
      const passed = MICROSOFT_FAIL.replace('dmarc=fail', 'dmarc=pass').replace('compauth=fail', 'compauth=pass');
      const otherDomain = MICROSOFT_FAIL.replaceAll('header.from=shop-news.example', 'header.from=elsewhere.example');
      for (const headers of [[passed, RECEIVED_ROGUE], [otherDomain, RECEIVED_ROGUE], [passed, RECEIVED_ROGUE, MICROSOFT_FAIL]]) {
        const report = await check(stranger(headers), {});
        assert.ok(!codes(report).includes('AUTH_FAIL_RECORDED'), `${headers[0]}: ${codes(report).join()}`);
      }
    });

    it('a failure for a free mail domain is a forged sender, unless a list or an ARC forwarder passed the mail on', async () => {
      const GMAIL_FAIL = 'Authentication-Results: mx.google.com; spf=softfail smtp.mailfrom=gmail.com; dmarc=fail (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com';
      const freemail = (headers: string[], extra = '') => headers.join('\r\n') + '\r\n' + extra + noticeMail({ from: 'Prize Desk <prize.desk.2026@gmail.com>', text: 'You won.\n' });
      const forged = await check(freemail([GMAIL_FAIL, RECEIVED_ROGUE]), {});
      const found = forged.findings.find((f) => f.code === 'AUTH_FREEMAIL_FORGED');
      assert.ok(found, codes(forged).join());
      assert.equal(found.evidence[0].value, 'dmarc=fail (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com');
      assert.match(found.message.en, /gmail\.com.*free mail/);
      assert.match(found.message.ja, /フリーメール/);
      assert.ok(!codes(forged).includes('AUTH_FAIL_RECORDED'), 'one failure, one finding');
      assert.notEqual(forged.verdict, 'unverified');
      // An ARC-vouched forward and a list post keep the milder finding.
      const arc = await check(freemail([GMAIL_FAIL.replace('dis=NONE', 'dis=NONE arc=pass'), RECEIVED_ROGUE]), {});
      const list = await check(freemail([GMAIL_FAIL, RECEIVED_ROGUE], 'List-Id: Hiking club <hiking.lists.example.org>\r\n'), {});
      for (const report of [arc, list]) {
        assert.ok(codes(report).includes('AUTH_FAIL_RECORDED'), codes(report).join());
        assert.ok(!codes(report).includes('AUTH_FREEMAIL_FORGED'), codes(report).join());
      }
    });

    it('with a receiving host configured, only its own header is read', async () => {
      const mine = 'Authentication-Results: mx.example.jp; spf=pass smtp.mailfrom=shop-news.example; dmarc=pass header.from=shop-news.example';
      const trusted = await check(stranger([mine, RECEIVED_ROGUE, MICROSOFT_FAIL]), { trustedAuthServId: 'mx.example.jp' });
      assert.ok(!codes(trusted).includes('AUTH_FAIL_RECORDED'), codes(trusted).join());
      const failed = await check(stranger([mine.replace('dmarc=pass', 'dmarc=fail'), RECEIVED_ROGUE]), { trustedAuthServId: 'mx.example.jp' });
      assert.equal(failed.findings.find((f) => f.code === 'AUTH_FAIL_RECORDED')?.evidence[0].where, 'Authentication-Results: mx.example.jp');
    });
  });

  it('the receiving host\'s dmarc=fail for the brand domain is reported', async () => {
    const mine = 'Authentication-Results: mx.example.jp; dkim=none; spf=fail smtp.mailfrom=micard.co.jp; dmarc=fail (p=REJECT) header.from=micard.co.jp';
    const report = await check(mine + '\r\n' + RECEIVED_ROGUE + '\r\n' + officialMail(), { trustedAuthServId: 'mx.example.jp' });
    assert.ok(codes(report).includes('RECEIVER_DMARC_FAIL'), codes(report).join());
    // The same failure is not counted twice.
    assert.ok(!codes(report).includes('AUTH_FAIL_RECORDED'), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
  });
});
