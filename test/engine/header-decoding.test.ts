// The subject and the senders' names are read as mail programs show them (src/message/headers.ts):
// a character split between two encoded-words is read whole, and raw bytes in a header are read
// in their charset. A phisher who garbles either for the parser hides the brand and the lure from
// every rule that reads them, while the member reads them plainly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEngine } from '../../src/engine.ts';
import { DEFAULT_LIMITS } from '../../src/limits.ts';
import type { MessageFacts } from '../../src/message/facts.ts';
import { parseMail } from '../../src/message/mail.ts';
import { encodedWord, mail, toEucJp, toIso2022Jp, toShiftJis } from '../helpers/mime.ts';

const SUBJECT = '【重要】カード利用停止のお知らせ';
const BRAND = 'エムアイカード';
const HEADERS = ['To: member@example.jp', 'Date: Mon, 02 Jun 2025 09:00:00 +0900', 'Message-ID: <t1@example.com>', 'MIME-Version: 1.0'];

/** `bytes` in `charset` as encoded-words cut at the given byte offsets, folded as mailers fold. */
function splitWords(charset: string, bytes: Uint8Array, cuts: number[], encoding: 'B' | 'Q' = 'B'): string {
  const edges = [0, ...cuts, bytes.length];
  return edges.slice(1).map((end, i) => encodedWord(charset, bytes.subarray(edges[i], end), encoding)).join('\r\n ');
}

/** Raw bytes written into a header line (mail() writes header lines byte for byte). */
function raw(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

async function read(fields: string[], body: string | Uint8Array = 'Hello\r\n', contentType?: string): Promise<MessageFacts> {
  return parseMail(mail([...HEADERS, ...fields, ...(contentType ? [`Content-Type: ${contentType}`] : [])], body), DEFAULT_LIMITS);
}

describe('encoded-words that split a character', () => {
  test('UTF-8 split mid-character between B words, the first one padded', async () => {
    const facts = await read([
      `Subject: ${splitWords('UTF-8', Buffer.from(SUBJECT), [4, 8])}`,
      `From: ${splitWords('UTF-8', Buffer.from(BRAND), [5])} <info@notice.example>`,
      `Sender: ${splitWords('utf-8', Buffer.from(BRAND), [7])} <bulk@notice.example>`,
      `Reply-To: ${splitWords('UTF-8', Buffer.from(BRAND), [10])} <desk@notice.example>`,
    ]);
    assert.equal(facts.subject, SUBJECT);
    assert.equal(facts.from?.name, BRAND);
    assert.equal(facts.sender?.name, BRAND);
    assert.deepEqual(facts.replyTo.map((box) => box.name), [BRAND]);
  });

  test('Shift_JIS split between a lead byte and its trail byte', async () => {
    const facts = await read([`Subject: ${splitWords('Shift_JIS', toShiftJis(SUBJECT), [5, 13])}`, `From: ${splitWords('shift_jis', toShiftJis(BRAND), [3])} <info@notice.example>`]);
    assert.equal(facts.subject, SUBJECT);
    assert.equal(facts.from?.name, BRAND);
  });

  test('ISO-2022-JP split mid-character, and words that carry on in JIS X 0208 without a new escape', async () => {
    // Exchange splits so: the second word goes on in the state the first one left.
    const facts = await read([`Subject: ${splitWords('ISO-2022-JP', toIso2022Jp(SUBJECT), [5, 10])}`, `From: ${splitWords('iso-2022-jp', toIso2022Jp(BRAND), [4])} <info@notice.example>`]);
    assert.equal(facts.subject, SUBJECT);
    assert.equal(facts.from?.name, BRAND);
  });

  test('ISO-2022-JP words that each escape in and out are read whole as well', async () => {
    const words = [...SUBJECT].map((char) => encodedWord('ISO-2022-JP', toIso2022Jp(char))).join(' ');
    const facts = await read([`Subject: ${words} ${splitWords('ISO-2022-JP', toIso2022Jp(BRAND), [7])}`]);
    assert.equal(facts.subject, SUBJECT + BRAND);
  });

  test('Q words split mid-character stay joined when another word of the field does not decode', async () => {
    // postal-mime drops every join of a field once any of its words gives U+FFFD.
    const facts = await read([`Subject: ${splitWords('UTF-8', Buffer.from(SUBJECT), [4, 11], 'Q')} =?UTF-8?Q?=FF?=`]);
    assert.equal(facts.subject, `${SUBJECT}\ufffd`);
  });

  test('a B word and a Q word of one charset are joined', async () => {
    const bytes = Buffer.from(SUBJECT);
    const facts = await read([`Subject: ${encodedWord('UTF-8', bytes.subarray(0, 7))} ${encodedWord('UTF-8', bytes.subarray(7), 'Q')}`]);
    assert.equal(facts.subject, SUBJECT);
  });

  test('words of different charsets are not joined', async () => {
    // エム and the first two bytes of ア, split; then ISO-8859-1 0xA2, the byte that would finish ア.
    const bytes = Buffer.from('エムア').subarray(0, 8);
    const facts = await read([`Subject: ${splitWords('UTF-8', bytes, [4])} =?ISO-8859-1?Q?=A2?=`]);
    assert.equal(facts.subject, 'エム\ufffd¢');
  });

  test('100,000 encoded-words in one subject, splitting every character, are read whole', async () => {
    const text = 'あ'.repeat(50_000);
    const words = splitWords('UTF-8', Buffer.from(text), Array.from({ length: 99_999 }, (_, i) => Math.floor(((i + 1) * 150_000) / 100_000)));
    const facts = await read([`Subject: ${words}`]);
    assert.equal(facts.subject, text);
  });
});

describe('raw bytes in header fields', () => {
  test('raw UTF-8 stays UTF-8 beside a field in the charset the text declares', async () => {
    const facts = await read([`Subject: ${raw(Buffer.from(SUBJECT))}`, `From: "${raw(toShiftJis(BRAND))}" <info@notice.example>`], toShiftJis(SUBJECT), 'text/plain; charset=Shift_JIS');
    assert.equal(facts.subject, SUBJECT);
    assert.equal(facts.from?.name, BRAND);
    assert.equal(facts.from?.address, 'info@notice.example');
  });

  test('raw Shift_JIS in the charset the text declares', async () => {
    const facts = await read([`Subject: ${raw(toShiftJis(SUBJECT))}`, `Reply-To: ${raw(toShiftJis(BRAND))} <desk@notice.example>`], toShiftJis(SUBJECT), 'text/plain; charset=shift_jis');
    assert.equal(facts.subject, SUBJECT);
    assert.deepEqual(facts.replyTo.map((box) => [box.name, box.address]), [[BRAND, 'desk@notice.example']]);
  });

  test('raw EUC-JP, the text declaring UTF-8: read as Japanese', async () => {
    const facts = await read([`Subject: ${raw(toEucJp(SUBJECT))}`, `From: "${raw(toEucJp(BRAND))}" <info@notice.example>`], 'Hello\r\n', 'text/plain; charset=utf-8');
    assert.equal(facts.subject, SUBJECT);
    assert.equal(facts.from?.name, BRAND);
  });

  test('raw Shift_JIS in a mail that declares no charset: read as Japanese', async () => {
    const facts = await read([`Subject: ${raw(toShiftJis(SUBJECT))}`]);
    assert.equal(facts.subject, SUBJECT);
  });

  test('raw Latin-1 is windows-1252, not Japanese', async () => {
    // 'ã' and the next letter read as a Shift_JIS kanji; '£' alone as half-width katakana.
    for (const subject of ['Gambler wins £7,000', 'Formação: Campanha Final Verão']) {
      const facts = await read([`Subject: ${raw(Buffer.from(subject, 'latin1'))}`]);
      assert.equal(facts.subject, subject);
    }
    const declared = await read([`Subject: ${raw(Buffer.from('Größe £5', 'latin1'))}`], 'Hallo\r\n', 'text/plain; charset=iso-8859-1');
    assert.equal(declared.subject, 'Größe £5');
  });

  test('raw ISO-2022-JP escapes', async () => {
    const facts = await read([`Subject: ${raw(toIso2022Jp(`[${BRAND}] ${SUBJECT}`))}`, `From: ${raw(toIso2022Jp(BRAND))} <info@notice.example>`], 'Hello\r\n', 'text/plain; charset=utf-8');
    assert.equal(facts.subject, `[${BRAND}] ${SUBJECT}`);
    assert.equal(facts.from?.name, BRAND);
  });
});

describe('a split subject is judged as the member reads it', () => {
  const engine = createEngine({ now: new Date('2026-06-01T00:00:00Z') });
  const subject = `【重要】${BRAND}利用停止のお知らせ`;
  const check = (subjectField: string) =>
    engine.checkMail(
      mail(
        ['From: "Support" <support@notice.example>', ...HEADERS, `Subject: ${subjectField}`, 'Content-Type: text/plain; charset=utf-8'],
        'ご利用のカードを停止しました。\r\n下記より確認してください。\r\nhttps://micard-check.example/login\r\n',
      ),
    );

  test('split every eight bytes, as some mailers do, it gives the findings of the subject in one word', async () => {
    const whole = await check(encodedWord('UTF-8', Buffer.from(subject)));
    const codes = whole.findings.map((f) => f.code).sort();
    // The brand claim and the urgency are read from the subject alone.
    assert.ok(codes.includes('SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN') && codes.includes('CONTENT_URGENCY'), codes.join(', '));
    const bytes = Buffer.from(subject);
    const split = await check(splitWords('UTF-8', bytes, Array.from({ length: Math.floor((bytes.length - 1) / 8) }, (_, i) => (i + 1) * 8)));
    assert.deepEqual(split.findings.map((f) => f.code).sort(), codes);
    assert.equal(split.verdict, whole.verdict);
  });
});
