import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinProfiles, loadProfiles, parseProfile, ProfileError } from '../../src/profile/loader.ts';
import { createEngine } from '../../src/engine.ts';
import { parseWeights, defaultWeights } from '../../src/verdict/weights.ts';
import { buildMail } from '../helpers/build-mail.ts';

const dir = mkdtempSync(join(tmpdir(), 'kakunin-profile-'));
const exampleBank = `
id: example-bank
name: { ja: サンプル銀行, en: Example Bank }
aliases: [Example Bank, サンプル銀行, さんぷる銀行]
hostTokens: [examplebank]
officialDomains: [examplebank.co.jp]
officialHosts: [www.examplebank.co.jp]
sendingDomains: [examplebank.co.jp]
phones: [{ number: 0120-000-000, label: { ja: 窓口, en: Desk } }]
advice:
  contact: { ja: サンプル銀行（0120-000-000）へ, en: Call Example Bank (0120-000-000) }
`;

describe('profiles', () => {
  it('MI Card is the embedded default and carries the notice facts', () => {
    const micard = builtinProfiles()[0]!;
    assert.equal(micard.id, 'micard');
    assert.deepEqual(micard.officialHosts, ['www1.micard.co.jp', 'www2.micard.co.jp', 'www.micard.co.jp', 'faq.micard.co.jp']);
    assert.deepEqual(micard.dataEntryHosts, ['www1.micard.co.jp', 'www2.micard.co.jp']);
    assert.equal(micard.smime?.signerOrganization, 'MICARD Co.Ltd.');
    assert.equal(micard.smime?.issuerCommonName, 'Cybertrust Japan SureMail CA G4');
    assert.deepEqual(
      micard.phones.map((p) => p.number),
      ['0570-05-2211', '03-5273-6509'],
    );
    assert.equal(micard.loginUrl, 'https://www1.micard.co.jp/app/login');
  });

  it('a bad profile gets an error naming the field', () => {
    assert.throws(() => parseProfile('id: x\nname: { ja: a, en: b }\naliases: [ab]\nhostTokens: [abc]\nofficialDomains: [Bad_Domain]\n', 'bad.yaml'), (error: Error) => {
      assert.ok(error instanceof ProfileError);
      assert.match(error.message, /bad\.yaml: invalid profile: officialDomains\.0: must be a lower-case ASCII host name/);
      return true;
    });
    assert.throws(() => parseProfile('id: x\n', 'short.yaml'), /name: .*; aliases: /);
    assert.throws(() => parseProfile('id: [unclosed', 'broken.yaml'), /broken\.yaml: not valid YAML\/JSON/);
    assert.throws(() => parseProfile(`${exampleBank}\nsurprise: 1\n`, 'extra.yaml'), /Unrecognized key: "surprise"/);
  });

  it('--profile adds a brand; several profiles are active and the claimed one is worked out', async () => {
    const file = join(dir, 'bank.yaml');
    writeFileSync(file, exampleBank);
    const profiles = loadProfiles([file]);
    assert.ok(profiles.some((p) => p.id === 'micard'));
    const engine = createEngine({ profiles });
    const bank = await engine.checkMail(buildMail({ from: 'サンプル銀行 <info@bank-alert.example.com>', html: '<a href="https://examplebank.co.jp.zz.com/">ログイン</a>' }));
    assert.equal(bank.brand, 'example-bank');
    assert.equal(bank.verdict, 'phishing');
    assert.match(bank.advice.find((a) => a.key === 'contact')!.ja, /0120-000-000/);
    const mi = await engine.checkText('【エムアイカード】 https://micard.co.jp.zz.com/');
    assert.equal(mi.brand, 'micard');
  });

  it('a profile file with the same id overrides the built-in one', () => {
    const file = join(dir, 'micard.yaml');
    writeFileSync(file, exampleBank.replace('id: example-bank', 'id: micard'));
    const profiles = loadProfiles([file]);
    assert.equal(profiles.filter((p) => p.id === 'micard').length, 1);
    assert.equal(profiles.find((p) => p.id === 'micard')!.name.en, 'Example Bank');
  });

  it('JSON profiles load too', () => {
    const profile = parseProfile(JSON.stringify({ id: 'j', name: { ja: 'ジェイ', en: 'Jay' }, aliases: ['Jay Card'], hostTokens: ['jaycard'], officialDomains: ['jay.example'] }), 'j.json');
    assert.equal(profile.id, 'j');
  });
});

describe('weights', () => {
  it('are configurable per code, and a file with a bad code is rejected with its name', async () => {
    const override = parseWeights('LINK_SHORTENER: { score: 75, atLeast: phishing }\n', 'w.yaml');
    const engine = createEngine({ weights: new Map([...defaultWeights(), ...override]) });
    // In a text, a shortener alone is a habit, not a verdict; the override makes it decisive.
    assert.equal((await engine.checkText('see https://bit.ly/x')).verdict, 'phishing');
    assert.equal((await createEngine().checkText('see https://bit.ly/x')).verdict, 'unverified');
    assert.throws(() => parseWeights('lower_case: 3\n', 'bad.yaml'), /bad\.yaml: invalid weights: lower_case/);
  });

  it('every code a detector can emit has a weight', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const weights = defaultWeights();
    const srcDir = join(import.meta.dirname, '../../src/detectors');
    for (const file of readdirSync(srcDir)) {
      const text = readFileSync(join(srcDir, file), 'utf8');
      for (const [, code] of text.matchAll(/^\s{2}([A-Z][A-Z0-9_]+): \{\n\s+severity/gm)) assert.ok(weights.has(code!), `${file}: ${code} has no weight`);
    }
  });
});
