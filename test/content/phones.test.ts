// Phone numbers: found however they are written, compared with the claimed brand's official
// numbers, and the callback-scam pattern ("call us if you did not make this purchase").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPhones, normalizePhone, phonesDetector } from '../../src/detectors/phones.ts';
import type { Link } from '../../src/message/facts.ts';
import { byCode, codes, engine, facts, run } from './helpers.ts';

const MICARD = { fromName: 'エムアイカード', from: 'info@micard-notice.example', subject: 'エムアイカードからのお知らせ' };

describe('finding phone numbers', () => {
  it('reads Japanese numbers with full-width digits, odd dashes and brackets', () => {
    const found = findPhones('お問い合わせ：０５７０－０５－２２１１ または 03(5273)6509、携帯 090ー1234ー5678、フリーダイヤル 0120-123-456');
    assert.deepEqual(found.map((p) => p.normalized), ['0570052211', '0352736509', '09012345678', '0120123456']);
  });

  it('reads international numbers and maps +81 to the domestic form', () => {
    assert.equal(normalizePhone('+81-570-05-2211'), '0570052211');
    const found = findPhones('Call +1 (808) 555-0142 or 1-888-555-0199 today');
    assert.deepEqual(found.map((p) => p.normalized), ['+18085550142', '+18885550199']);
    assert.ok(found.every((p) => p.international));
  });

  it('does not take dates, amounts or order numbers for phone numbers', () => {
    assert.deepEqual(findPhones('注文番号 0123456789、2026-06-01、合計 12,800円、会員番号 0000-0000-0000-0000').map((p) => p.raw), []);
  });
});

describe('numbers in a mail that claims a brand', () => {
  it('names the official numbers when the mail gives another one', async () => {
    const f = facts({ ...MICARD, text: 'ご不明な点は カスタマーセンター 050-3145-9988 までお電話ください。' });
    const finding = byCode(await run(phonesDetector, f), 'PHONE_NOT_OFFICIAL');
    assert.equal(finding.evidence[0]?.value, '050-3145-9988');
    assert.match(finding.message.ja, /0570-05-2211/);
    assert.match(finding.message.en, /03-5273-6509/);
  });

  it('recognizes the official number, full-width or not, and raises nothing against it', async () => {
    const f = facts({ ...MICARD, text: 'お問い合わせはエムアイカード コールセンター（０５７０－０５－２２１１）まで。' });
    assert.deepEqual(codes(await run(phonesDetector, f)), ['PHONE_OFFICIAL']);
  });

  it('flags a foreign number in a Japanese brand’s mail', async () => {
    const f = facts({ ...MICARD, text: 'お問い合わせ: +1 (808) 555-0142' });
    assert.ok(codes(await run(phonesDetector, f)).includes('PHONE_FOREIGN'));
  });

  it('judges nothing when no brand is claimed and there is no lure', async () => {
    assert.deepEqual(codes(await run(phonesDetector, facts({ text: '営業時間のお問い合わせ 03-1234-5678' }))), []);
  });
});

describe('numbers written in kanji digits', () => {
  it('reads a number in kanji digits and shows it as written', () => {
    const found = findPhones('お問い合わせは 〇五〇・一二三四・五六七八 まで');
    assert.deepEqual(found.map((p) => [p.raw, p.normalized]), [['〇五〇・一二三四・五六七八', '05012345678']]);
  });

  it('leaves kanji dates and amounts alone', () => {
    assert.deepEqual(findPhones('二〇二六年一一月二五日、三千円、第一二三号').map((p) => p.raw), []);
  });

  it('judges a kanji-digit number against the claimed brand', async () => {
    const f = facts({ ...MICARD, text: 'カード停止の解除は 〇五〇ー三一四五ー九九八八 までお電話ください。' });
    assert.equal(byCode(await run(phonesDetector, f), 'PHONE_NOT_OFFICIAL').evidence[0]?.value, '〇五〇ー三一四五ー九九八八');
  });
});

describe('tel: links', () => {
  const telLink = (href: string, text: string): Link => ({ raw: href, text, source: 'a', where: 'html' });

  it('flags a link that shows the official number and dials another', async () => {
    const f = facts({ ...MICARD, text: 'ご不明な点はお電話ください 0570-05-2211', links: [telLink('tel:050-3145-9988', '0570-05-2211')] });
    const found = await run(phonesDetector, f);
    const mismatch = byCode(found, 'PHONE_LINK_MISMATCH');
    assert.deepEqual(mismatch.evidence.map((e) => e.value), ['0570-05-2211', 'tel:050-3145-9988']);
    assert.match(mismatch.message.ja, /050-3145-9988/);
    assert.equal(byCode(found, 'PHONE_NOT_OFFICIAL').evidence[0]?.where, 'tel link');
  });

  it('judges the number a link dials when its text shows none', async () => {
    const f = facts({ ...MICARD, text: 'こちらをタップしてお電話ください', links: [telLink('tel:%2B81-50-3145-9988', 'お電話はこちら')] });
    const found = await run(phonesDetector, f);
    assert.equal(byCode(found, 'PHONE_NOT_OFFICIAL').evidence[0]?.value, '+81-50-3145-9988');
    assert.ok(!codes(found).includes('PHONE_LINK_MISMATCH'));
  });

  it('accepts a link that dials the number it shows, in any notation', async () => {
    const f = facts({ ...MICARD, text: 'お問い合わせ ０５７０－０５－２２１１', links: [telLink('tel:+81570052211', '０５７０－０５－２２１１')] });
    assert.deepEqual(codes(await run(phonesDetector, f)), ['PHONE_OFFICIAL']);
  });

  it('counts against a mail that otherwise says the same', async () => {
    const mail = (href: string) =>
      [
        'From: Support <support@example.com>',
        'To: member@example.jp',
        'Subject: Your card',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>Questions? Call <a href="${href}">1-888-555-0199</a></p>`,
      ].join('\r\n');
    const honest = await engine.checkMail(mail('tel:+18885550199'));
    const lying = await engine.checkMail(mail('tel:+18085550142'));
    assert.ok(!honest.findings.some((f) => f.code === 'PHONE_LINK_MISMATCH'));
    assert.ok(lying.findings.some((f) => f.code === 'PHONE_LINK_MISMATCH'));
    assert.ok(lying.score > honest.score);
  });
});

describe('callback scams', () => {
  it('flags "call us if you did not make this purchase"', async () => {
    const f = facts({
      subject: 'Your order #A-2291 has been processed',
      text: 'Your subscription was renewed for $499.99. If you did not authorize this transaction, call our billing desk at +1 (808) 555-0142 within 24 hours.',
    });
    const finding = byCode(await run(phonesDetector, f), 'PHONE_CALLBACK_LURE');
    assert.equal(finding.evidence[0]?.value, '+1 (808) 555-0142');
  });

  it('flags "if you do not believe you ordered this item, call us"', async () => {
    const f = facts({ text: 'Our order will be shipped soon. Please call us at +1 818 492 9813 if you do not believe you ordered this item.' });
    assert.equal(byCode(await run(phonesDetector, f), 'PHONE_CALLBACK_LURE').evidence[0]?.value, '+1 818 492 9813');
    const shop = facts({ text: 'You ordered 2 items. We believe you will love them. Questions? Call 1-888-555-0199.' });
    assert.ok(!codes(await run(phonesDetector, shop)).includes('PHONE_CALLBACK_LURE'));
  });

  it('flags the Japanese form of the same lure', async () => {
    const f = facts({ text: 'Amazonプライムの年会費 39,800円を請求しました。身に覚えのない場合は 050-3145-9988 までお電話ください。' });
    assert.ok(codes(await run(phonesDetector, f)).includes('PHONE_CALLBACK_LURE'));
  });

  it('flags a call back to prove who you are, or before a deadline', async () => {
    const lures = [
      'エムアイカードからのお知らせ。本人確認のため、こちらに折り返しお電話ください 050-1234-5678',
      '【重要】24時間以内に 050-1234-5678 までお電話ください。',
      'Your protection plan renewed for $389.99. If you wish to discontinue the services, please call us within 24 hours. CALL US: +1 (855) 574-9409',
      'Please call 1-888-555-0199 to verify your identity before we release the payment.',
    ];
    for (const text of lures) {
      const finding = byCode(await run(phonesDetector, facts({ text })), 'PHONE_CALLBACK_LURE');
      assert.match(text, new RegExp(finding.evidence.at(-1)!.value.replace(/[()+]/g, '.'), 'i'), text);
    }
  });

  it('does not flag a company that says it will call or answer, nor a deadline with no call', async () => {
    const nearMisses = [
      'ご本人確認のため、当社からお電話させていただく場合がございます。お問い合わせ 03-1234-5678',
      'お問い合わせありがとうございます。24時間以内にご連絡いたします。TEL 03-1234-5678',
      'We will contact you within 24 hours. Questions? Call 1-888-555-0199.',
      'Please confirm your order within 24 hours on our site. Support: 1-888-555-0199',
    ];
    for (const text of nearMisses) assert.ok(!codes(await run(phonesDetector, facts({ text }))).includes('PHONE_CALLBACK_LURE'), text);
  });

  it('does not flag a shop that says how to reach it', async () => {
    const f = facts({ text: 'Thank you for your order. To change or cancel it, call 1-888-555-0199 (9am-5pm).' });
    assert.ok(!codes(await run(phonesDetector, f)).includes('PHONE_CALLBACK_LURE'));
  });
});
