// Bad input through the engine: empty files, binaries, truncated MIME, huge bodies, 10,000
// parts, 100,000 links, deep nesting, bad charsets, malformed URLs. Each must end in a clear
// InputError (a specific code and a readable message) or a Report whose LIMIT_TRUNCATED
// findings say what was cut — never another exception, a hang or unbounded memory.
//
// Engine calls run in a worker (test/helpers/bounded.ts): a call that does not finish within
// its bound is terminated and fails the test, and the worker's heap cap fails a call that
// allocates without bound, so neither can take the test run down with it.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Report } from '../../src/engine.ts';
import { createEngine } from '../../src/engine.ts';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/limits.ts';
import { parseMail } from '../../src/message/mail.ts';
import { boundedEngine, type Outcome } from '../helpers/bounded.ts';
import {
  PHISHING_MAIL,
  PLAIN_HEADERS,
  alternativeMail,
  encodedWord,
  mail,
  quotedPrintable,
  toEucJp,
  toIso2022Jp,
  toShiftJis,
} from '../helpers/mime.ts';

const engine = boundedEngine();
after(() => engine.close());

/** Generous bounds: a hang is what they catch, not slowness. Big inputs get more room. */
const BOUND_MS = 10_000;
const BIG_BOUND_MS = 30_000;

type Limits = Parameters<typeof resolveLimits>[0];

async function checkMail(input: Uint8Array | string, limits?: Limits, timeoutMs = BOUND_MS): Promise<Outcome> {
  return engine.run('checkMail', input, { limits, timeoutMs });
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.kind === 'crash') return `crash ${outcome.name}: ${outcome.message}\n${outcome.stack}`;
  if (outcome.kind === 'input-error') return `InputError ${outcome.code}: ${outcome.message}`;
  return `report ${outcome.report.verdict}`;
}

/** Asserts a Report and returns it. */
function report(outcome: Outcome): Report {
  assert.equal(outcome.kind, 'report', `expected a report, got ${describeOutcome(outcome)}`);
  return (outcome as Extract<Outcome, { kind: 'report' }>).report;
}

/** Asserts an InputError with this code and a message matching `message`. */
function inputError(outcome: Outcome, code: string, message: RegExp): void {
  assert.equal(outcome.kind, 'input-error', `expected InputError ${code}, got ${describeOutcome(outcome)}`);
  const error = outcome as Extract<Outcome, { kind: 'input-error' }>;
  assert.equal(error.code, code);
  assert.match(error.message, message);
  assert.doesNotMatch(error.message, /\n\s+at /, 'error messages carry no stack trace');
}

/** Either outcome the issue allows; anything else (a crash) fails. */
function reportOrInputError(outcome: Outcome): void {
  assert.notEqual(outcome.kind, 'crash', describeOutcome(outcome));
  if (outcome.kind === 'input-error') {
    assert.match(outcome.code, /^[a-z-]+$/);
    assert.ok(outcome.message.length > 5);
  }
}

/** The LIMIT_TRUNCATED evidence of a report (what was cut). */
function cuts(r: Report): string[] {
  return r.findings.filter((f) => f.code === 'LIMIT_TRUNCATED').flatMap((f) => f.evidence.map((e) => e.value));
}

function assertCut(r: Report, pattern: RegExp): void {
  const found = cuts(r);
  assert.ok(
    found.some((what) => pattern.test(what)),
    `expected a LIMIT_TRUNCATED finding matching ${pattern}, got ${JSON.stringify(found)}`,
  );
  const finding = r.findings.find((f) => f.code === 'LIMIT_TRUNCATED' && f.evidence.some((e) => pattern.test(e.value)))!;
  assert.match(finding.message.en, /only part of it was checked/);
  assert.ok(finding.message.ja.length > 0);
}

function assertNoCut(r: Report): void {
  assert.deepEqual(cuts(r), []);
}

const HEADERS = [...PLAIN_HEADERS, 'Subject: test'];

/** A Content-Type header line plus body, to follow other header lines. */
function multipart(type: string, boundary: string, parts: string[]): string {
  return `Content-Type: multipart/${type}; boundary="${boundary}"\r\n\r\n${multipartBody(boundary, parts)}`;
}

function multipartBody(boundary: string, parts: string[]): string {
  return `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
}

function multipartMail(headers: string[], type: string, boundary: string, parts: string[]): Buffer {
  return mail([...headers, `Content-Type: multipart/${type}; boundary="${boundary}"`], multipartBody(boundary, parts));
}

describe('empty and binary input', () => {
  test('an empty file is an InputError "empty"', async () => {
    inputError(await checkMail(new Uint8Array(0)), 'empty', /empty/);
  });

  test('whitespace only is an InputError "empty"', async () => {
    inputError(await checkMail(' \r\n\t\r\n  \n'), 'empty', /empty/);
  });

  test('binary data with NUL bytes (a PNG) is an InputError "binary"', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(4096, 0xa5)]);
    inputError(await checkMail(png), 'binary', /binary data/);
  });

  test('high-bit noise without NUL bytes is an InputError "not-a-mail"', async () => {
    const noise = Buffer.alloc(10_000);
    for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 37) % 0x7f);
    inputError(await checkMail(noise), 'not-a-mail', /does not start with mail headers/);
  });

  test('a NUL byte after headers is an InputError, not a crash', async () => {
    inputError(await checkMail(mail(HEADERS, Buffer.from('hello\0world'))), 'binary', /NUL/);
  });

  test('an empty SMS or URL gives a verdict without findings', async () => {
    for (const [method, input] of [['checkText', ''], ['checkText', '   '], ['checkUrl', ''], ['checkUrl', '\u200b']] as const) {
      const r = report(await engine.run(method, input));
      assert.equal(r.verdict, 'unverified');
      assert.equal(r.brand, null);
    }
  });

  test('headers only, no body and no blank line', async () => {
    const r = report(await checkMail('From: a@example.com\r\nSubject: just headers'));
    assert.equal(r.message.subject, 'just headers');
  });
});

describe('truncated MIME', () => {
  const attachment = Buffer.alloc(3000, 'attachment bytes ').toString('base64').replace(/.{76}/g, '$&\r\n');
  const full = multipartMail(HEADERS, 'mixed', 'outer', [
      `Content-Type: multipart/alternative; boundary="inner"\r\n\r\n--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee https://www.example.com/a\r\n--inner\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>see <a href=3D"https://www.example.com/b">here</a></p>\r\n--inner--`,
    `Content-Type: application/pdf; name="a.pdf"\r\nContent-Disposition: attachment; filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}`,
  ]);

  test('cut at every 41st byte: a report or an InputError, never a crash', async () => {
    for (let end = 0; end <= full.length; end += 41) reportOrInputError(await checkMail(full.subarray(0, end)));
  });

  test('cut inside the base64 attachment: what came before is still judged', async () => {
    const cut = full.subarray(0, full.indexOf('Content-Transfer-Encoding: base64') + 200);
    const r = report(await checkMail(cut));
    assert.equal(r.message.subject, 'test');
    assert.ok(r.message.links >= 1, 'the link of the text part is still seen');
  });

  test('cut inside a header, inside a boundary line, and inside a quoted-printable escape', async () => {
    for (const marker of ['Content-Type: text/ht', '--inn', 'href=3']) {
      const at = full.indexOf(marker) + marker.length;
      assert.ok(at > marker.length);
      report(await checkMail(full.subarray(0, at)));
    }
  });

  test('a boundary that never appears, and an encoded-word cut in half', async () => {
    report(await checkMail(mail([...PLAIN_HEADERS, 'Subject: =?UTF-8?B?44Ko44Og?', 'Content-Type: multipart/mixed; boundary="never"'], 'no parts here\r\n')));
  });

  test('a base64 body with garbage and bad padding', async () => {
    report(await checkMail(mail([...HEADERS, 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64'], '!!!!****====aGVsbG8===\r\n%%%\r\n')));
  });
});

describe('size', () => {
  test('a 50 MB body is an InputError "too-large" naming size and limit', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    big.write(`${HEADERS.join('\r\n')}\r\n\r\n`, 0, 'latin1');
    inputError(await checkMail(big), 'too-large', new RegExp(`message is ${big.length} bytes, over the limit of ${DEFAULT_LIMITS.maxMessageBytes} bytes`));
  });

  test('a 24 MB text body is judged on its first maxTextChars characters', async () => {
    const body = Buffer.alloc(24 * 1024 * 1024, 'word ');
    const r = report(await checkMail(mail(HEADERS, body), undefined, BIG_BOUND_MS));
    assertCut(r, new RegExp(`^text body cut at ${DEFAULT_LIMITS.maxTextChars} of \\d+ characters$`));
  });

  test('an 8 MB HTML body is cut at maxHtmlChars and says so', async () => {
    const html = '<p>hello <b>world</b></p>'.repeat(8 * 1024 * 1024 / 25);
    const r = report(await checkMail(mail([...HEADERS, 'Content-Type: text/html; charset=utf-8'], html), undefined, BIG_BOUND_MS));
    assertCut(r, new RegExp(`^HTML body cut at ${DEFAULT_LIMITS.maxHtmlChars} of \\d+ characters$`));
  });

  test('a link hidden past the HTML limit behind padding makes the mail suspicious, not unverified', async () => {
    // The limits are public: padding a phishing link past them must not make the mail look clean.
    const html = `<p>お知らせ</p><!-- ${'lorem ipsum '.repeat(DEFAULT_LIMITS.maxHtmlChars / 12 + 10)} --><a href="https://micard-verify.example.com/login">ログイン</a>`;
    const r = report(await checkMail(mail([...HEADERS, 'Content-Type: text/html; charset=utf-8'], html), undefined, BIG_BOUND_MS));
    assertCut(r, /^HTML body cut at/);
    assert.equal(r.verdict, 'suspicious');
  });

  test('a 3,000,000-character SMS is cut and says so', async () => {
    // Text detectors fold every character (~4 µs each): 2,000,000 kana take seconds, not ms.
    const r = report(await engine.run('checkText', 'あ'.repeat(3_000_000), { timeoutMs: BIG_BOUND_MS }));
    assertCut(r, new RegExp(`^text cut at ${DEFAULT_LIMITS.maxTextChars} of 3000000 characters$`));
  });

  test('a 24 MB mail of many parts, HTML and base64 stays under the worker heap cap', async () => {
    const blob = Buffer.alloc(12 * 1024 * 1024, 0x41).toString('base64').replace(/.{76}/g, '$&\r\n');
    const parts = [
      `Content-Type: text/html; charset=utf-8\r\n\r\n${'<a href="https://x.example.com/p">x</a>'.repeat(100_000)}`,
      `Content-Type: application/octet-stream; name="blob.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${blob}`,
    ];
    const raw = multipartMail(HEADERS, 'mixed', 'big', parts);
    assert.ok(raw.length > 20 * 1024 * 1024 && raw.length < DEFAULT_LIMITS.maxMessageBytes);
    const r = report(await checkMail(raw, undefined, BIG_BOUND_MS));
    assertCut(r, /HTML links beyond the limit of 2000 not checked/);
  });

  test('a 3 MB header block is an InputError "headers-too-large"', async () => {
    inputError(await checkMail(mail([...PLAIN_HEADERS, `Subject: ${'MI Card '.repeat(400_000)}`], 'hi')), 'headers-too-large', /headers are too large/);
  });

  test('40,000 header fields are read; 100,000 (over 2 MB of headers) are an InputError', async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `X-Filler-${i}: value ${i}`);
    const r = report(await checkMail(mail([...HEADERS, ...fields(40_000)], 'hello')));
    assert.equal(r.message.subject, 'test');
    inputError(await checkMail(mail([...HEADERS, ...fields(100_000)], 'hello')), 'headers-too-large', /Maximum header size/);
  });

  test('one 20 MB line without a line break', async () => {
    const r = report(await checkMail(mail(HEADERS, 'x'.repeat(20 * 1024 * 1024)), undefined, BIG_BOUND_MS));
    assertCut(r, /^text body cut at/);
  });
});

describe('many parts', () => {
  test('10,000 attachments: the first maxAttachments are examined, the rest reported as cut', async () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `Content-Type: application/octet-stream; name="f${i}.bin"\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\nxx`);
    const r = report(await checkMail(multipartMail(HEADERS, 'mixed', 'b', parts)));
    assertCut(r, /^9900 attachments beyond the limit of 100 not examined$/);
    assert.equal(r.message.attachments, 100);
  });

  test('10,000 text parts in multipart/mixed', async () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `Content-Type: text/plain; charset=utf-8\r\n\r\npart ${i} https://p${i}.example.com/`);
    const r = report(await checkMail(multipartMail(HEADERS, 'mixed', 'b', parts)));
    assertCut(r, /links beyond the limit of 2000 not checked/);
    assert.equal(r.message.links, DEFAULT_LIMITS.maxLinks);
  });

  test('10,000 message/rfc822 parts: only the first forwarded original is followed', async () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `Content-Type: message/rfc822\r\n\r\nFrom: inner${i}@example.com\r\nSubject: inner ${i}\r\n\r\nbody ${i}`);
    const r = report(await checkMail(multipartMail(HEADERS, 'mixed', 'b', parts)));
    assert.equal(r.message.subject, 'inner 0');
    assert.equal(r.message.forwarded?.how, 'rfc822');
  });
});

describe('many links', () => {
  test('100,000 links in HTML', async () => {
    const html = Array.from({ length: 100_000 }, (_, i) => `<a href="https://h${i}.example.com/">${i}</a>`).join('');
    const r = report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], html)));
    assertCut(r, /^98000 HTML links beyond the limit of 2000 not checked$/);
    assert.equal(r.message.links, 2000);
  });

  test('100,000 links in a plain-text mail', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `http://a.jp/${i}`).join(' ');
    assert.ok(text.length < DEFAULT_LIMITS.maxTextChars);
    const r = report(await checkMail(mail(HEADERS, text)));
    assertCut(r, /^98000 text links beyond the limit of 2000 not checked$/);
    assert.equal(r.message.links, 2000);
  });

  test('100,000 scheme-less hosts and scheme URLs alternating in an SMS', async () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `https://s${i}.jp/ h${i}.jp`).join(' ');
    assert.ok(text.length < DEFAULT_LIMITS.maxTextChars);
    const r = report(await engine.run('checkText', text));
    assertCut(r, /^98000 links beyond the limit of 2000 not checked$/);
  });

  test('one link repeated 100,000 times counts once and cuts nothing', async () => {
    const r = report(await engine.run('checkText', 'https://a.jp/ '.repeat(100_000)));
    assert.equal(r.message.links, 1);
    assertNoCut(r);
  });
});

describe('deep nesting', () => {
  function nested(depth: number, leaf: string): string {
    let head = '';
    for (let i = 0; i < depth; i++) head += `Content-Type: multipart/mixed; boundary="level${i}"\r\n\r\n--level${i}\r\n`;
    return `${HEADERS.join('\r\n')}\r\n${head}${leaf}\r\n`;
  }

  test('MIME nested 200 levels is an InputError "too-deep" naming the limit', async () => {
    inputError(await checkMail(nested(200, 'Content-Type: text/plain\r\n\r\nhi')), 'too-deep', new RegExp(`more than ${DEFAULT_LIMITS.maxMimeDepth} levels`));
  });

  test('MIME nested 40 levels is judged, down to the innermost text', async () => {
    const r = report(await checkMail(nested(40, 'Content-Type: text/plain\r\n\r\nhttps://deep.example.com/inner')));
    assert.equal(r.message.links, 1);
  });

  test('100,000 nested <div>s: reading stops at maxHtmlDepth and says so', async () => {
    const html = `<a href="https://first.example.com/">first</a>${'<div>'.repeat(100_000)}<a href="https://last.example.com/">last</a>`;
    const r = report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], html)));
    assertCut(r, new RegExp(`^HTML nested deeper than ${DEFAULT_LIMITS.maxHtmlDepth} elements; the rest of the HTML was not read$`));
    assert.equal(r.message.links, 1, 'the link before the cut is kept');
  });

  test('1,000,000 nested elements within maxHtmlChars finish in bounded time', async () => {
    const html = `${'<span>'.repeat(700_000)}${'</x>'.repeat(200_000)}`;
    const r = report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], html), undefined, BIG_BOUND_MS));
    assertCut(r, /^HTML nested deeper than/);
  });

  test('deep but legal HTML (1,000 levels, closed) is read whole', async () => {
    const html = `${'<div>'.repeat(1000)}<a href="https://inner.example.com/">x</a>${'</div>'.repeat(1000)}`;
    const r = report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], html)));
    assertNoCut(r);
    assert.equal(r.message.links, 1);
  });

  test('forwarded originals nested 30 deep: followed up to maxForwardDepth', async () => {
    let inner = 'From: "MI Card" <info@micard-phish.example>\r\nSubject: innermost\r\n\r\nhttps://www1.micard.co.jp.evil.example/\r\n';
    for (let i = 0; i < 30; i++) inner = `From: member${i}@example.jp\r\nSubject: Fwd ${i}\r\n${multipart('mixed', `fw${i}`, ['Content-Type: text/plain\r\n\r\nsee attached', `Content-Type: message/rfc822\r\n\r\n${inner}`])}`;
    const r = report(await checkMail(inner));
    assert.equal(r.message.forwarded?.how, 'rfc822');
    assert.equal(r.message.subject, `Fwd ${30 - DEFAULT_LIMITS.maxForwardDepth - 1}`);
  });

  test('long runs of dashes and underscores (forward separators) in a body', async () => {
    report(await checkMail(mail(HEADERS, `${'-'.repeat(1_000_000)}x\r\n${'_'.repeat(500_000)}y\r\n`)));
  });
});

describe('charsets', () => {
  const SUBJECT = '【重要】エムアイカードご利用確認のお知らせ';
  const BODY = 'エムアイカードをご利用いただきありがとうございます。';

  async function decoded(raw: Uint8Array): Promise<{ report: Report; text: string }> {
    const r = report(await checkMail(raw));
    const facts = await parseMail(raw, resolveLimits());
    return { report: r, text: facts.text };
  }

  function assertJapanese(result: { report: Report; text: string }) {
    assert.equal(result.report.message.subject, SUBJECT);
    assert.equal(result.text.trim(), BODY);
    assert.equal(result.report.brand, 'micard');
    assert.deepEqual(
      result.report.claimedBy.filter((c) => c.source === 'subject' || c.source === 'body').map((c) => c.text),
      ['エムアイカード', 'エムアイカード'],
    );
  }

  test('ISO-2022-JP: 7bit body and B-encoded subject', async () => {
    const raw = mail(
      [...PLAIN_HEADERS, `Subject: ${encodedWord('ISO-2022-JP', toIso2022Jp(SUBJECT))}`, 'Content-Type: text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit'],
      toIso2022Jp(BODY),
    );
    assert.ok(raw.every((b) => b < 0x80), 'ISO-2022-JP mail is 7-bit');
    assertJapanese(await decoded(raw));
  });

  test('Shift_JIS: base64 body and B-encoded subject', async () => {
    const raw = mail(
      [...PLAIN_HEADERS, `Subject: ${encodedWord('Shift_JIS', toShiftJis(SUBJECT))}`, 'Content-Type: text/plain; charset="Shift_JIS"', 'Content-Transfer-Encoding: base64'],
      toShiftJis(BODY).toString('base64'),
    );
    assertJapanese(await decoded(raw));
  });

  test('Shift_JIS: raw 8bit body', async () => {
    const raw = mail([...PLAIN_HEADERS, `Subject: ${encodedWord('shift_jis', toShiftJis(SUBJECT))}`, 'Content-Type: text/plain; charset=shift_jis', 'Content-Transfer-Encoding: 8bit'], toShiftJis(BODY));
    assertJapanese(await decoded(raw));
  });

  test('EUC-JP: quoted-printable body and Q-encoded subject', async () => {
    const raw = mail(
      [...PLAIN_HEADERS, `Subject: ${encodedWord('EUC-JP', toEucJp(SUBJECT), 'Q')}`, 'Content-Type: text/plain; charset=euc-jp', 'Content-Transfer-Encoding: quoted-printable'],
      quotedPrintable(toEucJp(BODY)),
    );
    assertJapanese(await decoded(raw));
  });

  test('a subject split over several encoded-words in different charsets', async () => {
    const [a, b] = [SUBJECT.slice(0, 9), SUBJECT.slice(9)];
    const raw = mail([...PLAIN_HEADERS, `Subject: ${encodedWord('ISO-2022-JP', toIso2022Jp(a))}\r\n ${encodedWord('EUC-JP', toEucJp(b), 'Q')}`, 'Content-Type: text/plain; charset=utf-8'], BODY);
    assertJapanese(await decoded(raw));
  });

  test('a Shift_JIS HTML part inside multipart/alternative', async () => {
    const html = Buffer.concat([Buffer.from('<html><body><p>'), toShiftJis(BODY), Buffer.from('</p><a href="https://www.micard.co.jp/">https://www.micard.co.jp/</a></body></html>')]);
    const raw = multipartMail([...PLAIN_HEADERS, `Subject: ${encodedWord('ISO-2022-JP', toIso2022Jp(SUBJECT))}`], 'alternative', 'sj', [
      `Content-Type: text/html; charset=Shift_JIS\r\nContent-Transfer-Encoding: base64\r\n\r\n${html.toString('base64')}`,
    ]);
    const { report: r, text } = await decoded(raw);
    assert.equal(r.message.subject, SUBJECT);
    assert.match(text, new RegExp(BODY));
    assert.equal(r.message.links, 1);
  });

  test('unknown, empty and odd charset names do not crash; ASCII stays readable', async () => {
    for (const charset of ['x-unknown-42', '', '"../../etc/passwd"', 'utf-7', 'ISO-2022-JP-3', 'ks_c_5601-1987', 'a'.repeat(500)]) {
      const raw = mail(
        [...PLAIN_HEADERS, `Subject: =?${charset || 'x'}?B?aGVsbG8=?= world`, `Content-Type: text/plain; charset=${charset}`],
        'hello https://www.example.com/ ok',
      );
      const r = report(await checkMail(raw));
      assert.match(r.message.subject ?? '', /world/, `charset ${JSON.stringify(charset)}`);
      assert.equal(r.message.links, 1, `charset ${JSON.stringify(charset)}`);
    }
  });

  test('bytes invalid in the declared charset', async () => {
    const cases: [string, Buffer][] = [
      ['utf-8', Buffer.from([0x68, 0x69, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82])],
      ['iso-2022-jp', Buffer.from([0x1b, 0x24, 0x42, 0x25, 0x1b, 0x28, 0x1b, 0x24, 0x7f, 0x7f, 0x1b])],
      ['shift_jis', Buffer.from([0x83, 0x83, 0xff, 0xa0, 0x81])],
      ['euc-jp', Buffer.from([0xa5, 0xa8, 0x8e, 0xff, 0x8f, 0xa1])],
    ];
    for (const [charset, body] of cases) {
      report(await checkMail(mail([...HEADERS, `Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: 8bit'], body)));
      report(await checkMail(mail([...PLAIN_HEADERS, `Subject: ${encodedWord(charset, body)}`], 'x')));
    }
  });
});

describe('malformed URLs', () => {
  const BAD = [
    'http://[::1',
    'http://[zz::1]/',
    'https://%zz%/',
    'http://999.999.999.999/',
    'https://',
    'https:///path-only',
    'http://a b.example.com/',
    'http://exa\u0000mple.com/',
    'javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'https://www1.micard.co.jp@evil.example/',
    'https://www1.micard.co.jp%40evil.example/',
    'http://xn--/',
    'http://xn--zz-zzz.xn--/',
    `http://${'0'.repeat(100)}.0x1/`,
    `https://a${'.'.repeat(200_000)}b`,
    `https://${'a.'.repeat(50_000)}com/`,
    `https://example.com/${'%'.repeat(100_000)}`,
    `https://example.com/?url=${'https%3A%2F%2F'.repeat(10_000)}`,
    'https://example.com/?url=https://a.example/?url=https://b.example/?url=https://c.example/?url=https://d.example/',
    'hxxps://micard[.]co[.]jp[.]evil[.]example/login',
    'ｈｔｔｐｓ：／／ｗｗｗ１．ｍｉｃａｒｄ．ｃｏ．ｊｐ．ｅｖｉｌ．ｅｘａｍｐｌｅ／',
    'http://\u202ephp.evil.example/',
    'http://0x7f.1/',
    'mailto:',
    ':::://///',
  ];

  test('as HTML hrefs, in a text body and in an SMS: a verdict every time', async () => {
    // A NUL byte makes a mail binary (InputError "binary"); it stays in the SMS and URL cases.
    const inMail = BAD.filter((url) => !url.includes('\u0000'));
    inputError(await checkMail(mail(HEADERS, BAD.join('\n'))), 'binary', /NUL/);
    const html = inMail.map((url) => `<a href="${url.replace(/"/g, '&quot;')}">x</a><form action="${url.replace(/"/g, '&quot;')}"></form><img src="${url.replace(/"/g, '&quot;')}">`).join('\n');
    report(await checkMail(mail([...HEADERS, 'Content-Type: text/html; charset=utf-8'], html)));
    report(await checkMail(mail(HEADERS, inMail.join('\n'))));
    report(await engine.run('checkText', BAD.join(' ')));
  });

  test('one at a time through checkUrl: a verdict every time', async () => {
    for (const url of BAD) report(await engine.run('checkUrl', url));
  });

  test('the userinfo trick is caught, not followed', async () => {
    const r = report(await engine.run('checkUrl', 'https://www1.micard.co.jp@evil.example/'));
    assert.equal(r.brand, 'micard');
    assert.ok(r.findings.some((f) => f.code === 'LINK_USERINFO_OFFICIAL'), JSON.stringify(r.findings.map((f) => f.code)));
    assert.notEqual(r.verdict, 'genuine');
  });
});

describe('configurable limits', () => {
  const manyLinks = Array.from({ length: 30 }, (_, i) => `https://l${i}.example.com/`).join('\n');

  test('maxLinks: 10 cuts at 10 and says so (mail, HTML and SMS)', async () => {
    const r = report(await checkMail(mail(HEADERS, manyLinks), { maxLinks: 10 }));
    assertCut(r, /^20 text links beyond the limit of 10 not checked$/);
    assert.equal(r.message.links, 10);
    const html = Array.from({ length: 30 }, (_, i) => `<a href="https://l${i}.example.com/">${i}</a>`).join('');
    assertCut(report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], html), { maxLinks: 10 })), /^20 HTML links beyond the limit of 10 not checked$/);
    assertCut(report(await engine.run('checkText', manyLinks, { limits: { maxLinks: 10 } })), /^20 links beyond the limit of 10 not checked$/);
  });

  test('the defaults do not cut an ordinary mail', async () => {
    assertNoCut(report(await checkMail(mail(HEADERS, manyLinks))));
    assertNoCut(report(await checkMail(PHISHING_MAIL)));
  });

  test('maxAttachments, maxTextChars, maxHtmlChars, maxHtmlDepth', async () => {
    const parts = Array.from({ length: 5 }, (_, i) => `Content-Type: application/octet-stream; name="f${i}"\r\nContent-Disposition: attachment; filename="f${i}"\r\n\r\nx`);
    const withAttachments = report(await checkMail(multipartMail(HEADERS, 'mixed', 'b', parts), { maxAttachments: 2 }));
    assertCut(withAttachments, /^3 attachments beyond the limit of 2 not examined$/);
    assert.equal(withAttachments.message.attachments, 2);
    assertCut(report(await checkMail(mail(HEADERS, 'x'.repeat(500)), { maxTextChars: 100 })), /^text body cut at 100 of 50\d characters$/);
    assertCut(report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], '<p>x</p>'.repeat(100)), { maxHtmlChars: 80 })), /^HTML body cut at 80 of 80\d characters$/);
    assertCut(report(await checkMail(mail([...HEADERS, 'Content-Type: text/html'], '<div>'.repeat(60)), { maxHtmlDepth: 50 })), /^HTML nested deeper than 50 elements/);
  });

  test('maxMessageBytes and maxMimeDepth turn into InputErrors naming the limit', async () => {
    inputError(await checkMail(mail(HEADERS, 'y'.repeat(2000)), { maxMessageBytes: 1000 }), 'too-large', /over the limit of 1000 bytes/);
    let deep = '';
    for (let i = 0; i < 8; i++) deep += `Content-Type: multipart/mixed; boundary="l${i}"\r\n\r\n--l${i}\r\n`;
    inputError(await checkMail(`${HEADERS.join('\r\n')}\r\n${deep}Content-Type: text/plain\r\n\r\nhi\r\n`, { maxMimeDepth: 5 }), 'too-deep', /more than 5 levels/);
  });

  test('maxMillis: 0 skips the later checks and a finding says which', async () => {
    const r = report(await checkMail(PHISHING_MAIL, { maxMillis: 0 }));
    assertCut(r, /^time budget of 0 ms spent after the \S+ checks; skipped: .+/);
  });

  test('bad limit values are refused with a clear RangeError', () => {
    assert.throws(() => createEngine({ limits: { maxLinks: -1 } }), { name: 'RangeError', message: 'limit maxLinks must be a non-negative integer' });
    assert.throws(() => createEngine({ limits: { maxLinks: 1.5 } }), RangeError);
    assert.throws(() => createEngine({ limits: { maxLinkz: 5 } as never }), { name: 'RangeError', message: 'unknown limit "maxLinkz"' });
  });

  test('the defaults are finite, positive and bounded', () => {
    for (const [key, value] of Object.entries(DEFAULT_LIMITS)) assert.ok(Number.isSafeInteger(value) && value > 0, key);
    assert.ok(DEFAULT_LIMITS.maxMessageBytes <= 50 * 1024 * 1024);
    assert.ok(DEFAULT_LIMITS.maxLinks <= 10_000);
    assert.ok(DEFAULT_LIMITS.maxMimeDepth <= 100);
    assert.ok(DEFAULT_LIMITS.maxMillis <= 60_000);
    assert.deepEqual(resolveLimits({ maxLinks: undefined }), DEFAULT_LIMITS);
  });
});

test('the shared phishing fixture is judged phishing (sanity check of the helpers)', async () => {
  const r = report(await checkMail(PHISHING_MAIL));
  assert.equal(r.verdict, 'phishing');
  assert.equal(r.brand, 'micard');
  assert.equal(alternativeMail({ text: 'a', html: '<p>b</p>' }).includes('multipart/alternative'), true);
});
