// The page's guess of what was pasted (src/web/classify.js is plain ESM, so it runs here too).
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error -- a browser module without type declarations
import { classify } from '../../src/web/classify.js';
import { fixtureText } from './helpers.ts';

test('a mail source is a mail, with CRLF or LF and folded headers', () => {
  assert.deepEqual(classify(fixtureText('phishing-micard.eml')), { kind: 'mail' });
  assert.deepEqual(classify(fixtureText('phishing-micard.eml').replace(/\r\n/g, '\n')), { kind: 'mail' });
  assert.deepEqual(classify('\n\nDelivered-To: a@example.jp\nReceived: from x\n\tby y; Mon, 1 Jun 2026\nFrom: a@example.com\n\nbody'), { kind: 'mail' });
});

test('SMS and pasted bodies are text, even with a colon in the first line', () => {
  assert.deepEqual(classify(fixtureText('sms-micard.txt')), { kind: 'text' });
  assert.deepEqual(classify('エムアイカード会員様\n\nいつもご利用ありがとうございます。'), { kind: 'text' });
  assert.deepEqual(classify('お知らせ: カードのご利用を停止しました\n詳しくは https://example.com/'), { kind: 'text' });
  assert.deepEqual(classify('Subject: only one header line\n\nhello'), { kind: 'text' });
});

test('links alone, one per line, are URLs; a sentence with a link is text', () => {
  assert.deepEqual(classify(' https://www2.micard.co.jp.xyzabc.com/login \n\nhxxps://a.example/x\nmicard-jp.xyzabc.com/verify\n'), {
    kind: 'url',
    urls: ['https://www2.micard.co.jp.xyzabc.com/login', 'hxxps://a.example/x', 'micard-jp.xyzabc.com/verify'],
  });
  assert.deepEqual(classify('ここを見て https://a.example/'), { kind: 'text' });
  assert.equal(classify(Array.from({ length: 101 }, (_, i) => `https://a.example/${i}`).join('\n')).kind, 'text');
});
