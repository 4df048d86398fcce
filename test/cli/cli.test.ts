// The `kakunin` command end to end: spawned as a real process (bin/kakunin.js on Node 24),
// with inputs written to a temp dir. Checks the NDJSON contract of --json, exit codes
// (0/1/2/3 by verdict, 64 usage, 65 input), reading stdin, the English output, profile
// errors, scanning a directory and an mbox — and that nothing ever prints a stack trace.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT_FOR_LABEL } from '../../src/cli/exit-codes.ts';
import { createPki, sampleMail, TEST_NOW, type Pki } from '../auth/pki.ts';
import { PHISHING_MAIL, alternativeMail } from '../helpers/mime.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/kakunin.js');

/** This Node if it can strip types (>= 22.19), else the Node 24 of the `node` devDependency. */
function nodeBinary(): string {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  return major > 22 || (major === 22 && minor >= 19) ? process.execPath : join(ROOT, 'node_modules/.bin/node');
}
const NODE = nodeBinary();

type Run = { code: number; stdout: string; stderr: string };

function kakunin(args: string[], input?: string | Buffer): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = execFile(NODE, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (code === null) return reject(new Error(`kakunin ${args.join(' ')} failed to run: ${error?.message}\n${stderr}`));
      const run = { code, stdout, stderr };
      try {
        assertNoStackTrace(run);
      } catch (assertion) {
        return reject(assertion);
      }
      resolveRun(run);
    });
    child.stdin!.end(input ?? '');
  });
}

function assertNoStackTrace(run: Run): void {
  for (const text of [run.stdout, run.stderr]) {
    assert.doesNotMatch(text, /^\s+at .+[:(]\d+:\d+\)?$/m, `no stack trace in output:\n${text}`);
    assert.doesNotMatch(text, /node:internal|file:\/\/\//, `no stack trace in output:\n${text}`);
  }
}

type Line = Record<string, unknown> & { verdict?: keyof typeof EXIT_FOR_LABEL; score?: number; file?: string; url?: string; error?: string; code?: string };

/** Parses NDJSON: every line one JSON object, nothing else on stdout. */
function ndjson(stdout: string): Line[] {
  assert.ok(stdout.endsWith('\n'), 'NDJSON ends with a newline');
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

function assertReportLine(line: Line): void {
  for (const key of ['verdict', 'score', 'brand', 'findings', 'advice', 'message', 'ms']) assert.ok(key in line, `line has ${key}: ${JSON.stringify(line).slice(0, 200)}`);
  assert.ok(Object.keys(EXIT_FOR_LABEL).includes(line.verdict!));
  assert.equal(typeof line.score, 'number');
  assert.ok(Array.isArray(line.findings) && Array.isArray(line.advice));
}

let dir: string;
const path = (name: string) => join(dir, name);

const PLAIN_TEXT = '明日の会議は10時からです。資料は前日までにお送りします。';
const PLAIN_MAIL = alternativeMail({ from: '"Taro" <taro@example.org>', subject: 'Lunch', text: 'Lunch at noon?', html: '<p>Lunch at noon?</p>' });
const SMS = '【エムアイカード】お客様のカードが一時停止されました。至急ご確認ください https://www1.micard.co.jp.secure-check.example/';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kakunin-cli-'));
  writeFileSync(path('phishing.eml'), PHISHING_MAIL);
  writeFileSync(path('plain.eml'), PLAIN_MAIL);
  writeFileSync(path('plain.txt'), PLAIN_TEXT);
  writeFileSync(path('sms.txt'), SMS);
  writeFileSync(path('empty.eml'), '');
  writeFileSync(path('binary.bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0, 1]));
  mkdirSync(path('a-directory'));
  // A profile with a field that breaks the schema (host tokens must be lower-case ASCII).
  writeFileSync(path('bad-profile.yaml'), 'id: examplebank\nname: { ja: 例銀行, en: Example Bank }\naliases: [Example Bank]\nhostTokens: [EXAMPLE BANK]\nofficialDomains: [examplebank.jp]\n');
  writeFileSync(path('good-profile.yaml'), 'id: examplebank\nname: { ja: 例銀行, en: Example Bank }\naliases: [Example Bank, 例銀行]\nhostTokens: [examplebank]\nofficialDomains: [examplebank.jp]\n');
  writeFileSync(path('bad-weights.yaml'), 'LINK_SHORTENER: lots\n');

  // A mailbox tree: .eml files at two levels, a file that is not mail, a dotfile.
  mkdirSync(path('mailbox/sub'), { recursive: true });
  writeFileSync(path('mailbox/1-phishing.eml'), PHISHING_MAIL);
  writeFileSync(path('mailbox/2-plain.eml'), PLAIN_MAIL);
  writeFileSync(path('mailbox/sub/3-plain.eml'), PLAIN_MAIL.replace('Lunch', 'Dinner'));
  writeFileSync(path('mailbox/notes.txt'), 'not mail');
  writeFileSync(path('mailbox/.hidden.eml'), PHISHING_MAIL);
  mkdirSync(path('mailbox-with-error'));
  writeFileSync(path('mailbox-with-error/a.eml'), PLAIN_MAIL);
  writeFileSync(path('mailbox-with-error/b.eml'), '');
  const envelope = (n: number) => `From sender${n}@example.org Mon Jun  2 09:00:0${n} 2025\n`;
  writeFileSync(path('box.mbox'), [PLAIN_MAIL, PHISHING_MAIL, PLAIN_MAIL].map((m, i) => `${envelope(i)}${m.replace(/\r\n/g, '\n')}\n`).join(''));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('kakunin check', { concurrency: 2 }, () => {
  test('--json prints one NDJSON line with verdict, score, brand, findings, advice and file', async () => {
    const run = await kakunin(['check', path('phishing.eml'), '--json']);
    const lines = ndjson(run.stdout);
    assert.equal(lines.length, 1);
    const [line] = lines as [Line];
    assertReportLine(line);
    assert.equal(line.file, path('phishing.eml'));
    assert.equal(line.verdict, 'phishing');
    assert.equal(line.brand, 'micard');
    assert.ok((line.findings as unknown[]).length > 0);
    assert.ok((line.advice as unknown[]).length > 0);
    assert.equal(run.code, 3);
    assert.equal(run.stderr, '');
  });

  test('several files: one line each, in input order; exit code is the worst verdict', async () => {
    const files = [path('plain.eml'), path('phishing.eml'), path('plain.txt'), path('sms.txt')];
    const run = await kakunin(['check', ...files, '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((l) => l.file), files);
    lines.forEach(assertReportLine);
    assert.equal(run.code, Math.max(...lines.map((l) => EXIT_FOR_LABEL[l.verdict!])));
    assert.equal(run.code, 3);
  });

  test('empty, missing, directory and binary inputs: a line with file and error each, exit 65', async () => {
    const files = [path('empty.eml'), path('missing.eml'), path('a-directory'), path('binary.bin'), path('plain.eml')];
    const run = await kakunin(['check', ...files, '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((l) => l.file), files);
    assert.deepEqual(lines.slice(0, 4).map((l) => l.code), ['empty', 'unreadable', 'unreadable', 'binary']);
    for (const line of lines.slice(0, 4)) {
      assert.equal(typeof line.error, 'string');
      assert.ok(!('verdict' in line));
    }
    assert.match(lines[1]!.error!, /ENOENT/);
    assertReportLine(lines[4]!);
    assert.equal(run.code, 65);
  });

  test('without --json an unreadable input is one readable line on stderr', async () => {
    const run = await kakunin(['check', path('empty.eml'), path('missing.eml')]);
    assert.equal(run.code, 65);
    assert.deepEqual(run.stderr.trim().split('\n'), [`${path('empty.eml')}: the input is empty`, `${path('missing.eml')}: cannot read ${path('missing.eml')}: ENOENT`]);
  });

  test('exit codes follow the verdict: phishing 3, plain unrelated text 1', async () => {
    const phishing = await kakunin(['check', path('phishing.eml')]);
    assert.equal(phishing.code, 3);
    const plain = await kakunin(['check', path('plain.txt'), '--json']);
    assert.equal(ndjson(plain.stdout)[0]!.verdict, 'unverified');
    assert.equal(plain.code, 1);
  });

  test('exit code 0: a mail signed by the brand, checked against its trust anchor, is genuine', async (t) => {
    let pki: Pki;
    try {
      pki = await createPki();
    } catch (error) {
      return t.skip(`cannot build a test PKI here: ${(error as Error).message}`);
    }
    t.after(() => pki.cleanup());
    const unsigned = pki.write('notice.eml', sampleMail());
    const sign = await kakunin(['sign', '--cert', pki.signer.certFile, '--key', pki.signer.keyFile, '--chain', pki.intermediate.certFile, unsigned]);
    assert.equal(sign.code, 0, sign.stderr);
    const signed = pki.write('signed.eml', sign.stdout);
    const run = await kakunin(['check', signed, '--trust-anchor', pki.root.certFile, '--now', TEST_NOW.toISOString(), '--json']);
    const [line] = ndjson(run.stdout) as [Line];
    assert.equal(line.verdict, 'genuine', JSON.stringify(line.findings));
    assert.equal(run.code, 0);
  });

  test('--format text reads an SMS from stdin (-)', async () => {
    const run = await kakunin(['check', '-', '--format', 'text', '--json'], SMS);
    const [line] = ndjson(run.stdout) as [Line];
    assertReportLine(line);
    assert.equal(line.file, '-');
    assert.equal((line.message as { kind: string }).kind, 'text');
    assert.equal(line.brand, 'micard');
    assert.ok(line.verdict === 'phishing' || line.verdict === 'suspicious', line.verdict);
    assert.equal(run.code, EXIT_FOR_LABEL[line.verdict!]);

    const human = await kakunin(['check', '-', '--format', 'text'], SMS);
    assert.match(human.stdout, /^-\n/);
    assert.match(human.stdout, /名乗っているブランド: エムアイカード/);
    assert.equal(human.code, run.code);
  });

  test('--lang en: human output in English; the default is Japanese', async () => {
    const en = await kakunin(['check', path('phishing.eml'), '--lang', 'en']);
    assert.equal(en.code, 3);
    assert.match(en.stdout, /LIKELY PHISHING\s+\(risk \d+\/100\)/);
    assert.match(en.stdout, /claims to be: MI Card/);
    assert.match(en.stdout, /^Why:$/m);
    assert.match(en.stdout, /^What to do:$/m);
    assert.match(en.stdout, /Check instead at:/);
    assert.doesNotMatch(en.stdout, /理由|どうすればよいか|名乗っているブランド/);

    const ja = await kakunin(['check', path('phishing.eml')]);
    assert.match(ja.stdout, /フィッシングの可能性が高い/);
    assert.match(ja.stdout, /^理由:$/m);
    assert.doesNotMatch(ja.stdout, /LIKELY PHISHING|^Why:$/m);
  });

  test('--max-links 0 cuts the links and says so in the findings', async () => {
    const run = await kakunin(['check', path('sms.txt'), '--format', 'text', '--max-links', '0', '--json']);
    const [line] = ndjson(run.stdout) as [Line];
    const findings = line.findings as { code: string; evidence: { value: string }[] }[];
    const cut = findings.find((f) => f.code === 'LIMIT_TRUNCATED');
    assert.ok(cut, JSON.stringify(findings.map((f) => f.code)));
    assert.match(cut.evidence[0]!.value, /links beyond the limit of 0 not checked/);
  });
});

describe('kakunin url', { concurrency: 2 }, () => {
  test('--json: one line per URL, in order, each with its url; exit is the worst', async () => {
    const urls = ['https://www1.micard.co.jp.login-check.example/', 'https://example.com/', 'https://www1.micard.co.jp/app/login'];
    const run = await kakunin(['url', ...urls, '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((l) => l.url), urls);
    lines.forEach(assertReportLine);
    assert.equal(lines[0]!.verdict, 'phishing');
    assert.equal(lines[0]!.brand, 'micard');
    assert.notEqual(lines[1]!.verdict, 'phishing');
    assert.equal(run.code, 3);
  });

  test('exit 2 for a suspicious link (an IP-address host)', async () => {
    const run = await kakunin(['url', 'http://192.168.0.1/login', '--json']);
    const [line] = ndjson(run.stdout) as [Line];
    assert.equal(line.verdict, 'suspicious', JSON.stringify(line.findings));
    assert.equal(run.code, 2);
  });

  test('something that is not a URL: an error line, exit 65, the other URLs still judged', async () => {
    const run = await kakunin(['url', 'not a url', 'https://example.com/', '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((l) => l.url), ['not a url', 'https://example.com/']);
    assert.equal(lines[0]!.code, 'not-a-url');
    assert.match(lines[0]!.error!, /not a URL/);
    assertReportLine(lines[1]!);
    assert.equal(run.code, 65);
  });
});

describe('usage errors exit 64 with a message, never a stack trace', { concurrency: 2 }, () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', ['check', 'x.eml', '--bogus'], /Unknown option '--bogus'/],
    ['an unknown command', ['frobnicate', 'x.eml'], /unknown command "frobnicate"/],
    ['no command', [], /Usage:/],
    ['no input', ['check'], /check needs at least one input/],
    ['a bad --lang', ['check', 'x.eml', '--lang', 'fr'], /--lang must be ja or en/],
    ['a bad --format', ['check', 'x.eml', '--format', 'pdf'], /--format must be auto, eml or text/],
    ['a non-number limit', ['check', 'x.eml', '--max-links', 'many'], /--max-links needs a whole number, got "many"/],
    ['a limit beyond safe integers', ['check', 'x.eml', '--max-links', '99999999999999999999'], /--max-links needs a whole number/],
    ['a bad --now', ['check', 'x.eml', '--now', 'yesterday'], /--now needs an ISO 8601 time/],
    ['scan with two paths', ['scan', 'a', 'b'], /scan takes exactly one PATH/],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const run = await kakunin(args);
      assert.equal(run.code, 64, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stdout + run.stderr, message);
    });
  }

  test('help exits 0 and prints the usage', async () => {
    const run = await kakunin(['help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage:\n {2}kakunin check/);
    assert.match(run.stdout, /Exit codes:/);
  });

  test('--profile with an invalid profile: exit 64 and a message naming the file and the field', async () => {
    const run = await kakunin(['check', path('plain.txt'), '--profile', path('bad-profile.yaml')]);
    assert.equal(run.code, 64);
    assert.match(run.stderr, /bad-profile\.yaml: invalid profile: hostTokens/);
    assert.equal(run.stdout, '');
  });

  test('--profile with a missing file: exit 64', async () => {
    const run = await kakunin(['check', path('plain.txt'), '--profile', path('no-such-profile.yaml')]);
    assert.equal(run.code, 64);
    assert.match(run.stderr, /no-such-profile\.yaml: cannot read profile: ENOENT/);
  });

  test('--profile with a valid profile adds the brand', async () => {
    const run = await kakunin(['check', '-', '--format', 'text', '--profile', path('good-profile.yaml'), '--json'], 'Example Bank: your account is locked, sign in at https://examplebank.jp.account-check.example/');
    const [line] = ndjson(run.stdout) as [Line];
    assert.equal(line.brand, 'examplebank');
  });

  test('--weights with a bad file: exit 64, not an internal error', async () => {
    const bad = await kakunin(['check', path('plain.txt'), '--weights', path('bad-weights.yaml')]);
    assert.equal(bad.code, 64, bad.stderr);
    assert.match(bad.stderr, /bad-weights\.yaml/);
    const missing = await kakunin(['check', path('plain.txt'), '--weights', path('no-such-weights.yaml')]);
    assert.equal(missing.code, 64, missing.stderr);
    assert.match(missing.stderr, /no-such-weights\.yaml: ENOENT/);
  });
});

describe('kakunin scan', { concurrency: 2 }, () => {
  test('scan DIR --json: one line per .eml, recursively, sorted, with file/verdict/score/ms', async () => {
    const run = await kakunin(['scan', path('mailbox'), '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(
      lines.map((l) => l.file),
      [path('mailbox/1-phishing.eml'), path('mailbox/2-plain.eml'), path('mailbox/sub/3-plain.eml')],
    );
    for (const line of lines) {
      assertReportLine(line);
      assert.equal(typeof line.ms, 'number');
    }
    assert.equal(lines[0]!.verdict, 'phishing');
    assert.equal(run.code, 3);
  });

  test('scan MBOX --json: one line per message, named file#N', async () => {
    const run = await kakunin(['scan', path('box.mbox'), '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((l) => l.file), [1, 2, 3].map((n) => `${path('box.mbox')}#${n}`));
    lines.forEach(assertReportLine);
    assert.equal(lines[1]!.verdict, 'phishing');
    assert.equal(lines[1]!.brand, 'micard');
    assert.equal(run.code, 3);
  });

  test('a message that cannot be judged is an error line and exit 65; the rest are judged', async () => {
    const run = await kakunin(['scan', path('mailbox-with-error'), '--json']);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((l) => l.file), [path('mailbox-with-error/a.eml'), path('mailbox-with-error/b.eml')]);
    assertReportLine(lines[0]!);
    assert.equal(lines[1]!.code, 'empty');
    assert.equal(run.code, 65);
  });

  test('human output: a summary in the chosen language, errors on stderr', async () => {
    const run = await kakunin(['scan', path('mailbox-with-error'), '--lang', 'en']);
    assert.match(run.stdout, /2 messages in [\d.]+ s/);
    assert.match(run.stdout, /could not be judged\s+1/);
    assert.match(run.stderr, /b\.eml: the input is empty/);
    assert.equal(run.code, 65);
  });

  test('a path that does not exist: exit 65 with a message', async () => {
    const run = await kakunin(['scan', path('nowhere')]);
    assert.equal(run.code, 65);
    assert.match(run.stderr, /nowhere: no such file or directory/);
  });
});
