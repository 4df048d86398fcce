// Reads an HTML body the way a mail client shows it, without rendering it: the links and where
// they point (a/area/form/img/meta refresh, relative ones as the client resolves them), the text
// a member sees, the text that is hidden from them (display:none, tiny or transparent type, white
// on white, off-screen …, inline or by the mail's <style>, see css.ts — hidden text is a
// filter-evasion trick), and image alt text (brands are often named only in a logo's alt).
// htmlparser2 is a tolerant streaming tokenizer, so broken markup never throws; cost stays linear
// once nesting depth is capped (`maxDepth`, see below).
import { Parser } from 'htmlparser2';
import { DEFAULT_LIMITS } from '../limits.ts';
import { lookOf, newStyleSheet, PAGE, readStyleSheet, type Look } from './css.ts';
import type { HiddenText, Image, Link } from './facts.ts';

export type HtmlFacts = {
  links: Link[];
  images: Image[];
  text: string;
  hiddenText: HiddenText[];
  /** Links beyond the limit that were not recorded. */
  droppedLinks: number;
  /** Set when reading stopped because elements were nested deeper than the limit. */
  cutAtDepth?: number;
};

const BLOCK = new Set(['p', 'div', 'br', 'tr', 'li', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'hr', 'td', 'th', 'dd', 'dt', 'ul', 'ol', 'pre', 'center']);
/** A conditional comment Outlook for Windows opens (`[if mso]`, `[if gte mso 9]`), not `[if !mso]`. */
const OUTLOOK_ONLY = /^\[if [^\]]*(?<!!)\bmso\b[^\]]*\]>/i;
const MAX_OUTLOOK_BLOCKS = 50;
const NOT_SHOWN = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'xml']);
const VOID = new Set(['br', 'img', 'hr', 'meta', 'input', 'link', 'area', 'base', 'col', 'embed', 'source', 'wbr', 'track', 'param']);

function metaRefreshUrl(content: string): string | undefined {
  const match = /url\s*=\s*['"]?([^'";]+)/i.exec(content);
  return match?.[1]?.trim();
}

/**
 * A link's address as the mail client follows it. A `<base href>` makes every relative address
 * lead to its site, so that `<a href="app/login">` under `<base href="https://evil.example/">`
 * goes there while a scanner reading only the `href` sees no host at all (the "baseStriker"
 * trick). A scheme-relative `//host/…` takes the scheme of the page showing the mail: https in
 * webmail. Absolute addresses, and relative ones without a usable base, stay as written.
 */
function asClientReads(raw: string, base: string | undefined): string {
  // `\\host\share` is a Windows file share to Outlook, whatever a browser would make of it.
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('\\\\')) return raw;
  const against = base && /^https?:\/\/[^/]/i.test(base) ? base : /^[/\\]{2}/.test(raw) ? 'https://mail.invalid/' : undefined;
  if (!against) return raw;
  try {
    return new URL(raw, against).href;
  } catch {
    return raw;
  }
}

type Fragment = { how: string; text: string[] };

export function readHtml(html: string, maxLinks: number, maxDepth = DEFAULT_LIMITS.maxHtmlDepth): HtmlFacts {
  const links: Link[] = [];
  const outlookOnly: string[] = [];
  const images: Image[] = [];
  const hiddenText: HiddenText[] = [];
  const visible: string[] = [];
  let droppedLinks = 0;
  let cutAtDepth: number | undefined;
  // Open elements: how each looks, whether it is never shown (<head>, <script> …), and the hidden
  // fragment its text goes to. A fragment is the text of an element hidden otherwise than its
  // parent: children hidden the same way add to it, one hidden another way (display:none in
  // black on black) or shown again (a font-size or colour of its own) starts anew.
  const stack: { name: string; look: Look; skip: boolean; fragment?: Fragment; ownsFragment: boolean }[] = [];
  const sheet = newStyleSheet();
  // The sheet is read as the parser reaches it: a <style> after the elements it hides, which only
  // broken mails have (they belong in <head>), does not hide them.
  let styleText: { media: string; text: string } | undefined;
  let anchor: { link: Link; text: string[] } | undefined;
  let base: string | undefined;

  const keepFragment = (fragment: Fragment) => {
    const text = fragment.text.join('').replace(/\s+/g, ' ').trim();
    if (text) hiddenText.push({ text: text.slice(0, 500), how: fragment.how });
  };

  const addLink = (raw: string | undefined, source: Link['source'], text?: string) => {
    const value = raw?.trim();
    if (!value) return undefined;
    if (links.length >= maxLinks) {
      droppedLinks++;
      return undefined;
    }
    const link: Link = { raw: value, source, where: 'html' };
    if (text) link.text = text;
    links.push(link);
    return link;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = stack.at(-1);
        const look = lookOf(parent?.look ?? PAGE, name, attribs, sheet);
        const skip = (parent?.skip ?? false) || NOT_SHOWN.has(name);
        const ownsFragment = look.hidden !== undefined && look.hidden !== parent?.look.hidden;
        const fragment = ownsFragment ? { how: look.hidden!, text: [] } : look.hidden ? parent?.fragment : undefined;
        if (!VOID.has(name)) {
          stack.push({ name, look, skip, fragment, ownsFragment });
          // htmlparser2 keeps open elements in an array it unshifts and searches on every tag,
          // so cost is quadratic in nesting depth (minutes for 1,000,000 unclosed <div>s).
          // Past the limit we stop reading; mail.ts reports the cut as LIMIT_TRUNCATED.
          if (stack.length > maxDepth && cutAtDepth === undefined) {
            cutAtDepth = maxDepth;
            parser.pause();
          }
        }
        if (name === 'style') styleText = { media: attribs.media ?? '', text: '' };
        if (BLOCK.has(name)) visible.push('\n');
        switch (name) {
          case 'a':
          case 'area': {
            // An SVG drawing inside the HTML links with `xlink:href` (SVG 1.1), and mail clients that draw SVG follow it.
            const link = addLink(attribs.href ?? attribs['xlink:href'], name, name === 'area' ? attribs.alt : undefined);
            if (name === 'a' && link) anchor = { link, text: [] };
            break;
          }
          case 'form':
            addLink(attribs.action, 'form');
            break;
          case 'img': {
            const alt = (attribs.alt ?? '').trim();
            if (attribs.src) images.push({ src: attribs.src.trim(), alt, where: 'html' });
            addLink(attribs.src, 'img', alt || undefined);
            // A linked picture's alt is the link's text and, as text outside links, what a reader
            // with images off sees in its place.
            if (anchor && alt) anchor.text.push(alt);
            if (alt && !fragment && !skip) visible.push(` ${alt} `);
            break;
          }
          case 'base':
            base ??= attribs.href?.trim() || undefined;
            break;
          case 'meta':
            if ((attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') addLink(metaRefreshUrl(attribs.content ?? ''), 'meta-refresh');
            break;
          case 'input':
          case 'button':
            if (attribs.formaction) addLink(attribs.formaction, 'form');
            break;
          default:
            // Outlook draws VML buttons (`<v:roundrect href>`), the link a member clicks there.
            if (name.startsWith('v:') && attribs.href) addLink(attribs.href, 'a');
        }
      },
      oncomment(data) {
        // `<!--[if mso]> … <![endif]-->`: hidden from other readers, shown by Outlook for Windows.
        if (OUTLOOK_ONLY.test(data) && outlookOnly.length < MAX_OUTLOOK_BLOCKS) outlookOnly.push(data.slice(data.indexOf(']>') + 2).replace(/<!\[endif\]\s*$/i, ''));
      },
      ontext(data) {
        const open = stack.at(-1);
        if (styleText) styleText.text += data;
        if (open?.skip) return;
        if (open?.fragment) {
          open.fragment.text.push(data);
          return;
        }
        visible.push(data);
        anchor?.text.push(data);
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        // Pop up to and including the matching element; htmlparser2 reports implied closes too.
        for (let i = stack.length - 1; i >= 0; i--) {
          if (stack[i]!.name !== name) continue;
          for (const open of stack.splice(i)) if (open.ownsFragment) keepFragment(open.fragment!);
          break;
        }
        if (name === 'style' && styleText) {
          readStyleSheet(sheet, styleText.text, styleText.media);
          styleText = undefined;
        }
        if (name === 'a' && anchor) {
          const text = anchor.text.join('').replace(/\s+/g, ' ').trim();
          if (text) anchor.link.text = text;
          anchor = undefined;
        }
        if (BLOCK.has(name)) visible.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  // The parser stopped inside hidden elements (at the depth limit): keep what they had collected.
  for (const open of stack) if (open.ownsFragment) keepFragment(open.fragment!);
  for (const link of links) link.raw = asClientReads(link.raw, base);
  for (const block of outlookOnly) {
    const shown = readHtml(block, Math.max(0, maxLinks - links.length), maxDepth);
    for (const link of shown.links) links.push({ ...link, where: 'html (Outlook only)' });
    droppedLinks += shown.droppedLinks;
  }
  for (const image of images) image.src = asClientReads(image.src, base);
  const text = visible
    .join('')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
  return { links, images, text, hiddenText, droppedLinks, ...(cutAtDepth !== undefined ? { cutAtDepth } : {}) };
}
