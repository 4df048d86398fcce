// Attachments and images, generated here: archives (with fflate), QR codes (with qrcode), PDFs,
// HTML pages, Office files and shortcuts. Types are judged by content, links come out for the
// link checks, and limits keep hostile files cheap.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { GifWriter } from 'omggif';
import CFB from 'cfb';
import { attachmentsDetector } from '../../src/detectors/attachments.ts';
import { attachmentReport } from '../../src/attachments/analyze.ts';
import { readPdfText } from '../../src/attachments/pdf-text.ts';

const attachmentLinks = async (...args: Parameters<typeof attachmentReport>) => (await attachmentReport(...args)).links;
import { DEFAULT_LIMITS } from '../../src/limits.ts';
import { attachment, byCode, codes, engine, facts, judge, run } from './helpers.ts';
import { pdfOf } from '../helpers/pdf.ts';
import type { AttachmentFact } from '../../src/message/facts.ts';

const MZ = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, ...new Array(50).fill(0), 0x80, 0, 0, 0, ...new Array(64).fill(0), 0x50, 0x45, 0, 0]);
const LNK = new Uint8Array([0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46, ...new Array(60).fill(0)]);

const zip = (files: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])));

/** Sets the "encrypted" flag on every entry, as a password-protected zip has it. */
function encrypt(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i < out.length - 4; i++) {
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 0x03 && out[i + 3] === 0x04) out[i + 6]! |= 1;
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 0x01 && out[i + 3] === 0x02) out[i + 8]! |= 1;
  }
  return out;
}

/** A one-page PDF that prints `lines` in Helvetica, with a correct cross-reference table. */
function textPdf(lines: string[]): Uint8Array {
  const escaped = lines.map((line) => `(${line.replace(/[\\()]/g, '\\$&')}) Tj T*`).join(' ');
  const content = `BT /F1 12 Tf 14 TL 72 720 Td ${escaped} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdfOf(objects);
}

/** A one-page PDF whose only content is a picture: the QR code of `text`, as uncompressed-then-deflated RGB. */
async function qrPdf(text: string): Promise<Uint8Array> {
  const png = PNG.sync.read(Buffer.from(await qrPng(text)));
  const rgb = Buffer.alloc(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) png.data.copy(rgb, i * 3, i * 4, i * 4 + 3);
  const picture = deflateSync(rgb);
  const content = 'q 200 0 0 200 100 400 cm /Im1 Do Q';
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>', 'latin1'),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`, 'latin1'),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${png.width} /Height ${png.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${picture.length} >>\nstream\n`, 'latin1'), picture, Buffer.from('\nendstream', 'latin1')]),
  ];
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  for (const [i, object] of objects.entries()) {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), object, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    length += part.length;
  }
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A mail that says little and attaches `file`, as call-back and refund lures are sent. */
function mailWithAttachment(text: string, name: string, file: Uint8Array): string {
  return [
    'From: Billing <billing@northwind-traders.com>',
    'To: member@example.jp',
    'Subject: Your invoice',
    'Date: Tue, 24 Nov 2026 10:00:00 +0900',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="m1"',
    '',
    '--m1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--m1',
    `Content-Type: application/octet-stream; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(file).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--m1--',
    '',
  ].join('\r\n');
}

function pdf(body: string, compressed?: string): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n${body}\nendobj\n`, 'latin1')];
  if (compressed) {
    const data = deflateSync(Buffer.from(compressed, 'latin1'));
    parts.push(Buffer.from(`3 0 obj\n<< /Type /ObjStm /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

async function qrPng(text: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { type: 'png', margin: 4, scale: 6 }));
}

async function qrJpeg(text: string): Promise<Uint8Array> {
  const png = PNG.sync.read(Buffer.from(await qrPng(text)));
  return new Uint8Array(jpeg.encode({ data: png.data, width: png.width, height: png.height }, 95).data);
}

async function qrGif(text: string): Promise<Uint8Array> {
  const png = PNG.sync.read(Buffer.from(await qrPng(text)));
  const indexed = new Uint8Array(png.width * png.height);
  for (let i = 0; i < indexed.length; i++) indexed[i] = png.data[i * 4]! < 128 ? 0 : 1;
  const buffer = Buffer.alloc(indexed.length + 4096);
  const writer = new GifWriter(buffer, png.width, png.height, { palette: [0x000000, 0xffffff] });
  writer.addFrame(0, 0, png.width, png.height, Array.from(indexed));
  return new Uint8Array(buffer.subarray(0, writer.end()));
}

async function findingsFor(...attachments: AttachmentFact[]) {
  return run(attachmentsDetector, facts({ subject: 'Documents', text: 'See attached.', attachments }));
}

describe('files that run', () => {
  it('finds a program by its bytes, whatever its name, and a decoy extension', async () => {
    const findings = await findingsFor(attachment('invoice.pdf.exe', MZ));
    assert.ok(codes(findings).includes('ATTACH_EXECUTABLE'));
    assert.match(byCode(findings, 'ATTACH_DISGUISED').message.en, /\.pdf before \.exe/);
  });

  it('finds a program named like a PDF, a right-to-left override and a shortcut', async () => {
    assert.ok(codes(await findingsFor(attachment('請求書.pdf', MZ))).includes('ATTACH_DISGUISED'));
    assert.ok(codes(await findingsFor(attachment('invoice\u202Efdp.exe', MZ))).includes('ATTACH_DISGUISED'));
    assert.ok(codes(await findingsFor(attachment('document.lnk', LNK))).includes('ATTACH_EXECUTABLE'));
  });

  it('finds scripts by name, since scripts are only text', async () => {
    const finding = byCode(await findingsFor(attachment('payment.js', 'var s = WScript.CreateObject("WScript.Shell");')), 'ATTACH_EXECUTABLE');
    assert.equal(finding.evidence[0]?.value, 'payment.js');
  });

  it('finds the containers malware moved to when macros were blocked: OneNote notebooks and App Installer files', async () => {
    const oneNote = new Uint8Array(4096);
    oneNote.set([0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d, 0xae, 0xb1, 0x53, 0x78, 0xd0, 0x29, 0x96, 0xd3]);
    assert.ok(codes(await findingsFor(attachment('Invoice_2611.one', oneNote))).includes('ATTACH_EXECUTABLE'));
    const installer = '<?xml version="1.0"?><AppInstaller Uri="https://update.example/app.appinstaller"><MainPackage Uri="https://update.example/app.msix"/></AppInstaller>';
    assert.ok(codes(await findingsFor(attachment('TeamsUpdate.appinstaller', installer))).includes('ATTACH_EXECUTABLE'));
  });

  it('finds a disk image', async () => {
    const iso = new Uint8Array(0x8010);
    iso.set(Buffer.from('CD001', 'latin1'), 0x8001);
    assert.ok(codes(await findingsFor(attachment('scan.img', iso))).includes('ATTACH_DISK_IMAGE'));
  });
});

describe('archives', () => {
  it('lists the names inside a zip and names the archive path', async () => {
    const finding = byCode(await findingsFor(attachment('documents.zip', zip({ 'readme.txt': 'hello', 'invoice.pdf.scr': MZ }))), 'ATTACH_EXECUTABLE');
    assert.equal(finding.evidence[0]?.value, 'documents.zip → invoice.pdf.scr');
  });

  it('flags a password-protected archive and still judges the names in it', async () => {
    const found = codes(await findingsFor(attachment('secure.zip', encrypt(zip({ 'statement.js': 'x' })))));
    assert.ok(found.includes('ATTACH_ARCHIVE_ENCRYPTED') && found.includes('ATTACH_EXECUTABLE'), found.join());
  });

  it('reads Shift_JIS file names of Japanese archives', async () => {
    // Windows writes Japanese names in Shift_JIS without the UTF-8 flag; swap them in after zipping.
    const bytes = Buffer.from(zip({ 'AAAA.exe': MZ }));
    const sjis = Buffer.from([0x90, 0xbf, 0x8b, 0x81]); // 請求
    for (let at = bytes.indexOf('AAAA.exe'); at >= 0; at = bytes.indexOf('AAAA.exe', at + 1)) sjis.copy(bytes, at);
    const finding = byCode(await findingsFor(attachment('書類.zip', new Uint8Array(bytes))), 'ATTACH_EXECUTABLE');
    assert.equal(finding.evidence[0]?.value, '書類.zip → 請求.exe');
  });

  it('opens an HTML page inside a zip inside a zip', async () => {
    const inner = zip({ 'login.html': '<html><body><form action="https://collect.example/p.php"><input type="password" name="pw"></form></body></html>' });
    const f = facts({ text: 'see attached', attachments: [attachment('outer.zip', zip({ 'inner.zip': inner }))] });
    const findings = await run(attachmentsDetector, f);
    assert.equal(byCode(findings, 'ATTACH_HTML_FORM').evidence[0]?.value, 'outer.zip → inner.zip → login.html');
    const links = await attachmentLinks(f, DEFAULT_LIMITS);
    assert.ok(links.some((l) => l.url?.host === 'collect.example' && l.source === 'attachment'), JSON.stringify(links));
  });

  it('does not inflate a decompression bomb', async () => {
    const bomb = zip({ 'big.html': new Uint8Array(24 * 1024 * 1024) });
    assert.ok(bomb.length < 200_000);
    const started = performance.now();
    const findings = await findingsFor(attachment('bomb.zip', bomb));
    assert.ok(codes(findings).includes('ATTACH_ARCHIVE_BOMB'));
    assert.ok(performance.now() - started < 2_000);
  });

  it('stays quiet on an ordinary zip of photos and notes', async () => {
    assert.deepEqual(codes(await findingsFor(attachment('trip.zip', zip({ 'notes.txt': 'day 1', 'photo.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) })))), []);
  });
});

describe('web pages and shortcuts', () => {
  it('finds a credential form and hands its target to the link checks', async () => {
    const html = '<html><body><p>MI Card login</p><form method="post" action="https://micard.co.jp.check.example/post.php">ID <input name="loginid"> Password <input type="password" name="pass"></form></body></html>';
    const f = facts({ text: 'open the attachment', attachments: [attachment('login.html', html, 'text/html')] });
    const finding = byCode(await run(attachmentsDetector, f), 'ATTACH_HTML_FORM');
    assert.match(finding.message.ja, /pass/);
    const links = await attachmentLinks(f, DEFAULT_LIMITS);
    assert.equal(links[0]?.url?.host, 'micard.co.jp.check.example');
    assert.match(links[0]!.where, /login\.html/);
  });

  it('finds HTML smuggling and redirects, in HTML and in SVG', async () => {
    const smuggler = '<html><script>var d = atob("UEsDBA=="); var b = new Blob([d]); location.href = URL.createObjectURL(b);</script></html>';
    assert.ok(codes(await findingsFor(attachment('fax.html', smuggler))).includes('ATTACH_HTML_SMUGGLING'));
    const refresh = '<html><head><meta http-equiv="refresh" content="0; url=https://redirect.example/x"></head></html>';
    assert.ok(codes(await findingsFor(attachment('voice.htm', refresh))).includes('ATTACH_HTML_REDIRECT'));
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>window.location = "https://svg-redirect.example/";</script></svg>';
    const found = codes(await findingsFor(attachment('logo.svg', svg, 'image/svg+xml')));
    assert.ok(found.includes('ATTACH_HTML') && found.includes('ATTACH_HTML_REDIRECT'), found.join());
  });

  it('finds an HTML page disguised with a document name', async () => {
    assert.ok(codes(await findingsFor(attachment('請求書.pdf', '<!DOCTYPE html><html><body>x</body></html>'))).includes('ATTACH_DISGUISED'));
  });

  it('reads Internet shortcuts and calendar invitations', async () => {
    const f = facts({
      text: 'x',
      attachments: [attachment('open.url', '[InternetShortcut]\r\nURL=https://shortcut.example/login\r\n'), attachment('meeting.ics', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:Join at https://meet.example/room\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')],
    });
    const found = codes(await run(attachmentsDetector, f));
    // A shortcut to a web page is a link in a file: its address is judged by the link checks.
    assert.ok(found.includes('ATTACH_WEB_SHORTCUT') && found.includes('ATTACH_CALENDAR_LINKS'), found.join());
    const hosts = (await attachmentLinks(f, DEFAULT_LIMITS)).map((l) => l.url?.host);
    assert.deepEqual(hosts.sort(), ['meet.example', 'shortcut.example']);
  });
});

describe('PDF and Office', () => {
  it('extracts links from a PDF, including compressed object streams', async () => {
    const f = facts({ text: 'x', attachments: [attachment('notice.pdf', pdf('<< /Type /Annot /A << /S /URI /URI (https://pdf-link.example/login) >> >>', '<< /A << /S /URI /URI (https://hidden.example/verify) >> >>'))] });
    const links = await attachmentLinks(f, DEFAULT_LIMITS);
    assert.deepEqual(links.map((l) => l.url?.host).sort(), ['hidden.example', 'pdf-link.example']);
    assert.ok(codes(await run(attachmentsDetector, f)).includes('ATTACH_PDF_LINKS'));
  });

  it('finds JavaScript in a PDF; a plain PDF raises nothing', async () => {
    assert.ok(codes(await findingsFor(attachment('a.pdf', pdf('<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>')))).includes('ATTACH_PDF_ACTIVE'));
    assert.deepEqual(codes(await findingsFor(attachment('b.pdf', textPdf(['Minutes of the meeting of 24 November'])))), []);
  });

  it('reads the words of a PDF: a call-back lure that sits only in the attached invoice', async () => {
    const invoice = textPdf([
      'NORTON LifeLock  Support: +1 (828) 555-0142',
      'Invoice Number: BGYSCLRRBHJ   Amount: $499.99 USD',
      'Your subscription will automatically renew today.',
      'If you did not authorize this transaction, please contact',
      'Customer Support immediately at +1 (828) 555-0142.',
    ]);
    const report = await engine.checkMail(mailWithAttachment('Requested invoice confirmed by Paid Customer.', 'invoice.pdf', invoice));
    const lure = byCode(report.findings, 'PHONE_CALLBACK_LURE');
    assert.deepEqual(lure.evidence[0], { kind: 'phone', value: '+1 (828) 555-0142', where: 'attachment invoice.pdf' });
    assert.equal(byCode(report.findings, 'CONTENT_URGENCY').evidence[0]?.where, 'attachment invoice.pdf');
    assert.notEqual(report.verdict, 'unverified');
  });

  it('reads what an attached HTML page says, as it reads a PDF', async () => {
    const page = '<html><body><h1>Mailbox storage full</h1><p>Your mailbox will be deleted within 24 hours.</p><script>document.title="x"</script></body></html>';
    const report = await engine.checkMail(mailWithAttachment('See attachment.', 'quota.html', new Uint8Array(Buffer.from(page))));
    assert.deepEqual(byCode(report.findings, 'CONTENT_URGENCY').evidence[0], { kind: 'text', value: 'within 24 hours', where: 'attachment quota.html' });
  });

  it('reads a PDF whose header sits behind junk, as Acrobat does', async () => {
    const shifted = new Uint8Array([...Buffer.from('ContentDispositioninline\x8a\x1f\x03'), ...textPdf(['Your account will be permanently disabled', 'within 24 hours.'])]);
    const f = facts({ text: 'Please read attached for more information.', attachments: [attachment('NeedInformation.pdf', shifted)] });
    const report = await attachmentReport(f, DEFAULT_LIMITS);
    assert.match(report.texts[0]?.text ?? '', /permanently disabled\nwithin 24 hours/);
    assert.equal(report.texts[0]?.where, 'attachment NeedInformation.pdf');
  });

  it('does not read field labels and letterheads of a real statement as requests', async () => {
    const statement = textPdf(['Northwind Traders statement, November 2026', 'Card number: **** **** **** 1234', 'Security code and PIN are never printed on statements.', 'Total: 12,340 yen']);
    const report = await engine.checkMail(mailWithAttachment('Your statement is attached.', 'statement.pdf', statement));
    assert.ok(!codes(report.findings).includes('CONTENT_SECRET_REQUEST'), codes(report.findings).join(', '));
    assert.equal(report.verdict, 'unverified');
  });

  it('gives the PDFs of a message a time budget, and a page a "%PDF-" in a comment stays a page', async () => {
    assert.deepEqual(await readPdfText(textPdf(['Invoice']), 0), { skipped: "text not read within the 2000 ms for the message's PDFs" });
    assert.match(JSON.stringify(await readPdfText(textPdf(['Invoice']), 5_000)), /Invoice/);
    const page = '<!-- %PDF-1.7 --><html><body><form action="https://collect.example.net/"><input type="password" name="pass"></form></body></html>';
    assert.ok(codes(await findingsFor(attachment('statement.pdf', page))).includes('ATTACH_HTML_FORM'));
  });

  it('says which PDF could not be read, and judges the rest of the mail', async () => {
    const report = await engine.checkMail(mailWithAttachment('See the attached file.', 'broken.pdf', new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog', 'latin1'))));
    assert.match(byCode(report.findings, 'ATTACH_NOT_EXAMINED').message.en, /broken\.pdf.*text unreadable/);
  });

  it('finds macros in macro-enabled OOXML and in legacy Office files, not in a plain .docx', async () => {
    const types = (main: string) => `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
    const docm = zip({ '[Content_Types].xml': types('application/vnd.ms-word.document.macroEnabled.main+xml'), 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'vba' });
    assert.ok(codes(await findingsFor(attachment('order.docm', docm))).includes('ATTACH_MACRO'));
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, 'Macros/VBA/dir', Buffer.from('attribute'));
    CFB.utils.cfb_add(container, 'WordDocument', Buffer.from('text'));
    const doc = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    assert.ok(codes(await findingsFor(attachment('order.doc', doc))).includes('ATTACH_MACRO'));
    const docx = zip({ '[Content_Types].xml': types('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'), 'word/document.xml': '<w:document/>' });
    assert.deepEqual(codes(await findingsFor(attachment('report.docx', docx))), []);
  });

  it('reads what an Office file links to, and names a template or object it fetches when opened', async () => {
    const types = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
    const rel = (type: string, target: string, mode = ' TargetMode="External"') => `<Relationship Id="r${type}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${mode}/>`;
    const rels = (...items: string[]) => `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
    const docx = zip({
      '[Content_Types].xml': types,
      'word/document.xml': '<w:document/>',
      'word/_rels/document.xml.rels': rels(rel('hyperlink', 'https://micard.co.jp.docx1.example/login?a=1&amp;b=2'), rel('styles', 'styles.xml', '')),
      'word/_rels/settings.xml.rels': rels(rel('attachedTemplate', 'https://templates.docx1.example/invoice.dotm')),
    });
    const report = await engine.checkMail(mailWithAttachment('See the attached invoice.', 'invoice.docx', docx));
    assert.match(byCode(report.findings, 'ATTACH_OFFICE_REMOTE').message.en, /invoice\.docx.*templates\.docx1\.example\/invoice\.dotm/);
    assert.equal(byCode(report.findings, 'LINK_BRAND_PREFIX').evidence[0]?.value, 'https://micard.co.jp.docx1.example/login?a=1&b=2');
    assert.notEqual(report.verdict, 'unverified');
    // Internal relationships (styles, the document's own parts) are no outside address.
    const plain = zip({ '[Content_Types].xml': types, 'word/document.xml': '<w:document/>', 'word/_rels/document.xml.rels': rels(rel('styles', 'styles.xml', '')) });
    assert.deepEqual(codes(await findingsFor(attachment('report.docx', plain))), []);
  });
});

describe('QR codes', () => {
  it('reads a QR code printed in an attached PDF and hands its URL to the link checks', async () => {
    const report = await engine.checkMail(mailWithAttachment('Scan the code in the attached notice.', 'notice.pdf', await qrPdf('https://micard.co.jp.qr-pdf.example/login')));
    const qr = byCode(report.findings, 'ATTACH_QR_CODE');
    assert.match(qr.message.en, /notice\.pdf/);
    assert.equal(byCode(report.findings, 'LINK_BRAND_PREFIX').evidence[0]?.host, 'micard.co.jp.qr-pdf.example');
    assert.equal(report.verdict, 'phishing');
  });

  it('decodes QR codes in PNG, JPEG and GIF images and hands the URL to the link checks', async () => {
    const images = [
      attachment('qr.png', await qrPng('https://micard.co.jp.qr-check.example/login'), 'image/png', true),
      attachment('qr.jpg', await qrJpeg('https://jpeg-qr.example/a'), 'image/jpeg'),
      attachment('qr.gif', await qrGif('https://gif-qr.example/b'), 'image/gif'),
    ];
    const f = facts({ text: 'スマートフォンで読み取ってください', attachments: images });
    const links = await attachmentLinks(f, DEFAULT_LIMITS);
    assert.deepEqual(links.map((l) => l.url?.host).sort(), ['gif-qr.example', 'jpeg-qr.example', 'micard.co.jp.qr-check.example']);
    assert.ok(links.every((l) => l.source === 'qr'));
    assert.equal(links.find((l) => l.url?.host === 'gif-qr.example')?.where, 'QR code in image qr.gif');
    const finding = byCode(await run(attachmentsDetector, f), 'ATTACH_QR_CODE');
    assert.ok(finding.evidence.some((e) => e.kind === 'url' && e.value === 'https://micard.co.jp.qr-check.example/login' && e.where === 'QR code in image qr.png'));
  });

  it('reads a QR code embedded as a data: URI in the HTML', async () => {
    const src = `data:image/png;base64,${Buffer.from(await qrPng('https://inline-qr.example/')).toString('base64')}`;
    const f = facts({ text: 'x', images: [{ src, alt: 'QR', where: 'html' }] });
    assert.equal((await attachmentLinks(f, DEFAULT_LIMITS))[0]?.url?.host, 'inline-qr.example');
  });

  it('makes a QR link to a fake brand host phishing once the parser adds it to the links', async () => {
    const f = facts({ fromName: 'エムアイカード', from: 'info@micard-mail.example', subject: 'エムアイカード', text: 'QRコードからログインしてください。', attachments: [attachment('qr.png', await qrPng('https://micard.co.jp.qr-check.example/login'), 'image/png', true)] });
    f.links.push(...(await attachmentLinks(f, DEFAULT_LIMITS)));
    const report = await judge(f);
    assert.equal(report.verdict, 'phishing');
    const prefix = report.findings.find((x) => x.code === 'LINK_BRAND_PREFIX');
    assert.equal(prefix?.evidence[0]?.where, 'QR code in image qr.png');
  });

  it('skips images too large to decode and finds nothing in noise', async () => {
    const huge = Buffer.from(await qrPng('https://x.example/'));
    huge.writeUInt32BE(20_000, 16);
    huge.writeUInt32BE(20_000, 20);
    const noise = new PNG({ width: 64, height: 64 });
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = (i * 7919) % 251;
    const f = facts({ text: 'x', attachments: [attachment('huge.png', new Uint8Array(huge)), attachment('noise.png', new Uint8Array(PNG.sync.write(noise)))] });
    const found = await run(attachmentsDetector, f);
    assert.deepEqual(codes(found), ['ATTACH_NOT_EXAMINED']);
    assert.match(byCode(found, 'ATTACH_NOT_EXAMINED').message.en, /over the limit/);
    assert.deepEqual(await attachmentLinks(f, DEFAULT_LIMITS), []);
  });
});
