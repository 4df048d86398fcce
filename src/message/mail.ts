// Raw RFC 5322 mail → MessageFacts. MIME (nesting, QP/base64, encoded-words, charsets such as
// ISO-2022-JP/Shift_JIS/EUC-JP through TextDecoder) is postal-mime's job, but for the subject and
// senders' names it reads otherwise than mail programs (headers.ts); here we only bound
// the work, pick the message to judge (a forwarded original rather than the member's wrapper,
// whose own links, words and attachments are judged with it), and collect links from every body.
import { addressParser, decodeWords, type Address, type Email } from 'postal-mime';
import { InputError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { emptyFacts, writtenAsHostName, type Link, type Mailbox, type MessageFacts } from './facts.ts';
import { findInlineForward, onlyForwards } from './forwarded.ts';
import { readHtml } from './html.ts';
import { extractTextUrls } from './text.ts';
import { parseUrl } from './url.ts';
import { bodyOffset, parseWithPostalMime } from './postal-feed.ts';
import { decodeHeaderBytes, firstTextCharset, joinSplitWords, rawHeaderValues } from './headers.ts';
import { bytesToText } from '../auth/mime-bytes.ts';
import { attachmentReport, joinAttachmentReports, shareAttachmentReport } from '../attachments/analyze.ts';

/** A mail begins with a header field (or an mbox "From " line); anything else is not a mail. */
const LOOKS_LIKE_HEADER = /^(?:From |[\x21-\x39\x3b-\x7e]+:)/;

export function looksLikeMail(bytes: Uint8Array): boolean {
  const head = bytesToText(bytes.subarray(0, 1024)).replace(/^\s+/, '');
  return LOOKS_LIKE_HEADER.test(head);
}

const OPAQUE_SIGNED = /^content-type:\s*application\/(?:x-)?pkcs7-mime/im;

function toBytes(raw: Uint8Array | string): Uint8Array {
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
}

function checkInput(bytes: Uint8Array, limits: Limits): void {
  if (bytes.length > limits.maxMessageBytes) {
    throw new InputError('too-large', `message is ${bytes.length} bytes, over the limit of ${limits.maxMessageBytes} bytes`);
  }
  if (!/\S/.test(bytesToText(bytes.subarray(0, 4096)))) throw new InputError('empty', 'the input is empty');
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new InputError('binary', 'the input is binary data (NUL bytes), not a mail');
  if (!looksLikeMail(bytes)) throw new InputError('not-a-mail', 'the input does not start with mail headers: it is not a raw mail (check it as pasted text instead)');
}

function toMailbox(address: Address | undefined): Mailbox | undefined {
  if (!address) return undefined;
  const box = 'address' in address && address.address !== undefined ? address : address.group?.[0];
  if (!box?.address) return undefined;
  const lower = box.address.toLowerCase();
  return { name: (box.name ?? '').trim(), address: lower, ...(lower !== box.address ? { asWritten: box.address } : {}) };
}

/** A quoted display name followed by a comma, then the mailbox: `"Notification@uber.com", <x@news.example>`. */
const QUOTED_NAME_THEN_COMMA = /^\s*"(?:[^"\\]|\\.)*"\s*,/;

/** The From mailbox as the reader's mail program shows it. In `"Notification@uber.com",
 *  <x@news.example>` mail programs show the quoted text as the sender's name, while postal-mime
 *  reads two entries and takes the quoted text for the address, which is what the trick wants:
 *  the sender would look like uber.com. The quoted text is the name, the first real mailbox
 *  after the comma the address. */
function fromMailbox(email: Email): Mailbox | undefined {
  const value = email.headers.find((h) => h.key === 'from')?.value;
  if (value && QUOTED_NAME_THEN_COMMA.test(value)) {
    const [shown, ...rest] = addressParser(value);
    const box = toMailbox(rest.find((entry) => 'address' in entry && entry.address?.includes('@')));
    if (box && shown) return { ...box, name: (('address' in shown && shown.address) || shown.name || '').trim(), detachedName: true };
  }
  return toMailbox(email.from);
}

function toMailboxes(addresses: Address[] | undefined): Mailbox[] {
  return (addresses ?? []).flatMap((a) => ('group' in a && a.group ? a.group.map(toMailbox) : [toMailbox(a)])).filter((m): m is Mailbox => !!m);
}

/** The header fields the checks read as the reader sees them: the subject and the senders' names. */
const SHOWN_FIELDS: ReadonlySet<string> = new Set(['subject', 'from', 'sender', 'reply-to']);
/** What postal-mime makes of raw bytes that are not UTF-8 (U+FFFD) and of raw ISO-2022-JP (ESC). */
const UNREAD_BYTES = /[\ufffd\x1b]/;

/** Puts the shown fields as mail programs show them (headers.ts) in place of postal-mime's
 *  reading, in its header list and in what it read from them. The raw header block, and the
 *  charset the mail's text declares, are looked up once, only for a field with unread bytes. */
function readShownFields(email: Email, bytes: Uint8Array): void {
  let raw: { values: Map<string, Uint8Array[]>; charset: string | undefined } | undefined;
  const readRaw = () => {
    const end = bodyOffset(bytes);
    return { values: rawHeaderValues(end < 0 ? bytes : bytes.subarray(0, end), SHOWN_FIELDS), charset: firstTextCharset(bytes) };
  };
  const changed = new Set<string>();
  const copies = new Map<string, number>();
  for (const field of email.headers) {
    if (!SHOWN_FIELDS.has(field.key)) continue;
    const copy = copies.get(field.key) ?? 0;
    copies.set(field.key, copy + 1);
    let value = field.value;
    if (UNREAD_BYTES.test(value)) {
      raw ??= readRaw();
      const written = raw.values.get(field.key)?.[copy];
      if (written) value = decodeHeaderBytes(written, raw.charset);
    }
    value = joinSplitWords(value);
    if (value === field.value) continue;
    field.value = value;
    changed.add(field.key);
  }
  // Read again as postal-mime reads them: the first subject, sender and From, every Reply-To.
  const first = (key: string) => email.headers.find((h) => h.key === key)?.value;
  if (changed.has('subject')) email.subject = decodeWords(first('subject') ?? '');
  for (const key of ['from', 'sender'] as const) if (changed.has(key)) email[key] = addressParser(first(key) ?? '')[0];
  if (changed.has('reply-to')) email.replyTo = email.headers.filter((h) => h.key === 'reply-to').flatMap((h) => addressParser(h.value));
}

export async function parseMail(raw: Uint8Array | string, limits: Limits, depth = 0): Promise<MessageFacts> {
  const bytes = toBytes(raw);
  checkInput(bytes, limits);
  // An opaque-signed mail hides its content inside the signature; read what a mail client would
  // show, while `raw` keeps the signed bytes for the S/MIME check. Loaded lazily: pkijs is heavy.
  const shown = OPAQUE_SIGNED.test(bytesToText(bytes.subarray(0, 16384)))
    ? ((await import('../auth/smime-open.ts')).openOpaqueSigned(bytes) ?? bytes)
    : bytes;
  const email = await parseWithPostalMime(shown, {
    forceRfc822Attachments: true,
    maxNestingDepth: limits.maxMimeDepth,
    attachmentEncoding: 'arraybuffer',
  }).catch((error: unknown) => {
    // postal-mime's own limits, as specific codes rather than the engine's generic 'unparseable'.
    const message = (error as Error)?.message ?? String(error);
    if (/nesting depth/i.test(message)) throw new InputError('too-deep', `MIME parts are nested more than ${limits.maxMimeDepth} levels deep`);
    if (/header size/i.test(message)) throw new InputError('headers-too-large', `the mail headers are too large: ${message}`);
    throw error;
  });
  readShownFields(email, shown);
  const original = email.attachments.find((a) => a.mimeType === 'message/rfc822');
  if (original && depth < limits.maxForwardDepth) {
    const inner = new Uint8Array(original.content as ArrayBuffer);
    if (looksLikeMail(inner)) {
      const facts = await parseMail(inner, limits, depth + 1).catch(() => undefined);
      if (facts) {
        facts.forwarded ??= { how: 'rfc822', wrapperFrom: fromMailbox(email), wrapperSubject: email.subject };
        const wrapper = factsFromEmail({ ...email, attachments: email.attachments.filter((a) => a !== original) }, bytes, limits);
        await addAttachmentContent(wrapper, limits);
        // A delivery or abuse report is a mail server's text around the original: "mailbox full"
        // there is no lure. Its links are still judged: anyone can dress a note as a bounce.
        const serverReport = /^\s*multipart\/report\b/i.test(email.headers.find((h) => h.key === 'content-type')?.value ?? '');
        absorbWrapper(facts, wrapper, limits, !serverReport);
        // A mail system's report speaks for no one: only its links count, as above. Anything else
        // dressed as a report (`multipart/report` from "エムアイカード") is still judged as its own
        // message, which counts only if it speaks for a brand.
        if (!fromMailSystem(wrapper.from)) keepWrapper(facts, wrapper);
        return facts;
      }
    }
  }
  const facts = factsFromEmail(email, bytes, limits);
  await addAttachmentContent(facts, limits);
  if (facts.wrapper) {
    // An inline forward: the mail around the quote carries the same attachments.
    facts.wrapper.documentText = facts.documentText;
    shareAttachmentReport(facts.wrapper, facts, limits);
  }
  return facts;
}

/** Keeps the mail around a forwarded original to be judged as its own message; its subject is
 *  left out when it only forwards the original's ("Fwd: <subject>"). */
function keepWrapper(facts: MessageFacts, wrapper: MessageFacts): void {
  if (onlyForwards(wrapper.subject, facts.subject)) wrapper.subject = '';
  facts.wrapper = wrapper;
}

/** Mailboxes of mail systems, which send bounces and reports with the original attached, and
 *  the names mail servers sign them with. */
const MAIL_SYSTEM = /^(?:mailer-daemon|postmaster|mail-daemon|mdaemon|bounce[s]?|no-?reply-?bounces?)@/i;
const MAIL_SYSTEM_NAME = /^(?:mail delivery (?:sub)?system|mail delivery service|mailer-daemon|postmaster)$/i;

function fromMailSystem(from: Mailbox | undefined): boolean {
  return !!from && (MAIL_SYSTEM.test(from.address) || MAIL_SYSTEM_NAME.test(from.name.trim()));
}

/** Where the forwarding mail's own links stand, in evidence. */
const WRAPPER = 'forwarding mail';

/**
 * What the mail around a forwarded original carries is judged with the original: the recipient
 * got it too. Only the original's sender, headers and signature are judged as the sender's, so
 * a genuine signed mail attached to a phishing note proves nothing about the note's links,
 * words, numbers or attachments, which now count against it.
 */
function absorbWrapper(facts: MessageFacts, wrapper: MessageFacts, limits: Limits, words: boolean): void {
  // Links a reader can follow: a mail server's name in a bounce is text.
  const links = wrapper.links.filter((link) => !writtenAsHostName(link));
  const room = Math.max(0, limits.maxLinks - facts.links.length);
  // A link from the wrapper's own attachments already says which file it stands in.
  for (const link of links.slice(0, room)) facts.links.push(link.source === 'attachment' || link.source === 'qr' ? link : { ...link, where: WRAPPER });
  if (links.length > room) facts.truncated.push(`${links.length - room} forwarding-mail links beyond the limit of ${limits.maxLinks} not checked`);
  if (words) {
    if (wrapper.text.trim()) facts.text = facts.text ? `${facts.text}\n\n${wrapper.text}` : wrapper.text;
    if (wrapper.htmlText?.trim()) facts.htmlText = facts.htmlText ? `${facts.htmlText}\n\n${wrapper.htmlText}` : wrapper.htmlText;
  }
  facts.hiddenText.push(...wrapper.hiddenText);
  facts.images.push(...wrapper.images);
  joinAttachmentReports(facts, wrapper, limits);
  facts.attachments.push(...wrapper.attachments.slice(0, Math.max(0, limits.maxAttachments - facts.attachments.length)));
  facts.documentText.push(...wrapper.documentText);
  facts.truncated.push(...wrapper.truncated);
}

/** Links inside attachments and QR codes join the message's links, so the link checks judge them
 *  too; the text of attached documents is kept for the phrase checks. */
async function addAttachmentContent(facts: MessageFacts, limits: Limits): Promise<void> {
  if (facts.attachments.length === 0 && !facts.images.some((image) => image.src.startsWith('data:'))) return;
  const report = await attachmentReport(facts, limits);
  facts.documentText = report.texts;
  const known = new Set(facts.links.map((link) => link.raw));
  const room = Math.max(0, limits.maxLinks - facts.links.length);
  const found = report.links.filter((link) => !known.has(link.raw));
  facts.links.push(...found.slice(0, room));
  if (found.length > room) facts.truncated.push(`${found.length - room} attachment links beyond the limit of ${limits.maxLinks} not checked`);
}

function factsFromEmail(email: Email, bytes: Uint8Array, limits: Limits): MessageFacts {
  const facts = emptyFacts('mail');
  facts.raw = bytes;
  facts.from = fromMailbox(email);
  facts.sender = toMailbox(email.sender);
  facts.replyTo = toMailboxes(email.replyTo);
  facts.to = toMailboxes(email.to);
  facts.returnPath = email.returnPath?.replace(/[<>\s]/g, '').toLowerCase() || undefined;
  facts.subject = email.subject ?? '';
  facts.date = email.date;
  facts.messageId = email.messageId;
  facts.headers = email.headers.map((h) => ({ key: h.key, value: h.value }));

  let text = email.text ?? '';
  if (text.length > limits.maxTextChars) {
    facts.truncated.push(`text body cut at ${limits.maxTextChars} of ${text.length} characters`);
    text = text.slice(0, limits.maxTextChars);
  }
  const links: Link[] = [];
  if (email.html) {
    let html = email.html;
    if (html.length > limits.maxHtmlChars) {
      facts.truncated.push(`HTML body cut at ${limits.maxHtmlChars} of ${html.length} characters`);
      html = html.slice(0, limits.maxHtmlChars);
    }
    const read = readHtml(html, limits.maxLinks, limits.maxHtmlDepth);
    facts.html = html;
    facts.htmlText = read.text;
    facts.hiddenText = read.hiddenText;
    facts.images = read.images;
    for (const link of read.links) {
      const url = parseUrl(link.raw);
      links.push(url ? { ...link, url } : link);
    }
    if (read.droppedLinks) facts.truncated.push(`${read.droppedLinks} HTML links beyond the limit of ${limits.maxLinks} not checked`);
    if (read.cutAtDepth !== undefined) facts.truncated.push(`HTML nested deeper than ${read.cutAtDepth} elements; the rest of the HTML was not read`);
    if (!text) text = read.text;
  }

  // A reply quotes the mail it answers (Outlook writes "-----Original Message-----" for both):
  // its sender is the one writing, and a hijacked thread must not pass as the quoted original.
  const forward = findInlineForward(text, facts.subject);
  // What the mail arrived with, before the quoted original takes its place (kept below).
  const arrived = forward?.from ? { from: facts.from, subject: facts.subject, date: facts.date, replyTo: facts.replyTo, returnPath: facts.returnPath, sender: facts.sender, raw: facts.raw, headers: facts.headers } : undefined;
  if (forward?.from) {
    facts.forwarded = { how: 'inline', wrapperFrom: facts.from, wrapperSubject: facts.subject };
    facts.from = forward.from;
    facts.subject = forward.subject ?? facts.subject;
    facts.date = forward.date ?? facts.date;
    facts.replyTo = [];
    facts.returnPath = undefined;
    facts.sender = undefined;
    // The wrapper's signature and headers belong to the member's mail, not to the original. Its
    // words and links stay in the text: the note above the quote is part of what arrived.
    facts.raw = undefined;
    facts.headers = [];
  }
  facts.text = text;

  const known = new Set(links.map((l) => l.raw));
  for (const [source, where] of [[text, 'text'], [facts.subject, 'subject']] as const) {
    const found = extractTextUrls(source, where, Math.max(0, limits.maxLinks - links.length));
    for (const link of found.links) if (!known.has(link.raw)) links.push(link);
    if (found.dropped) facts.truncated.push(`${found.dropped} ${where} links beyond the limit of ${limits.maxLinks} not checked`);
  }
  facts.links = links;

  const attachments = email.attachments;
  if (attachments.length > limits.maxAttachments) {
    facts.truncated.push(`${attachments.length - limits.maxAttachments} attachments beyond the limit of ${limits.maxAttachments} not examined`);
  }
  facts.attachments = attachments.slice(0, limits.maxAttachments).map((a) => {
    const content = a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : typeof a.content === 'string' ? Buffer.from(a.content) : a.content;
    return {
      filename: a.filename ?? '(unnamed)',
      mimeType: a.mimeType,
      size: content.byteLength,
      content,
      inline: a.disposition === 'inline' || !!a.related,
    };
  });
  // The same body, under the sender, subject, headers and signature it arrived with.
  if (arrived) keepWrapper(facts, { ...facts, ...arrived, forwarded: undefined, truncated: [...facts.truncated] });
  return facts;
}
