// The near-miss that matters most: a genuine, signed MI Card notice that itself says 【重要】
// and gives the official number must stay genuine — red flags in wording are weak, a valid
// signature is proof, and only findings of medium severity or worse can contradict it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signMail } from '../../src/auth/smime-sign.ts';
import { createEngine } from '../../src/engine.ts';
import { createPki, TEST_NOW, type Pki } from '../auth/pki.ts';
import { noticeMail } from '../auth/mails.ts';

let pki: Pki;
before(async () => {
  pki = await createPki();
});
after(() => pki?.cleanup());

const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

describe('a genuine notice with urgent wording', () => {
  it('stays genuine with 【重要】, an official link and the official phone number', async () => {
    const text = [
      '【重要】重要なお知らせ',
      'エムアイカードをご利用いただきありがとうございます。',
      'ご利用明細を更新しました。https://www1.micard.co.jp/app/login からご確認ください。',
      'お問い合わせ：エムアイカード コールセンター 0570-05-2211',
      '',
    ].join('\n');
    const mail = noticeMail({ subject: encoded('【重要】エムアイカードからのお知らせ'), text });
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail, signingTime: TEST_NOW });
    const report = await createEngine({ now: TEST_NOW, auth: { trustAnchorFiles: [pki.root.certFile] } }).checkMail(signed);
    const codes = report.findings.map((f) => f.code);
    assert.ok(codes.includes('CONTENT_URGENCY'), codes.join());
    assert.ok(codes.includes('PHONE_OFFICIAL'), codes.join());
    assert.equal(report.verdict, 'genuine', codes.join());
  });

  it('the same wording unsigned, from another domain, with a fake link and number, is not genuine', async () => {
    const text = '【重要】エムアイカードをご利用のお客様へ。ご本人確認のお手続きをお願いします。https://micard.co.jp.verify-member.example/login お問い合わせ 050-3145-9988\n';
    const mail = noticeMail({ from: 'エムアイカード <info@micard-member.example>', subject: encoded('【重要】エムアイカードからのお知らせ'), text });
    const report = await createEngine({ now: TEST_NOW }).checkMail(mail);
    assert.equal(report.verdict, 'phishing', report.findings.map((f) => f.code).join());
    assert.ok(report.findings.some((f) => f.code === 'CONTENT_NEVER_IDENTITY_CHECK'));
    assert.ok(report.findings.some((f) => f.code === 'PHONE_NOT_OFFICIAL'));
  });
});
