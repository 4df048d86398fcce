// Mails for the authenticity tests: a notice like the issuer's, signed by kakunin or by the
// openssl CLI, and an engine that runs only the authenticity detectors on a fixed clock.
import { execFileSync } from 'node:child_process';
import { createEngine, type Engine } from '../../src/engine.ts';
import type { AuthOptions, Detector } from '../../src/detectors/detector.ts';
import { mailAuthDetector } from '../../src/detectors/mail-auth.ts';
import { smimeDetector } from '../../src/detectors/smime.ts';
import { SIGNER_EMAIL, TEST_NOW, type Issued, type Pki } from './pki.ts';

export const NOTICE_TEXT = 'エムアイカードをご利用いただきありがとうございます。\nご利用明細は https://www1.micard.co.jp/app/login からご確認ください。\n';

/** The MIME entity of a notice (content headers and body), without message headers. */
export function noticeBody(text = NOTICE_TEXT): string {
  const b64 = (Buffer.from(text).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
  return `Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n`;
}

export function noticeMail(options: { from?: string; subject?: string; text?: string; extraHeaders?: string[] } = {}): string {
  return [
    `From: ${options.from ?? `MI Card <${SIGNER_EMAIL}>`}`,
    'To: member@example.jp',
    `Subject: ${options.subject ?? '=?UTF-8?B?44CQ44Ko44Og44Ki44Kk44Kr44O844OJ44CR44GU5Yip55So5piO57Sw?='}`,
    'Date: Mon, 01 Jun 2026 09:00:00 +0900',
    'Message-ID: <notice-1@micard.co.jp>',
    ...(options.extraHeaders ?? []),
    'MIME-Version: 1.0',
    noticeBody(options.text),
  ].join('\r\n');
}

export type OpensslSignOptions = { signer: Issued; chain?: Issued[]; opaque?: boolean; md?: string; from?: string };

/** Signs the notice body with `openssl cms -sign`, headers given as openssl writes them. */
export function opensslSign(pki: Pki, options: OpensslSignOptions): Uint8Array {
  const body = pki.write(`body-${Math.random().toString(36).slice(2)}.txt`, noticeBody());
  const args = ['cms', '-sign', '-in', body, '-signer', options.signer.certFile, '-inkey', options.signer.keyFile, '-md', options.md ?? 'sha256'];
  if (options.chain?.length) args.push('-certfile', pki.write(`chain-${Math.random().toString(36).slice(2)}.pem`, options.chain.map((c) => c.certPem).join('')));
  if (options.opaque) args.push('-nodetach');
  args.push('-from', options.from ?? `MI Card <${SIGNER_EMAIL}>`, '-to', 'member@example.jp', '-subject', 'MI Card notice');
  return new Uint8Array(execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Runs `openssl cms|smime -verify` on a file; returns openssl's verdict line and exit status. */
export function opensslVerify(pki: Pki, mail: Uint8Array, tool: 'cms' | 'smime', caFile: string): { ok: boolean; output: string } {
  const file = pki.write(`verify-${Math.random().toString(36).slice(2)}.eml`, mail);
  try {
    const out = execFileSync('openssl', [tool, '-verify', '-in', file, '-CAfile', caFile, '-out', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    return { ok: true, output: out };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

export function authEngine(auth: AuthOptions, detectors: Detector[] = [smimeDetector, mailAuthDetector], now = TEST_NOW): Engine {
  return createEngine({ detectors, now, auth });
}

export function codes(report: { findings: { code: string }[] }): string[] {
  return report.findings.map((f) => f.code).sort();
}

/** Flips one byte of the first occurrence of `needle` (which must be present). */
export function flipByte(mail: Uint8Array, needle: string): Uint8Array {
  const text = Buffer.from(mail).toString('latin1');
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" not in the mail`);
  const copy = new Uint8Array(mail);
  copy[at] = copy[at] === 0x41 ? 0x42 : 0x41;
  return copy;
}
