// The shipped brand profiles: they load, the JPCERT label map points at them, and their names
// and official domains do not make well-known unrelated sites look like a brand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { relateHost } from '../../src/brand/lookalike.ts';
import { parseUrl } from '../../src/message/url.ts';
import { engine, profiles } from './helpers.ts';

describe('brand profiles', () => {
  it('ships MI Card first and at least 30 more brands', () => {
    assert.equal(profiles[0]?.id, 'micard');
    assert.ok(profiles.length >= 31, `${profiles.length} profiles`);
  });

  it('maps every JPCERT label in eval/brand-labels.yaml to a profile that exists', () => {
    const labels = parseYaml(readFileSync(new URL('../../eval/brand-labels.yaml', import.meta.url), 'utf8')) as Record<string, string>;
    const ids = new Set(profiles.map((p) => p.id));
    for (const [label, id] of Object.entries(labels)) assert.ok(ids.has(id), `${label} → ${id}`);
  });

  it("relates each brand's official domains to the brand itself", () => {
    for (const profile of profiles) {
      for (const domain of profile.officialDomains) {
        const relation = relateHost(parseUrl(`https://www.${domain}/`)!, profiles);
        assert.equal(relation?.kind, 'official', `${profile.id}: ${domain} → ${relation?.kind}`);
      }
    }
  });

  it('knows the brands most reported to JPCERT/CC that lacked a profile', async () => {
    for (const [url, brand, verdict] of [
      ['https://direct.smtb.jp.login-check.top/', 'smtb', 'phishing'],
      ['https://gmo-aozora.bank-verify.com/', 'gmo-aozora', 'phishing'],
      ['https://oricocard-login.com/', 'orico', 'phishing'],
      ['https://plala-help.com/', 'plala', 'phishing'],
      ['https://netfllixe.cf/', 'netflix', 'phishing'],
      // A typo alone is one sign, not proof.
      ['https://mastercerd.com/', 'mastercard', 'suspicious'],
    ] as const) {
      const report = await engine.checkUrl(url);
      assert.equal(report.brand, brand, url);
      assert.equal(report.verdict, verdict, `${url}: ${report.findings.map((f) => f.code).join(',')}`);
    }
    for (const url of ['https://direct.smtb.jp/', 'https://bank.gmo-aozora.com/', 'https://my.orico.co.jp/eorico/', 'https://www.plala.or.jp/', 'https://www.netflix.com/login', 'https://www.mastercard.us/']) {
      assert.notEqual((await engine.checkUrl(url)).verdict, 'phishing', url);
    }
  });

  it('does not make well-known unrelated sites look like a brand', () => {
    for (const host of ['www.time.com', 'www.gofundme.com', 'www.globo.com', 'www.gstatic.com', 'www.hotmart.com', 'line.me', 'www.deposit.com', 'www.oricon.co.jp', 'www.netli.com']) {
      const relation = relateHost(parseUrl(`https://${host}/`)!, profiles);
      assert.equal(relation, undefined, `${host} → ${relation?.kind} ${relation?.profile.id}`);
    }
  });
});
