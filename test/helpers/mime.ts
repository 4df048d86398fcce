// Builds test mail by hand: headers, multipart bodies, and Japanese text in the legacy
// encodings mail still uses (ISO-2022-JP, Shift_JIS, EUC-JP). The encoders are written here
// from JIS X 0208 row/cell codes, independent of the TextDecoder the code under test relies
// on, so a decoding bug cannot hide behind the same library on both sides.

/** JIS X 0208 codes (row+0x20, cell+0x20) of the characters the tests use. */
export const JIS_X_0208: Record<string, number> = {
  '【': 0x215a, '】': 0x215b, '、': 0x2122, '。': 0x2123, 'ー': 0x213c,
  'ア': 0x2522, 'イ': 0x2524, 'エ': 0x2528, 'カ': 0x252b, 'ド': 0x2549, 'ム': 0x2560,
  'あ': 0x2422, 'い': 0x2424, 'う': 0x2426, 'お': 0x242a, 'が': 0x242c, 'き': 0x242d,
  'ご': 0x2434, 'ざ': 0x2436, 'す': 0x2439, 'せ': 0x243b, 'た': 0x243f, 'だ': 0x2440,
  'と': 0x2448, 'の': 0x244e, 'ま': 0x245e, 'ら': 0x2469, 'り': 0x246a, 'を': 0x2472,
  '重': 0x3d45, '要': 0x4d57, '利': 0x4d78, '用': 0x4d51, '確': 0x334e, '認': 0x4727, '知': 0x434e,
  '停': 0x4464, '止': 0x3b5f,
};

function jisCode(char: string): number {
  const code = JIS_X_0208[char];
  if (code === undefined) throw new Error(`test encoder has no JIS code for ${JSON.stringify(char)}`);
  return code;
}

function isAscii(char: string): boolean {
  return char.charCodeAt(0) < 0x80;
}

/** ISO-2022-JP: ASCII as is; JIS X 0208 runs between `ESC $ B` and `ESC ( B`. */
export function toIso2022Jp(text: string): Buffer {
  const bytes: number[] = [];
  let inJis = false;
  for (const char of text) {
    if (isAscii(char)) {
      if (inJis) bytes.push(0x1b, 0x28, 0x42);
      inJis = false;
      bytes.push(char.charCodeAt(0));
    } else {
      if (!inJis) bytes.push(0x1b, 0x24, 0x42);
      inJis = true;
      const code = jisCode(char);
      bytes.push(code >> 8, code & 0xff);
    }
  }
  if (inJis) bytes.push(0x1b, 0x28, 0x42);
  return Buffer.from(bytes);
}

/** EUC-JP: each JIS byte with the high bit set. */
export function toEucJp(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    if (isAscii(char)) bytes.push(char.charCodeAt(0));
    else {
      const code = jisCode(char);
      bytes.push((code >> 8) | 0x80, (code & 0xff) | 0x80);
    }
  }
  return Buffer.from(bytes);
}

/** Shift_JIS: the standard arithmetic mapping from a JIS row/cell pair. */
export function toShiftJis(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    if (isAscii(char)) {
      bytes.push(char.charCodeAt(0));
      continue;
    }
    const code = jisCode(char);
    const j1 = code >> 8;
    const j2 = code & 0xff;
    const s1 = ((j1 + 1) >> 1) + (j1 <= 0x5e ? 0x70 : 0xb0);
    const s2 = j1 % 2 === 1 ? j2 + (j2 >= 0x60 ? 0x20 : 0x1f) : j2 + 0x7e;
    bytes.push(s1, s2);
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded-word, B (base64) or Q encoding, of bytes already in `charset`. */
export function encodedWord(charset: string, bytes: Uint8Array, encoding: 'B' | 'Q' = 'B'): string {
  if (encoding === 'B') return `=?${charset}?B?${Buffer.from(bytes).toString('base64')}?=`;
  const q = [...bytes].map((b) => (b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x3f && b !== 0x5f ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`));
  return `=?${charset}?Q?${q.join('')}?=`;
}

/** Quoted-printable body (every non-printable byte escaped, soft line breaks at 76). */
export function quotedPrintable(bytes: Uint8Array): string {
  let line = '';
  const lines: string[] = [];
  for (const b of bytes) {
    const piece = b === 0x0a ? '\n' : (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.join('\r\n');
}

/** A whole mail from header lines and a body (bytes are kept as they are). */
export function mail(headers: string[], body: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body)]);
}

export const PLAIN_HEADERS = ['From: "Sender" <sender@example.com>', 'To: member@example.jp', 'Date: Mon, 02 Jun 2025 09:00:00 +0900', 'Message-ID: <t1@example.com>', 'MIME-Version: 1.0'];

/** A multipart/alternative mail with a text and an HTML part (the shape property tests mutate). */
export function alternativeMail(options: { from?: string; subject?: string; text: string; html: string; boundary?: string }): string {
  const boundary = options.boundary ?? 'alt-boundary-42';
  return [
    `From: ${options.from ?? '"Sender" <sender@example.com>'}`,
    'To: member@example.jp',
    `Subject: ${options.subject ?? 'Notice'}`,
    'Date: Mon, 02 Jun 2025 09:00:00 +0900',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    options.text,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(Buffer.from(options.html, 'utf8')),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The phishing mail used across tests: MI Card named everywhere, links to a look-alike host. */
export const PHISHING_MAIL = alternativeMail({
  from: '"MI Card" <info@micard-security.example>',
  subject: '【重要】エムアイカードご利用確認のお知らせ',
  text: 'エムアイカードをご利用いただきありがとうございます。\r\nhttps://www1.micard.co.jp.account-verify.example/login',
  html: '<p>エムアイカードをご利用いただきありがとうございます。</p><a href="https://www1.micard.co.jp.account-verify.example/login">https://www1.micard.co.jp/app/login</a>',
});
