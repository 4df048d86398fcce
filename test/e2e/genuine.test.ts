// A genuine MI Card mail, S/MIME-signed through a test PKI shaped like the issuer's, pasted
// into the page: the verdict is 本物 and the signer and the CA are shown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { signMail } from '../../src/auth/smime-sign.ts';
import { DETECTORS } from '../../src/detectors/index.ts';
import { mailAuthDetector } from '../../src/detectors/mail-auth.ts';
import { smimeDetector } from '../../src/detectors/smime.ts';
import { createEngine } from '../../src/engine.ts';
import { noticeMail } from '../auth/mails.ts';
import { createPki, ISSUER_CA_NAME, SIGNER_ORG, TEST_NOW, type Pki } from '../auth/pki.ts';
import { startServer, type Running } from '../server/helpers.ts';
import { DESKTOP, HAVE_CHROMIUM, launch, openPage, PHONE, screenshot } from './browser.ts';

const skip = HAVE_CHROMIUM ? false : 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)';

describe('a signed genuine mail in Chromium', { skip }, () => {
  let pki: Pki;
  let server: Running;
  let browser: Browser;
  let mail: string;
  before(async () => {
    pki = await createPki();
    const signed = await signMail({ cert: pki.signer.certPem, key: pki.signer.keyPem, chain: [pki.intermediate.certPem], mail: noticeMail(), signingTime: TEST_NOW });
    mail = Buffer.from(signed).toString('latin1');
    // The authenticity detectors are added by name, whether or not the default set has them yet.
    const detectors = [...new Map([...DETECTORS, smimeDetector, mailAuthDetector].map((d) => [d.name, d])).values()];
    server = await startServer({ engine: createEngine({ detectors, now: TEST_NOW, auth: { trustAnchorFiles: [pki.root.certFile] } }) });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    pki?.cleanup();
  });

  for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    test(`${width}: 本物, with the signer and the CA named`, async () => {
      const w = await openPage(browser, server.base, viewport);
      try {
        const { page } = w;
        await page.fill('#paste', mail);
        await page.click('#check');
        await page.waitForSelector('#result .verdict');
        assert.equal((await page.locator('#result .verdict-label').innerText()).trim(), '本物');
        const auth = await page.locator('#result .auth').innerText();
        assert.match(auth, /S\/MIME電子署名\s+有効/);
        assert.ok(auth.includes(SIGNER_ORG), auth);
        assert.ok(auth.includes(ISSUER_CA_NAME), auth);
        assert.match(await page.locator('#result .findings').innerText(), /署名者: MICARD Co\.Ltd\./);
        await screenshot(page, `${width}-genuine`);
        await page.click('#lang');
        assert.equal((await page.locator('#result .verdict-label').innerText()).trim(), 'Genuine');
        assert.match(await page.locator('#result .auth').innerText(), /S\/MIME signature\s+valid/);
        assert.deepEqual(w.dialogs, []);
        assert.deepEqual(w.foreign, []);
        assert.deepEqual(w.errors, []);
      } finally {
        await w.context.close();
      }
    });
  }
});
