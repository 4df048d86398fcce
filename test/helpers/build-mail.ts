// Builds small RFC 5322 mails for tests, so each test shows exactly the trait it is about.
export type TestMail = {
  from?: string;
  subject?: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
};

function encodeWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function encodeFrom(from: string): string {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(from);
  return match && match[1] ? `${encodeWord(match[1].replace(/^"|"$/g, ''))} <${match[2]}>` : from;
}

export function buildMail(mail: TestMail): string {
  const headers = [
    `From: ${encodeFrom(mail.from ?? 'someone@example.net')}`,
    'To: member@example.jp',
    `Subject: ${encodeWord(mail.subject ?? 'test')}`,
    'Date: Tue, 24 Nov 2026 10:00:00 +0900',
    'Message-ID: <test@example.net>',
    'MIME-Version: 1.0',
    ...Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  if (mail.html && mail.text) {
    return [
      ...headers,
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(mail.text),
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(mail.html),
      '--b1--',
      '',
    ].join('\r\n');
  }
  const html = mail.html !== undefined;
  return [...headers, `Content-Type: text/${html ? 'html' : 'plain'}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', b64(html ? mail.html! : (mail.text ?? '')), ''].join('\r\n');
}
