// Property tests over URL and MIME handling (fast-check). The properties are the promises the
// rest of kakunin relies on: a parsed host is canonical (lower-case ASCII, no trailing dot)
// and its registrable domain is a suffix of it; URL extraction reports only text that is in
// the message; `https://official@elsewhere/` never counts as the official host; and no input
// — random bytes, mutated or truncated mail, arbitrary Unicode — makes the engine throw
// anything but an InputError.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEngine, InputError, type Report } from '../../src/engine.ts';
import { resolveLimits } from '../../src/limits.ts';
import { parseMail } from '../../src/message/mail.ts';
import { extractTextUrls } from '../../src/message/text.ts';
import { hostWithin, parseUrl, type ParsedUrl } from '../../src/message/url.ts';
import { stripInvisible } from '../../src/text/normalize.ts';
import { LABELS } from '../../src/verdict/verdict.ts';
import { alternativeMail, mail, PLAIN_HEADERS } from '../helpers/mime.ts';
import { fc, runs } from '../helpers/property.ts';

const engine = createEngine({ now: new Date('2025-06-01T00:00:00Z') });
const limits = resolveLimits();

/** Run counts keep the file at a few seconds; `npm run fuzz` searches harder with fresh seeds. */
const RUNS = runs(400);
const ASYNC_RUNS = runs(250);

// ---- generators -------------------------------------------------------------------------

const fullWidth = (s: string) => s.replace(/[\x21-\x7e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const defang = (s: string) => s.replace(/^http/, 'hxxp').replace(/\./g, '[.]');
/** Every UTF-16 code unit, lone surrogates included. */
const anyCodeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });

const webUrl = fc.webUrl({
  validSchemes: ['http', 'https'],
  withQueryParameters: true,
  withFragments: true,
  authoritySettings: { withIPv4: true, withIPv6: true, withIPv4Extended: true, withUserInfo: true, withPort: true },
});

/** Strings shaped like what URL parsing meets in mail: real URLs and their disguises. */
const urlLike = fc.oneof(
  webUrl,
  webUrl.map(defang),
  webUrl.map(fullWidth),
  webUrl.map((u) => u.toUpperCase()),
  webUrl.map((u) => u.replace(/\./g, '.\u200b')),
  fc.domain().map((d) => `${d}/login`),
  fc.tuple(fc.domain(), fc.domain()).map(([a, b]) => `https://${a}@${b}/`),
  fc.tuple(fc.nat(), fc.constantFrom('http://', 'https://', 'hxxp://', '')).map(([n, s]) => `${s}${n}/`),
  fc.tuple(fc.nat(), fc.constantFrom('0x', '0')).map(([n, p]) => `http://${p}${n.toString(p === '0x' ? 16 : 8)}/`),
  fc.constantFrom('http://[::1', 'https://%zz/', 'http://xn--/', 'https://www1.micard.co.jp./', 'HTTPS://WWW1.MICARD.CO.JP.', 'http://a..b/', 'http://-a-.jp/', 'http://exa%2Emple.com/', 'http://0000000000000000000000000000.0x1/'),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const textPiece = fc.oneof(
  urlLike,
  fc.constantFrom('エムアイカード', 'MI Card', '。', '、', '「', '」', '（', '）', ' ', '\n', '\u200b', '\u3000', '...', '!', '?', '<', '>', '"', "'", '[.]', '(.)', '[dot]', '@', 'https://', 'hxxps://', 'www1.micard.co.jp', 'ｈｔｔｐｓ：／／'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const urlishText = fc.array(textPiece, { maxLength: 12 }).map((parts) => parts.join(''));

// ---- checks -----------------------------------------------------------------------------

function assertCanonical(url: ParsedUrl, input: string, depth = 0): void {
  const context = `${JSON.stringify(input)} → ${JSON.stringify(url.host)}`;
  assert.equal(url.host, url.host.toLowerCase(), `host is lower-case: ${context}`);
  assert.match(url.host, /^[\x21-\x7e]*$/, `host is printable ASCII: ${context}`);
  assert.ok(!url.host.endsWith('.'), `host has no trailing dot: ${context}`);
  if (url.domain !== null) {
    assert.ok(url.host.endsWith(url.domain), `domain ${url.domain} is a suffix of the host: ${context}`);
    assert.ok(hostWithin(url.host, url.domain), `host is within its domain: ${context}`);
  }
  assert.ok(depth <= 3, 'redirects are unwrapped at most three times');
  if (url.redirectsTo) assertCanonical(url.redirectsTo, input, depth + 1);
}

function assertReport(report: Report): void {
  assert.ok((LABELS as readonly string[]).includes(report.verdict), report.verdict);
  assert.ok(Number.isFinite(report.score) && report.score >= 0 && report.score <= 100, String(report.score));
  for (const finding of report.findings) {
    assert.match(finding.code, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(finding.message.ja && finding.message.en);
  }
  JSON.stringify(report); // the CLI prints it as NDJSON: it must serialize
}

async function assertOnlyInputErrors(run: () => Promise<Report>): Promise<void> {
  try {
    assertReport(await run());
  } catch (error) {
    if (error instanceof InputError) {
      assert.match(error.code, /^[a-z-]+$/);
      return;
    }
    if (error instanceof assert.AssertionError) throw error;
    assert.fail(`threw ${(error as Error)?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack}`);
  }
}

/** What extractTextUrls scans: NFKC, invisible characters removed, defanging undone. */
function scannedForm(text: string): string {
  return stripInvisible(text.normalize('NFKC'))
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.')
    .replace(/\[:\]/g, ':');
}

// ---- URL --------------------------------------------------------------------------------

describe('parseUrl', () => {
  test('never throws on arbitrary strings; a parsed host is canonical', () => {
    fc.assert(
      fc.property(fc.oneof(urlLike, anyCodeUnits), (input) => {
        const url = parseUrl(input);
        if (url) assertCanonical(url, input);
      }),
      RUNS,
    );
  });

  test('every web URL parses, keeps its scheme, and its host is canonical', () => {
    fc.assert(
      fc.property(webUrl, (input) => {
        const url = parseUrl(input);
        assert.ok(url, `a valid web URL parses: ${input}`);
        assert.equal(url.scheme, new URL(input).protocol.slice(0, -1));
        assertCanonical(url, input);
        assert.equal(url.host, new URL(input).hostname.toLowerCase().replace(/\.$/, ''));
      }),
      RUNS,
    );
  });

  test('full-width, defanged and zero-width disguises parse to the same host as the plain URL', () => {
    const plain = fc.webUrl({ validSchemes: ['http', 'https'] }).filter((u) => !u.includes('['));
    fc.assert(
      fc.property(plain, (input) => {
        const expected = parseUrl(input)?.host;
        assert.equal(parseUrl(fullWidth(input))?.host, expected, `full-width ${input}`);
        assert.equal(parseUrl(input.replace(/\./g, '.\u200b'))?.host, expected, `zero-width ${input}`);
      }),
      RUNS,
    );
  });

  // Labels that cannot end the authority early or smuggle another `@`, also after the NFKC
  // folding parseUrl applies (`﹫` becomes `@`).
  const label = fc.oneof(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => !/[@/\\?#%\s:.\[\]。．｡]/u.test(s.normalize('NFKC'))));
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
  const officialUserinfo = fc.constantFrom('www1.micard.co.jp', 'www2.micard.co.jp', 'www.micard.co.jp:443', 'micard.co.jp', 'https:%2F%2Fwww1.micard.co.jp');

  test('userinfo trick: https://<official>@<host>/ never yields a micard.co.jp host', () => {
    fc.assert(
      fc.property(officialUserinfo, host, (userinfo, other) => {
        let real: string;
        try {
          real = new URL(`https://${other}/`).hostname;
        } catch {
          real = '';
        }
        fc.pre(!hostWithin(real, 'micard.co.jp'));
        const url = parseUrl(`https://${userinfo}@${other}/`);
        if (!url) return;
        assert.ok(!hostWithin(url.host, 'micard.co.jp'), `${userinfo}@${other} → ${url.host}`);
        assert.equal(url.userinfo, userinfo);
        assert.notEqual(url.domain, 'micard.co.jp');
      }),
      RUNS,
    );
  });

  test('userinfo trick through the engine: never genuine, always flagged', async () => {
    await fc.assert(
      fc.asyncProperty(officialUserinfo, fc.domain().filter((d) => !hostWithin(d, 'micard.co.jp')), async (userinfo, other) => {
        const report = await engine.checkUrl(`https://${userinfo}@${other}/login`);
        assert.notEqual(report.verdict, 'genuine');
        assert.ok(report.findings.some((f) => f.code.startsWith('LINK_USERINFO')), `${userinfo}@${other}: ${report.findings.map((f) => f.code)}`);
      }),
      runs(100),
    );
  });

  test('numeric IPv4 tricks resolve to the dotted address and name their form', () => {
    const dotted = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
    fc.assert(
      fc.property(fc.integer({ min: 0x01000000, max: 0xffffffff }), fc.constantFrom('decimal', 'hex', 'octal'), fc.boolean(), (n, form, withUserinfo) => {
        const written = form === 'decimal' ? String(n) : form === 'hex' ? `0x${n.toString(16)}` : `0${n.toString(8)}`;
        const url = parseUrl(`http://${withUserinfo ? 'www1.micard.co.jp@' : ''}${written}/login`);
        assert.ok(url);
        assert.equal(url.host, dotted(n));
        assert.equal(url.domain, null);
        // A single leading-zero number is octal to a browser; the parser may call it decimal.
        assert.ok(form === 'octal' ? url.ip === 'octal' || url.ip === 'decimal' : url.ip === form, `${written} → ${url.ip}`);
      }),
      RUNS,
    );
  });
});

// ---- text URL extraction ------------------------------------------------------------------

describe('extractTextUrls', () => {
  test('never throws; every link is text of the (normalized, refanged) input with a canonical URL', () => {
    fc.assert(
      fc.property(fc.oneof(urlishText, anyCodeUnits), fc.integer({ min: 0, max: 20 }), (text, maxLinks) => {
        const { links, dropped } = extractTextUrls(text, 'text', maxLinks);
        const scanned = scannedForm(text);
        assert.ok(links.length <= maxLinks);
        assert.ok(Number.isInteger(dropped) && dropped >= 0);
        assert.equal(new Set(links.map((l) => l.raw)).size, links.length, 'no duplicates');
        for (const link of links) {
          assert.ok(link.raw.length > 0);
          assert.ok(scanned.includes(link.raw), `${JSON.stringify(link.raw)} is in ${JSON.stringify(scanned)}`);
          assert.equal(link.source, 'text');
          if (link.url) assertCanonical(link.url, link.raw);
        }
      }),
      RUNS,
    );
  });

  test('the limit only moves links to the dropped count', () => {
    fc.assert(
      fc.property(urlishText, fc.integer({ min: 0, max: 5 }), (text, maxLinks) => {
        const all = extractTextUrls(text, 'text', 10_000);
        const cut = extractTextUrls(text, 'text', maxLinks);
        assert.equal(cut.links.length + cut.dropped, all.links.length);
        assert.deepEqual(cut.links.map((l) => l.raw), all.links.slice(0, maxLinks).map((l) => l.raw));
      }),
      RUNS,
    );
  });

  test('a URL written in a sentence is found, without the sentence punctuation', () => {
    const simple = fc.webUrl({ validSchemes: ['https'] }).filter((u) => !/[()[\]'"<>\s]/.test(u) && !/[.,;:!?]$/.test(u));
    fc.assert(
      // Japanese text right after `.` or `!` may be part of an IDN URL, so those get a space.
      fc.property(simple, fc.constantFrom('。', '、', '」', '）', ')', ' ', '. ', '! ', '.\n'), (url, after) => {
        const { links } = extractTextUrls(`詳しくは${url}${after}をご確認ください`, 'text', 100);
        assert.ok(
          links.some((l) => l.raw === url.normalize('NFKC')),
          `${url} in ${JSON.stringify(links.map((l) => l.raw))}`,
        );
      }),
      RUNS,
    );
  });
});

describe('a homograph host written without a scheme', () => {
  test('is found whole, Cyrillic letters and all, not as the ASCII tail that is someone else\'s domain', () => {
    const links = extractTextUrls('ご確認: mi\u0441ard.co.jp/login と www.mi\u0441ard.co.jp', 'text', 10).links;
    assert.deepEqual(links.map((l) => l.url?.unicodeHost), ['mi\u0441ard.co.jp', 'www.mi\u0441ard.co.jp']);
    // Kana and kanji still end a host: Japanese runs into an address without a space.
    assert.deepEqual(extractTextUrls('こちらmicard.co.jp.evil.example.com/login', 'text', 10).links.map((l) => l.url?.host), ['micard.co.jp.evil.example.com']);
  });
});

describe('an ideographic full stop between two hosts', () => {
  test('is also read as the dot a browser makes of it, and a sentence stop before words stays one', async () => {
    const joined = extractTextUrls('【MIカード】ご確認: https://www1.micard.co.jp。evil-login.example.com/app', 'text', 10).links.map((l) => [l.raw, l.url?.host]);
    assert.deepEqual(joined, [
      ['https://www1.micard.co.jp', 'www1.micard.co.jp'],
      ['https://www1.micard.co.jp。evil-login.example.com/app', 'www1.micard.co.jp.evil-login.example.com'],
    ]);
    for (const text of ['公式サイト https://www.micard.co.jp。MIカードをご利用ください', '公式 https://www.micard.co.jp。JCBカード', '詳細は https://www.micard.co.jp/app。www.example.com', 'https://www.micard.co.jp。OK.']) {
      const hosts = extractTextUrls(text, 'text', 10).links.map((l) => l.url?.host);
      assert.ok(!hosts.some((host) => host?.startsWith('www.micard.co.jp.')), `${text}: ${hosts}`);
    }
  });
});

// ---- MIME -------------------------------------------------------------------------------

/** One line of text (a NUL byte would make the mail binary: that is tested above, not here). */
const line = fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replace(/[\r\n\0]/g, ' '));

const validMail = fc
  .record({ subject: line, text: fc.array(fc.oneof(line, urlLike.map((u) => u.replace(/[\r\n\0]/g, ''))), { maxLength: 5 }), link: webUrl, brand: fc.constantFrom('', 'エムアイカード', 'MI Card') })
  .map(({ subject, text, link, brand }) =>
    Buffer.from(
      alternativeMail({
        subject: `=?UTF-8?B?${Buffer.from(`${brand}${subject}`).toString('base64')}?=`,
        text: [brand, ...text, link].join('\r\n'),
        html: `<html><body><p>${brand}</p>${text.map((t) => `<div>${t}</div>`).join('')}<a href="${link.replace(/"/g, '&quot;')}">${brand || 'link'}</a></body></html>`,
      }),
    ),
  );

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'set'; at: number; byte: number };

const TOKENS = ['\r\n', '\r\n\r\n', '\n', '--', '--alt-boundary-42', '--alt-boundary-42--', '=?', '?=', '=?utf-8?B?', '=?iso-2022-jp?Q?=1B$B', '=\r\n', '=3', 'Content-Type: multipart/mixed; boundary=""\r\n', 'Content-Type: message/rfc822\r\n\r\n', 'Content-Transfer-Encoding: base64\r\n', 'charset=iso-2022-jp', '\x1b$B', '\x1b(B', '<a href="', '<div>', '</div>', '"', ';', ' boundary=alt-boundary-42'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(300) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat(500) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(...TOKENS).map((t) => Buffer.from(t, 'latin1'))) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = bytes;
  for (const m of mutations) {
    const at = out.length ? m.at % (out.length + 1) : 0;
    switch (m.kind) {
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
      case 'duplicate':
        out = Buffer.concat([out.subarray(0, at + m.length), out.subarray(at)]);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
        break;
      case 'set':
        if (at < out.length) {
          out = Buffer.from(out);
          out[at] = m.byte;
        }
        break;
    }
  }
  return out;
}

describe('checkMail', () => {
  test('arbitrary bytes: a report or an InputError, nothing else', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.concat([Buffer.from('From: a@example.com\r\nSubject: x\r\n'), b])),
      fc.uint8Array({ min: 1, maxLength: 3000 }).map((b) => Buffer.concat([Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n'), b])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, (raw) => assertOnlyInputErrors(() => engine.checkMail(raw))),
      ASYNC_RUNS,
    );
  });

  test('mutated and truncated multipart/alternative mail: a report or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(validMail, fc.array(mutation, { minLength: 1, maxLength: 4 }), (raw, mutations) => assertOnlyInputErrors(() => engine.checkMail(mutate(raw, mutations)))),
      ASYNC_RUNS,
    );
  });

  test('a mutated forwarding around a mutated original, inline or attached: a report or an InputError', async () => {
    const forwarding = fc
      .record({ note: fc.array(fc.oneof(line, urlLike.map((u) => u.replace(/[\r\n\0]/g, ''))), { maxLength: 3 }), original: validMail, inline: fc.boolean(), report: fc.boolean(), subject: fc.constantFrom('Fwd: x', 'RE: x', 'FW: x', 'x') })
      .map(({ note, original, inline, report, subject }) => {
        const head = ['From: Member <member@example.jp>', `Subject: ${subject}`, 'MIME-Version: 1.0'];
        if (inline) return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', ...note, '', '-----Original Message-----', original.toString('utf8')].join('\r\n'));
        const type = report ? 'multipart/report; report-type=delivery-status' : 'multipart/mixed';
        return Buffer.concat([Buffer.from([...head, `Content-Type: ${type}; boundary="fw"`, '', '--fw', 'Content-Type: text/plain; charset=utf-8', '', ...note, '--fw', 'Content-Type: message/rfc822', '', ''].join('\r\n')), original, Buffer.from('\r\n--fw--\r\n')]);
      });
    await fc.assert(
      fc.asyncProperty(forwarding, fc.array(mutation, { maxLength: 3 }), (raw, mutations) => assertOnlyInputErrors(() => engine.checkMail(mutate(raw, mutations)))),
      ASYNC_RUNS,
    );
  });

  test('the unmutated mail is judged, with its subject decoded and its link found', async () => {
    await fc.assert(
      fc.asyncProperty(validMail, async (raw) => {
        const report = await engine.checkMail(raw);
        assertReport(report);
        assert.ok(report.message.links >= 1);
      }),
      runs(150),
    );
  });

  test('MIME round trip: UTF-8 subject (encoded-word) and base64 body decode to what was sent', async () => {
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(s) && s.trim() === s && !/\s{2}/.test(s));
    const body = fc.array(printable, { maxLength: 6 }).map((lines) => lines.join('\n'));
    await fc.assert(
      fc.asyncProperty(printable, body, async (subject, text) => {
        const raw = mail(
          [...PLAIN_HEADERS, `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'],
          Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n'),
        );
        const facts = await parseMail(raw, limits);
        assert.equal(facts.subject, subject);
        assert.equal(facts.text.replace(/\r\n/g, '\n').replace(/\n$/, ''), text);
      }),
      runs(200),
    );
  });
});

describe('checkText', () => {
  test('arbitrary Unicode (lone surrogates included) never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), anyCodeUnits, urlishText), async (text) => {
        assertReport(await engine.checkText(text));
      }),
      ASYNC_RUNS,
    );
  });

  test('checkUrl never throws either', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(urlLike, anyCodeUnits), async (url) => {
        assertReport(await engine.checkUrl(url));
      }),
      ASYNC_RUNS,
    );
  });
});
