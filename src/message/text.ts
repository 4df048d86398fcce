// Facts from plain text (an SMS, a pasted mail body) and from a bare URL, plus the URL finder
// used on every text body. Written by hand because linkify-style libraries miss what phishing
// feeds contain: defanged `hxxps://` and `[.]`, full-width `ｈｔｔｐｓ：／／`, zero-width
// characters inside URLs, and scheme-less hosts like `micard.co.jp.example.com/login`.
import { parse as parseDomain } from 'tldts';
import type { Limits } from '../limits.ts';
import { emptyFacts, foundLink, type Link, type MessageFacts } from './facts.ts';
import { parseUrl } from './url.ts';
import { stripInvisible } from '../text/normalize.ts';

const URL_CHARS = String.raw`[^\s<>"'\`「」『』（）()【】［］\[\]、。，！？｛｝{}|\\^]`;
const WITH_SCHEME = new RegExp(String.raw`\b(?:h[tx]{2}ps?|ttps?)://${URL_CHARS}+`, 'gi');
// Host-like runs without a scheme: at least one dot, a TLD of letters, an optional path. Labels
// may hold Latin, Cyrillic and Greek letters, the look-alikes of a homograph host (`miсard.co.jp`
// with a Cyrillic с), which would otherwise be cut to the ASCII tail (`ard.co.jp`), someone else's
// domain; not kana or kanji, which run into Japanese text without a space.
const LABEL_CHAR = String.raw`[a-z0-9\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]`;
const WITHOUT_SCHEME = new RegExp(
  String.raw`(?<![\w@./:\-\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])(?:${LABEL_CHAR}(?:(?:${LABEL_CHAR}|-){0,62}${LABEL_CHAR})?\.)+[a-z]{2,24}(?::\d{2,5})?(?:/${URL_CHARS.replace('\\`', '`')}*)?`,
  'giu', // Unicode mode for the script classes; it forbids the escaped backtick of URL_CHARS.
);
// Punctuation that ends a sentence rather than a URL. Trimmed by a loop from the end, not by
// a `[…]+$` regex: that regex is quadratic on a long run of dots followed by another character
// (`https://a.....b`), which took minutes on a 200,000-character line.
const TRAILING = new Set(`.,;:!?…'")]}>＞。、）」』`);

// An ideographic full stop (。 or half-width ｡) right after a host, before more host: sentence
// punctuation to a reader and to most SMS apps, a dot to a browser, which maps it so by IDNA
// (`https://www1.micard.co.jp。evil.example/` opens www1.micard.co.jp.evil.example). What follows
// must be a registered name under a real ending (two labels at least), not a word ("。OK").
const IDEOGRAPHIC_DOT_HOST = new RegExp(String.raw`^[。｡]((?:[a-z0-9-]+[。｡.])+[a-z0-9-]*[a-z][a-z0-9-]*)(?:[/?#:]${URL_CHARS}*)?`, 'i');

/** The address as a browser reads it when an ideographic full stop joins two hosts; undefined
 *  when the URL already has a path or no registered name follows. */
function joinedAtIdeographicDot(text: string, match: string, end: number): string | undefined {
  if (/^[^:]+:\/\/[^/?#]*[/?#]/.test(match)) return undefined;
  const rest = IDEOGRAPHIC_DOT_HOST.exec(text.slice(end, end + 300));
  if (!rest) return undefined;
  // Kept as written: the URL parser maps the stops as a browser does, and evidence quotes the text.
  return parseDomain(`${match.replace(/^[^:]+:\/\//, '')}.${rest[1]!.replace(/[。｡]/g, '.')}`, { extractHostname: false }).isIcann ? match + rest[0] : undefined;
}

function trimTrailing(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1]!)) end--;
  return raw.slice(0, end);
}

/** Undoes defanging (`[.]`, `(.)`, `[dot]`) so that reported URLs are read as the real thing. */
function refang(text: string): string {
  return text.replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.').replace(/\[:\]/g, ':');
}

/** The link text of `text <https://…>`, the form mail programs give a link when they write an
 *  HTML mail as plain text: the word or address just before the bracket is what the reader sees,
 *  the bracketed address where it leads. */
function shownBefore(text: string, start: number): string | undefined {
  if (text.charCodeAt(start - 1) !== 0x3c /* < */) return undefined;
  const word = /(\S+)[ \t]{0,2}<$/.exec(text.slice(Math.max(0, start - 200), start))?.[1];
  // Japanese text runs into the address without a space: 「こちら：https://…」.
  const address = word?.search(/h[tx]{2}ps?:\/\/|www\d?\./i) ?? -1;
  return address > 0 ? word!.slice(address) : word;
}

export function extractTextUrls(text: string, where: string, maxLinks: number): { links: Link[]; dropped: number } {
  const links: Link[] = [];
  let dropped = 0;
  const seen = new Set<string>();
  const cleaned = refang(stripInvisible(text.normalize('NFKC')));
  const add = (raw: string, shown?: string) => {
    const trimmed = trimTrailing(raw);
    if (!trimmed || seen.has(trimmed)) return;
    seen.add(trimmed);
    if (links.length >= maxLinks) {
      dropped++;
      return;
    }
    const url = parseUrl(trimmed);
    const link = foundLink(trimmed, 'text', where, url);
    if (shown) link.text = shown;
    links.push(link);
  };
  const spans: [number, number][] = [];
  for (const match of cleaned.matchAll(WITH_SCHEME)) {
    add(match[0], shownBefore(cleaned, match.index));
    const joined = joinedAtIdeographicDot(cleaned, match[0], match.index + match[0].length);
    if (joined) add(joined);
    spans.push([match.index, match.index + (joined ?? match[0]).length]);
  }
  // Both match lists come in text order, so one forward-moving index replaces a scan of every
  // span per match (quadratic: ~10 s on a 2 MB text alternating scheme and scheme-less URLs).
  let span = 0;
  for (const match of cleaned.matchAll(WITHOUT_SCHEME)) {
    const start = match.index;
    while (span < spans.length && spans[span]![1] <= start) span++;
    if (span < spans.length && start >= spans[span]![0]) continue;
    const host = match[0].split(/[/:]/)[0]!.toLowerCase();
    // Only hosts under a real public suffix: "file.txt" or "v1.2" are not links.
    const parts = parseDomain(host, { extractHostname: false });
    if (!parts.isIcann || !parts.domain) continue;
    if (/^\d+$/.test(parts.publicSuffix ?? '')) continue;
    add(match[0]);
  }
  return { links, dropped };
}

export function textFacts(text: string, limits: Limits): MessageFacts {
  const facts = emptyFacts('text');
  facts.text = text.length > limits.maxTextChars ? text.slice(0, limits.maxTextChars) : text;
  if (text.length > limits.maxTextChars) facts.truncated.push(`text cut at ${limits.maxTextChars} of ${text.length} characters`);
  const { links, dropped } = extractTextUrls(facts.text, 'text', limits.maxLinks);
  facts.links = links;
  if (dropped) facts.truncated.push(`${dropped} links beyond the limit of ${limits.maxLinks} not checked`);
  return facts;
}

export function urlFacts(input: string): MessageFacts {
  const facts = emptyFacts('url');
  const raw = input.trim();
  const url = parseUrl(raw);
  facts.links = [foundLink(raw, 'input', 'input', url)];
  return facts;
}
