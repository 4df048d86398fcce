// src/message/postal-feed.ts hands single-part text mails to postal-mime in two pieces, to spare
// it a Blob per line; it mirrors how postal-mime splits lines and which bodies it passes through.
// The promise it must keep: postal-mime's output is exactly what parsing the whole mail gives.
// Generated mails probe the edges (CR/LF mixes, charsets, flowed text, duplicate and odd
// headers); the shared corpus, where present, adds real mail. A postal-mime upgrade that moves
// the mirrored behaviour fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import PostalMime, { type Email } from 'postal-mime';
import { parseWithPostalMime } from '../../src/message/postal-feed.ts';
import { emlFiles, hasData } from '../../eval/datasets.ts';
import { fc, runs } from '../helpers/property.ts';

const OPTIONS = { forceRfc822Attachments: true, maxNestingDepth: 40, attachmentEncoding: 'arraybuffer' } as const;

/** The whole parse result, attachments' bytes included, as comparable data. */
function comparable(email: Email): unknown {
  return { ...email, attachments: email.attachments.map((a) => ({ ...a, content: Buffer.from(a.content as ArrayBuffer).toString('base64') })) };
}

async function both(raw: Uint8Array): Promise<[unknown, unknown]> {
  const settle = (p: Promise<Email>) => p.then(comparable, (error: Error) => `error: ${error.message}`);
  return [await settle(PostalMime.parse(raw, OPTIONS)), await settle(parseWithPostalMime(raw, OPTIONS))];
}

const TYPES = [undefined, 'text/plain', 'text/plain; charset=utf-8', 'text/plain; charset="iso-2022-jp"', 'TEXT/PLAIN; charset=shift_jis', 'text/html; charset=utf-8', 'text/plain; format=flowed; delsp=yes', 'text/plain (comment); charset=utf-8', 'text/calendar', 'application/octet-stream'];
const ENCODINGS = [undefined, '7bit', '8bit', 'binary', '7BIT', 'x-unknown', 'base64', 'quoted-printable'];
const PIECES = ['abc', ' ', 'こんにちは', '\r', '\n', '\r\n', '\r\r\n', 'https://example.com/x', '<b>hi</b>', '=3D', '--', '\t', 'é', '> quoted', 'line '];

const generatedMail = fc
  .record({
    newline: fc.constantFrom('\n', '\r\n'),
    type: fc.constantFrom(...TYPES),
    encoding: fc.constantFrom(...ENCODINGS),
    secondType: fc.boolean(),
    blank: fc.constantFrom('\n', '\r\n', '\r\r\n'),
    body: fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
  })
  .map(({ newline, type, encoding, secondType, blank, body }) => {
    const headers = ['From: a@b.example', 'Subject: test'];
    if (type !== undefined) headers.push(`Content-Type: ${type}`);
    if (encoding !== undefined) headers.push(`Content-Transfer-Encoding: ${encoding}`);
    if (secondType) headers.push('Content-Type: text/html');
    return Buffer.from(headers.join(newline) + newline + blank + body.join(''), 'utf8');
  });

describe('postal-mime fed in two pieces gives what the whole mail gives', () => {
  test('generated single-part and other mails', async () => {
    await fc.assert(
      fc.asyncProperty(generatedMail, async (raw) => {
        const [whole, fed] = await both(raw);
        assert.deepEqual(fed, whole);
      }),
      runs(300),
    );
  });

  test('every mail of the shared corpus', { skip: !hasData() && 'no ../shared/data beside the project' }, async () => {
    let compared = 0;
    for (const dir of ['phish-mail/phishing_pot', 'phish-mail/jp-lists', 'ham-mail/spamassassin/easy-ham-1', 'ham-mail/fixtures']) {
      for (const file of emlFiles(dir)) {
        const [whole, fed] = await both(readFileSync(file));
        assert.deepEqual(fed, whole, file);
        compared++;
      }
    }
    assert.ok(compared > 4000, `${compared} mails compared`);
  });
});
