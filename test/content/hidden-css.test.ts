// Text hidden by the mail's own style sheet, by white or see-through type and by the other ways
// mail HTML hides text. A phrase split by hidden junk must read as the phrase, the junk is
// recorded as hidden text, and the looks genuine mail has (white on a coloured button, one
// preheader, rules for phones or dark mode, responsive column wrappers) are not taken for hiding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHtml } from '../../src/message/html.ts';
import { buildMail } from '../helpers/build-mail.ts';
import { engine } from './helpers.ts';

const LINK = '<p><a href="https://notice-center.example/check">確認する</a></p>';

async function codesOf(html: string): Promise<string[]> {
  const report = await engine.checkMail(buildMail({ from: 'Support <support@notice-center.example>', subject: 'Notice', html }));
  return report.findings.map((f) => f.code);
}

/** What `<p>shown</p><span …>qzxv</span>` hides, under the sheet. */
function hiddenSpan(sheet: string, attributes = 'class="x"'): { text: string; hidden: { text: string; how: string }[] } {
  const read = readHtml(`<style>${sheet}</style><p>shown</p><span ${attributes}>qzxv</span>`, 10);
  return { text: read.text, hidden: read.hiddenText };
}

describe("text hidden by the mail's style sheet", () => {
  it('reads a Japanese lure whose 【重要】 and カード番号 are split by class-hidden junk as the unsplit lure', async () => {
    const plain = await codesOf(`<p>【重要】お客様のカード番号をご確認ください。</p>${LINK}`);
    const split = `<style>.x{display:none}</style><p>【重<span class="x">qz</span>要】お客様のカ<span class="x">7w</span>ード番<span class="x">pk</span>号をご確認ください。</p>${LINK}`;
    const codes = await codesOf(split);
    for (const code of ['CONTENT_URGENCY', 'CONTENT_SECRET_REQUEST']) {
      assert.ok(plain.includes(code), `unsplit: ${code}`);
      assert.ok(codes.includes(code), `split: ${code}`);
    }
    // Three hidden fragments are salting.
    assert.ok(codes.includes('CONTENT_HIDDEN_TEXT'));
    const read = readHtml(split, 10);
    assert.deepEqual(read.hiddenText, ['qz', '7w', 'pk'].map((text) => ({ text, how: 'display:none' })));
    assert.match(read.text, /【重要】お客様のカード番号をご確認ください。/);
    assert.doesNotMatch(read.text, /display|\.x/, 'the sheet itself is no text');
  });

  it('reads an English lure split the same way, whichever simple selector hides the junk', async () => {
    const plain = await codesOf(`<p>Please verify your account within 24 hours.</p>${LINK}`);
    assert.ok(plain.includes('CONTENT_ACCOUNT_VERIFY') && plain.includes('CONTENT_URGENCY'));
    const sheets: [sheet: string, how: string, attributes?: string][] = [
      ['.x{display:none}', 'display:none'],
      ['#j{font-size:0}', 'font-size:0', 'id="j"'],
      ['span.q{visibility:hidden}', 'visibility:hidden', 'class="q"'],
      ['b.q{display:none} .a,.x{opacity:0}', 'opacity:0'],
      ['q{display:none}', 'display:none', ''],
      ['@media screen{.x{display:none}}', 'display:none'],
      ['.x{display:none !important}', 'display:none', 'class="x" style="display:inline"'],
    ];
    for (const [sheet, how, attributes = 'class="x"'] of sheets) {
      const tag = attributes ? 'span' : 'q';
      const junk = (text: string) => `<${tag} ${attributes}>${text}</${tag}>`;
      const html = `<style>${sheet}</style><p>Please ver${junk('zx')}ify your acc${junk('qj')}ount with${junk('wv')}in 24 hours.</p>${LINK}`;
      const codes = await codesOf(html);
      for (const code of ['CONTENT_ACCOUNT_VERIFY', 'CONTENT_URGENCY', 'CONTENT_HIDDEN_TEXT']) assert.ok(codes.includes(code), `${sheet}: ${code}`);
      assert.deepEqual(readHtml(html, 10).hiddenText, ['zx', 'qj', 'wv'].map((text) => ({ text, how })), sheet);
    }
  });

  it('hides white, see-through, tiny, clipped, shrunk and off-screen type set by a class', () => {
    const hiding: [sheet: string, how: string][] = [
      ['.x{color:#fff}', 'white on white'],
      ['.x{color:#FFFFFF}', 'white on white'],
      ['.x{color:white}', 'white on white'],
      ['.x{color:#fefefe}', 'white on white'],
      ['.x{color:transparent}', 'color:transparent'],
      ['.x{color:rgba(0,0,0,0)}', 'color:transparent'],
      ['.x{color:#fefefe01}', 'color:transparent'],
      ['.x{opacity:0.01}', 'opacity:0'],
      ['.x{font-size:2px}', 'font-size:2px'],
      ['.x{font-size:0.1em}', 'font-size:2px'],
      ['.x{font:0/0 a}', 'font-size:0'],
      ['.x{position:absolute;clip:rect(0,0,0,0)}', 'clip'],
      ['.x{clip-path:inset(100%)}', 'clip-path'],
      ['.x{transform:scale(0)}', 'transform:scale(0)'],
      ['.x{position:absolute;left:-9999px}', 'off-screen'],
      ['.x{text-indent:-999em}', 'off-screen'],
      ['.x{max-height:0;overflow:hidden}', 'height:0'],
      ['.x{display:inline-block;width:0;overflow:hidden}', 'width:0'],
      ['.x{color:#336699;background-color:#336699}', 'colour of the background'],
    ];
    for (const [sheet, how] of hiding) assert.deepEqual(hiddenSpan(sheet), { text: 'shown', hidden: [{ text: 'qzxv', how }] }, sheet);
    // White type needs no sheet: the page a mail is read on is white.
    assert.deepEqual(readHtml('<p>shown</p><font color="#ffffff">qzxv</font>', 10).hiddenText, [{ text: 'qzxv', how: 'white on white' }]);
    for (const sheet of ['.x{font-size:3px}', '.x{font-size:0.5em}', '.x{color:#eeeeee}', '.x{opacity:0.5}', '.x{clip:rect(0,0,0,0)}', '.x{clip:rect(0,300px,20px,0);position:absolute}', '.x{transform:scale(0.9)}', '.x{line-height:0}', '.x{max-height:0}', '.x{left:-20px}']) {
      assert.deepEqual(hiddenSpan(sheet).hidden, [], sheet);
    }
  });
});

describe('what genuine mail does with style, not taken for hiding', () => {
  it('white type is hidden on the white page, not on a dark button, header, page or picture', () => {
    assert.deepEqual(readHtml('<p>shown</p><p style="color:#fff">Sale</p>', 10).hiddenText, [{ text: 'Sale', how: 'white on white' }]);
    const shown = [
      '<table><tr><td bgcolor="#0066cc"><a href="https://example.jp/login" style="color:#ffffff">ログイン</a></td></tr></table>',
      '<a href="https://example.jp/login" style="background-color:#e60012;color:#fff;padding:12px 24px">今すぐ購入</a>',
      '<style>.btn{background-color:#0066cc;color:#fff}</style><a class="btn" href="https://example.jp/login">Log in</a>',
      '<style>.header{background:#1a1a1a}.title{color:#ffffff}</style><div class="header"><h1 class="title">News</h1></div>',
      '<body bgcolor="#000000" text="#ffffff"><p>Dark page</p></body>',
      '<style>body{background:#222;color:#fff}</style><body><p>Dark page</p></body>',
      '<table><tr><td background="https://example.jp/hero.jpg"><span style="color:#fff">Hero</span></td></tr></table>',
      '<div style="background:url(https://example.jp/hero.jpg) #ffffff"><p style="color:#fff">Hero</p></div>',
      // The cell's colour comes from a rule not matched exactly: unknown, so maybe dark.
      '<style>.cta td{background:#e60012}</style><table class="cta"><tr><td><span style="color:#fff">購入する</span></td></tr></table>',
      // A link is drawn in link blue, whatever colour the text around it has.
      '<p style="color:#fff"><a href="https://example.jp/">詳しくはこちら</a></p>',
    ];
    for (const html of shown) assert.deepEqual(readHtml(html, 10).hiddenText, [], html);
  });

  it('records one preheader hidden by a class, but one is no salting', async () => {
    const html = '<style>.preheader{display:none!important;max-height:0;overflow:hidden}</style><div class="preheader">今月のおすすめ商品とキャンペーンのご案内</div><p>いつもご利用ありがとうございます。</p>';
    assert.deepEqual(readHtml(html, 10).hiddenText, [{ text: '今月のおすすめ商品とキャンペーンのご案内', how: 'display:none' }]);
    assert.ok(!(await codesOf(html)).includes('CONTENT_HIDDEN_TEXT'));
  });

  it('leaves alone rules for some screens or states: phone widths, dark mode, a:hover, animations', () => {
    const sheet = [
      '@media only screen and (max-width:600px){.mobile-hide{display:none!important}}',
      '@media (prefers-color-scheme:dark){.dm{color:#ffffff!important}}',
      'a:hover{color:#fff}',
      // Shown on phones only: the desktop rule is undone by the phone one.
      '.desktop-hide{display:none;max-height:0;overflow:hidden}',
      '@media (max-width:600px){.desktop-hide{display:block!important;max-height:none!important}}',
      '@keyframes fade{0%{opacity:0}100%{opacity:1}}',
      '@font-face{font-family:x;src:url(x.woff)}',
      '.salt{display:none}',
    ].join('\n');
    const read = readHtml(`<style>${sheet}</style><div class="mobile-hide">Desktop menu</div><p class="dm">Your order</p><a href="https://example.jp/">Track it</a><div class="desktop-hide">Phone menu</div><p>Hello<span class="salt">qz</span></p>`, 10);
    assert.deepEqual(read.hiddenText, [{ text: 'qz', how: 'display:none' }]);
    for (const shown of ['Desktop menu', 'Your order', 'Track it', 'Phone menu']) assert.ok(read.text.includes(shown), shown);
  });

  it('lets a child undo a font-size:0 it inherits, as the column wrappers of responsive templates do', () => {
    const inline = readHtml('<table><tr><td style="font-size:0px"><div style="display:inline-block"><div style="font-size:16px">Your order has shipped</div></div> </td></tr></table>', 10);
    assert.deepEqual(inline.hiddenText, []);
    assert.match(inline.text, /Your order has shipped/);
    const sheet = readHtml('<style>.row{font-size:0!important}.col{font-size:14px}</style><div class="row"><div class="col">ご注文の商品を発送しました</div>qz</div>', 10);
    assert.deepEqual(sheet.hiddenText, [{ text: 'qz', how: 'font-size:0' }]);
    assert.match(sheet.text, /ご注文の商品を発送しました/);
  });
});

describe('reading style sheets within bounds', () => {
  it('reads broken sheets without failing and stops at its limits', () => {
    const broken = readHtml('<style>}}} .x{display:none} <!-- .y{color:red --> @media screen{ .z{ /* never closed</style><p>a<span class="x">qz</span>b</p>', 10);
    assert.deepEqual(broken.hiddenText, [{ text: 'qz', how: 'display:none' }]);
    const manyRules = Array.from({ length: 2_500 }, (_, i) => `.p${i}{color:#333}`).join('');
    const selectors = readHtml(`<style>.x{display:none}${manyRules}.y{display:none}</style><span class="x">qz</span><span class="y">wv</span>`, 10);
    assert.deepEqual(selectors.hiddenText, [{ text: 'qz', how: 'display:none' }], 'rules past the 2,000th are not read');
    const long = readHtml(`<style>.x{display:none}/*${'-'.repeat(120_000)}*/.y{display:none}</style><span class="x">qz</span><span class="y">wv</span>`, 10);
    assert.deepEqual(long.hiddenText, [{ text: 'qz', how: 'display:none' }], 'style past 100 kB is not read');
  });
});
