// Shops for cybercrime goods: hacked servers and logins, stolen cards, spamming tools. Each
// phrase is tried on texts written here, with the ordinary sentences near them (hosting notices,
// sysadmin talk, bank warnings) that must not count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDetector } from '../../src/detectors/content.ts';
import { codes, facts, run } from './helpers.ts';

async function found(text: string, subject = ''): Promise<string[]> {
  return codes(await run(contentDetector, facts({ subject, text, links: [] })));
}

async function assertFinds(code: string, texts: string[]): Promise<void> {
  for (const text of texts) assert.ok((await found(text)).includes(code), `${code} expected: ${text}`);
}

async function assertNot(code: string, texts: string[]): Promise<void> {
  for (const text of texts) assert.ok(!(await found(text)).includes(code), `${code} not expected: ${text}`);
}

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
      (await found('', 'New stock just in! Powerful Cards/cPanels/Shells, Strong SMTPs/Mailers, Fresh RDPs/SSH, Recent Leads')).includes('CONTENT_CRIME_SHOP'),
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
