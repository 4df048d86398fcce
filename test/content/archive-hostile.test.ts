// Archives built to hide what they hold from one reader while another shows it: entries whose
// headers lie, archives joined together or behind junk, archives nested without end, names that
// Windows changes when it saves them, and the tar, gzip and CAB files that were not opened at all.
// Every archive is made here: zips with fflate (then patched), the others byte by byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { attachmentReport } from '../../src/attachments/analyze.ts';
import { ATTACHMENT_BOUNDS } from '../../src/attachments/bounds.ts';
import { attachmentsDetector } from '../../src/detectors/attachments.ts';
import { DEFAULT_LIMITS } from '../../src/limits.ts';
import type { AttachmentFact } from '../../src/message/facts.ts';
import { attachment, byCode, codes, facts, run } from './helpers.ts';

const MZ = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, ...new Array(50).fill(0), 0x80, 0, 0, 0, ...new Array(64).fill(0), 0x50, 0x45, 0, 0]);
const LNK = new Uint8Array([0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46, ...new Array(60).fill(0)]);
const FORM = '<html><body><form action="https://collect.example/p.php"><input type="password" name="pw"></form></body></html>';

const zip = (files: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])));

/** Offsets of every `signature` (a zip header's first four bytes) in `bytes`. */
function headers(bytes: Uint8Array, signature: string): number[] {
  const found: number[] = [];
  const buffer = Buffer.from(bytes);
  for (let at = buffer.indexOf(signature, 0, 'latin1'); at >= 0; at = buffer.indexOf(signature, at + 1, 'latin1')) found.push(at);
  return found;
}

/** Makes the first entry declare one byte more than it holds, in its local and its central header. */
function oversize(bytes: Uint8Array): Uint8Array {
  const out = Buffer.from(bytes);
  const [local] = headers(out, 'PK\x03\x04');
  const [central] = headers(out, 'PK\x01\x02');
  out.writeUInt32LE(out.readUInt32LE(local! + 22) + 1, local! + 22);
  out.writeUInt32LE(out.readUInt32LE(central! + 24) + 1, central! + 24);
  return new Uint8Array(out);
}

/** Breaks the deflate stream of the first entry: its first byte becomes a reserved block type. */
function corruptData(bytes: Uint8Array): Uint8Array {
  const out = Buffer.from(bytes);
  const [local] = headers(out, 'PK\x03\x04');
  out[local! + 30 + out.readUInt16LE(local! + 26) + out.readUInt16LE(local! + 28)] = 0x07;
  return new Uint8Array(out);
}

async function findingsFor(...attachments: AttachmentFact[]) {
  return run(attachmentsDetector, facts({ subject: 'Documents', text: 'See attached.', attachments }));
}

const evidence = (findings: Awaited<ReturnType<typeof findingsFor>>, code: string) => byCode(findings, code).evidence.map((e) => e.value);

describe('entries whose headers lie', () => {
  it('lists and reads the entries after one that cannot be read, and says which one is broken', async () => {
    const files = { 'readme.html': `<html><body>${'hello '.repeat(200)}</body></html>`, 'login.html': FORM, 'invoice.pdf.lnk': LNK, 'invoice.exe': MZ };
    for (const broken of [oversize(zip(files)), corruptData(zip(files))]) {
      const findings = await findingsFor(attachment('invoice.zip', broken));
      assert.ok(evidence(findings, 'ATTACH_EXECUTABLE').includes('invoice.zip → invoice.exe'), codes(findings).join());
      assert.ok(evidence(findings, 'ATTACH_DISGUISED').includes('invoice.zip → invoice.pdf.lnk'));
      assert.equal(evidence(findings, 'ATTACH_HTML_FORM')[0], 'invoice.zip → login.html');
      assert.match(byCode(findings, 'ATTACH_ARCHIVE_MALFORMED').message.en, /readme\.html (declares 1227 bytes but holds 1226|cannot be read)/);
      // Nothing is past the listing limit of 1,000 in a zip of four files.
      assert.deepEqual(findings.filter((f) => f.code === 'ATTACH_NOT_EXAMINED').map((f) => f.message.en), []);
    }
  });

  it('says nothing is wrong with a whole zip', async () => {
    assert.deepEqual(codes(await findingsFor(attachment('notes.zip', zip({ 'a.txt': 'one', 'b.txt': 'two', 'page.html': '<html><body>hi</body></html>' })))), ['ATTACH_HTML']);
  });
});

describe('archives joined together or behind junk', () => {
  const lure = zip({ 'invoice.pdf.exe': MZ, 'login.html': FORM });
  const decoy = zip({ 'readme.txt': 'Invoice attached.' });
  const joined = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

  it('sees both halves of two zips joined into one, whichever half a tool shows', async () => {
    for (const bytes of [joined(lure, decoy), joined(decoy, lure)]) {
      const findings = await findingsFor(attachment('invoice.zip', bytes));
      assert.ok(evidence(findings, 'ATTACH_EXECUTABLE').includes('invoice.zip → invoice.pdf.exe'), codes(findings).join());
      assert.equal(evidence(findings, 'ATTACH_HTML_FORM')[0], 'invoice.zip → login.html');
      assert.match(byCode(findings, 'ATTACH_ARCHIVE_MALFORMED').message.en, /files its directory does not list.*(readme\.txt|invoice\.pdf\.exe)/);
    }
  });

  it('reads a zip behind junk, as 7-Zip and WinRAR do', async () => {
    const findings = await findingsFor(attachment('invoice.zip', joined(new Uint8Array(64), lure)));
    assert.ok(evidence(findings, 'ATTACH_EXECUTABLE').includes('invoice.zip → invoice.pdf.exe'), codes(findings).join());
    assert.equal(evidence(findings, 'ATTACH_HTML_FORM')[0], 'invoice.zip → login.html');
    assert.match(byCode(findings, 'ATTACH_ARCHIVE_MALFORMED').message.en, /64 bytes of something else come before it/);
  });

  const withoutDirectory = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, Buffer.from(bytes).indexOf('PK\x01\x02', 0, 'latin1')));

  it('lists a zip without its directory from the headers of its files', async () => {
    const findings = await findingsFor(attachment('invoice.zip', new Uint8Array(withoutDirectory(lure))));
    assert.ok(evidence(findings, 'ATTACH_EXECUTABLE').includes('invoice.zip → invoice.pdf.exe'), codes(findings).join());
    assert.equal(evidence(findings, 'ATTACH_HTML_FORM')[0], 'invoice.zip → login.html');
    assert.match(byCode(findings, 'ATTACH_ARCHIVE_MALFORMED').message.en, /no directory.*files found by their own headers/);
  });

  it('reads what a file found by its header declares, when the file holds more', async () => {
    const bytes = withoutDirectory(zip({ 'login.html': FORM }));
    bytes.writeUInt32LE(60, 22);
    const findings = await findingsFor(attachment('invoice.zip', new Uint8Array(bytes)));
    assert.match(byCode(findings, 'ATTACH_ARCHIVE_MALFORMED').message.en, /login\.html declares 60 bytes but holds more/);
    assert.deepEqual(evidence(findings, 'ATTACH_HTML'), ['invoice.zip → login.html']);
  });

  it('does not take a stored zip inside a zip for a second archive', async () => {
    const outer = zipSync({ 'inner.zip': [decoy, { level: 0 }], 'notes.txt': strToU8('hello') });
    assert.ok(Buffer.from(outer).includes('readme.txt'), 'the inner zip is stored, its headers visible');
    assert.deepEqual(codes(await findingsFor(attachment('bundle.zip', outer))), []);
  });
});

describe('archives inside archives', () => {
  it('opens archives inside archives down to the depth bound and no deeper, and says what it did not open', async () => {
    const bound = ATTACHMENT_BOUNDS.maxArchiveDepth;
    // Three levels deeper than the bound, each with a page and the level below.
    let level = zip({ 'page.html': '<html><body>bottom</body></html>' });
    for (let depth = bound + 2; depth >= 0; depth--) level = zip({ 'page.html': `<html><body>level ${depth}</body></html>`, 'a.zip': level });
    const started = performance.now();
    const report = await attachmentReport(facts({ text: 'see attached', attachments: [attachment('nest.zip', level)] }), DEFAULT_LIMITS);
    assert.ok(performance.now() - started < 2_000);
    // The archives at depth 0 … bound-1 are read, one page each; the one at the bound is listed, not opened.
    const pages = report.observations.filter((o) => o.code === 'ATTACH_HTML');
    assert.equal(pages.length, bound);
    const unopened = report.observations.filter((o) => o.code === 'ATTACH_NOT_EXAMINED');
    assert.equal(unopened.length, 1);
    assert.equal(unopened[0]!.name, ['nest.zip', ...new Array(bound).fill('a.zip')].join(' → '));
    assert.match(unopened[0]!.detail, new RegExp(`nested more than ${bound} deep are not opened: page\\.html, a\\.zip`));
  });

  it('opens at most so many files out of archives per message, however wide they fan out', async () => {
    const leaf = zip({ 'a.html': '<html><body>x</body></html>' });
    const middle = zipSync(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}.zip`, [leaf, { level: 0 }] as const])));
    const top = zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}.zip`, middle])));
    const started = performance.now();
    const report = await attachmentReport(facts({ text: 'see attached', attachments: [attachment('fan.zip', top)] }), DEFAULT_LIMITS);
    assert.ok(performance.now() - started < 2_000);
    const note = report.observations.find((o) => o.detail.startsWith(`more than ${ATTACHMENT_BOUNDS.maxArchiveFiles} files in archives`));
    assert.ok(note, 'the files not opened are reported');
    assert.ok(report.observations.filter((o) => o.code === 'ATTACH_HTML').length < ATTACHMENT_BOUNDS.maxArchiveFiles);
  });

  it('reads a page three zips deep: a bound of two would let one more zip hide it', async () => {
    const findings = await findingsFor(attachment('invoice.zip', zip({ 'archive.zip': zip({ 'docs.zip': zip({ 'invoice.html': FORM }) }) })));
    assert.equal(evidence(findings, 'ATTACH_HTML_FORM')[0], 'invoice.zip → archive.zip → docs.zip → invoice.html');
  });
});

describe('names Windows changes when it saves them', () => {
  it('judges an entry name without the trailing dots and spaces Windows drops, and shows it as the archive spells it', async () => {
    const findings = await findingsFor(attachment('invoice.zip', zip({ 'invoice.pdf.exe.': MZ, 'invoice.pdf.lnk ': LNK, 'run.js. .': 'WScript.CreateObject("WScript.Shell")' })));
    const programs = byCode(findings, 'ATTACH_EXECUTABLE');
    assert.deepEqual(programs.evidence.map((e) => e.value), ['invoice.zip → invoice.pdf.exe.', 'invoice.zip → invoice.pdf.lnk ', 'invoice.zip → run.js. .']);
    assert.match(programs.message.en, /\(\.exe, once Windows drops the trailing dots and spaces\)/);
    assert.deepEqual(evidence(findings, 'ATTACH_DISGUISED'), ['invoice.zip → invoice.pdf.exe', 'invoice.zip → invoice.pdf.lnk']);
  });
});

/** A ustar archive, as tar writes one: a 512-byte header per file (name, octal size, checksum), the file padded to 512, two empty blocks. */
function tar(files: [name: string, content: Uint8Array | string, type?: string][]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const [name, content, type = '0'] of files) {
    const data = Buffer.from(content);
    const header = Buffer.alloc(512);
    header.write(name.slice(0, 100), 0, 'utf8');
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    header.write(type, 156, 'latin1');
    header.write('ustar\x0000', 257, 'latin1');
    header.fill(' ', 148, 156);
    header.write(`${header.reduce((sum, byte) => sum + byte, 0).toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return new Uint8Array(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

/** A pax extended header naming the next entry, as tar writes for names past 100 bytes. */
function paxName(name: string): [string, string, string] {
  const record = ` path=${name}\n`;
  let length = Buffer.byteLength(record) + 2;
  if (Buffer.byteLength(`${length}${record}`) !== length) length++;
  return ['PaxHeaders/0', `${length}${record}`, 'x'];
}

/** A cabinet of one folder listing `names` (their data is not needed: only names are read). */
function cab(names: string[]): Uint8Array {
  const records = names.map((name) => {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(100, 0);
    record.writeUInt16LE(0x20, 14);
    return Buffer.concat([record, Buffer.from(`${name}\0`, 'latin1')]);
  });
  const header = Buffer.alloc(36);
  header.write('MSCF', 0, 'latin1');
  header.writeUInt32LE(36 + 8 + Buffer.concat(records).length, 8);
  header.writeUInt32LE(36 + 8, 16);
  header.writeUInt8(3, 24);
  header.writeUInt8(1, 25);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(names.length, 28);
  const folder = Buffer.alloc(8);
  return new Uint8Array(Buffer.concat([header, folder, ...records]));
}

describe('tar, gzip and CAB', () => {
  it('lists the names in a tar archive (long names too) and reads the pages in it', async () => {
    const long = `${'請求書'.repeat(20)}.pdf.exe`;
    const findings = await findingsFor(attachment('invoice.tar', tar([['docs/', '', '5'], ['docs/invoice.pdf.exe', MZ], paxName(long), ['ignored-short-name', MZ], ['login.html', FORM]])));
    assert.deepEqual(evidence(findings, 'ATTACH_EXECUTABLE'), ['invoice.tar → docs/invoice.pdf.exe', `invoice.tar → ${long}`]);
    assert.ok(evidence(findings, 'ATTACH_DISGUISED').includes('invoice.tar → docs/invoice.pdf.exe'));
    assert.equal(evidence(findings, 'ATTACH_HTML_FORM')[0], 'invoice.tar → login.html');
  });

  it('says when a tar header is damaged, and keeps what was listed before it', async () => {
    const bytes = tar([['invoice.pdf.exe', MZ], ['notes.txt', 'hello']]);
    bytes[1024 + 10] = 0x41;
    const findings = await findingsFor(attachment('invoice.tar', bytes));
    assert.deepEqual(evidence(findings, 'ATTACH_EXECUTABLE'), ['invoice.tar → invoice.pdf.exe']);
    assert.match(byCode(findings, 'ATTACH_ARCHIVE_MALFORMED').message.en, /the header at byte 1024 is damaged/);
  });

  it('opens the file in a .gz: a page, and a tar', async () => {
    const page = await findingsFor(attachment('invoice.html.gz', new Uint8Array(gzipSync(FORM))));
    assert.equal(evidence(page, 'ATTACH_HTML_FORM')[0], 'invoice.html.gz → invoice.html');
    const archive = await findingsFor(attachment('invoice.tgz', new Uint8Array(gzipSync(tar([['invoice.pdf.exe', MZ]])))));
    assert.deepEqual(evidence(archive, 'ATTACH_EXECUTABLE'), ['invoice.tgz → invoice.tar → invoice.pdf.exe']);
    assert.ok(!codes(archive).includes('ATTACH_ARCHIVE_OPAQUE'));
  });

  it('does not inflate a .gz bomb past the entry limit, and says a cut .gz is broken', async () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024)));
    const started = performance.now();
    const findings = await findingsFor(attachment('report.html.gz', bomb));
    assert.ok(performance.now() - started < 2_000);
    assert.match(byCode(findings, 'ATTACH_ARCHIVE_BOMB').message.en, new RegExp(`report\\.html\\.gz → report\\.html.*${bomb.length} → ${64 * 1024 * 1024} bytes`));
    const cut = gzipSync(FORM).subarray(0, 60);
    assert.match(byCode(await findingsFor(attachment('invoice.html.gz', new Uint8Array(cut))), 'ATTACH_ARCHIVE_MALFORMED').message.en, /cannot be inflated to its end/);
  });

  it('lists the names in a CAB file', async () => {
    const findings = await findingsFor(attachment('invoice.cab', cab(['readme.txt', 'invoice.pdf.exe'])));
    assert.deepEqual(evidence(findings, 'ATTACH_EXECUTABLE'), ['invoice.cab → invoice.pdf.exe']);
    assert.ok(evidence(findings, 'ATTACH_DISGUISED').includes('invoice.cab → invoice.pdf.exe'));
    assert.ok(!codes(findings).includes('ATTACH_ARCHIVE_OPAQUE'));
  });

  it('stays quiet on an ordinary tar.gz of notes', async () => {
    assert.deepEqual(codes(await findingsFor(attachment('notes.tar.gz', new Uint8Array(gzipSync(tar([['notes/', '', '5'], ['notes/day1.txt', 'day 1'], ['notes/photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])]])))))), []);
  });
});
