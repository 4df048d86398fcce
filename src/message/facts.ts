// The facts every detector reads. Parsing (mail, pasted text, a bare URL) turns input into
// exactly this shape once; detectors never look at raw bytes except the authenticity ones,
// which get `raw` because signatures cover bytes, not meaning.

import type { ParsedUrl } from './url.ts';

export type Mailbox = {
  name: string;
  /** Lower case, for comparing. */
  address: string;
  /** The address as written, when its case differs: machine-made senders show in it (`EzQsSbX@…`). */
  asWritten?: string;
  /** The name stood alone before the mailbox, quoted and followed by a comma (`"Name", <address>`):
   *  mail programs show the name as the sender, parsers read two entries. */
  detachedName?: true;
};

/** Where a link came from: the HTML element/attribute, plain text, an attachment, a QR code … */
export type LinkSource = 'a' | 'area' | 'form' | 'img' | 'meta-refresh' | 'text' | 'attachment' | 'qr' | 'input';

export type Link = {
  /** The URL as written (after entity decoding; in HTML, a relative one as the client resolves it), for evidence. */
  raw: string;
  /** The visible text of the link (anchor text, alt text), if any. */
  text?: string;
  source: LinkSource;
  /** Which part of the message: `html`, `text`, `subject`, an attachment file name … */
  where: string;
  /** The analysed URL; undefined when `raw` is not a usable URL. */
  url?: ParsedUrl;
};

export type Image = { src: string; alt: string; where: string };

export type AttachmentFact = {
  filename: string;
  /** Declared MIME type; detectors that care sniff the bytes themselves. */
  mimeType: string;
  size: number;
  content: Uint8Array;
  inline: boolean;
};

export type HiddenText = { text: string; how: string };

/** Text read out of an attached document (a PDF, an HTML page), with where it was: `attachment invoice.pdf`. */
export type DocumentText = { where: string; text: string };

export type MessageFacts = {
  /** What the input was. */
  kind: 'mail' | 'text' | 'url';
  from?: Mailbox;
  sender?: Mailbox;
  replyTo: Mailbox[];
  returnPath?: string;
  to: Mailbox[];
  subject: string;
  date?: string;
  messageId?: string;
  /** All header lines in order, lower-case keys, unfolded values. */
  headers: { key: string; value: string }[];
  /** Plain text: the text part, or the visible text of the HTML part when there is no text part. */
  text: string;
  /** The HTML body as sent (never rendered). */
  html?: string;
  /** Visible text of the HTML body, for phrase checks. */
  htmlText?: string;
  hiddenText: HiddenText[];
  links: Link[];
  images: Image[];
  attachments: AttachmentFact[];
  /** The words of attached documents, for the phrase checks: lures often sit only there. */
  documentText: DocumentText[];
  /** Limits that were hit while reading the message: what was cut. */
  truncated: string[];
  /** Set when the judged message is a forwarded original inside what the member sent. */
  forwarded?: { how: 'rfc822' | 'inline'; wrapperFrom?: Mailbox; wrapperSubject?: string };
  /** The mail around a forwarded original, as its own message: its sender and subject are
   *  judged too, since anyone can dress a phishing mail as a forward. Its subject is left out when
   *  it only forwards the original's ("Fwd: <the original's subject>"). */
  wrapper?: MessageFacts;
  /** The exact bytes of the judged message, for signature checks (absent for text/url input). */
  raw?: Uint8Array;
};

export function emptyFacts(kind: MessageFacts['kind']): MessageFacts {
  return {
    kind,
    replyTo: [],
    to: [],
    subject: '',
    headers: [],
    text: '',
    hiddenText: [],
    links: [],
    images: [],
    attachments: [],
    documentText: [],
    truncated: [],
  };
}

/** The body as read for words: the text part, and the HTML's visible text when it differs (the
 *  parser fills `text` from the HTML when there is no text part: one body is read once). */
export function bodyTexts(facts: MessageFacts): { where: 'text' | 'html'; text: string }[] {
  const texts: { where: 'text' | 'html'; text: string }[] = [{ where: 'text', text: facts.text }];
  if (facts.htmlText && facts.htmlText.trim() !== facts.text.trim()) texts.push({ where: 'html', text: facts.htmlText });
  return texts;
}

/** A link as found, with its analysis when `raw` is a usable URL. The URL is set afterwards rather
 *  than spread in: a spread builds a throw-away object and adds the keys one by one, per link. */
export function foundLink(raw: string, source: LinkSource, where: string, url: ParsedUrl | undefined): Link {
  const link: Link = { raw, source, where };
  if (url) link.url = url;
  return link;
}

/** A host name written in running text with neither scheme, `www.` nor path (a mail server named
 *  in a bounce, `mx1.example.net`): a reader sees a name, not a link to follow. */
export function writtenAsHostName(link: Link): boolean {
  return link.url?.repairedFrom === '' && !/^www\d*\.|\//i.test(link.raw);
}
