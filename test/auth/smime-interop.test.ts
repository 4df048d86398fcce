// Round trips with the openssl CLI, the reference a careful operator would check against:
// kakunin signs → openssl verifies; openssl signs → kakunin verifies; and the `sign` command.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signCommand, type SignIo } from '../../src/auth/sign-command.ts';
import { openOpaqueSigned } from '../../src/auth/smime-open.ts';
import { signMail } from '../../src/auth/smime-sign.ts';
import { verifySmime, type SmimeResult } from '../../src/auth/smime-verify.ts';
import { ISSUER_CA_NAME, SIGNER_ORG, TEST_NOW, createPki, type Pki } from './pki.ts';
import { flipByte, noticeMail, opensslSign, opensslVerify } from './mails.ts';

let pki: Pki;
before(async () => {
  pki = await createPki();
});
after(() => pki?.cleanup());

const RULES = { organization: SIGNER_ORG, issuerCommonName: ISSUER_CA_NAME };

async function kakuninVerify(mail: Uint8Array): Promise<SmimeResult> {
  const result = await verifySmime(mail, { anchors: [pki.root.cert], now: TEST_NOW, rules: RULES, fromAddress: 'info@micard.co.jp' });
  assert.ok(result && 'checks' in result, 'a signature was found');
  return result;
}

function captureIo(stdin = new Uint8Array()): SignIo & { out: Buffer[]; err: string[] } {
  const out: Buffer[] = [];
  const err: string[] = [];
  return { out, err, readStdin: async () => stdin, stdout: (bytes) => out.push(Buffer.from(bytes)), stderr: (text) => err.push(text) };
}

describe('S/MIME interoperability with openssl', () => {
  it('kakunin signs → openssl cms -verify and openssl smime -verify accept it', async () => {
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail: noticeMail() });
    const cms = opensslVerify(pki, signed, 'cms', pki.root.certFile);
    assert.ok(cms.ok, cms.output);
    const smime = opensslVerify(pki, signed, 'smime', pki.root.certFile);
    assert.ok(smime.ok, smime.output);
    const text = Buffer.from(signed).toString('latin1');
    assert.match(text, /^Content-Type: multipart\/signed; protocol="application\/pkcs7-signature"; micalg=sha-256;/m);
    assert.match(text, /^Content-Disposition: attachment; filename="smime.p7s"$/m);
  });

  it('kakunin signs an 8-bit, LF-terminated multipart mail → openssl accepts, kakunin accepts', async () => {
    const mail = [
      'From: MI Card <info@micard.co.jp>',
      'To: member@example.jp',
      'Subject: test',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'エムアイカードのお知らせ',
      '--alt',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      '<p>エムアイカードのお知らせ <a href="https://www.micard.co.jp/">公式サイト</a></p>',
      '--alt--',
      '',
    ].join('\n');
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail });
    assert.ok(![...signed].some((byte) => byte > 0x7f), 'the signed mail is 7-bit');
    const openssl = opensslVerify(pki, signed, 'cms', pki.root.certFile);
    assert.ok(openssl.ok, openssl.output);
    assert.equal((await kakuninVerify(signed)).valid, true);
  });

  it('kakunin signs with an ECDSA key → openssl accepts', async () => {
    const ec = await pki.issueLeaf({ key: 'ec' });
    const signed = await signMail({ cert: ec.certPem, key: ec.keyPem, chain: [pki.intermediate.certPem], mail: noticeMail() });
    const openssl = opensslVerify(pki, signed, 'cms', pki.root.certFile);
    assert.ok(openssl.ok, openssl.output);
  });

  it('openssl signs (detached) → kakunin verifies', async () => {
    const result = await kakuninVerify(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate] }));
    assert.equal(result.valid, true, JSON.stringify(result.failures));
    assert.equal(result.form, 'detached');
  });

  it('openssl signs (opaque) → kakunin verifies', async () => {
    const result = await kakuninVerify(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate], opaque: true }));
    assert.equal(result.valid, true, JSON.stringify(result.failures));
    assert.equal(result.form, 'opaque');
  });

  it('opens opaque signed-data so that its content (and links) can be read', async () => {
    const opaque = opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate], opaque: true });
    const opened = Buffer.from(openOpaqueSigned(opaque)!).toString('latin1');
    assert.match(opened, /^From: MI Card <info@micard.co.jp>$/m);
    assert.match(opened, /^Content-Type: text\/plain; charset=UTF-8$/m);
    assert.doesNotMatch(opened, /pkcs7-mime/);
    const body = opened.slice(opened.indexOf('\r\n\r\n') + 4);
    assert.match(Buffer.from(body, 'base64').toString('utf8'), /https:\/\/www1\.micard\.co\.jp\/app\/login/);
    assert.equal(openOpaqueSigned(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate] })), undefined);
  });

  it('a one-byte change after openssl signed → kakunin rejects, and so does openssl', async () => {
    const changed = flipByte(opensslSign(pki, { signer: pki.signer, chain: [pki.intermediate] }), '44Kr44O844OJ44KS');
    const result = await kakuninVerify(changed);
    assert.equal(result.valid, false);
    assert.deepEqual(result.failures.map((f) => f.code), ['altered']);
    assert.equal(opensslVerify(pki, changed, 'cms', pki.root.certFile).ok, false);
  });

  it('a one-byte change in a header of the signed part is caught too', async () => {
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail: noticeMail() });
    const changed = flipByte(signed, 'charset=UTF-8');
    assert.deepEqual((await kakuninVerify(changed)).failures.map((f) => f.code), ['altered']);
  });
});

describe('kakunin sign', () => {
  it('signs a file and writes the signed mail to stdout', async () => {
    const input = pki.write('in.eml', noticeMail());
    const chain = pki.write('chain.pem', pki.intermediate.certPem);
    const io = captureIo();
    const code = await signCommand(['--cert', pki.signer.certFile, '--key', pki.signer.keyFile, '--chain', chain, input], io);
    assert.equal(code, 0, io.err.join(''));
    const signed = new Uint8Array(Buffer.concat(io.out));
    assert.ok(opensslVerify(pki, signed, 'smime', pki.root.certFile).ok);
    assert.equal((await kakuninVerify(signed)).valid, true);
  });

  it('reads the mail from standard input with -', async () => {
    const io = captureIo(new Uint8Array(Buffer.from(noticeMail())));
    const code = await signCommand(['--cert', pki.signer.certFile, '--key', pki.signer.keyFile, '--chain', pki.intermediate.certFile, '-'], io);
    assert.equal(code, 0, io.err.join(''));
    assert.equal((await kakuninVerify(new Uint8Array(Buffer.concat(io.out)))).valid, true);
  });

  it('exits 64 on a wrong command line', async () => {
    const io = captureIo();
    assert.equal(await signCommand(['--cert', pki.signer.certFile, 'in.eml'], io), 64);
    assert.match(io.err.join(''), /missing --key/);
    assert.equal(await signCommand(['--bogus'], captureIo()), 64);
  });

  it('exits 65 when the key does not belong to the certificate', async () => {
    const other = await pki.issueLeaf();
    const io = captureIo();
    const code = await signCommand(['--cert', pki.signer.certFile, '--key', other.keyFile, pki.write('in2.eml', noticeMail())], io);
    assert.equal(code, 65);
    assert.match(io.err.join(''), /private key does not belong to the certificate/);
    assert.equal(io.out.length, 0);
  });

  it('exits 65 on unreadable or unusable input', async () => {
    const missing = captureIo();
    assert.equal(await signCommand(['--cert', pki.signer.certFile, '--key', pki.signer.keyFile, '/nonexistent/in.eml'], missing), 65);
    assert.match(missing.err.join(''), /cannot read mail \/nonexistent\/in.eml: ENOENT/);
    const notCert = captureIo();
    assert.equal(await signCommand(['--cert', pki.signer.keyFile, '--key', pki.signer.keyFile, pki.write('in3.eml', noticeMail())], notCert), 65);
    assert.match(notCert.err.join(''), /no certificate found/);
    const signedAlready = captureIo();
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, mail: noticeMail() });
    assert.equal(await signCommand(['--cert', pki.signer.certFile, '--key', pki.signer.keyFile, pki.write('in4.eml', signed)], signedAlready), 65);
    assert.match(signedAlready.err.join(''), /already S\/MIME signed/);
  });
});
