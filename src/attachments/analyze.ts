// Opens what a message carries: each attachment is identified by its bytes, archives are listed
// (and the risky entries inside read), PDFs and HTML files give up their links, Office files are
// checked for macros, and images are scanned for QR codes. The result is a list of
// observations (what the attachment detector reports) and the links found (which the link
// checks judge like any other). Computed once per message and shared by both.
import PostalMime from 'postal-mime';
import type { DocumentText, Link, MessageFacts } from '../message/facts.ts';
import { extractTextUrls } from '../message/text.ts';
import type { Limits } from '../limits.ts';
import { attachmentRules } from '../rules/load.ts';
import { ATTACHMENT_BOUNDS, newBudget, type InflateBudget } from './bounds.ts';
import { analyzeHtml, attachmentLink } from './html.ts';
import { externalRelationships, legacyOffice, ooxmlFieldHyperlinks, ooxmlHasMacros } from './office.ts';
import { scanPdf } from './pdf.ts';
import { readPdfText } from './pdf-text.ts';
import { rtfReferences } from './rtf.ts';
import { qrInPixels, readQr, type Rgba } from './qr.ts';
import { sniff, textHead, type Sniffed } from './sniff.ts';
import { listCab } from './cab.ts';
import { gunzip, gzipDeclaredSize, readTar } from './tar.ts';
import { readZip, type ZipContents, type ZipEntry } from './zip.ts';

export type ObservationCode =
  | 'ATTACH_EXECUTABLE'
  | 'ATTACH_DISK_IMAGE'
  | 'ATTACH_LINK_FILE'
  | 'ATTACH_WEB_SHORTCUT'
  | 'ATTACH_DISGUISED'
  | 'ATTACH_HTML'
  | 'ATTACH_HTML_FORM'
  | 'ATTACH_HTML_SMUGGLING'
  | 'ATTACH_HTML_REDIRECT'
  | 'ATTACH_MACRO'
  | 'ATTACH_OFFICE_REMOTE'
  | 'ATTACH_OFFICE_LINKS'
  | 'ATTACH_PDF_ACTIVE'
  | 'ATTACH_PDF_LINKS'
  | 'ATTACH_PDF_ENCRYPTED'
  | 'ATTACH_CALENDAR_LINKS'
  | 'ATTACH_ARCHIVE_ENCRYPTED'
  | 'ATTACH_ARCHIVE_BOMB'
  | 'ATTACH_ARCHIVE_OPAQUE'
  | 'ATTACH_ARCHIVE_MALFORMED'
  | 'ATTACH_QR_CODE'
  | 'ATTACH_NOT_EXAMINED';

export type Observation = {
  code: ObservationCode;
  /** The file as a path from the mail: `invoice.zip → invoice.pdf.exe`. */
  name: string;
  /** Extra detail for the message: the type found, the fields, the URL … */
  detail: string;
  /** A URL the observation is about (QR codes, redirects), for evidence. */
  url?: string;
};

export type AttachmentReport = { observations: Observation[]; links: Link[]; texts: DocumentText[] };

const SCRIPT_TEXT_EXT = /^(js|jse|vbs|vbe|wsf|wsh|wsc|hta|ps1|psm1|bat|cmd|reg|scf|iqy|slk|inf|settingcontent-ms|library-ms|search-ms|searchconnector-ms|sh|command|application|appinstaller|appref-ms|rdp|theme|xll)$/;

function extensions(name: string): string[] {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.toLowerCase().split('.').slice(1).map((e) => e.trim());
}

function lastExtension(name: string): string {
  return extensions(name).at(-1) ?? '';
}

type Context = {
  budget: InflateBudget;
  observations: Observation[];
  links: Link[];
  texts: DocumentText[];
  /** When the message's PDFs must have given up their text (performance.now()). */
  pdfDeadline: number;
  depth: number;
  /** Files taken out of archives so far (maxArchiveFiles). */
  filesOpened: number;
  /** Pictures found inside documents, for the QR-code check. */
  pictures: { pixels: Rgba; label: string }[];
};

function observe(ctx: Context, code: ObservationCode, name: string, detail = '', url?: string): void {
  if (ctx.observations.some((o) => o.code === code && o.name === name)) return;
  ctx.observations.push({ code, name, detail, ...(url ? { url } : {}) });
}

function addLinks(ctx: Context, links: Link[]): void {
  for (const link of links) if (ctx.links.length < ATTACHMENT_BOUNDS.maxLinksPerAttachment * 5) ctx.links.push(link);
}

/** Links found in a file: named under `code` (the first three) and handed to the link checks. */
function reportLinks(ctx: Context, code: ObservationCode, name: string, links: Link[]): void {
  if (links.length) observe(ctx, code, name, links.slice(0, 3).map((l) => l.raw).join(' '), links[0]!.raw);
  addLinks(ctx, links);
}

/** What a document fetches by itself when opened (a template, a linked object) and what it links
 *  to: OOXML relationships, RTF and Word field codes. `updatesUnnamed`: it fetches an object whose
 *  address is not found. */
function reportDocumentReferences(ctx: Context, name: string, fetched: string[], links: string[], updatesUnnamed = false): void {
  const where = `attachment ${name}`;
  const fetches = fetched.map((target) => attachmentLink(target, where));
  if (fetches.length || updatesUnnamed) observe(ctx, 'ATTACH_OFFICE_REMOTE', name, fetches[0]?.raw ?? 'linked object updated on opening', fetches[0]?.raw);
  addLinks(ctx, fetches.filter((link) => link.url));
  reportLinks(ctx, 'ATTACH_OFFICE_LINKS', name, [...new Set(links)].map((target) => attachmentLink(target, where)).filter((link) => link.url));
}

function addText(ctx: Context, where: string, text: string): void {
  if (text.trim() && ctx.texts.length < ATTACHMENT_BOUNDS.maxDocumentTexts) ctx.texts.push({ where, text });
}

/** Names that lie: a right-to-left override, a decoy extension before the real one, padding. */
function checkName(ctx: Context, name: string, sniffed: Sniffed | undefined): void {
  const rules = attachmentRules();
  const exts = extensions(name);
  const last = exts.at(-1) ?? '';
  if (/[\u202a-\u202e\u2066-\u2069]/.test(name)) {
    observe(ctx, 'ATTACH_DISGUISED', name, 'right-to-left override in the name');
    return;
  }
  const dangerous = rules.executable.has(last) || rules.diskImage.has(last);
  if (exts.length >= 2 && dangerous && rules.decoy.has(exts.at(-2)!)) {
    observe(ctx, 'ATTACH_DISGUISED', name, `.${exts.at(-2)} before .${last}`);
    return;
  }
  if (/\s{5,}\.\w+$|_{8,}\.\w+$/.test(name) && dangerous) {
    observe(ctx, 'ATTACH_DISGUISED', name, 'padding hides the real extension');
    return;
  }
  const risky = sniffed && ['executable', 'shortcut', 'disk-image', 'html', 'svg', 'internet-shortcut'].includes(sniffed.kind);
  if (risky && rules.decoy.has(last) && !(sniffed.kind === 'html' && /^html?$/.test(last)) && !(sniffed.kind === 'svg' && last === 'svg')) {
    observe(ctx, 'ATTACH_DISGUISED', name, `named .${last} but is ${sniffed.ext || sniffed.kind}`);
  }
}

/** What a shortcut opens (and loads its icon from), and whether all of it is web pages: a
 *  shortcut to a file, a share (`file://`, `\\host\share`, which also leaks the Windows login)
 *  or a program (`Exec=`) is another matter than a link kept in a file. */
function internetShortcutTargets(text: string, name: string): { links: Link[]; webOnly: boolean } {
  const targets: string[] = [];
  for (const m of text.matchAll(/^\s*(?:URL|IconFile|Exec)\s*=\s*(.+)$/gim)) targets.push(m[1]!.trim());
  for (const m of text.matchAll(/<string>\s*(https?:[^<]+)<\/string>/gi)) targets.push(m[1]!.trim());
  const links = targets.map((target) => attachmentLink(target, `attachment ${name}`)).filter((link) => link.url);
  return { links, webOnly: targets.length > 0 && targets.every((target) => /^https?:\/\//i.test(target)) };
}

/** Archive entries worth opening: pages, shortcuts, documents and archives inside. */
function worthReading(entry: ZipEntry): boolean {
  return /\.(html?|shtml|xht|xhtml?|svg|url|webloc|desktop|pdf|zip|tar|gz|tgz|cab|docm|xlsm|pptm|docx|xlsx|pptx|doc|xls|ppt|rtf|mht|mhtml|ics|hta|wsf)$/i.test(entry.name);
}

/** What is read from an archive at the current depth: the entries worth reading, above the depth bound. */
function openable(ctx: Context): (entry: ZipEntry) => boolean {
  return (entry) => ctx.depth < ATTACHMENT_BOUNDS.maxArchiveDepth && worthReading(entry);
}

function notOpened(names: string[]): string {
  return `files in archives nested more than ${ATTACHMENT_BOUNDS.maxArchiveDepth} deep are not opened: ${names.slice(0, 3).join(', ')}`;
}

/** The part of a Word document that holds its text. */
const WORD_TEXT = 'word/document.xml';

async function analyzeZip(ctx: Context, bytes: Uint8Array, name: string, sniffed: Sniffed): Promise<void> {
  const office = sniffed.kind === 'office-ooxml' || sniffed.kind === 'office-macro';
  // Of an Office file, only its relationship parts (what it links to and fetches) and the main
  // text of a Word document (links kept in field codes).
  const { listing, files } = await readZip(bytes, office ? (entry) => entry.name.endsWith('.rels') || entry.name === WORD_TEXT : openable(ctx), ctx.budget);
  if (office) {
    if (sniffed.kind === 'office-macro' || ooxmlHasMacros(listing)) observe(ctx, 'ATTACH_MACRO', name, sniffed.ext);
    const outside = externalRelationships(files.filter((file) => file.entry.name !== WORD_TEXT).map((file) => file.content));
    const fields = files.filter((file) => file.entry.name === WORD_TEXT).flatMap((file) => ooxmlFieldHyperlinks(file.content));
    reportDocumentReferences(ctx, name, outside.fetched, [...outside.links, ...fields]);
    return;
  }
  await judgeArchive(ctx, name, { listing, files });
}

/** What the listing of a zip, tar or CAB archive shows, then the files read from it, judged one archive deeper. */
async function judgeArchive(ctx: Context, name: string, { listing, files }: ZipContents): Promise<void> {
  const rules = attachmentRules();
  const encrypted = listing.entries.filter((e) => e.encrypted);
  if (encrypted.length) observe(ctx, 'ATTACH_ARCHIVE_ENCRYPTED', name, encrypted.map((e) => e.rawName).slice(0, 5).join(', '));
  for (const bomb of listing.bombs) observe(ctx, 'ATTACH_ARCHIVE_BOMB', `${name} → ${bomb.rawName}`, `${bomb.compressedSize} → ${bomb.size} bytes`);
  if (listing.problems.length) observe(ctx, 'ATTACH_ARCHIVE_MALFORMED', name, listing.problems.slice(0, 3).join('; '));
  const skipped = [...listing.unread];
  if (listing.unlisted) skipped.push(`${listing.unlisted} entries past the limit of ${ATTACHMENT_BOUNDS.maxArchiveEntries}`);
  const unopened = ctx.depth < ATTACHMENT_BOUNDS.maxArchiveDepth ? [] : listing.entries.filter((e) => !e.directory && worthReading(e));
  if (unopened.length) skipped.push(notOpened(unopened.map((e) => e.rawName)));
  if (skipped.length) observe(ctx, 'ATTACH_NOT_EXAMINED', name, skipped.slice(0, 3).join('; '));
  for (const entry of listing.entries) {
    if (entry.directory) continue;
    // Judged as Windows saves it (no trailing dots or spaces), shown as the archive spells it.
    const path = `${name} → ${entry.rawName}`;
    const ext = lastExtension(entry.name);
    const detail = entry.rawName === entry.name ? `.${ext}` : `.${ext}, once Windows drops the trailing dots and spaces`;
    // Encrypted entries cannot be sniffed: their names are all there is to judge.
    if (rules.executable.has(ext)) observe(ctx, /^(url|website|webloc)$/.test(ext) ? 'ATTACH_LINK_FILE' : 'ATTACH_EXECUTABLE', path, detail);
    else if (rules.diskImage.has(ext)) observe(ctx, 'ATTACH_DISK_IMAGE', path, detail);
    checkName(ctx, `${name} → ${entry.name}`, undefined);
  }
  for (const { entry, content } of files) await analyzeInner(ctx, content, `${name} → ${entry.name}`);
}

/**
 * Tar and CAB name their files in plain bytes and are listed like a zip; a .gz holds one file.
 * 7z, RAR and the rest need decoders of their own and stay opaque.
 */
async function analyzeArchive(ctx: Context, bytes: Uint8Array, name: string, sniffed: Sniffed): Promise<void> {
  if (sniffed.ext === 'tar') await judgeArchive(ctx, name, readTar(bytes, openable(ctx), ctx.budget));
  else if (sniffed.ext === 'cab') await judgeArchive(ctx, name, listCab(bytes));
  else if (sniffed.ext === 'gz' || sniffed.ext === 'tar.gz') await analyzeGzip(ctx, bytes, name);
  else observe(ctx, 'ATTACH_ARCHIVE_OPAQUE', name, sniffed.ext);
}

/**
 * The one file of a .gz, inflated within the entry limit and the message's budget and judged one
 * archive deeper, under the name of the .gz without its suffix (.tgz gives .tar).
 */
async function analyzeGzip(ctx: Context, bytes: Uint8Array, name: string): Promise<void> {
  const outer = name.split(' → ').at(-1)!;
  const inner = /\.tgz$/i.test(outer) ? `${outer.slice(0, -4)}.tar` : outer.replace(/\.gz$/i, '');
  if (ctx.depth >= ATTACHMENT_BOUNDS.maxArchiveDepth) {
    observe(ctx, 'ATTACH_NOT_EXAMINED', name, notOpened([inner]));
    return;
  }
  const { content, more, error } = await gunzip(bytes, Math.min(ATTACHMENT_BOUNDS.maxEntryBytes, ctx.budget.remaining));
  ctx.budget.remaining -= content.length;
  const path = `${name} → ${inner}`;
  if (error) observe(ctx, 'ATTACH_ARCHIVE_MALFORMED', name, `it cannot be inflated to its end (${error})`);
  // As for a zip entry, by the size it declares: past the entry limit, and a hundred times its compressed size.
  const declared = gzipDeclaredSize(bytes);
  if (more && declared > ATTACHMENT_BOUNDS.maxEntryBytes && declared > bytes.length * ATTACHMENT_BOUNDS.maxCompressionRatio) {
    observe(ctx, 'ATTACH_ARCHIVE_BOMB', path, `${bytes.length} → ${declared} bytes`);
  } else if (more) observe(ctx, 'ATTACH_NOT_EXAMINED', name, `only its first ${content.length} bytes were inflated`);
  if (content.length) await analyzeInner(ctx, content, path);
}

/** Judges a file taken out of an archive, one archive deeper: how deep archives are opened is bounded by maxArchiveDepth. */
async function analyzeInner(ctx: Context, bytes: Uint8Array, path: string): Promise<void> {
  if (++ctx.filesOpened > ATTACHMENT_BOUNDS.maxArchiveFiles) {
    if (ctx.filesOpened === ATTACHMENT_BOUNDS.maxArchiveFiles + 1) observe(ctx, 'ATTACH_NOT_EXAMINED', path, `more than ${ATTACHMENT_BOUNDS.maxArchiveFiles} files in archives; the rest are not opened`);
    return;
  }
  ctx.depth++;
  try {
    await analyzeBytes(ctx, bytes, path);
  } finally {
    ctx.depth--;
  }
}

/** A web page the member would open from the mail: its form, tricks, redirect, links and text. */
function analyzePage(ctx: Context, html: string, name: string, kind: string): void {
  const where = `attachment ${name}`;
  const behaviour = analyzeHtml(html, where);
  observe(ctx, 'ATTACH_HTML', name, kind);
  if (behaviour.credentialForm) {
    const { fields, action } = behaviour.credentialForm;
    observe(ctx, 'ATTACH_HTML_FORM', name, fields.join(', '), action || undefined);
  }
  if (behaviour.smuggling.length) observe(ctx, 'ATTACH_HTML_SMUGGLING', name, behaviour.smuggling.join(', '));
  if (behaviour.redirect) observe(ctx, 'ATTACH_HTML_REDIRECT', name, behaviour.redirect, behaviour.redirect);
  addLinks(ctx, behaviour.links);
  addText(ctx, where, behaviour.text);
}

async function analyzeBytes(ctx: Context, bytes: Uint8Array, name: string): Promise<Sniffed> {
  const sniffed = await sniff(bytes);
  const rules = attachmentRules();
  const ext = lastExtension(name);
  checkName(ctx, name, sniffed);
  const where = `attachment ${name}`;
  switch (sniffed.kind) {
    case 'executable':
    case 'shortcut':
      observe(ctx, 'ATTACH_EXECUTABLE', name, sniffed.ext);
      break;
    case 'disk-image':
      observe(ctx, 'ATTACH_DISK_IMAGE', name, sniffed.ext);
      break;
    case 'internet-shortcut': {
      const { links, webOnly } = internetShortcutTargets(textHead(bytes, 64 * 1024), name);
      observe(ctx, webOnly ? 'ATTACH_WEB_SHORTCUT' : 'ATTACH_LINK_FILE', name, sniffed.ext, links[0]?.raw);
      addLinks(ctx, links);
      break;
    }
    case 'html':
    case 'svg':
      // An HTML application (`.hta`) or a Windows script file (`.wsf`) is markup that Windows runs
      // with the user's full rights, not a page a browser shows.
      if (SCRIPT_TEXT_EXT.test(ext)) observe(ctx, 'ATTACH_EXECUTABLE', name, `.${ext}`);
      analyzePage(ctx, textHead(bytes, ATTACHMENT_BOUNDS.maxHtmlChars), name, sniffed.kind.toUpperCase());
      break;
    case 'mhtml': {
      // A saved web page (.mht): the page is a MIME part, base64 or quoted-printable like a mail's.
      const archive = await PostalMime.parse(bytes.subarray(0, ATTACHMENT_BOUNDS.maxHtmlChars), { maxNestingDepth: 4 }).catch(() => undefined);
      if (archive?.html) analyzePage(ctx, archive.html, name, 'MHTML');
      else observe(ctx, 'ATTACH_NOT_EXAMINED', name, 'saved web page without a readable page');
      break;
    }
    case 'pdf': {
      const scan = scanPdf(bytes, ctx.budget);
      if (scan.active.length) observe(ctx, 'ATTACH_PDF_ACTIVE', name, scan.active.join(', '));
      // The links in the bytes, and those of the pages the reader reads: it opens a PDF encrypted
      // with an empty password (no prompt), whose strings the byte scan cannot decrypt.
      const uris = new Set(scan.uris);
      let opened = false;
      if (ctx.texts.length < ATTACHMENT_BOUNDS.maxDocumentTexts) {
        const read = await readPdfText(bytes, Math.max(0, ctx.pdfDeadline - performance.now()), scan.pictures);
        opened = 'text' in read;
        if ('text' in read) {
          addText(ctx, where, read.text);
          for (const uri of read.links) uris.add(uri);
          for (const [i, pixels] of read.images.entries()) ctx.pictures.push({ pixels, label: `${name} (picture ${i + 1})` });
        }
        // A password-protected PDF is reported as such above; other failures say what was not read.
        else if (!scan.encrypted) observe(ctx, 'ATTACH_NOT_EXAMINED', name, read.skipped);
      }
      // Without a password (it opens with no prompt) the reader still read its text and links.
      if (scan.encrypted) observe(ctx, 'ATTACH_PDF_ENCRYPTED', name, opened ? 'PDF, no password' : 'PDF, password');
      reportLinks(ctx, 'ATTACH_PDF_LINKS', name, [...uris].slice(0, ATTACHMENT_BOUNDS.maxLinksPerAttachment).map((uri) => attachmentLink(uri, where)).filter((link) => link.url));
      break;
    }
    case 'zip':
    case 'office-ooxml':
    case 'office-macro':
      await analyzeZip(ctx, bytes, name, sniffed);
      break;
    case 'office-legacy':
      if (rules.executable.has(ext)) observe(ctx, 'ATTACH_EXECUTABLE', name, ext);
      else {
        const legacy = legacyOffice(bytes);
        if (legacy.macros) observe(ctx, 'ATTACH_MACRO', name, 'VBA');
        reportDocumentReferences(ctx, name, [], legacy.links);
      }
      break;
    case 'rtf': {
      const found = rtfReferences(bytes);
      reportDocumentReferences(ctx, name, found.fetched, found.links, found.autoUpdatedObject);
      break;
    }
    case 'archive':
      await analyzeArchive(ctx, bytes, name, sniffed);
      break;
    case 'calendar': {
      const { links } = extractTextUrls(new TextDecoder().decode(bytes.subarray(0, 256 * 1024)), where, ATTACHMENT_BOUNDS.maxLinksPerAttachment);
      reportLinks(ctx, 'ATTACH_CALENDAR_LINKS', name, links.map((link) => attachmentLink(link.raw, where)));
      break;
    }
    case 'text':
    case 'other':
      // Scripts are plain text; only the name tells Windows to run them. A raw disk image (a FAT
      // `.img`) has no signature to find, only the name that makes Windows mount it.
      if (SCRIPT_TEXT_EXT.test(ext) || (sniffed.kind === 'other' && rules.executable.has(ext))) observe(ctx, 'ATTACH_EXECUTABLE', name, `.${ext}`);
      else if (sniffed.kind === 'other' && rules.diskImage.has(ext)) observe(ctx, 'ATTACH_DISK_IMAGE', name, `.${ext}`);
      break;
    case 'image':
      break;
  }
  return sniffed;
}

function dataUriImage(src: string): { bytes: Uint8Array; ext: string } | undefined {
  const m = /^data:image\/(png|jpe?g|gif);base64,/i.exec(src);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase().startsWith('jp') ? 'jpg' : m[1]!.toLowerCase();
  return { bytes: Buffer.from(src.slice(m[0].length), 'base64'), ext };
}

/** An image file (`bytes` of type `ext`), or a picture already decoded from a document. */
type QrSource = { label: string } & ({ bytes: Uint8Array; ext: string } | { pixels: Rgba });

function scanQr(ctx: Context, images: QrSource[]): void {
  let decoded = 0;
  for (const image of images) {
    if (decoded >= ATTACHMENT_BOUNDS.maxImages) {
      observe(ctx, 'ATTACH_NOT_EXAMINED', image.label, `more than ${ATTACHMENT_BOUNDS.maxImages} images; not scanned for QR codes`);
      continue;
    }
    decoded++;
    const result = 'pixels' in image ? qrInPixels(image.pixels) : readQr(image.bytes, image.ext);
    if (result.skipped) {
      observe(ctx, 'ATTACH_NOT_EXAMINED', image.label, result.skipped);
      continue;
    }
    if (!result.text) continue;
    const where = `QR code in image ${image.label}`;
    const link = attachmentLink(result.text.trim(), where);
    const isWeb = link.url && /^https?$/.test(link.url.scheme) && link.url.host;
    observe(ctx, 'ATTACH_QR_CODE', image.label, result.text.trim().slice(0, 200), isWeb ? link.raw : undefined);
    if (isWeb) ctx.links.push({ ...link, source: 'qr' });
  }
}

async function analyzeMessage(facts: MessageFacts, limits: Limits): Promise<AttachmentReport> {
  const ctx: Context = { budget: newBudget(), observations: [], links: [], texts: [], pdfDeadline: performance.now() + ATTACHMENT_BOUNDS.maxPdfTextMillis, depth: 0, filesOpened: 0, pictures: [] };
  const images: QrSource[] = [];
  const attachments = facts.attachments.slice(0, limits.maxAttachments);
  for (const attachment of attachments) {
    const name = attachment.filename || '(no name)';
    if (attachment.content.length > ATTACHMENT_BOUNDS.maxAttachmentBytes) {
      observe(ctx, 'ATTACH_NOT_EXAMINED', name, `${attachment.content.length} bytes, over the limit of ${ATTACHMENT_BOUNDS.maxAttachmentBytes}`);
      checkName(ctx, name, undefined);
      continue;
    }
    try {
      const sniffed = await analyzeBytes(ctx, attachment.content, name);
      if (sniffed.kind === 'image') images.push({ bytes: attachment.content, ext: sniffed.ext, label: name });
    } catch (error) {
      // A file built to break parsers is itself no reason to stop judging the message.
      observe(ctx, 'ATTACH_NOT_EXAMINED', name, `unreadable: ${(error as Error).message}`);
    }
  }
  for (const [i, image] of facts.images.entries()) {
    const data = dataUriImage(image.src);
    if (data) images.push({ ...data, label: image.alt ? `"${image.alt.slice(0, 40)}" (embedded in the HTML)` : `#${i + 1} embedded in the HTML` });
  }
  scanQr(ctx, [...images, ...ctx.pictures]);
  return { observations: ctx.observations, links: ctx.links.slice(0, limits.maxLinks), texts: ctx.texts };
}

const reports = new WeakMap<MessageFacts, Promise<AttachmentReport>>();

/** Makes the report of `facts` also hold that of `other` (the mail a forwarded original came
 *  in), before `other`'s attachments join `facts`' own: each is analysed once, with its own files. */
export function joinAttachmentReports(facts: MessageFacts, other: MessageFacts, limits: Limits): void {
  const joined = Promise.all([attachmentReport(facts, limits), attachmentReport(other, limits)]).then(([own, theirs]) => ({
    observations: [...own.observations, ...theirs.observations],
    links: [...own.links, ...theirs.links],
    texts: [...own.texts, ...theirs.texts],
  }));
  reports.set(facts, joined);
}

/** Makes `copy` (the same message under other headers) use the report of `original`. */
export function shareAttachmentReport(copy: MessageFacts, original: MessageFacts, limits: Limits): void {
  reports.set(copy, attachmentReport(original, limits));
}

/** The attachment report of a message, computed once. */
export function attachmentReport(facts: MessageFacts, limits: Limits): Promise<AttachmentReport> {
  let report = reports.get(facts);
  if (!report) {
    report = analyzeMessage(facts, limits);
    reports.set(facts, report);
  }
  return report;
}
