// Language red flags, never-does rules and unnatural Japanese, on mails and texts written here.
// Each rule has a case that must fire and a near-miss that must not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDetector } from '../../src/detectors/content.ts';
import { readHtml } from '../../src/message/html.ts';
import { parseProfile } from '../../src/profile/loader.ts';
import { createEngine } from '../../src/engine.ts';
import { assertFinds, assertFindsEach, assertNot, byCode, codes, contentCodes, context, facts, NOW, profiles, run, textCodes } from './helpers.ts';

const MICARD = { fromName: 'エムアイカード', from: 'info@micard-notice.example' };

describe('language red flags (Japanese)', () => {
  it('finds urgency, threats and requests for secrets in a typical SMS lure, quoting the original text', async () => {
    const f = facts({
      kind: 'text',
      text: '【重要】エムアイカードをご利用のお客様へ。カードのご利用を一時停止しました。２４時間以内に下記よりログインIDとパスワードを入力し、解除手続きを行ってください。https://micard-check.example/login',
    });
    const findings = await run(contentDetector, f);
    assert.ok(codes(findings).includes('CONTENT_URGENCY'));
    assert.ok(codes(findings).includes('CONTENT_THREAT'));
    assert.ok(codes(findings).includes('CONTENT_SECRET_REQUEST'));
    const urgency = byCode(findings, 'CONTENT_URGENCY').evidence.map((e) => e.value);
    // Evidence is the span as the member saw it: full-width digits stay full-width.
    assert.ok(urgency.includes('【重要】'));
    assert.ok(urgency.includes('２４時間以内に'));
    assert.match(byCode(findings, 'CONTENT_URGENCY').message.ja, /２４時間以内に|【重要】/);
    assert.match(byCode(findings, 'CONTENT_SECRET_REQUEST').message.en, /passwords or card details/);
  });

  it("quotes a threat from its own subject, not from the brand's name in the 【】 tag before it", async () => {
    const findings = await run(contentDetector, facts({ kind: 'text', text: '【MIカード】カードの利用を制限しました。' }));
    assert.equal(byCode(findings, 'CONTENT_THREAT').evidence[0]?.value, 'カードの利用を制限し');
  });

  it('matches through half-width kana, zero-width characters, soft hyphens and line breaks', async () => {
    const f = facts({ text: 'ご登録のｶｰﾄﾞ番号と\nセキュリ\u200Bティ\u00ADコードを\r\nご入力ください。' });
    const findings = await run(contentDetector, f);
    const secret = byCode(findings, 'CONTENT_SECRET_REQUEST');
    assert.ok(secret.evidence.some((e) => e.value.startsWith('ｶｰﾄﾞ番号')), JSON.stringify(secret.evidence));
  });

  it('reads a kanji 一 or a dash used for the long-vowel mark as ー', async () => {
    const findings = await run(contentDetector, facts({ text: 'カ一ド番号を入力してください。' }));
    assert.ok(codes(findings).includes('CONTENT_SECRET_REQUEST'));
  });

  it('does not count a warning that the brand never asks for secrets', async () => {
    const f = facts({
      text: '弊社からメールでパスワードやカード番号の入力をお願いすることはございません。不審なメールにご注意ください。',
    });
    assert.deepEqual(codes(await run(contentDetector, f)).filter((c) => c === 'CONTENT_SECRET_REQUEST'), []);
  });

  it('does not flag 重要なお知らせ or an ordinary statement notice', async () => {
    const f = facts({
      subject: '重要なお知らせ：ご利用明細のご案内',
      text: 'いつもエムアイカードをご利用いただきありがとうございます。今月のご利用明細を公開しました。会員サイトにてご確認いただけます。',
    });
    assert.deepEqual(codes(await run(contentDetector, f)), []);
  });

  it('flags a request to send card details or a password back by reply, not a notice that mentions them', async () => {
    await assertFinds('CONTENT_SECRET_BY_REPLY', [
      '本人確認のため、このメッセージにカード番号と有効期限を返信してください。',
      '本メールにご返信いただき、カード番号・有効期限・セキュリティコードをご記載ください。',
      'パスワードをメールにてお送りください。',
      'Please reply to this email with your card number and security code.',
      'Send us your card details to keep the account open.',
    ]);
    await assertNot('CONTENT_SECRET_BY_REPLY', [
      'このメールへのご返信はできません。カード番号は会員サイトでご確認いただけます。',
      'カードの有効期限が近づいていますので、新しいカードをお送りします。',
      'Do not reply to this email. Never share your card number with anyone.',
    ]);
  });

  it('flags unusual-activity, payment, prize and delivery lures', async () => {
    const cases: [string, string][] = [
      ['第三者による不正利用の可能性がございます。', 'CONTENT_UNUSUAL_ACTIVITY'],
      ['お支払い方法に問題があり、会費をお支払いいただけませんでした。', 'CONTENT_PAYMENT_PROBLEM'],
      ['マイナポイントの未受取ポイントを付与いたします。', 'CONTENT_PRIZE_LURE'],
      ['お荷物をお届けできませんでした。不在のため持ち帰りました。', 'CONTENT_DELIVERY_LURE'],
    ];
    await assertFindsEach(cases);
  });

  it('flags the threats and checks of bank and exchange lures: use stopped, account deleted, withdrawals limited, purpose of transactions', async () => {
    const cases: [string, string][] = [
      ['【コ⁡インチェ︉ック株式会社】アカウ︉ント使用停止のお知⁤らせです！', 'CONTENT_THREAT'],
      ['アカウント情報を更新しない場合は、アカウントを削除させていただきます。', 'CONTENT_THREAT'],
      ['暗号資産の送金、並びに日本円出金を制限させていただいております。', 'CONTENT_THREAT'],
    ];
    await assertFindsEach(cases);
    const purpose = facts({ text: '定期的にお客さま情報・取引目的等の確認を行っております。https://ja-netbank.example/check' });
    assert.ok(codes(await run(contentDetector, purpose)).includes('CONTENT_ACCOUNT_VERIFY'));
    const notice = facts({ text: '6月1日 2:00〜5:00はシステムメンテナンスのため、出金のお手続きはご利用いただけません。' });
    assert.deepEqual(codes(await run(contentDetector, notice)), []);
  });

  it('reads a Japanese threat however it is phrased: a particle or a deadline between, past or future, "can no longer use"', async () => {
    const threats = [
      'お客様のアカウントは24時間以内に停止されます。',
      '本人確認が完了しない場合、アカウントは凍結されます。',
      'お支払いが確認できないため、サービスを停止いたします。',
      'ご対応がない場合はカードが使えなくなります。',
      '期限までにご対応いただけない場合、ご利用を停止させていただきます。',
      '【えきねっと】自動退会処理のお知らせ',
      'ETC利用照会サービス 退会予告のお知らせ',
    ];
    await assertFinds('CONTENT_THREAT', threats);
    const done = [
      'お客様のカードの利用を一時停止しました。',
      'ご利用を一時的に制限させていただいております。',
      'お取引を一時保留しております。',
      'お客様のアカウントへのアクセスを制限しました。',
    ];
    for (const text of done) {
      const found = byCode(await run(contentDetector, facts({ text })), 'CONTENT_ACCOUNT_STOPPED');
      assert.ok(text.includes(found.evidence[0]!.value), `${found.evidence[0]!.value} in ${text}`);
    }
    const payment = byCode(await run(contentDetector, facts({ text: 'ご登録のクレジットカード情報に問題があります。' })), 'CONTENT_PAYMENT_PROBLEM');
    assert.deepEqual(payment.evidence.map((e) => e.value), ['クレジットカード情報に問題']);
  });

  it('reads the other Japanese lures members are sent: a transaction to confirm, a leak, re-authentication, expired login details', async () => {
    const cases: [string, string][] = [
      ['お客様のカード利用について、確認させていただきたいお取引がございます。', 'CONTENT_UNUSUAL_ACTIVITY'],
      ['お客様の個人情報が流出した可能性があります。', 'CONTENT_UNUSUAL_ACTIVITY'],
      ['お客様のアカウントに異常が発生しています。', 'CONTENT_UNUSUAL_ACTIVITY'],
      ['【楽天カード】カードの再認証が必要です https://r-card.example/', 'CONTENT_ACCOUNT_VERIFY'],
      ['セキュリティ向上のため、登録情報の再確認をお願いしております https://x.example/', 'CONTENT_ACCOUNT_VERIFY'],
      ['【メルカリ】本人情報の登録をお願いします https://m.example/', 'CONTENT_ACCOUNT_VERIFY'],
      ['不正アクセスを検知しましたので、パスワードの再設定をお願いします https://x.example/', 'CONTENT_ACCOUNT_VERIFY'],
      ['ログイン情報の有効期限が切れています。', 'CONTENT_MAILBOX_LURE'],
      ['【東京電力】電気料金の支払いが確認できないため、送電を停止いたします。', 'CONTENT_THREAT'],
      ['【PayPay】ご利用の制限に関するお知らせ', 'CONTENT_THREAT'],
      ['【国税庁】税務署からの最終催告のお知らせ', 'CONTENT_URGENCY'],
    ];
    await assertFindsEach(cases);
    const ordinary = [
      '個人情報の漏洩を防ぐため、パスワードの使い回しはお控えください。',
      'パスワードの再設定はこちらから行えます。お心当たりのない場合はこのメールを破棄してください。',
      'サービスのご利用の停止をご希望の場合は、マイページからお手続きください。',
    ];
    const linked = ordinary.map((text) => `${text} https://www.example.co.jp/help`);
    for (const code of ['CONTENT_UNUSUAL_ACTIVITY', 'CONTENT_ACCOUNT_VERIFY', 'CONTENT_THREAT']) await assertNot(code, linked, textCodes);
  });

  it('leaves ordinary Japanese service notices alone: maintenance, paper statements, mails deleted after a while', async () => {
    const notices = [
      'システムメンテナンスのため、6月2日2:00〜5:00はサービスを一時停止いたします。',
      '設備工事に伴い、当日はログインを停止させていただきます。',
      '紙のご利用代金明細書の郵送を停止し、Web明細に切り替えました。',
      '迷惑メールフォルダのメールは30日後に自動削除されます。',
      'ご注文のお取引が完了しました。',
    ];
    for (const code of ['CONTENT_THREAT', 'CONTENT_ACCOUNT_STOPPED', 'CONTENT_PAYMENT_PROBLEM']) await assertNot(code, notices);
  });

  it('does not take a delivery notice that arrived as a lure', async () => {
    const f = facts({ text: 'ご注文の商品を本日発送しました。お届け予定日は6月3日です。' });
    assert.deepEqual(codes(await run(contentDetector, f)), []);
  });
});

describe('language red flags (English)', () => {
  it('finds a suspended-account lure with a request to verify the card', async () => {
    const f = facts({
      subject: 'Action required: your account has been suspended',
      text: 'We detected unusual sign-in activity. Please verify your card within 24 hours or your account will be permanently closed. https://secure-check.example/verify',
    });
    const found = codes(await run(contentDetector, f));
    for (const code of ['CONTENT_URGENCY', 'CONTENT_ACCOUNT_STOPPED', 'CONTENT_UNUSUAL_ACTIVITY', 'CONTENT_SECRET_REQUEST', 'CONTENT_THREAT']) assert.ok(found.includes(code), `${code} in ${found}`);
  });

  it('finds mailbox, extortion and prize lures', async () => {
    await assertFindsEach([
      ['Your mailbox is almost full. Incoming messages have been held.', 'CONTENT_MAILBOX_LURE'],
      ['I hacked your device. Send $950 in bitcoin to my BTC wallet.', 'CONTENT_EXTORTION'],
      ['Congratulations! You have been selected. Claim your reward today.', 'CONTENT_PRIZE_LURE'],
    ]);
  });

  it('finds the advance-fee story in English and Portuguese, but not news that mentions a widow or an inheritance', async () => {
    const donation = facts({ text: 'My name is Philip Fredrick, a philanthropist. I believe strongly in giving while living. Reply through my private email for your donation.' });
    const found = byCode(await run(contentDetector, donation), 'CONTENT_ADVANCE_FEE');
    assert.deepEqual(found.evidence.map((e) => e.value), ['giving while living', 'Reply through my private email']);
    const portuguese = facts({ text: 'Saudações para você, quero que você confirme se recebeu minha primeira mensagem que enviei para você.' });
    assert.ok(codes(await run(contentDetector, portuguese)).includes('CONTENT_ADVANCE_FEE'));
    const news = facts({ text: "The philanthropist's widow settled the inheritance dispute; the beneficiary was his foundation." });
    assert.ok(!codes(await run(contentDetector, news)).includes('CONTENT_ADVANCE_FEE'));
  });

  it('finds spam offers in several languages, but not a shop that mentions a deposit', async () => {
    await assertFinds('CONTENT_SPAM_OFFER', ['Wil je daten met een Oekraïense schoonheid? Mooie Oekraïense meisjes wachten.', 'Obtenez un rendez-vous avec des filles ukrainiennes', 'Personal Loans From $100 - $40,000', '55Bet: Keine Anzahlung erforderlich']);
    const shop = facts({ text: 'Your deposit for the holiday cottage has been received. See you in August.' });
    assert.ok(!codes(await run(contentDetector, shop)).includes('CONTENT_SPAM_OFFER'));
  });

  it('finds court summonses, "we tried to reach you", coin claims, 419 stories and dating spam in the languages they arrive in', async () => {
    const cases: [string, string][] = [
      ['Intimação de Testemunha – Audiência por Videoconferência', 'CONTENT_LEGAL_SUMMONS'],
      ['Anklageschreiben wegen eines Verbrechens', 'CONTENT_LEGAL_SUMMONS'],
      ['You will receive a court summons if you do not pay.', 'CONTENT_LEGAL_SUMMONS'],
      ['Já tentamos entrar em contato com você várias vezes antes', 'CONTENT_URGENCY'],
      ['Wij hebben geprobeerd u te bereiken. Reageer alstublieft!', 'CONTENT_URGENCY'],
      ['We have tried several times to reach you about your refund.', 'CONTENT_URGENCY'],
      ['Claim Your DOGEM Token NOW!', 'CONTENT_CRYPTO_LURE'],
      ['Make every trip rewarding with Toyota’s $TOYOTA coins', 'CONTENT_CRYPTO_LURE'],
      ['Redeem your Free Mint as a special token of our warm thanks', 'CONTENT_CRYPTO_LURE'],
      ['Discover Hidden Tokens in Your Wallet', 'CONTENT_CRYPTO_LURE'],
      ['Your claim is now available for withdrawal.', 'CONTENT_CRYPTO_LURE'],
      ['You now have the option to begin withdrawing digital assets from your account.', 'CONTENT_CRYPTO_LURE'],
      ['The fund mentioned rightfully belongs to our late client who deposited the money in our bank.', 'CONTENT_ADVANCE_FEE'],
      ['I NEED A TRUSTED PERSON IN THIS BUSINESS', 'CONTENT_ADVANCE_FEE'],
      ['I have a deal to share with you in the sum of 10.2M USD.', 'CONTENT_ADVANCE_FEE'],
      ['I am so lonely and so sexy. Why wouldn’t you write me?', 'CONTENT_SPAM_OFFER'],
      ['Eén vrouw zoekt één man', 'CONTENT_SPAM_OFFER'],
    ];
    await assertFindsEach(cases);
    const ordinary = [
      'The court hearing on the merger is set for Tuesday; the judge asked both sides for briefs.',
      'I am so lonely without you, come home soon. Love, Mum',
      'Coins of 5 and 10 yen are accepted. Withdrawals at the ATM are free on weekdays.',
      'Our trusted partner network delivers in 24 countries.',
    ];
    for (const code of ['CONTENT_THREAT', 'CONTENT_LEGAL_SUMMONS', 'CONTENT_CRYPTO_LURE', 'CONTENT_ADVANCE_FEE', 'CONTENT_SPAM_OFFER']) await assertNot(code, ordinary);
  });

  it('finds casino bonuses and windfalls in Dutch, German, French, Spanish and Portuguese, not an ordinary bank notice', async () => {
    const offers = ['Geen storting vereist – Claim 300 GRATIS spins!', 'Claim nu jouw Casino Welkomstbonus!', 'Wij verdubbelen uw eerste storting!', 'Your Welcome Package awaits at Casino Royale'];
    await assertFinds('CONTENT_SPAM_OFFER', offers);
    const windfalls = [
      '4000,00 € wurden Ihrem Konto gutgeschrieben, prüfen Sie es jetzt!',
      'Sie haben €6.400 auf Ihr Konto erhalten. Bitte bestätigen Sie Ihre Angaben.',
      'Ihr Guthaben von 6400,00 € steht zur Abholung bereit.',
      'Gefeliciteerd! U heeft een iPhone gewonnen.',
      'Gagnez un service de 12 pièces dès aujourd’hui !',
      '¡No se lo pierda: gane un kit de emergencia para el automóvil!',
      'SEU PRESENTE DE NATAL CHEGOU TÃO CEDO PARA VOCÊ',
    ];
    await assertFinds('CONTENT_PRIZE_LURE', windfalls);
    const bank = facts({ text: 'Ihr Gehalt wurde auf Ihrem Konto verbucht. Den Kontoauszug finden Sie im Online-Banking. Wij hebben uw storting ontvangen.' });
    const found = codes(await run(contentDetector, bank));
    assert.ok(!found.includes('CONTENT_PRIZE_LURE') && !found.includes('CONTENT_SPAM_OFFER'), found.join());
  });

  it('finds an offer typed into the name field of another site\'s form, not an ordinary balance or greeting', async () => {
    const lures = [
      'Hi ✅ +$4,811 ➡️ ok.me/rCQE1, One last step to confirm your account! Here is your verification code.',
      'Your score has been released for 💶 +$276 date 2023.12.21. Dear user, you registered one year ago.',
      'Username: www.khuiqd.blogspot.com - BINANCE 150 072 EURO To set your password, visit the following address:',
      'Identifiant : www.gdrhbx.blogspot.fr - 1.343 BTC BINANCE Pour configurer votre mot de passe, rendez-vous à l’adresse suivante',
      '＋50,000円受け取りはこちら様\nご登録ありがとうございます。',
    ];
    for (const text of lures) {
      const found = byCode(await run(contentDetector, facts({ text })), 'CONTENT_INJECTED_OFFER');
      assert.ok(found.evidence[0]?.value, text);
    }
    await assertNot('CONTENT_INJECTED_OFFER', ['Hi Anna, your balance is +$42.10 after the refund.', 'Username: anna.k - please keep it safe.', 'Your BTC balance: 0.0043 BTC', '山田様、ご利用金額は5,000円です。', 'ポイント+500円分を付与しました。山田様']);
  });

  it('stays quiet on a mailing-list post and on a security notice that says what it never does', async () => {
    const post = facts({ text: 'I upgraded to 2.4.19 and the build works again. Patch attached; see the list archive for the thread.' });
    assert.deepEqual(codes(await run(contentDetector, post)), []);
    const notice = facts({ text: 'Reminder: we will never ask you to confirm your password by email. Beware of phishing.' });
    assert.deepEqual(codes(await run(contentDetector, notice)), []);
  });
});

describe("the brand's never-does rules (MI Card)", () => {
  it('asks for a mailbox number', async () => {
    const f = facts({ ...MICARD, subject: 'エムアイカード ご本人確認', text: 'メールボックス番号を入力してください。' });
    const finding = byCode(await run(contentDetector, f), 'CONTENT_NEVER_MAILBOX_NUMBER');
    assert.equal(finding.evidence[0]?.value, 'メールボックス番号');
    assert.match(finding.message.ja, /エムアイカードは/);
  });

  it('asks to re-register the login ID', async () => {
    const f = facts({ ...MICARD, subject: '【エムアイカード】', text: 'セキュリティ強化のため、ログインIDの再登録をお願いします。' });
    assert.ok(codes(await run(contentDetector, f)).includes('CONTENT_NEVER_LOGIN_ID_REREGISTRATION'));
  });

  it('asks for identity verification on a website, but only when there is a link', async () => {
    const withLink = facts({ ...MICARD, subject: 'エムアイカード', text: '本人確認のお手続きをお願いします。https://micard.example.net/verify' });
    assert.ok(codes(await run(contentDetector, withLink)).includes('CONTENT_NEVER_IDENTITY_CHECK'));
    const noLink = facts({ ...MICARD, subject: 'エムアイカード', text: '本人確認のお手続きをお願いします。' });
    assert.ok(!codes(await run(contentDetector, noLink)).includes('CONTENT_NEVER_IDENTITY_CHECK'));
  });

  it('says the account was stopped without notice', async () => {
    const f = facts({ ...MICARD, subject: 'エムアイカード', text: 'お客様のアカウントを一時的に停止しました。' });
    assert.ok(codes(await run(contentDetector, f)).includes('CONTENT_NEVER_ACCOUNT_CHANGE'));
  });

  it('names another company’s service (the notice’s examples ③/④), but not its own', async () => {
    const f = facts({ ...MICARD, subject: 'エムアイカード', text: 'Amazonプライムの会費のお支払いに使用できるカードが登録されていません。' });
    const finding = byCode(await run(contentDetector, f), 'CONTENT_NEVER_OTHER_SERVICE');
    assert.equal(finding.evidence[0]?.value, 'Amazon');
    const own = facts({ ...MICARD, subject: 'エムアイカード', text: 'エムアイカード プラスをご利用いただきありがとうございます。' });
    assert.ok(!codes(await run(contentDetector, own)).includes('CONTENT_NEVER_OTHER_SERVICE'));
  });

  it('carries a postal address as decoration; an unclaimed mail only gets a note', async () => {
    const text = 'ご不明点はお問い合わせください。\n株式会社エムアイカード 〒160-0023 東京都新宿区西新宿1-1-1';
    assert.ok(codes(await run(contentDetector, facts({ ...MICARD, subject: 'エムアイカード', text }))).includes('CONTENT_NEVER_POSTAL_ADDRESS'));
    const unclaimed = await textCodes('会場：〒160-0023 東京都新宿区西新宿1-1-1');
    assert.ok(unclaimed.includes('CONTENT_COMPANY_ADDRESS') && !unclaimed.includes('CONTENT_NEVER_POSTAL_ADDRESS'));
  });

  it('does not apply the never rules when the brand is only mentioned in passing', async () => {
    const f = facts({ from: 'shop@department.example', subject: 'セールのご案内', text: 'エムアイカードでのお支払いも可能です。Amazonでも販売中。' });
    assert.deepEqual(codes(await run(contentDetector, f)).filter((c) => c.includes('NEVER')), []);
  });

  it('lets a profile add phrases to a rule', async () => {
    const custom = parseProfile(
      ['id: custom', 'name: { ja: テスト銀行, en: Test Bank }', 'aliases: [テスト銀行]', 'hostTokens: [testbank]', 'officialDomains: [testbank.example]', 'phrases:', '  CONTENT_URGENCY: [期日厳守]'].join('\n'),
      'custom.yaml',
    );
    const f = facts({ fromName: 'テスト銀行', from: 'info@testbank.example', subject: 'テスト銀行', text: 'お手続きは期日厳守でお願いします。' });
    const ctx = { ...context(f), profiles: [custom], claim: { profile: custom, seen: [{ source: 'display-name' as const, text: 'テスト銀行' }], strength: 9 } };
    assert.ok(codes(await contentDetector.detect(f, ctx)).includes('CONTENT_URGENCY'));
    assert.ok(!codes(await run(contentDetector, f)).includes('CONTENT_URGENCY'));
  });
});

describe('unnatural Japanese', () => {
  it('flags simplified-Chinese characters in Japanese text and names them', async () => {
    const f = facts({ text: 'お客様のアカウントは安全のため制限されています。您的账户需要验证，请点击这里确认。ご確認をお願いします。' });
    const finding = byCode(await run(contentDetector, f), 'CONTENT_SIMPLIFIED_CHINESE');
    assert.match(finding.message.ja, /账|户|验|证/);
  });

  it('does not flag one odd character, nor Japanese that shares kanji with Chinese', async () => {
    const f = facts({ text: '東京の会社で国際会議がありました。学生の皆さんもご参加ください。上海の写真も见ました。' });
    assert.ok(!codes(await run(contentDetector, f)).includes('CONTENT_SIMPLIFIED_CHINESE'));
  });

  it('flags the Chinese full-width comma used instead of 、', async () => {
    const f = facts({ text: 'お客様のカードは，安全上の理由で，一時的に利用を制限しております。ログインして，確認してください。' });
    assert.ok(codes(await run(contentDetector, f)).includes('CONTENT_CHINESE_PUNCTUATION'));
    const normal = facts({ text: 'お客様のカードは、安全上の理由で、一時的に利用を制限しております。' });
    assert.ok(!codes(await run(contentDetector, normal)).includes('CONTENT_CHINESE_PUNCTUATION'));
  });

  it('flags width soup and mixed-script words, not μm or Russian text', async () => {
    assert.equal(byCode(await run(contentDetector, facts({ text: 'Ａmazonからのお知らせ' })), 'CONTENT_WIDTH_SOUP').evidence[0]?.value, 'Ａmazon');
    assert.equal(byCode(await run(contentDetector, facts({ text: 'Your Аpple ID was locked' })), 'CONTENT_MIXED_SCRIPT').evidence[0]?.value, 'Аpple');
    const clean = await textCodes('フィルター径は5μmです。Привет, как дела? ＡＢＣ株式会社');
    assert.ok(!clean.includes('CONTENT_MIXED_SCRIPT') && !clean.includes('CONTENT_WIDTH_SOUP'), clean.join());
  });

  it('reads the sender name for mixed-script words too, not a name written wholly in Greek', async () => {
    const dressed = byCode(await run(contentDetector, facts({ fromName: 'THΑLES Grοup', from: 'noreply@homeautomation.example', text: 'Votre paiement est en attente.' })), 'CONTENT_MIXED_SCRIPT');
    assert.equal(dressed.evidence[0]?.value, 'THΑLES');
    assert.equal(dressed.evidence[0]?.where, 'From');
    const greek = facts({ fromName: 'Σοφία Παπαδοπούλου', from: 'sofia@example.gr', text: 'Kind regards' });
    assert.ok(!codes(await run(contentDetector, greek)).includes('CONTENT_MIXED_SCRIPT'));
  });

  it('flags translated greetings and ご〜してください', async () => {
    const f = facts({ text: '尊敬なるお客様、アカウント情報をご確認してください。' });
    assert.ok(codes(await run(contentDetector, f)).includes('CONTENT_UNNATURAL_PHRASE'));
  });
});

describe('hidden text', () => {
  it('flags text salted with hidden fragments, not one preheader', async () => {
    const salted = facts({ text: 'Amazon', hiddenText: ['qz', 'xv', 'kk', 'pw'].map((text) => ({ text, how: 'font-size:0' })) });
    assert.match(byCode(await run(contentDetector, salted), 'CONTENT_HIDDEN_TEXT').message.en, /font-size:0/);
    const preheader = facts({ text: 'Newsletter', hiddenText: [{ text: 'This month: new arrivals and events', how: 'display:none' }] });
    assert.ok(!codes(await run(contentDetector, preheader)).includes('CONTENT_HIDDEN_TEXT'));
  });

  it('knows the ways HTML hides text, and leaves shown text, small print and spacers alone', () => {
    const hiding: [string, string][] = [
      ['display: none', 'display:none'],
      ['visibility:hidden', 'visibility:hidden'],
      ['font-size:0px', 'font-size:0'],
      ['font-size:1px', 'font-size:1px'],
      ['font-size:0.5pt', 'font-size:1px'],
      ['opacity:0', 'opacity:0'],
      ['max-height:0;overflow:hidden', 'height:0'],
      ['width:0px;overflow:hidden', 'width:0'],
      ['color:transparent', 'color:transparent'],
      ['color:#fff;background-color:#ffffff', 'white on white'],
      ['text-indent:-9999px', 'off-screen'],
      ['position:absolute;left:-5000px', 'off-screen'],
    ];
    for (const [style, how] of hiding) {
      const read = readHtml(`<p>shown</p><span style="${style}">qzxv</span>`, 10);
      assert.deepEqual(read.hiddenText, [{ text: 'qzxv', how }], style);
      assert.equal(read.text, 'shown', style);
    }
    for (const style of ['font-size:10px', 'font-size:11pt', 'font-size:1.5em', 'color:#333', 'width:0', 'left:-20px', 'text-indent:-1em', 'opacity:0.8']) {
      assert.deepEqual(readHtml(`<span style="${style}">qzxv</span>`, 10).hiddenText, [], style);
    }
  });
});

describe('disguised letters', () => {
  it('flags invisible characters salted between letters and words written in styled letters, naming where', async () => {
    const salted = facts({ fromName: 'Co\u{E0139}i\u{E0139}n\u{E0139}base Wallet', from: 'mail@wallet-notice.example', text: 'Please review your wallet.' });
    const found = byCode(await run(contentDetector, salted), 'CONTENT_DISGUISED_LETTERS');
    assert.equal(found.evidence[0]?.value, 'Co\u{E0139}i\u{E0139}n\u{E0139}base');
    assert.equal(found.evidence[0]?.where, 'sender name');
    assert.match(found.message.ja, /差出人名/);
    await assertFinds('CONTENT_DISGUISED_LETTERS', ['メル\uFE09カリ\uFE09の利用制限のお知らせ', 'ᴘᴀʏᴍᴇɴᴛ ᴅᴇᴄʟɪɴᴇᴅ: update now', '𝐎𝐅𝐅𝐄𝐑 ends today', 'Your account will b\u200Be Re\u200B\u200Bmov\u200Bed', 'H\u200C\u200Cel\u200Cl\u200Co this is Leontyne', 'E\u034FV\u034FR\u034Fi\u034F Informed Delivery', '[ lRS : Report ] - Your refund is ready', 'Tax Statement (2025) -lRS.', 'Your MlCARD statement'], (subject) => contentCodes('', subject));
  });

  it('flags katakana words written with kanji that look like their letters, quoting the word', async () => {
    const found = byCode(await run(contentDetector, facts({ subject: '【重要】お客様のア力ウントは停止されました', text: '下記より口グインし、力ード情報をご確認ください。' })), 'CONTENT_DISGUISED_LETTERS');
    assert.deepEqual(found.evidence.map((e) => [e.where, e.value]), [['subject', 'ア力ウント'], ['body', '口グイン'], ['body', '力ード']]);
    assert.match(found.message.ja, /カタカナに似た漢字/);
    // The brands' katakana names count as well as the listed words; 一 for the long-vowel mark too.
    await assertFinds('CONTENT_DISGUISED_LETTERS', ['メル力リからのお知らせ', 'UCカ一ドをご利用いただき', '本メ一ルは送信専用です']);
  });

  it('leaves kanji words beside katakana words alone: 入力, 電力, 口座, 一時, ブランド力', async () => {
    await assertNot('CONTENT_DISGUISED_LETTERS', ['入力フォームに移動します', '東京電力エナジーパートナー株式会社', '千代田区一ツ橋2-1', 'クレジットカード口座振替', 'カード一時停止のご案内', 'ブランド力アップのセミナー', 'お店の口コミを見る', 'メール二通をお送りしました']);
  });

  it('leaves emoji, IPA, kanji glyph variants, Japanese line-break hints, a lone styled symbol and a real lower-case l alone', async () => {
    await assertNot('CONTENT_DISGUISED_LETTERS', ['Thanks ❤️ see you 👍🏽', '葛\u{E0100}城市役所からのお知らせ', 'English is pronounced /ˈɪŋɡlɪʃ/.', 'ご利用\u200Bありがとうございます', 'Area: 25 m² (Ⓒ 2024 Example Inc.)', 'New arrivals \u034F \u034F \u200C\u00A0\u200C\u00A0 inside', 'می\u200Cخواهم', 'Add 5 mL of HCl to the NaCl solution', 'ls -l README', 'the iPhone and eBay', 'lots of RAM', 'PAYPAl', 'http://click.example/J2SnNA/y.lEAA/MVfIAA/TM', 'bh=nS9V0PYwIpUNxp2GKvBp1umc+RlMA=;'], textCodes);
  });
});

describe('scoring', () => {
  it('scores a Japanese MI Card lure SMS at least suspicious from its wording alone', async () => {
    const engine = createEngine({ profiles, now: NOW, detectors: [contentDetector] });
    const report = await engine.checkText('【エムアイカード】ご利用確認のお願い。第三者による不正利用の可能性があるため、ご利用を一時停止しました。24時間以内に本人確認を行ってください。https://micard-verify.example/');
    assert.notEqual(report.verdict, 'unverified', JSON.stringify(report.findings.map((f) => f.code)));
  });
});

describe('machine-made strings at the end of the subject or the sender name', () => {
  const tokenOf = async (spec: Parameters<typeof facts>[0]) => (await run(contentDetector, facts({ text: 'Hello.', ...spec }))).find((f) => f.code === 'CONTENT_RANDOM_TOKEN');

  it('finds a random token closing the subject', async () => {
    const found = await tokenOf({ subject: 'Seus pontos vao vencer1uimIP3YlmBD5' });
    assert.equal(found?.evidence[0]?.value, 'vencer1uimIP3YlmBD5');
    assert.match(found!.message.en, /subject ends in a meaningless string/);
  });

  it('finds the same campaign tag closing both the subject and the sender name', async () => {
    for (const [fromName, subject, tag] of [
      ['Energieadviseur .NTWQ', 'Actie vereist! Verlaag direct je energiekosten.NTWQ', 'NTWQ'],
      ['Garden Deals  HMWL', 'Win a garden set  HMWL ', 'HMWL'],
      ['Home Battery Advice\t...apAs', 'Is your home ready for winter.!..apAs', 'apAs'],
    ]) {
      const found = await tokenOf({ fromName, from: 'news@mailer.example', subject });
      assert.match(found?.message.en ?? '', new RegExp(`subject, like the sender name, ends in a meaningless string, "${tag}"`), `${fromName} / ${subject}`);
      assert.equal(found?.evidence.length, 2);
      assert.match(found!.message.ja, /件名と差出人名/);
    }
  });

  it('leaves words, acronyms after one space and a tag in one place only alone', async () => {
    for (const [fromName, subject] of [
      ['Red Hat Network', 'Red Hat Linux 8.0 now available on Red Hat Network'],
      ['Support IBM', 'Your webinar with IBM'],
      ['Bradesco Prime', 'Bem-vindo ao Bradesco Prime'],
      ['Energieadviseur', 'Verlaag direct je energiekosten.NTWQ'],
      ['Team NASA', 'Launch report. NASA'],
      ['Neko, Nyaan', 'Automatic reply: Nyaan'],
    ]) {
      assert.equal(await tokenOf({ fromName, from: 'news@mailer.example', subject }), undefined, `${fromName} / ${subject}`);
    }
  });
});
