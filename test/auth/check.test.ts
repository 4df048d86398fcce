// The authenticity checks inside the full engine (every detector, as `kakunin check` runs it):
// proof makes a mail genuine only when nothing contradicts it, and links in a validly signed
// mail are still checked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signMail } from '../../src/auth/smime-sign.ts';
import type { AuthDetails } from '../../src/auth/summary.ts';
import { createEngine } from '../../src/engine.ts';
import { TEST_NOW, createPki, type Pki } from './pki.ts';
import { codes, noticeMail } from './mails.ts';

let pki: Pki;
before(async () => {
  pki = await createPki();
});
after(() => pki?.cleanup());

function engine(trustAnchorFiles = [pki.root.certFile]) {
  return createEngine({ now: TEST_NOW, auth: { trustAnchorFiles } });
}

function sign(text?: string) {
  return signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail: noticeMail({ text }), signingTime: TEST_NOW });
}

describe('kakunin check with the authenticity detectors', () => {
  it('a validly signed notice with official links is genuine and shows who signed', async () => {
    const report = await engine().checkMail(await sign());
    assert.equal(report.verdict, 'genuine', codes(report).join());
    assert.equal(report.brand, 'micard');
    const auth = report.details.auth as AuthDetails;
    assert.ok(auth.smime?.present && 'signer' in auth.smime);
    assert.equal(auth.smime.signer?.organization, 'MICARD Co.Ltd.');
    assert.equal(auth.smime.valid, true);
    assert.equal(auth.mail?.dmarc.result, 'temperror');
    assert.equal(auth.summary?.en, 'S/MIME: valid (MICARD Co.Ltd., issued by Cybertrust Japan SureMail CA G4) / DKIM none / SPF none / DMARC temperror (micard.co.jp)');
    assert.match(auth.summary?.ja ?? '', /^S\/MIME署名 有効（MICARD Co.Ltd.、発行元 Cybertrust Japan SureMail CA G4）／DKIM none/);
    assert.doesNotThrow(() => JSON.stringify(report));
  });

  it('a validly signed mail with an unofficial link is not genuine: links are still checked', async () => {
    const report = await engine().checkMail(await sign('エムアイカードです。\nこちらからログインしてください https://micard-login.example.com/app/login\n'));
    assert.ok(codes(report).includes('SMIME_VALID'), codes(report).join());
    assert.ok(codes(report).some((code) => code.startsWith('LINK_')), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
  });

  it('an unsigned mail from the brand domain is not genuine, offline', async () => {
    const report = await engine().checkMail(noticeMail());
    assert.ok(codes(report).includes('SMIME_MISSING'), codes(report).join());
    assert.notEqual(report.verdict, 'genuine');
  });

  it('a signature changed after signing makes the claimed-brand mail at least suspicious', async () => {
    const signed = Buffer.from(await sign()).toString('latin1').replace('Content-Type: text/plain; charset=UTF-8', 'Content-Type: text/plain; charset=utf-8');
    const report = await engine().checkMail(signed);
    assert.ok(codes(report).includes('SMIME_CONTENT_ALTERED'), codes(report).join());
    assert.ok(report.verdict === 'suspicious' || report.verdict === 'phishing', report.verdict);
  });

  it('a missing trust anchor file is an error, not a silent pass', async () => {
    await assert.rejects(engine(['/nonexistent/anchor.pem']).checkMail(await sign()), /cannot read trust anchor: ENOENT/);
  });
});
