// Evidence from the content and phone detectors, as the member sees it: the urgency phrase
// and the phone number that is not the issuer's are marked in the result, in both languages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { contentDetector } from '../../src/detectors/content.ts';
import { DETECTORS } from '../../src/detectors/index.ts';
import { phonesDetector } from '../../src/detectors/phones.ts';
import { createEngine } from '../../src/engine.ts';
import { fixtureText, startServer, type Running } from '../server/helpers.ts';
import { DESKTOP, HAVE_CHROMIUM, launch, openPage, PHONE, screenshot } from './browser.ts';

const skip = HAVE_CHROMIUM ? false : 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)';

describe('phrase and phone evidence in Chromium', { skip }, () => {
  let server: Running;
  let browser: Browser;
  before(async () => {
    // Added by name, whether or not the default detector set has them yet.
    const detectors = [...new Map([...DETECTORS, contentDetector, phonesDetector].map((d) => [d.name, d])).values()];
    server = await startServer({ engine: createEngine({ detectors }) });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    test(`${width}: the urgency phrase and the unofficial phone number are marked`, async () => {
      const w = await openPage(browser, server.base, viewport);
      try {
        const { page } = w;
        await page.fill('#paste', fixtureText('phishing-micard.eml'));
        await page.click('#check');
        await page.waitForSelector('#result .verdict');
        assert.equal((await page.locator('#result .verdict-label').innerText()).trim(), 'フィッシングの可能性が高い');
        const phrases = await page.locator('#result mark.phrase').allInnerTexts();
        assert.ok(phrases.includes('24時間以内に'), phrases.join(', '));
        assert.deepEqual(await page.locator('#result mark.phone').allInnerTexts(), ['050-3852-7714']);
        // The official numbers are in the advice, set apart from the fake one.
        const tels = await page.locator('#result .advice .tel').allInnerTexts();
        assert.ok(tels.includes('0570-05-2211') && tels.includes('03-5273-6509'), tels.join(', '));
        await screenshot(page, `${width}-evidence`);
        await page.click('#lang');
        assert.deepEqual(await page.locator('#result mark.phone').allInnerTexts(), ['050-3852-7714']);
        assert.deepEqual(w.dialogs, []);
        assert.deepEqual(w.foreign, []);
        assert.deepEqual(w.errors, []);
      } finally {
        await w.context.close();
      }
    });
  }
});
