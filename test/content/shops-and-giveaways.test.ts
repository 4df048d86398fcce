// Shops for cybercrime goods, coin giveaways and crypto donation begging, and gift-card
// giveaways in Dutch and its neighbours. Each phrase is tried on texts written here, with the
// ordinary sentences near them (hosting notices, sysadmin talk, bank warnings, exchange
// statements, store newsletters) that must not count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFinds, assertNot, contentCodes } from './helpers.ts';

describe('shops selling cybercrime goods', () => {
  it('finds the shop adjectives before the plural goods', async () => {
    await assertFinds('CONTENT_CRIME_SHOP', [
      'Restocked today: Fresh cPanels/Shells, Strong SMTPs and Cheap RDPs for every buyer.',
      'Powerful Cards/cPanels and inboxing webmails, all checked before delivery.',
      'We only sell hacked SMTPs that deliver to the inbox.',
      'Cracked combolists updated every week.',
    ]);
  });

  it('finds goods only criminals sell, next to a price', async () => {
    await assertFinds('CONTENT_CRIME_SHOP', [
      'Price list: Bank Logins ( 10$ / 200$ ), everything delivered within minutes.',
      'Card / CVV ( 4$ / 80$ ) with billing address.',
      'Combo list - 12$ (pick the target), refund if invalid.',
      'PHPMailer ( 6$ ) ready to upload.',
      'Office 365 logins - $3 each, webmail logins - 4$.',
      'Fullz $15 with date of birth and SSN.',
    ]);
  });

  it('finds two of the dual-use goods priced in one list', async () => {
    await assertFinds('CONTENT_CRIME_SHOP', [
      'Best quality tools: cPanel - 7$ (choose your domain) | Office 365 - 3$ | SMTP - 3$ (20K limit)',
      'Shell ( 2$ ) · RDP ( 6$ ) · WHM ( 12$ )',
    ]);
  });

  it('finds the carders’ words for their shop and their spamming tools', async () => {
    await assertFinds('CONTENT_CRIME_SHOP', [
      'Our market has every spamming tool you need.',
      'Best CVV shop online, new bases daily.',
      'Dumps with PIN, track 1 and 2.',
      'CVV/fullz updated hourly.',
      'Fresh SMTPs for sale, inbox guaranteed.',
    ]);
  });

  it('reads the shop from the subject alone', async () => {
    assert.ok(
      (await contentCodes('', 'New stock just in! Powerful Cards/cPanels/Shells, Strong SMTPs/Mailers, Fresh RDPs/SSH, Recent Leads')).includes('CONTENT_CRIME_SHOP'),
    );
  });

  it('does not count hosting notices, sysadmin talk, plans with a monthly price, or a bank’s CVV warning', async () => {
    await assertNot('CONTENT_CRIME_SHOP', [
      'Your cPanel password was reset. If you did not request this, contact support.',
      'Please update the SMTP relay settings on your mail server before Friday.',
      'The RDP gateway will be down for maintenance tonight; SSH access is unaffected.',
      'I had two shells open and the second one lost its environment variables.',
      'Shared hosting with cPanel - $4.99/month, SSH - $2 per month, RDP - $10/mo.',
      'Office 365 - $6 per user per month. cPanel - $15.99/month.',
      'cPanel licence: $15.99, billed annually.',
      'Never share your CVV or card number with anyone, not even our staff.',
      'Enter the card number / CVV on the secure payment page.',
      'We took fresh dumps of the production database before the upgrade.',
      'Our anti-spamming tools block most junk before it reaches you.',
      'Sea shells for sale at the market, $2 each.',
      'Fresh leads for your sales team every Monday.',
      'Cheap SMTP relay for your transactional mail.',
    ]);
  });
});

describe('coin giveaways and crypto donation begging', () => {
  it('finds free coins to accept or claim', async () => {
    await assertFinds('CONTENT_CRYPTO_LURE', [
      '🔴 ACCEPT YOUR FREE BTC >> open the form',
      'Claim your free ETH before the pool runs dry.',
      'Your account has accumulated free Ethereum.',
      'There are many ways to earn free bitcoin every day.',
      'The biggest Bitcoin giveaway of the year starts now.',
    ]);
  });

  it('finds donation begging in coins', async () => {
    await assertFinds('CONTENT_CRYPTO_LURE', [
      'Help the victims of the flood with BTC, ETH, USDT and other cryptocurrencies.',
      'Donate to the relief fund with Bitcoin, Ethereum or Solana.',
      'Bitcoin (BTC) Donation: bc1qexampleexampleexampleexampleexample',
      'Ethereum donation: 0x00000000000000000000000000000000000000aa',
      'Please send whatever you can to this wallet: the children are waiting.',
      'Send your gift to the following BTC wallet address.',
    ]);
  });

  it('does not count news about prices, an exchange’s statement, or free withdrawals', async () => {
    await assertNot('CONTENT_CRYPTO_LURE', [
      'Bitcoin rose 4% to $61,000 on Tuesday, while Ether fell slightly.',
      'You received 0.01 BTC from an external address. It is now in your account.',
      'Get free BTC withdrawals all week with our new fee plan.',
      'Earn free crypto courses on our learning platform.',
      'Send the signed contract to this address: 1 Main Street, Springfield.',
      'Donations by bank transfer help us keep the shelter open.',
      'Our support team can help you with Bitcoin deposits.',
      // A shop or an exchange taking coins asks for no donation.
      'We now support payments in BTC, ETH and USDT.',
      'Save on fees with BTC, ETH or SOL.',
    ]);
  });
});

describe('gift-card and survey giveaways', () => {
  it('finds the Dutch gift-card giveaway, even with the word broken up', async () => {
    await assertFinds('CONTENT_PRIZE_LURE', [
      'Win een Supermarkt Cadeaukaart!',
      'Win vandaag nog een.Webwinkel-Cadeaukaart van €250',
      'Win een OV-cadeaukaart en reis gratis door het land.',
      'Als dank maak je kans op een cadeaukaart t.w.v. €250.',
      'Jouw kans op een drogisterij cadeaukaart van €250',
      'Dan maak je ook nog eens kans op een Webshop.nl Cadeaubon twv €250,-',
      'Wij verloten meerdere cadeaukaarten onder de deelnemers.',
      'Wij verloten we meerdere Supermarkt c.adeaukaarten',
      'Geef jouw mening en win!',
      'Doe mee en win een weekendje weg.',
      'Vul onze enquête in en win nu 250 euro!',
      'Doe nu mee met onze exclusieve winactie en maak kans op mooie prijzen!',
      'IK WIL WINNEN',
      'Speel mee en win direct fantastische prijzen!',
    ]);
  });

  it('finds the same giveaway in French, Spanish and Portuguese', async () => {
    await assertFinds('CONTENT_PRIZE_LURE', [
      'Tentez de gagner une carte cadeau de 500 €.',
      'Des chèques-cadeaux à gagner chaque semaine !',
      'Participa y gana una tarjeta regalo de 300 €.',
      'Responda e concorra a um vale-presente de R$ 500.',
    ]);
  });

  it('does not count buying a gift card, a win-win, news about a lottery, or chances of rain', async () => {
    await assertNot('CONTENT_PRIZE_LURE', [
      'Op zoek naar een cadeau? Je kunt bij ons een cadeaukaart kopen in elke winkel.',
      'Dit is een win-winsituatie voor iedereen.',
      'De staatsloterij trok gisteren de winnende lotnummers; de uitslag staat online.',
      'Morgen is er kans op regen in het zuiden.',
      'De kans op lange wachtlijsten neemt snel toe.',
      'Doe mee aan de cursus en win aan zelfvertrouwen.',
      'Dit seizoen willen we de beker winnen.',
      'Vous pouvez acheter une carte cadeau en magasin.',
      'Compre um vale-presente na loja.',
    ]);
  });
});
