// A bare URL's brand claim: claimBrand answers "no brand" early for URLs whose host relates to no
// brand; the report must still carry exactly the claim of the full search.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimBrand } from '../../src/brand/claim.ts';
import { createEngine } from '../../src/engine.ts';
import { urlFacts } from '../../src/message/text.ts';
import { loadProfiles } from '../../src/profile/loader.ts';
import { hasData, jpcertRows } from '../../eval/datasets.ts';

const profiles = loadProfiles();
const engine = createEngine({ profiles, now: new Date('2026-06-01T00:00:00Z') });

async function assertSameClaim(url: string) {
  const claim = claimBrand(urlFacts(url), profiles);
  const report = await engine.checkUrl(url);
  assert.equal(report.brand, claim?.profile.id ?? null, url);
  assert.deepEqual(report.claimedBy, claim?.seen ?? [], url);
}

describe('the brand claim of a bare URL', () => {
  it("is claimBrand's answer for official, imitating, decoy and unrelated hosts", async () => {
    const urls = [
      'https://www.micard.co.jp/',
      'https://www2.micard.co.jp.xyzabc.com/login',
      'https://micard-support.example.com/',
      'https://rnicard.co.jp/',
      'https://www1.micard.co.jp@login.example.net/app/login',
      'https://user:secret@www.example.com/',
      'https://www.amazon.co.jp@micard.co.jp.evil.cn/',
      'https://@example.org/',
      'https://www.google.com/url?q=https://micard.co.jp.xyz.com/',
      'hxxps://aeon.co.jp.random.cn/',
      'https://www.mlcard.xyzabc.com/',
      'https://etc-meisai-update.xyzabc.com/',
      'https://www.rypprjn.cn/',
      'https://www.wikipedia.org/',
      'not a url',
      '',
    ];
    for (const url of urls) await assertSameClaim(url);
  });

  it("is claimBrand's answer for reported phishing URLs", { skip: !hasData() && 'no ../shared/data' }, async () => {
    let n = 0;
    for (const row of jpcertRows()) {
      if (n++ % 50 !== 0) continue;
      await assertSameClaim(row.url);
      if (n >= 100_000) break;
    }
  });

  it('names the brand that a label in front of another domain imitates or names, with its advice', async () => {
    for (const [url, brand] of [
      ['https://www.mlcard.xyzabc.com/', 'micard'],
      ['https://amaozn.xhszb.com/', 'amazon'],
      ['https://etc.xyzabc.com/', 'etc-meisai'],
    ] as const) {
      const report = await engine.checkUrl(url);
      assert.equal(report.brand, brand, url);
      assert.deepEqual(report.claimedBy, [{ source: 'host', text: new URL(url).host }], url);
      assert.equal(report.verdict, 'phishing', `${url}: ${report.findings.map((f) => f.code).join(',')}`);
    }
    const micard = await engine.checkUrl('https://www.mlcard.xyzabc.com/');
    assert.ok(micard.advice.some((advice) => advice.ja.includes('0570-05-2211')), 'MI Card advice names its call centre');
    // A word that is part of a brand's name (`cloud` of icloud) names no brand.
    assert.equal((await engine.checkUrl('https://cloud.example.com/')).brand, null);
  });
});
