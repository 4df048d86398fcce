// Runs one small mail, one text and one URL through a fresh engine before the server takes
// requests. The engine's first mail check costs several hundred milliseconds (modules and
// data loaded on first use, code not yet compiled); paying that at start-up keeps the first
// member's result as fast as every later one.
import type { Engine } from '../engine.ts';

const SAMPLE_MAIL = [
  'From: "MI Card" <info@example.com>',
  'To: member@example.jp',
  'Subject: =?UTF-8?B?44GK55+l44KJ44Gb?=',
  'Date: Mon, 01 Jun 2026 09:00:00 +0900',
  'Message-ID: <warm-up@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'https://www.example.com/',
  '--b',
  'Content-Type: text/html; charset=UTF-8',
  '',
  '<p><a href="https://www.example.com/">https://www.example.com/</a></p>',
  '--b--',
  '',
].join('\r\n');

export async function warmUp(engine: Engine): Promise<void> {
  await engine.checkMail(SAMPLE_MAIL);
  await engine.checkText('エムアイカード https://www.example.com/');
  await engine.checkUrl('https://www.example.com/');
}
