// A text message's failed-delivery story with a link to no known company's site: the fake
// delivery SMS that names no carrier. Genuine carriers' links, shipping notices, brand-claimed
// texts and mails stay out of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCode, codes, engine } from './helpers.ts';

const STORY = 'お荷物のお届けにあがりましたが不在の為持ち帰りました。配送物を確認ください。';

describe('delivery stories in text messages', () => {
  it('calls a delivery SMS that links to a site of no known company suspicious, quoting the link and the story', async () => {
    const report = await engine.checkText(`${STORY}http://xfwzg.com/`);
    assert.equal(report.verdict, 'suspicious', codes(report.findings).join());
    const found = byCode(report.findings, 'LINK_DELIVERY_UNOFFICIAL');
    assert.deepEqual(found.evidence.map((e) => e.kind), ['link', 'text']);
    assert.equal(found.evidence[0]!.value, 'http://xfwzg.com/');
    assert.match(found.evidence[1]!.value, /不在の為持ち帰/);
    assert.match(found.message.ja, /xfwzg\.com/);
    assert.match(found.message.en, /official site of no carrier/);
  });

  it('reads the usual wordings, a short link and English too', async () => {
    for (const text of [
      'ご不在のため荷物を持ち帰りました。再配達はこちら https://bit.ly/3xYz9Ab',
      'お客様宛にお荷物をお届けできませんでした。住所の確認が必要です https://delivery-check.example.net/',
      'Your package could not be delivered. Reschedule: https://redelivery-parcel.example.info/',
    ]) {
      const report = await engine.checkText(text);
      assert.ok(codes(report.findings).includes('LINK_DELIVERY_UNOFFICIAL'), `${text}: ${codes(report.findings).join()}`);
      assert.notEqual(report.verdict, 'unverified', text);
    }
  });

  it("leaves a delivery SMS alone when its link is a carrier's or a shop's own site", async () => {
    // Carriers with a profile, and without one (url-reputation.yaml's carrierSites).
    for (const link of ['https://www.post.japanpost.jp/', 'https://www.kuronekoyamato.co.jp/', 'https://www.sagawa-exp.co.jp/', 'https://www.amazon.co.jp/gp/your-account/order-history', 'https://track.seino.co.jp/kamotsu/GempyoNoShokai.do', 'https://www.dhl.com/jp-ja/home/tracking.html']) {
      const report = await engine.checkText(`${STORY}${link}`);
      assert.ok(!codes(report.findings).includes('LINK_DELIVERY_UNOFFICIAL'), link);
      assert.equal(report.verdict, 'unverified', `${link}: ${codes(report.findings).join()}`);
    }
  });

  it("still warns when a carrier's name is only part of the link's host", async () => {
    for (const link of ['https://seino.co.jp.redelivery-jp.com/', 'https://dhl-redelivery.com/']) {
      const report = await engine.checkText(`${STORY}${link}`);
      assert.ok(codes(report.findings).includes('LINK_DELIVERY_UNOFFICIAL'), `${link}: ${codes(report.findings).join()}`);
    }
  });

  it('says nothing of a shipping notice, which tells no failed delivery', async () => {
    const report = await engine.checkText('ご注文の商品を発送しました。お届け予定日は6月3日です。https://shop.example.jp/orders/123');
    assert.deepEqual(codes(report.findings), []);
  });

  it('leaves a text that claims a carrier to the brand checks, and mails to the sender checks', async () => {
    const claimed = await engine.checkText(`【佐川急便】${STORY}https://xfwzg.com/`);
    const found = codes(claimed.findings);
    assert.ok(found.includes('LINK_UNOFFICIAL') && !found.includes('LINK_DELIVERY_UNOFFICIAL'), found.join());
    const mail = await engine.checkMail(`From: Delivery <notice@xfwzg.com>\r\nSubject: =?UTF-8?B?${Buffer.from('お荷物のお知らせ').toString('base64')}?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${STORY}https://xfwzg.com/\r\n`);
    assert.ok(!codes(mail.findings).includes('LINK_DELIVERY_UNOFFICIAL'), codes(mail.findings).join());
  });
});
