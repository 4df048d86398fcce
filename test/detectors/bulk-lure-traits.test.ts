// Traits of lures sent in bulk for brands we have no profile for: the reader greeted by their
// address, pictures hot-linked from image-sharing sites, an organization's name over a domain
// that has nothing to do with it. Each with the near-misses that must not fire.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type Report } from '../../src/engine.ts';
import { displayNameAlias } from '../../src/brand/claim.ts';
import { builtinProfiles } from '../../src/profile/loader.ts';
import { knownBrands } from '../../src/rules/load.ts';
import { buildMail } from '../helpers/build-mail.ts';

const engine = createEngine();
const codes = (report: Report) => report.findings.map((f) => f.code);
const check = (mail: Parameters<typeof buildMail>[0]) => engine.checkMail(buildMail(mail));

describe('the reader greeted by their e-mail address', () => {
  it('in the subject, opening or closing it, or after a greeting', async () => {
    for (const subject of ['member@example.jp, your March credit score is ready', 'Ola, member@example.jp! Seus pontos estao aqui', 'Hello member@example.jp']) {
      const report = await check({ subject, text: 'See inside.' });
      const found = report.findings.find((f) => f.code === 'CONTENT_GREETS_BY_ADDRESS');
      assert.ok(found, subject);
      assert.equal(found.evidence[0]!.value, subject);
      assert.match(found.message.en, /member@example\.jp/);
    }
  });

  it('at the top of the body, in English and Japanese', async () => {
    const en = await check({ text: 'Dear member@example.jp,\n\nYour parcel is waiting.' });
    assert.deepEqual(en.findings.find((f) => f.code === 'CONTENT_GREETS_BY_ADDRESS')?.evidence[0]?.value, 'Dear member@example.jp');
    const ja = await check({ text: 'member@example.jp 様\n\nいつもご利用ありがとうございます。' });
    assert.ok(codes(ja).includes('CONTENT_GREETS_BY_ADDRESS'));
  });

  it('not when the address is quoted as the account, in a footer, or is someone else’s', async () => {
    const quoted = await check({ subject: 'New sign-in to member@example.jp', text: 'We noticed a new sign-in to your account member@example.jp from Chrome on Windows.' });
    assert.ok(!codes(quoted).includes('CONTENT_GREETS_BY_ADDRESS'));
    const footer = await check({ text: 'Our autumn catalogue is out.\nThis mail was sent to member@example.jp, unsubscribe any time.' });
    assert.ok(!codes(footer).includes('CONTENT_GREETS_BY_ADDRESS'));
    const other = await check({ subject: 'Hello friend@example.com', text: 'hi' });
    assert.ok(!codes(other).includes('CONTENT_GREETS_BY_ADDRESS'));
  });
});

describe('pictures hot-linked from an image-sharing site', () => {
  it('names the site and quotes the image addresses', async () => {
    const report = await check({ html: '<p>Your gift</p><img src="https://i.imgur.com/8p3rMPa.jpeg" alt="logo"><img src="https://pbs.twimg.com/media/Gk.png">' });
    const found = report.findings.find((f) => f.code === 'CONTENT_IMAGES_FROM_SHARING_SITE');
    assert.ok(found);
    assert.match(found.message.en, /imgur\.com/);
    assert.deepEqual(found.evidence.map((e) => e.value), ['https://i.imgur.com/8p3rMPa.jpeg', 'https://pbs.twimg.com/media/Gk.png']);
  });

  it('not for a company’s own images, its mailing service, a CDN, or Twitter’s own mail images', async () => {
    const report = await check({
      html: '<img src="https://www.example.co.jp/logo.png"><img src="https://cdn.mcauto-images-production.sendgrid.net/a.png"><img src="https://d15k2d11r6t6rl.cloudfront.net/b.png"><img src="https://ea.twimg.com/email/self_serve/media/logo.png">',
    });
    assert.ok(!codes(report).includes('CONTENT_IMAGES_FROM_SHARING_SITE'));
  });
});

describe('a mail that is a linked picture and next to no text', () => {
  it('quotes the picture and counts the characters shown', async () => {
    const report = await check({ html: '<a href="https://offer.example.net/go"><img src="https://cdn.example.net/banner.jpg"></a><p>Hi!</p>' });
    const found = report.findings.find((f) => f.code === 'CONTENT_IMAGE_ONLY');
    assert.ok(found);
    assert.equal(found.evidence[0]!.value, 'https://cdn.example.net/banner.jpg');
    assert.match(found.message.en, /\(3 characters/);
  });

  it('counts only the text the reader sees: hidden filler does not make it a letter', async () => {
    const html = '<a href="https://offer.example.net/go"><img src="https://cdn.example.net/banner.jpg"></a><div style="display:none">' + 'lorem ipsum dolor '.repeat(20) + '</div>';
    assert.ok(codes(await check({ html })).includes('CONTENT_IMAGE_ONLY'));
  });

  it('reads a linked picture\'s alt text as shown text: its words are what a reader with images off sees', async () => {
    const html = '<a href="https://offer.example.net/go"><img src="https://cdn.example.net/banner.jpg" alt="Your account will be suspended within 24 hours"></a>';
    const report = await check({ html });
    assert.deepEqual(report.findings.find((f) => f.code === 'CONTENT_URGENCY')?.evidence[0], { kind: 'text', value: 'within 24 hours', where: 'text' });
    const hiddenAlt = '<a href="https://offer.example.net/go"><img src="https://cdn.example.net/banner.jpg"></a><div style="display:none"><img src="x.png" alt="' + 'lorem ipsum dolor '.repeat(5) + '"></div>';
    assert.ok(codes(await check({ html: hiddenAlt })).includes('CONTENT_IMAGE_ONLY'), 'hidden alt text is not shown text');
  });

  it('not for a picture with a written message, a picture without a link, or a text mail', async () => {
    const mails = [
      { html: '<a href="https://shop.example.jp/sale"><img src="https://shop.example.jp/sale.jpg"></a><p>Our autumn sale starts on Friday: all coats 20% off until Sunday.</p>' },
      { html: '<img src="https://family.example.jp/photo.jpg"><p>:)</p>' },
      { text: 'See https://shop.example.jp/' },
      { html: '<a href="https://shop.example.jp/sale"><img src="https://shop.example.jp/sale.jpg" alt="Autumn sale at Example Shop: all winter coats 20% off until Sunday"></a>' },
    ];
    for (const mail of mails) assert.ok(!codes(await check(mail)).includes('CONTENT_IMAGE_ONLY'), JSON.stringify(mail));
  });
});

describe('an organization’s name over a domain that has nothing to do with it', () => {
  it('fires for a team, a service desk or an administrator in another language too', async () => {
    for (const from of ['CVS Team <info@zhishangmingzhan.com>', '"Health & Wellness Team." <info@slave.socialou.com>', 'Email Server Administrator <unknown@unknown.com>', 'Atención al Cliente Muebles Rivera <renew_tjy@staroflifeprodukter.de>']) {
      const report = await check({ from, text: 'Claim your reward.' });
      const found = report.findings.find((f) => f.code === 'SENDER_ORGANIZATION_OTHER_DOMAIN');
      assert.ok(found, from);
      assert.equal(found.evidence[0]!.where, 'From');
    }
  });

  it('not when the name shows in the address, for a person, for a name of generic words, or for a profiled brand', async () => {
    for (const from of ['RingCentral Events <no-reply@events.ringcentral.com>', 'Razor-users admin <razor-users-admin@lists.sourceforge.net>', 'Raunaq Sahni <raunaq.s@quantinsti.com>', 'Customer Service <cs@shop.example>', 'カスタマーセンター <info@example.com>']) {
      const report = await check({ from, text: 'Hello.' });
      assert.ok(!codes(report).includes('SENDER_ORGANIZATION_OTHER_DOMAIN'), from);
    }
    // A profiled brand's name over a foreign domain is the stronger brand finding, not this one.
    const brand = await check({ from: 'Amazon Support Team <info@zhishangmingzhan.com>', text: 'Your order' });
    assert.ok(codes(brand).includes('SENDER_BRAND_NAME_FOREIGN_DOMAIN'));
    assert.ok(!codes(brand).includes('SENDER_ORGANIZATION_OTHER_DOMAIN'));
  });
});

describe('a well-known brand without a profile, over a domain that is not its', () => {
  it('names the brand the display name wears', async () => {
    const report = await check({ from: 'Paypal Guthaben. <reply@telekom.com>', text: 'Wir haben eine Überraschung.' });
    const found = report.findings.find((f) => f.code === 'SENDER_KNOWN_BRAND_OTHER_DOMAIN');
    assert.ok(found);
    assert.match(found.message.en, /"PayPal"/);
    assert.ok(!codes(report).includes('SENDER_ORGANIZATION_OTHER_DOMAIN'), 'one finding for one name');
  });

  it('sees through look-alike letters from other scripts and letters spaced out one by one', async () => {
    for (const [from, brand] of [
      ['MеtаМаsk.io <team@telkom.co.za>', 'MetaMask'],
      ['I T A Ú - FEITO COM VOCÊ. <ism-tokens15@t-online.de>', 'Itaú'],
      ['Convênio Notredame_Intermédica <contato@e.planosdesaude-e.com>', 'NotreDame Intermédica'],
      ['Advanced Energy by Elon Musk <gurseeratyaughn@hybridbathrooms.com>', 'Elon Musk'],
      ['Ledger Wallet™ <marketplace@nxb.com.pk>', 'Ledger Wallet'],
      ['LEDGER <contact@rrmotopecas.net.br>', 'Ledger'],
      ['E\u034FV\u034FR\u034Fi\u034F Informed Delivery . <mailappss-4vaifdr73ts@articleboxes.example>', 'Evri'],
      ['THΑLES Grοup <noreply@homeautomation.example.co.uk>', 'Thales Group'],
      // A capital I for an l, next to lower-case letters.
      ['Ledger Iive © <202102029953@alunos.example.br>', 'Ledger Live'],
      ['PayPaI Service <service@pp-notice.example>', 'PayPal'],
    ]) {
      const found = (await check({ from, text: 'Hello.' })).findings.find((f) => f.code === 'SENDER_KNOWN_BRAND_OTHER_DOMAIN');
      assert.ok(found, from);
      assert.match(found.message.en, new RegExp(`"${brand}"`), from);
    }
    for (const from of ['The Ledger <news@theledger.com>', 'Smith Ledger Services <accounts@smith-cpa.example>', 'Ledger Enquirer <news@enquirer.example>', 'J. R. R. Tolkien <jrr@tolkien-estate.example>', 'Сбербанк <info@sberbank.ru>', 'Team A B <ab@teams.example>', 'Elon Musk <elon@tesla.com>', 'Ivan Ilyich, Idaho Ice <ivan@example.com>']) {
      assert.ok(!codes(await check({ from, text: 'Hello.' })).includes('SENDER_KNOWN_BRAND_OTHER_DOMAIN'), from);
    }
  });

  it('finds Japanese names inside the words of a display name, in full-width letters too', async () => {
    for (const [from, brand] of [
      ['コインチェック株式会社 <kitanaka@kitanaka.example.co.jp>', 'コインチェック'],
      ['ＪＡネットバンク <okamoto-cl@shimabara.example.jp>', 'JAネットバンク'],
      ['【野村證券】お客様窓口 <info@secure-kakunin.example.com.cn>', '野村證券'],
      // AIFUL has a profile, whose alias アイフル is not: the name alone is checked here.
      ['アイフル <info@notice.example.com>', 'アイフル'],
      // Rokin has no profile: its regional banks' domains are not all known, but all hold `rokin` or `kinrou`.
      ['中央ろうきん <info@notice.example.com>', 'ろうきん'],
    ]) {
      const found = (await check({ from, text: 'ご確認ください。' })).findings.find((f) => f.code === 'SENDER_KNOWN_BRAND_OTHER_DOMAIN');
      assert.ok(found, from);
      assert.match(found.message.ja, new RegExp(`「${brand}」`), from);
    }
    for (const from of ['コインチェック株式会社 <info@coincheck.com>', 'JR西日本 WESTER会員事務局 <noreply@mail.jr-odekake.net>', 'アイフル <info@aiful.co.jp>', 'アイフルホーム <info@eyefulhome.example.jp>', '東海ろうきん <info@tokai-rokin.or.jp>', '近畿ろうきん <info@kinrou.or.jp>']) {
      assert.ok(!codes(await check({ from, text: 'ご確認ください。' })).includes('SENDER_KNOWN_BRAND_OTHER_DOMAIN'), from);
    }
  });

  it('lists no brand that has a profile: profiles take precedence and a name is checked once', () => {
    for (const brand of knownBrands()) {
      for (const name of [...brand.names, ...brand.wholeNames]) {
        const profile = builtinProfiles().find((p) => displayNameAlias(p, name));
        assert.equal(profile, undefined, `${name} is also an alias of the ${profile?.id} profile`);
      }
    }
  });

  it('not from the brand’s own domains, however they are spelled, nor for a short name inside a longer word', async () => {
    for (const from of ['PayPal <service@paypal.co.uk>', 'AT&T <alerts@emaildl.att-mail.com>', 'UPS My Choice <mcinfo@ups.com>', 'USPS Informed Delivery <USPSInformeddelivery@email.informeddelivery.usps.com>', 'Bank of America <onlinebanking@ealerts.bankofamerica.com>']) {
      const report = await check({ from, text: 'Hello.' });
      assert.ok(!codes(report).includes('SENDER_KNOWN_BRAND_OTHER_DOMAIN'), from);
    }
    // The brand's word must be in the domain bought from the registry, not in a label in front of it.
    const prefixed = await check({ from: 'Deutsche Telekom <geschenkgutschein.53@telekom.securdeutsh.example>', text: 'Gewinnen Sie.' });
    assert.ok(codes(prefixed).includes('SENDER_KNOWN_BRAND_OTHER_DOMAIN'), 'telekom. in front of another domain');
    const shortInLonger = await check({ from: 'UPS <notice@startups.example>', text: 'Your parcel.' });
    assert.ok(codes(shortInLonger).includes('SENDER_KNOWN_BRAND_OTHER_DOMAIN'), '"ups" inside "startups" is not UPS sending');
  });
});

describe('a sender address on free hosting', () => {
  it('names the hosting zone', async () => {
    const report = await check({ from: 'FamBet <no-reply@gerif23-3a414.firebaseapp.com>', text: 'Auszahlung offen' });
    const found = report.findings.find((f) => f.code === 'SENDER_FREE_HOSTING_DOMAIN');
    assert.ok(found);
    assert.match(found.message.en, /firebaseapp\.com/);
  });

  it('not for a company domain, nor for a person’s home server on dynamic DNS', async () => {
    for (const from of ['Shop <news@shop.example.com>', 'Tor <tor@torb.mine.nu>']) {
      const report = await check({ from, text: 'Hello.' });
      assert.ok(!codes(report).includes('SENDER_FREE_HOSTING_DOMAIN'), from);
    }
  });
});

describe('a machine-made mailbox name', () => {
  it('quotes the mailbox as written, its case jumbled', async () => {
    for (const from of ['"United Healthcare Billing" <EzQsSbX@slave.example.com>', 'Whooshie <eAVnpgV@eaux.example.com>', 'Offer <renewTnkYN@mail.example.net>']) {
      const found = (await check({ from, text: 'Claim your kit today.' })).findings.find((f) => f.code === 'SENDER_RANDOM_MAILBOX');
      assert.ok(found, from);
      assert.match(found.message.en, new RegExp(`"${from.match(/<([^@]+)@/)![1]}"`));
    }
  });

  it('or a single token of letters and digits no one would choose', async () => {
    for (const from of ['Home Insurance <uh6b8zzjlldv@duty.example.com>', 'Andersen Windows <ARVYlpD@deck.example.com>', 'Sex Dating <zipdqisyykpy@studyo2.example.com>']) {
      assert.ok(codes(await check({ from, text: 'Compare and save.' })).includes('SENDER_RANDOM_MAILBOX'), from);
    }
  });

  it('not for camel-cased names, capitals, plain lower case, names with a year, or tracking codes of list software', async () => {
    for (const from of [
      'John <JohnMcDonald@example.com>',
      'Apple fan <iPhoneSupport@example.com>',
      'Info <INFO@example.co.jp>',
      'Ann <ann.lee@example.org>',
      'Shop <NoReply@shop.example>',
      'Kenji <kenji1985@example.jp>',
      'Newsletter <Online#3.19578.34-UgGTgZFN19NAr9RR.1@lists.example.com>',
    ]) {
      assert.ok(!codes(await check({ from, text: 'Hello.' })).includes('SENDER_RANDOM_MAILBOX'), from);
    }
  });
});

describe('replies sent to a free mail account', () => {
  it('is its own finding, stronger than a reply address in another company domain', async () => {
    const freemail = await check({ from: 'Mr. Warren Buffett <info@officedesk.org>', headers: { 'Reply-To': 'mr.warren2023@gmail.com' }, text: 'Hello' });
    assert.ok(codes(freemail).includes('SENDER_REPLY_TO_FREEMAIL'));
    assert.ok(!codes(freemail).includes('SENDER_REPLY_TO_MISMATCH'));
    const list = await check({ from: 'Ville <ville@iki.fi>', headers: { 'Reply-To': 'ilug@linux.ie' }, text: 'patch attached' });
    assert.ok(codes(list).includes('SENDER_REPLY_TO_MISMATCH'));
    assert.ok(!codes(list).includes('SENDER_REPLY_TO_FREEMAIL'));
  });
});

describe('replies sent to a look-alike of a brand', () => {
  it('makes a mail from an ordinary sender at least suspicious and names the official domain', async () => {
    const report = await check({ from: 'Card Desk <desk@card-desk.jp>', headers: { 'Reply-To': 'support@micard-co.jp' }, text: 'ご返信ください。' });
    const found = report.findings.find((f) => f.code === 'SENDER_REPLY_TO_LOOKALIKE');
    assert.ok(found, codes(report).join());
    assert.equal(found.evidence[1]!.value, 'support@micard-co.jp');
    assert.match(found.message.en, /micard\.co\.jp/);
    assert.notEqual(report.verdict, 'unverified');
    assert.ok(!codes(report).includes('SENDER_REPLY_TO_MISMATCH'));
  });

  it('not when replies go to the brand itself or to an unrelated company', async () => {
    const own = await check({ from: 'Card Desk <desk@card-desk.jp>', headers: { 'Reply-To': 'info@micard.co.jp' }, text: 'ご返信ください。' });
    assert.ok(!codes(own).includes('SENDER_REPLY_TO_LOOKALIKE'));
    const other = await check({ from: 'Card Desk <desk@card-desk.jp>', headers: { 'Reply-To': 'help@zendesk-mail.example.org' }, text: 'Reply please.' });
    assert.ok(!codes(other).includes('SENDER_REPLY_TO_LOOKALIKE'));
    // Amazon's mail service sends feedback reports from its own domain.
    const ses = await check({ from: 'complaints@email-abuse.amazonses.com', text: 'Complaint about a message.' });
    assert.ok(!codes(ses).includes('SENDER_LOOKALIKE_DOMAIN'), codes(ses).join());
    // KDDI's internet service domains are au's own.
    const kddi = await check({ from: 'Card Desk <desk@card-desk.jp>', headers: { 'Reply-To': 'no-reply@app.auone-net.jp' }, text: 'Reply please.' });
    assert.ok(!codes(kddi).includes('SENDER_REPLY_TO_LOOKALIKE'), codes(kddi).join());
  });

  it('a public mail service abroad (outlook.fr beside outlook.com) is free mail, not a look-alike', async () => {
    const reply = await check({ from: 'Cecil <cecil@sbcglobal.net>', headers: { 'Reply-To': 'transfer1@hotmail.fr' }, text: 'Reply please.' });
    assert.ok(codes(reply).includes('SENDER_REPLY_TO_FREEMAIL'), codes(reply).join());
    assert.ok(!codes(reply).includes('SENDER_REPLY_TO_LOOKALIKE'));
    const sender = await check({ from: 'Marie <marie.dupont@outlook.fr>', text: 'Bonjour, voici les photos.' });
    assert.ok(!codes(sender).includes('SENDER_LOOKALIKE_DOMAIN'), codes(sender).join());
  });
});

describe('replies sent to a domain reserved for examples', () => {
  it('example.com, .test, .invalid and .example can receive no mail: a dummy filled in by a tool', async () => {
    for (const replyTo of ['no-reply@example.com', 'x@mail.example.net', 'nobody@replies.invalid', 'a@b.test', 'desk@shop.example']) {
      const report = await check({ from: 'Zahlungsbestätigung <noreply@snick6-d51c8.firebaseapp.com>', headers: { 'Reply-To': replyTo }, text: 'Ihr Guthaben steht bereit.' });
      const found = report.findings.find((f) => f.code === 'SENDER_REPLY_TO_NOWHERE');
      assert.ok(found, `${replyTo}: ${codes(report).join()}`);
      assert.equal(found.evidence[1]!.value, replyTo);
      assert.ok(!codes(report).includes('SENDER_REPLY_TO_MISMATCH'));
    }
  });

  it('not for real domains that merely contain the word', async () => {
    for (const replyTo of ['desk@example-shop.com', 'desk@examples.net', 'desk@contest.jp', 'desk@testing.com']) {
      const report = await check({ from: 'Shop <news@shop-news.jp>', headers: { 'Reply-To': replyTo }, text: 'Our autumn catalogue is out.' });
      assert.ok(!codes(report).includes('SENDER_REPLY_TO_NOWHERE'), replyTo);
      assert.ok(codes(report).includes('SENDER_REPLY_TO_MISMATCH'), replyTo);
    }
  });
});


describe('the body asks you to write to a free mail account', () => {
  it('that is not the sender’s, in English and Portuguese, with the instruction as evidence', async () => {
    const lures = [
      ['Alexandra Dias <alexandra.dias@camoes.mne.pt>', 'SEND YOUR NAME TO THIS EMAIL ( pro.bett833@gmail.com ) FOR CLAIMS', 'pro.bett833@gmail.com'],
      ['Mr. Tom Hassan <hassanmrtom@gmail.com>', 'I have a business deal to share with you. Kindly reply to my private email: tomhassantom468@gmail.com', 'tomhassantom468@gmail.com'],
      ['Torres Juan <juan.torres@salud.madrid.org>', 'Para mais informações entre em contato com: bha7ce6tt2@gmail.com', 'bha7ce6tt2@gmail.com'],
    ];
    for (const [from, text, address] of lures) {
      const found = (await check({ from, text })).findings.find((f) => f.code === 'CONTENT_CONTACT_FREEMAIL');
      assert.ok(found, text);
      assert.match(found.message.en, new RegExp(address!.replace(/\./g, '\\.')));
      assert.ok(text!.includes(found.evidence[0]!.value), found.evidence[0]!.value);
    }
  });

  it('not for the sender’s own account, the reader’s address, a company address or a quoted thread', async () => {
    const quiet = [
      { from: 'Jane <jane.doe@gmail.com>', text: 'Write to me at jane.doe@gmail.com when you are back.' },
      { from: 'Shop <news@shop-news.jp>', headers: { 'Delivered-To': 'member@gmail.com' }, text: 'This e-mail was sent to member@gmail.com. Reply to member@gmail.com settings any time.' },
      { from: 'Shop <news@shop-news.jp>', text: 'Questions? Contact support@shop-news.jp.' },
      { from: 'Bob <bob@linux.ie>', text: 'Agreed.\n\nOn Mon, 2 Sep 2002, Alice <alice@yahoo.com> wrote:\n> patch attached' },
    ];
    for (const mail of quiet) assert.ok(!codes(await check(mail)).includes('CONTENT_CONTACT_FREEMAIL'), mail.text);
  });
});

describe('a From header with the name detached from the mailbox', () => {
  const mailFrom = (from: string) => `From: ${from}\r\nTo: member@example.jp\r\nSubject: Nous voulons soutenir nos clients!\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n`;

  it('judges the real mailbox after the comma, not the quoted text mail programs show', async () => {
    const report = await engine.checkMail(mailFrom('"Notification@uber.com", <eglantine@news.meteocity.example.com>'));
    const found = report.findings.find((f) => f.code === 'SENDER_DETACHED_NAME');
    assert.ok(found, codes(report).join());
    assert.equal(found.evidence[0]!.value, '"Notification@uber.com", <eglantine@news.meteocity.example.com>');
    assert.match(found.message.en, /"Notification@uber\.com".*eglantine@news\.meteocity\.example\.com/);
    // The quoted text is an address elsewhere: shown as the sender, it hides the real one.
    assert.ok(codes(report).includes('SENDER_NAME_HAS_OTHER_ADDRESS'), codes(report).join());
    assert.notEqual(report.verdict, 'unverified');
  });

  it('a plain name detached the same way is still the trick, and the real mailbox is judged', async () => {
    const report = await engine.checkMail(mailFrom('"Lainavinkkejä", <info@asiakas.telia.example.com>'));
    assert.ok(codes(report).includes('SENDER_DETACHED_NAME'), codes(report).join());
    assert.ok(!codes(report).includes('SENDER_MISSING_FROM'));
  });

  it('not for a quoted name with a comma inside it, nor for an ordinary From', async () => {
    for (const from of ['"Smith, John" <john.smith@example.com>', 'John Smith <john.smith@example.com>', 'john.smith@example.com']) {
      const report = await engine.checkMail(mailFrom(from));
      assert.ok(!codes(report).includes('SENDER_DETACHED_NAME'), from);
    }
  });
});
