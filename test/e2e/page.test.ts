// The member's checker page in real headless Chromium, used as a person would: paste a mail,
// upload an .eml, paste an SMS or a link, switch to English, use only the keyboard, and paste
// a mail full of script payloads. Screenshots of each state at phone and desktop widths go
// to artifacts/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createEngine, type Engine } from '../../src/engine.ts';
import { InputError } from '../../src/errors.ts';
import { fixture, fixtureText, startServer, type Running } from '../server/helpers.ts';
import { DESKTOP, HAVE_CHROMIUM, launch, openPage, PHONE, screenshot, type Watched } from './browser.ts';

const FAKE_HOST = 'www2.micard.co.jp.xyzabc.com';
const skip = HAVE_CHROMIUM ? false : 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)';

async function submitPaste(page: Page, text: string): Promise<number> {
  await page.fill('#paste', text);
  const started = Date.now();
  await page.click('#check');
  await page.waitForSelector('#result .verdict, #result .error');
  return Date.now() - started;
}

async function verdictText(page: Page): Promise<string> {
  return (await page.locator('#result .verdict-label').first().innerText()).trim();
}

/** Nothing ran, nothing was asked of another origin, and the console stayed clean. */
function assertQuiet(w: Watched) {
  assert.deepEqual(w.dialogs, [], 'no dialog opened');
  assert.deepEqual(w.foreign, [], 'no request left the page');
  assert.deepEqual(w.errors, [], 'no console or page errors');
}

describe('checker page in Chromium', { skip }, () => {
  let server: Running;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    test(`${width}: paste a phishing mail's source → phishing, with the fake host marked and the shown text beside it`, async (t) => {
      const w = await openPage(browser, server.base, viewport);
      try {
        const { page } = w;
        assert.equal(await page.getAttribute('html', 'lang'), 'ja');
        await screenshot(page, `${width}-empty`);
        const ms = await submitPaste(page, fixtureText('phishing-micard.eml'));
        assert.ok(ms < 1_000, `result shown in ${ms} ms`);
        t.diagnostic(`result shown ${ms} ms after the click`);
        assert.equal(await verdictText(page), 'フィッシングの可能性が高い');
        // Screen readers hear that it is the verdict; focus lands on it.
        assert.equal(await page.locator('#result .verdict .sr-only').first().innerText(), '判定結果：');
        assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('verdict')), true);
        assert.match(await page.locator('#result .brand').first().innerText(), /エムアイカード/);
        const marked = await page.locator('#result .findings mark.host').allInnerTexts();
        assert.ok(marked.includes(FAKE_HOST), `marked hosts: ${marked.join(', ')}`);
        const shown = await page.locator('#result .findings code.shown').allInnerTexts();
        assert.ok(shown.includes('https://www2.micard.co.jp/'));
        const result = await page.locator('#result').innerText();
        assert.match(result, /https:\/\/www2\.micard\.co\.jp\.xyzabc\.com\/login/);
        assert.match(result, /0570-05-2211/);
        assert.match(result, /03-5273-6509/);
        assert.match(result, /フィッシング110番/);
        // Links in results are text: not one anchor in the result.
        assert.equal(await page.locator('#result a').count(), 0);
        await screenshot(page, `${width}-phishing`);
        assertQuiet(w);
      } finally {
        await w.context.close();
      }
    });
  }

  test('upload (choose or drop) a forwarded mail as an .eml file → the original is judged and the file named', async () => {
    const w = await openPage(browser, server.base, PHONE);
    try {
      const { page } = w;
      await page.setInputFiles('#file', { name: 'forwarded-phishing.eml', mimeType: 'message/rfc822', buffer: Buffer.from(fixture('forwarded-phishing.eml')) });
      assert.match(await page.locator('#file-name').innerText(), /forwarded-phishing\.eml/);
      await page.click('#check');
      await page.waitForSelector('#result .verdict');
      assert.equal(await verdictText(page), 'フィッシングの可能性が高い');
      const result = await page.locator('#result').innerText();
      assert.match(result, /forwarded-phishing\.eml/);
      assert.match(result, /転送されたメールの中の元のメールを確認しました/);
      assert.ok((await page.locator('#result mark.host').allInnerTexts()).includes(FAKE_HOST));
      await screenshot(page, 'phone-upload');

      // Dropping the file on the box works the same, and the browser does not open the file.
      await page.click('#again');
      const bytes = [...fixture('forwarded-phishing.eml')];
      const transfer = await page.evaluateHandle((data) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], 'dropped.eml', { type: 'message/rfc822' }));
        return dt;
      }, bytes);
      await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
      assert.match(await page.locator('#file-name').innerText(), /dropped\.eml/);
      await page.click('#check');
      await page.waitForSelector('#result .verdict');
      assert.match(await page.locator('#result .summary').first().innerText(), /dropped\.eml/);
      assert.equal(new URL(page.url()).pathname, '/');
      assertQuiet(w);
    } finally {
      await w.context.close();
    }
  });

  test('paste an SMS → judged as SMS text, the fake link marked', async () => {
    for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      const w = await openPage(browser, server.base, viewport);
      try {
        const { page } = w;
        await submitPaste(page, fixtureText('sms-micard.txt'));
        assert.ok(['フィッシングの可能性が高い', '注意'].includes(await verdictText(page)));
        assert.match(await page.locator('#result .summary').first().innerText(), /SMS・本文/);
        assert.ok((await page.locator('#result mark.host').allInnerTexts()).includes('micard-jp.xyzabc.com'));
        await screenshot(page, `${width}-sms`);
        assertQuiet(w);
      } finally {
        await w.context.close();
      }
    }
  });

  test('paste links, one per line → one result per link', async () => {
    const w = await openPage(browser, server.base, DESKTOP);
    try {
      const { page } = w;
      await submitPaste(page, 'https://www2.micard.co.jp.xyzabc.com/login\nhttps://www.micard.co.jp/\n');
      await page.waitForSelector('#result .report >> nth=1');
      const verdicts = await page.locator('#result .verdict-label').allInnerTexts();
      assert.equal(verdicts.length, 2);
      assert.match(verdicts[0]!, /フィッシングの可能性が高い/);
      assert.doesNotMatch(verdicts[1]!, /フィッシング|注意/);
      await screenshot(page, 'desktop-urls');
      assertQuiet(w);
    } finally {
      await w.context.close();
    }
  });

  test('switch to English: the page and the result change language, and the choice is remembered', async () => {
    const w = await openPage(browser, server.base, PHONE);
    try {
      const { page } = w;
      await submitPaste(page, fixtureText('phishing-micard.eml'));
      await page.click('#lang');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await verdictText(page), 'Likely phishing');
      assert.equal(await page.locator('label[for="paste"]').innerText(), "Paste a mail's source or text, an SMS, or a link");
      assert.equal(await page.locator('#check').innerText(), 'Check');
      const result = await page.locator('#result').innerText();
      assert.match(result, /really goes to another site, www2\.micard\.co\.jp\.xyzabc\.com/);
      assert.match(result, /lost\/stolen card desk \(03-5273-6509, 24 hours\)/);
      assert.match(await page.title(), /genuine/);
      await screenshot(page, 'phone-english');
      await page.setViewportSize(DESKTOP);
      await screenshot(page, 'desktop-english');

      await page.reload();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.locator('#check').innerText(), 'Check');
      await page.click('#lang');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      assert.equal(await page.locator('#check').innerText(), '確認する');
      assertQuiet(w);
    } finally {
      await w.context.close();
    }
  });

  test('the keyboard path: skip link, paste, submit with Enter, focus on the verdict, language switch', async () => {
    const w = await openPage(browser, server.base, PHONE);
    try {
      const { page } = w;
      const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName);
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'skip');
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'paste');
      await page.keyboard.insertText(fixtureText('sms-micard.txt'));
      // Tab on to the submit button (file input, then the button); bounded so a trap fails the test.
      for (let i = 0; i < 5 && (await focused()) !== 'check'; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), 'check');
      // The focus ring is visible.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      assert.notEqual(outline, 'none');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#result .verdict');
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('verdict')), true);
      // "Check another" is reachable and puts the focus back in the text box.
      for (let i = 0; i < 20 && (await focused()) !== 'again'; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), 'again');
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'paste');
      assert.equal(await page.inputValue('#paste'), '');
      assert.equal(await page.isHidden('#result'), true);
      // The language switch is a real button: Shift+Tab back to it, Space toggles it.
      for (let i = 0; i < 5 && (await focused()) !== 'lang'; i++) await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(), 'lang');
      await page.keyboard.press('Space');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assertQuiet(w);
    } finally {
      await w.context.close();
    }
  });

  test('every form control has a label and text meets WCAG AA contrast', async () => {
    const w = await openPage(browser, server.base, PHONE);
    try {
      const { page } = w;
      await submitPaste(page, fixtureText('phishing-micard.eml'));
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, textarea, select, button')]
          .filter((el) => !(el as HTMLElement).hidden)
          .filter((el) => {
            const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim());
            return !labelled;
          })
          .map((el) => el.outerHTML),
      );
      assert.deepEqual(unlabelled, []);
      const ratios = await page.evaluate(() => {
        const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const c = [r!, g!, b!].map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
        };
        const background = (el: Element | null): string => {
          for (; el; el = el.parentElement) {
            const bg = getComputedStyle(el).backgroundColor;
            if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
          }
          return 'rgb(255, 255, 255)';
        };
        const selectors = ['body', '.hint', 'label', '#check', '.lang', '.verdict', '.verdict-note', '.finding-text', '.ev-label', 'mark.host', '.sev', '.privacy', '.summary dt'];
        return selectors.map((selector) => {
          const el = document.querySelector(selector)!;
          const a = lum(rgb(getComputedStyle(el).color));
          const b = lum(rgb(background(el)));
          return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
        });
      });
      for (const { selector, ratio } of ratios) assert.ok(ratio >= 4.5, `${selector}: contrast ${ratio.toFixed(2)}`);
      assertQuiet(w);
    } finally {
      await w.context.close();
    }
  });

  test('a mail carrying <script>, onerror= and javascript: payloads shows them as inert text', async () => {
    for (const [width, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      const w = await openPage(browser, server.base, viewport);
      try {
        const { page } = w;
        const probe = () => page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null);
        // Pasted as source …
        await submitPaste(page, fixtureText('xss.eml'));
        const result = page.locator('#result');
        const text = await result.innerText();
        assert.match(text, /<script>window\.__xss='subject';alert\('subject'\)<\/script> MI Card/, 'the subject is shown literally');
        assert.match(text, /<img src=x onerror=alert\('from'\)>/, 'the sender name is shown literally');
        assert.equal(await result.locator('script, img, iframe, svg, a, form, input, object, embed, style').count(), 0);
        assert.equal(await result.locator('[onerror], [onclick], [onload], [onmouseover], [href], [src]').count(), 0);
        await page.waitForTimeout(300);
        assert.equal(await probe(), null, 'no payload ran');
        await screenshot(page, `${width}-xss`);
        // … and uploaded as a file.
        await page.click('#again');
        await page.setInputFiles('#file', { name: 'xss.eml', mimeType: 'message/rfc822', buffer: Buffer.from(fixture('xss.eml')) });
        await page.click('#check');
        await page.waitForSelector('#result .verdict');
        assert.equal(await result.locator('script, img, iframe, svg, a, form').count(), 0);
        // Hover and click every result element a payload might have turned into a trigger.
        await result.locator('details.links summary').click();
        for (const el of await result.locator('.findings code, .findings mark, .summary dd, .links code').all()) {
          await el.hover();
          await el.click();
        }
        await page.waitForTimeout(300);
        assert.equal(await probe(), null, 'no payload ran');
        assert.ok(w.requests.every((url) => url.startsWith(`${server.base}/`)), 'the tracker pixel was never requested');
        assertQuiet(w);
      } finally {
        await w.context.close();
      }
    }
  });

  test('a paste that looks like a mail source but is refused as one is checked as text, and the page says so', async () => {
    const real = createEngine();
    const strict: Engine = {
      ...real,
      checkMail: async () => {
        throw new InputError('not-a-mail', 'the input does not start with mail headers');
      },
    };
    const other = await startServer({ engine: strict });
    const w = await openPage(browser, other.base, PHONE);
    try {
      const { page } = w;
      await submitPaste(page, 'From: 友人\nTo: 私\n\nエムアイカードから https://www2.micard.co.jp.xyzabc.com/login が届きました');
      assert.match(await page.locator('#result .note').first().innerText(), /本文として確認しました/);
      assert.match(await page.locator('#result .summary').first().innerText(), /SMS・本文/);
      assert.ok((await page.locator('#result mark.host').allInnerTexts()).includes(FAKE_HOST));
      // The browser logs the refused first attempt (HTTP 422) itself; nothing else may appear.
      assert.ok(w.errors.every((e) => /status of 422/.test(e)), w.errors.join('\n'));
      w.errors.length = 0;
      assertQuiet(w);
    } finally {
      await w.context.close();
      await other.close();
    }
  });

  test('errors are explained in plain words: empty input, and a refused file', async () => {
    const w = await openPage(browser, server.base, PHONE);
    try {
      const { page } = w;
      await page.click('#check');
      await page.waitForSelector('#result .error');
      assert.match(await page.locator('#result .error').innerText(), /何も入力されていません/);
      await page.setInputFiles('#file', { name: 'picture.eml', mimeType: 'message/rfc822', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
      await page.click('#check');
      // Checking clears the first error at once; the server's answer then shows the new one.
      await page.locator('#result .error', { hasText: 'メールのファイルではないようです' }).waitFor();
      assert.match(await page.locator('#result .error').innerText(), /メールのファイルではないようです/);
      assert.doesNotMatch(await page.locator('#result').innerText(), /何も入力されていません/);
      assert.equal(await page.getAttribute('#result .error', 'role'), 'alert');
      await screenshot(page, 'phone-error');
      // The browser logs the refused request (HTTP 422) itself; nothing else may appear.
      assert.ok(w.errors.every((e) => /status of 422/.test(e)), w.errors.join('\n'));
      w.errors.length = 0;
      assertQuiet(w);
    } finally {
      await w.context.close();
    }
  });
});
