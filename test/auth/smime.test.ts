// S/MIME verification through the engine: every way a signature can fail is its own finding,
// and only a valid signature matching the MI Card profile makes a mail genuine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signMail } from '../../src/auth/smime-sign.ts';
import { verifySmime, type SmimeResult } from '../../src/auth/smime-verify.ts';
import type { AuthDetails } from '../../src/auth/summary.ts';
import { CLIENT_AUTH, ISSUER_CA_NAME, SIGNER_ORG, TEST_NOW, createPki, type Issued, type Pki } from './pki.ts';
import { DETECTORS } from '../../src/detectors/index.ts';
import { authEngine, codes, flipByte, noticeMail, opensslSign } from './mails.ts';

let pki: Pki;
let otherPki: Pki;

before(async () => {
  pki = await createPki();
  otherPki = await createPki();
});
after(() => {
  pki?.cleanup();
  otherPki?.cleanup();
});

function sign(signer: Issued, chain: Issued[], mail = noticeMail(), signingTime = TEST_NOW): Promise<Uint8Array> {
  return signMail({ cert: signer.certPem, key: signer.keyPem, chain: chain.map((c) => c.certPem), mail, signingTime });
}

function check(mail: Uint8Array | string, auth = { trustAnchorFiles: [pki.root.certFile] }, now = TEST_NOW) {
  return authEngine(auth, undefined, now).checkMail(mail);
}

function smimeDetails(report: { details: Record<string, unknown> }): SmimeResult {
  const smime = (report.details.auth as AuthDetails).smime;
  assert.ok(smime && smime.present && 'checks' in smime, 'S/MIME details are present');
  return smime;
}

/** Wraps a signed mail's multipart/signed entity in multipart/mixed next to an unsigned part. */
function withUnsignedPart(signed: Uint8Array, extra: string): string {
  const text = Buffer.from(signed).toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const headers = text.slice(0, split).split(/\r\n(?![ \t])/);
  const contentType = headers.filter((h) => /^(content-type|mime-version):/i.test(h));
  const others = headers.filter((h) => !/^(content-type|mime-version):/i.test(h));
  return [
    ...others,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer-boundary"',
    '',
    '--outer-boundary',
    ...contentType.filter((h) => /^content-type:/i.test(h)),
    '',
    text.slice(split + 4),
    '--outer-boundary',
    extra,
    '--outer-boundary--',
    '',
  ].join('\r\n');
}

function alterOpaque(mail: Uint8Array): Uint8Array {
  const text = Buffer.from(mail).toString('latin1');
  const split = text.indexOf('\n\n') === -1 ? text.indexOf('\r\n\r\n') + 4 : Math.min(...[text.indexOf('\n\n') + 2, text.indexOf('\r\n\r\n') + 4].filter((n) => n > 3));
  const der = Buffer.from(text.slice(split).replace(/\s+/g, ''), 'base64');
  const at = der.indexOf('text/plain');
  assert.ok(at > 0, 'the content is inside the CMS structure');
  der[at] = 0x54; // 't' → 'T'
  return new Uint8Array(Buffer.from(text.slice(0, split) + (der.toString('base64').match(/.{1,64}/g) ?? []).join('\n') + '\n', 'latin1'));
}

describe('S/MIME verification', () => {
  it('accepts a detached signature by the profile signer and makes the mail genuine', async () => {
    const report = await check(await sign(pki.signer, [pki.intermediate]));
    assert.ok(codes(report).includes('SMIME_VALID'), codes(report).join());
    assert.equal(report.verdict, 'genuine');
    const smime = smimeDetails(report);
    assert.equal(smime.form, 'detached');
    assert.equal(smime.signer?.organization, SIGNER_ORG);
    assert.equal(smime.signer?.issuerCommonName, ISSUER_CA_NAME);
    assert.deepEqual(smime.signer?.emails, ['info@micard.co.jp']);
    assert.equal(smime.trustAnchor, 'CN=Kakunin Test Root CA, O=Kakunin Test Trust, C=JP');
    assert.equal(smime.chain.length, 3);
    assert.equal(smime.signingTime, TEST_NOW.toISOString());
    assert.ok(Object.values(smime.checks).every((state) => state === 'pass'), JSON.stringify(smime.checks));
  });

  it('keeps a genuine signed mail genuine when a member forwards it as an attachment, not when a phishing note carries it', async () => {
    const signed = Buffer.from(await sign(pki.signer, [pki.intermediate])).toString('latin1');
    const carried = (note: string) =>
      ['From: Member <member@example.jp>', 'To: report@example.jp', 'Subject: Fwd: notice', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="w"', '', '--w', 'Content-Type: text/plain; charset=utf-8', '', note, '--w', 'Content-Type: message/rfc822', '', signed, '--w--', ''].join('\r\n');
    const engine = authEngine({ trustAnchorFiles: [pki.root.certFile] }, DETECTORS);
    const forwarded = await engine.checkMail(carried('Is this real?'));
    assert.equal(forwarded.verdict, 'genuine', codes(forwarded).join());
    const disguised = await engine.checkMail(carried('Your card is suspended. Confirm it within 24 hours: https://www1.micard.co.jp.confirm-desk.example/app/login'));
    assert.ok(codes(disguised).includes('SMIME_VALID'));
    assert.equal(disguised.verdict, 'phishing', codes(disguised).join());
    // Replayed inside a mail from a look-alike sender that asks for card details by reply, the
    // signed notice proves nothing about that sender.
    const replayed = carried('カード番号と有効期限をご返信ください。').replace('From: Member <member@example.jp>', 'From: MI Card <info@micard-support.example>').replace('Subject: Fwd: notice', 'Subject: 【エムアイカード】ご本人確認');
    const report = await engine.checkMail(replayed);
    assert.ok(codes(report).includes('SMIME_VALID'));
    assert.notEqual(report.verdict, 'genuine', codes(report).join());
    assert.ok(codes(report).includes('SENDER_LOOKALIKE_DOMAIN') || codes(report).includes('SENDER_BRAND_NAME_FOREIGN_DOMAIN'), codes(report).join());
  });

  it('accepts opaque signed-data made by openssl', async () => {
    const report = await check(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate], opaque: true }));
    assert.ok(codes(report).includes('SMIME_VALID'), codes(report).join());
    assert.equal(smimeDetails(report).form, 'opaque');
    assert.equal(report.verdict, 'genuine');
  });

  it('accepts a signed mail stored with LF line endings (canonicalized to CRLF)', async () => {
    const signed = Buffer.from(await sign(pki.signer, [pki.intermediate])).toString('latin1').replace(/\r\n/g, '\n');
    const report = await check(new Uint8Array(Buffer.from(signed, 'latin1')));
    assert.ok(codes(report).includes('SMIME_VALID'), codes(report).join());
  });

  it('rejects a detached mail changed by one byte after signing', async () => {
    const report = await check(flipByte(await sign(pki.signer, [pki.intermediate]), '44Kr44O844OJ44KS'));
    assert.ok(codes(report).includes('SMIME_CONTENT_ALTERED'), codes(report).join());
    assert.ok(!codes(report).includes('SMIME_VALID'));
    assert.ok(report.verdict === 'suspicious' || report.verdict === 'phishing', report.verdict);
    assert.equal(smimeDetails(report).checks.digest, 'fail');
  });

  it('rejects opaque signed-data whose content was changed', async () => {
    const report = await check(alterOpaque(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate], opaque: true })));
    assert.ok(codes(report).includes('SMIME_CONTENT_ALTERED'), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
  });

  it('rejects a chain to a look-alike CA that is not a trust anchor', async () => {
    // The attacker's own CA carries the issuer's exact name; only the anchor tells them apart.
    const report = await check(await sign(otherPki.signer, [otherPki.intermediate]));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_UNTRUSTED_CHAIN']);
    assert.equal(report.verdict, 'suspicious');
    assert.equal(smimeDetails(report).checks.issuer, 'pass');
  });

  it('rejects a self-signed certificate claiming the brand', async () => {
    const selfSigned = await pki.selfSigned();
    const report = await check(await sign(selfSigned, []));
    assert.ok(codes(report).includes('SMIME_UNTRUSTED_CHAIN'), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
  });

  it('rejects a signer whose organization is not the profile signer', async () => {
    const stranger = await pki.issueLeaf({ organization: 'Evil Trading Co., Ltd.' });
    const report = await check(await sign(stranger, [pki.intermediate]));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_WRONG_SIGNER']);
    assert.ok(report.findings.find((f) => f.code === 'SMIME_WRONG_SIGNER')!.message.en.includes('Evil Trading Co., Ltd.'));
    assert.equal(report.verdict, 'suspicious');
  });

  it('rejects a certificate issued by another CA under the same root', async () => {
    const otherCa = await pki.issueCa('Example Mail CA G2');
    const signer = await pki.issueLeaf({ issuer: otherCa });
    const report = await check(await sign(signer, [otherCa]));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_WRONG_ISSUER']);
    assert.equal(report.verdict, 'suspicious');
  });

  it('rejects an expired certificate (valid when signed, expired at the injected now)', async () => {
    const old = await pki.issueLeaf({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
    const report = await check(await sign(old, [pki.intermediate], noticeMail(), new Date('2020-06-01T00:00:00Z')));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_CERT_EXPIRED']);
    assert.equal(report.verdict, 'suspicious');
    // The same mail checked while the certificate was valid is genuine: the clock is injected.
    const then = await check(await sign(old, [pki.intermediate], noticeMail(), new Date('2020-06-01T00:00:00Z')), undefined, new Date('2020-07-01T00:00:00Z'));
    assert.equal(then.verdict, 'genuine');
  });

  it('rejects a certificate that is not valid yet', async () => {
    const future = await pki.issueLeaf({ notBefore: new Date('2030-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') });
    const report = await check(await sign(future, [pki.intermediate]));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_CERT_NOT_YET_VALID']);
    assert.equal(report.verdict, 'suspicious');
  });

  it('rejects a From address outside the certificate e-mail domain', async () => {
    const report = await check(await sign(pki.signer, [pki.intermediate], noticeMail({ from: 'MI Card <info@micard-support.example>' })));
    assert.ok(codes(report).includes('SMIME_FROM_MISMATCH'), codes(report).join());
    assert.ok(!codes(report).includes('SMIME_VALID'));
    assert.notEqual(report.verdict, 'genuine');
  });

  it('rejects a certificate that is not for e-mail', async () => {
    const tls = await pki.issueLeaf({ eku: [CLIENT_AUTH] });
    const report = await check(await sign(tls, [pki.intermediate]));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_KEY_USAGE']);
  });

  it('rejects SHA-1 signatures as an unsupported algorithm', async () => {
    const report = await check(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate], md: 'sha1' }));
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_ALGORITHM_UNSUPPORTED']);
    assert.equal(smimeDetails(report).digestAlgorithm, 'SHA-1');
    assert.equal(report.verdict, 'suspicious');
  });

  it('rejects a signature that covers only one part of what is shown', async () => {
    const signed = await sign(pki.signer, [pki.intermediate]);
    const mail = withUnsignedPart(signed, 'Content-Type: text/html; charset=UTF-8\r\n\r\n<a href="https://micard-login.example/">ログイン</a>');
    const report = await check(mail);
    assert.ok(codes(report).includes('SMIME_PARTIAL'), codes(report).join());
    assert.ok(!codes(report).includes('SMIME_VALID'));
    assert.equal(smimeDetails(report).path, '1');
    assert.notEqual(report.verdict, 'genuine');
  });

  it('reports a signature part that cannot be decoded', async () => {
    const text = Buffer.from(await sign(pki.signer, [pki.intermediate])).toString('latin1');
    const broken = text.replace(/(filename="smime.p7s"\r\nContent-Description: S\/MIME Cryptographic Signature\r\n\r\n)[A-Za-z0-9+/=\r\n]+/, '$1AAAAAAAA\r\n');
    const report = await check(broken);
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_MALFORMED']);
  });

  it('is not proof when no trust anchor is configured, and says so', async () => {
    const report = await check(await sign(pki.signer, [pki.intermediate]), { trustAnchorFiles: [] });
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), ['SMIME_NO_TRUST_ANCHOR']);
    assert.equal(report.verdict, 'unverified');
  });

  it('shows but does not judge a signature on a mail that claims no brand', async () => {
    const mail = noticeMail({ from: 'Taro <taro@example.org>', subject: 'Next week', text: 'こんにちは。来週の予定です。\n' });
    const report = await check(await sign(pki.signer, [pki.intermediate], mail));
    assert.equal(report.brand, null);
    assert.deepEqual(codes(report).filter((c) => c.startsWith('SMIME_')), []);
    assert.equal(smimeDetails(report).signer?.organization, SIGNER_ORG);
  });

  it('verifies a signature made with an ECDSA P-256 key', async () => {
    const ec = await pki.issueLeaf({ key: 'ec' });
    const report = await check(await sign(ec, [pki.intermediate]));
    assert.ok(codes(report).includes('SMIME_VALID'), codes(report).join());
    assert.equal(smimeDetails(report).signatureAlgorithm, 'ECDSA-SHA256');
  });

  it('returns nothing for a mail without a signature', async () => {
    const result = await verifySmime(new Uint8Array(Buffer.from(noticeMail())), { anchors: [pki.root.cert], now: TEST_NOW });
    assert.equal(result, undefined);
  });
});
