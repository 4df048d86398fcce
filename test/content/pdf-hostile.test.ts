// PDFs built against the byte scan and the text reader: files crafted to cost time, and links
// and actions written in ways a PDF reader accepts but a plain look at the bytes missed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { newBudget } from '../../src/attachments/bounds.ts';
import { scanPdf } from '../../src/attachments/pdf.ts';
import { attachmentReport } from '../../src/attachments/analyze.ts';
import { attachmentsDetector } from '../../src/detectors/attachments.ts';
import { DEFAULT_LIMITS } from '../../src/limits.ts';
import { attachment, byCode, codes, facts, run } from './helpers.ts';
import { pdfOf } from '../helpers/pdf.ts';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** A one-page PDF with a correct cross-reference table: `catalog`, `page` and `trailer` add
 *  entries to those dictionaries (`/OpenAction …`, `/Annots […]`), `objects` are numbered from 4 on. */
function pdfFile({ catalog = '', page = '', trailer = '' }, objects: string[] = []): Uint8Array {
  const all = [`<< /Type /Catalog /Pages 2 0 R ${catalog}>>`, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ${page}>>`, ...objects];
  return pdfOf(all, { version: '1.7', trailer });
}

/** A page with one link annotation whose action is `action`. */
const linkPdf = (action: string) => pdfFile({ page: '/Annots [4 0 R]' }, [`<< /Type /Annot /Subtype /Link /Rect [40 690 400 720] /A ${action} >>`]);
const scan = (bytes: Uint8Array) => scanPdf(bytes, newBudget());

/** RC4, the cipher of the simplest PDF encryption (node:crypto's OpenSSL no longer offers it). */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = [...Array(256).keys()];
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

/** `linkPdf` encrypted by the standard security handler (revision 2, RC4 with 40 bits): an owner
 *  password, and the user password given, empty in a PDF that only restricts printing or editing. */
function encryptedLinkPdf(userPassword: string): Uint8Array {
  const padding = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
  const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), padding]).subarray(0, 32);
  const owner = rc4(md5(padded('owner-secret')).subarray(0, 5), padded(userPassword));
  const id = Buffer.from('0123456789abcdef', 'latin1');
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-4);
  const key = md5(padded(userPassword), owner, permissions, id).subarray(0, 5);
  // Each string is encrypted with the key and its object's number (4) and generation (0).
  const uri = rc4(md5(key, Buffer.from([4, 0, 0, 0, 0])).subarray(0, 10), Buffer.from('https://secure-login-portal.example/inv', 'latin1'));
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${rc4(key, padding).toString('hex')}> /P -4 >>`;
  const trailer = `/Encrypt 5 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] `;
  return pdfFile({ page: '/Annots [4 0 R]', trailer }, [`<< /Type /Annot /Subtype /Link /Rect [40 690 400 720] /A << /S /URI /URI <${uri.toString('hex')}> >> >>`, encrypt]);
}

/** ASCII85 as PDF writers emit it: `z` for four zero bytes, lines of 64 characters, `~>` at the end. */
function ascii85(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const group = Buffer.concat([bytes.subarray(i, i + 4), Buffer.alloc(4)]).readUInt32BE(0);
    const size = Math.min(4, bytes.length - i);
    if (group === 0 && size === 4) {
      out += 'z';
      continue;
    }
    const digits = [4, 3, 2, 1, 0].map((power) => String.fromCharCode(33 + (Math.floor(group / 85 ** power) % 85)));
    out += digits.slice(0, size + 1).join('');
  }
  return `${out.replace(/.{64}/g, '$&\n')}~>`;
}

/** A page whose link annotation (object 5) sits in an object stream (object 4), its data encoded
 *  by `encode`, the stream's dictionary holding `filter` and its `stream` line ending in
 *  `lineEnd`. (The plain cross-reference table does not list object 5: the byte scan reads no table.) */
function objectStreamPdf(filter: string, encode: (data: Buffer) => string, lineEnd = '\n'): Uint8Array {
  const annotation = '<< /Type /Annot /Subtype /Link /Rect [40 690 400 720] /A << /S /URI /URI (https://secure-login-portal.example/inv) >> >>';
  const data = encode(Buffer.from(`5 0 ${annotation}`, 'latin1'));
  return pdfFile({ page: '/Annots [5 0 R]' }, [`<< /Type /ObjStm /N 1 /First 4 ${filter} /Length ${data.length} >>\nstream${lineEnd}${data}\nendstream`]);
}

describe('PDF scan cost', () => {
  it('reads 3 MB built to be slow in well under a second', () => {
    // Each took seconds to minutes at 3 MB when a pattern went back over the text: a lazy match
    // from every /FlateDecode to a `stream` far away (61 s), a /URI string read again to the end
    // at every later /URI (minutes), a decoder started for every tiny stream. One stream closes
    // the file, so that its dictionary is all the rest.
    const repeated = {
      'a filter name and a stream far away': '/FlateDecode ',
      'filter arrays never closed': '/Filter [',
      'stream keywords on one line': 'stream ',
      'link strings never closed': '/URI (',
      'file names never closed': '/F (',
      'tiny compressed streams': '1 0 obj <</Filter /FlateDecode>> stream\nx\nendstream endobj\n',
      'inline image starts': ' BI ',
      'open actions': '/OpenAction ',
    };
    for (const [what, unit] of Object.entries(repeated)) {
      const bytes = latin1(`%PDF-1.7\n${unit.repeat(Math.ceil(3_000_000 / unit.length))}\nstream\nx\nendstream\n%%EOF\n`);
      const started = performance.now();
      scanPdf(bytes, newBudget());
      const millis = performance.now() - started;
      // About 50 ms here; the bound leaves room for a slow, busy machine.
      assert.ok(millis < 2_000, `${what}: ${Math.round(millis)} ms`);
    }
  });
});

describe('PDF names and strings as a reader reads them', () => {
  it('reads names spelled with #xx escapes (cases 28, 29)', () => {
    assert.deepEqual(scan(linkPdf('<< /S /U#52I /U#52I (https://secure-login-portal.example/inv) >>')).uris, ['https://secure-login-portal.example/inv']);
    const script = scan(linkPdf('<< /S /J#61vaScript /J#53 (app.launchURL\\("https://secure-login-portal.example/inv"\\);) >>'));
    assert.deepEqual(script.active, ['JavaScript', 'JS']);
    const opening = pdfFile({ catalog: '/O#70enAction << /S /Launc#68 /F (cmd.exe) >>' });
    assert.deepEqual(scan(opening).active, ['Launch', 'OpenAction']);
  });

  it('reads a link string continued on the next line', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      assert.deepEqual(scan(linkPdf(`<< /S /URI /URI (https://secure-login-portal.exa\\${end}mple/inv) >>`)).uris, ['https://secure-login-portal.example/inv']);
    }
  });

  it('leaves a # in a link as it is', () => {
    assert.deepEqual(scan(linkPdf('<< /S /URI /URI (https://help.example/faq#41) >>')).uris, ['https://help.example/faq#41']);
  });
});

describe('PDF stream filters', () => {
  const hex = (data: Buffer) => `${data.toString('hex').replace(/.{60}/g, '$& ')}>`;
  const flate = (data: Buffer) => deflateSync(data).toString('latin1');
  const link = ['https://secure-login-portal.example/inv'];

  it('reads an object stream in ASCII85 over Flate (case 30)', () => {
    assert.deepEqual(scan(objectStreamPdf('/Filter [/ASCII85Decode /FlateDecode]', (data) => ascii85(deflateSync(data)))).uris, link);
    assert.deepEqual(scan(objectStreamPdf('/Filter /A85', (data) => ascii85(Buffer.concat([data, Buffer.alloc(8)])))).uris, link);
  });

  it('reads an object stream in ASCIIHex, alone or over Flate (case 30b)', () => {
    assert.deepEqual(scan(objectStreamPdf('/Filter /ASCIIHexDecode', hex)).uris, link);
    assert.deepEqual(scan(objectStreamPdf('/Filter [/ASCIIHe#78Decode /Fl]', (data) => hex(deflateSync(data)))).uris, link);
    // An odd last digit stands for its high half: the stream still ends where it should.
    assert.deepEqual(scan(objectStreamPdf('/Filter /AHx', (data) => `${data.toString('hex')}2>`)).uris, link);
  });

  it('reads a stream as pdf.js does: data after a CR alone, a filter under the short key /F', () => {
    assert.deepEqual(scan(objectStreamPdf('/Filter /FlateDecode', flate, '\r')).uris, link);
    assert.deepEqual(scan(objectStreamPdf('/Filter /FlateDecode', flate, ' \r\n')).uris, link);
    assert.deepEqual(scan(objectStreamPdf('/F [/A85 /Fl] /Filter /ASCIIHexDecode', (data) => ascii85(deflateSync(data)))).uris, link);
  });

  it('leaves pictures encoded, and counts a stream that cannot be decoded', () => {
    assert.deepEqual(scan(objectStreamPdf('/Filter [/FlateDecode /DCTDecode]', flate)).uris, []);
    assert.equal(scan(objectStreamPdf('/Filter /FlateDecode', (data) => data.toString('latin1'))).skippedStreams, 1);
  });
});

describe('PDF actions that open a file on another machine', () => {
  it('says a GoToR to a UNC path is active, with the path (case 33)', async () => {
    const unc = linkPdf('<< /S /GoToR /F (\\\\\\\\185.10.10.10\\\\share\\\\x.pdf) /D [0 /Fit] >>');
    assert.deepEqual(scan(unc).active, ['GoToR: \\\\185.10.10.10\\share\\x.pdf']);
    const findings = await run(attachmentsDetector, facts({ subject: 'Invoice', text: 'See attached.', attachments: [attachment('invoice.pdf', unc)] }));
    assert.match(byCode(findings, 'ATTACH_PDF_ACTIVE').message.en, /\(GoToR: \\\\185\.10\.10\.10\\share\\x\.pdf\)/);
  });

  it('reads the file in a file specification, as a file: URL or in UTF-16', () => {
    assert.deepEqual(scan(linkPdf('<< /S /Launch /Win << /F (file://185.10.10.10/share/run.exe) >> >>')).active, ['Launch: file://185.10.10.10/share/run.exe']);
    const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('//185.10.10.10/share/x.pdf', 'utf16le').swap16()]).toString('hex');
    assert.deepEqual(scan(linkPdf(`<< /S /GoToE /F << /Type /Filespec /F (x.pdf) /UF <${utf16}> >> >>`)).active, ['GoToE: //185.10.10.10/share/x.pdf']);
  });

  it('leaves a link to another PDF beside it alone', () => {
    assert.deepEqual(scan(linkPdf('<< /S /GoToR /F (appendix.pdf) /D [0 /Fit] >>')).active, []);
  });
});

describe('PDF links read by the PDF reader', () => {
  const report = (name: string, bytes: Uint8Array) => attachmentReport(facts({ subject: 'Invoice', text: 'See attached.', attachments: [attachment(name, bytes)] }), DEFAULT_LIMITS);

  it('reads the links of a PDF encrypted with an empty user password, which opens with no prompt (case 55)', async () => {
    const bytes = encryptedLinkPdf('');
    assert.ok(!scan(bytes).uris.some((uri) => uri.includes('secure-login-portal')), 'the byte scan sees only the encrypted string');
    const { links, observations } = await report('invoice.pdf', bytes);
    assert.deepEqual(links.map((link) => link.url?.host), ['secure-login-portal.example']);
    assert.ok(observations.some((o) => o.code === 'ATTACH_PDF_LINKS' && o.url === 'https://secure-login-portal.example/inv'));
  });

  it('keeps a PDF that needs a real password encrypted, and nothing more', async () => {
    const findings = await run(attachmentsDetector, facts({ subject: 'Invoice', text: 'See attached.', attachments: [attachment('invoice.pdf', encryptedLinkPdf('1234'))] }));
    assert.deepEqual(codes(findings), ['ATTACH_PDF_ENCRYPTED']);
  });

  it('counts a link found by both the byte scan and the reader once', async () => {
    const { links } = await report('notice.pdf', linkPdf('<< /S /URI /URI (https://secure-login-portal.example/inv) >>'));
    assert.deepEqual(links.map((link) => link.raw), ['https://secure-login-portal.example/inv']);
  });

  it('takes no file a GoToR or a Launch opens for a link', async () => {
    assert.deepEqual((await report('a.pdf', linkPdf('<< /S /GoToR /F (appendix.pdf) /D [0 /Fit] >>'))).links, []);
    assert.deepEqual((await report('b.pdf', linkPdf('<< /S /Launch /F (cmd.exe) >>'))).links, []);
  });
});
