// What an HTML or SVG attachment does when the member opens it: the page runs locally, from a
// file, where no mail filter or browser blocklist has seen it. Phishing kits ship such files to
// show a login form that posts elsewhere, to redirect at once (meta refresh, `location =`), or
// to build the real page in the browser from an encoded blob (HTML smuggling).
import { Parser } from 'htmlparser2';
import { readHtml } from '../message/html.ts';
import { foundLink, type Link } from '../message/facts.ts';
import { parseUrl } from '../message/url.ts';
import { ATTACHMENT_BOUNDS } from './bounds.ts';
import { readScript } from './script.ts';

export type HtmlBehaviour = {
  /** Input fields for secrets (`type=password`, names like card/cvv/pin), with the form's action. */
  credentialForm?: { fields: string[]; action: string };
  /** Script tricks found: `atob`, `Blob`, `document.write(unescape(`, `location =` … */
  smuggling: string[];
  /** Where it redirects on open (meta refresh, script, or a frame that shows another site in the
   *  page), if it does. */
  redirect?: string;
  links: Link[];
  /** What the page shows: a local page tells its lure as a mail would. */
  text: string;
};

const SECRET_FIELD = /pass|pwd|card|cvv|cvc|ccnum|cc-?number|security.?code|pin\b|otp|expir|暗証|パスワード|カード番号/i;
// A text box drawn as dots (`-webkit-text-security: disc`) is a password box whatever it is named.
const MASKED = /text-security\s*:\s*(disc|circle|square)/i;
// Elements that show another page inside this one: a full-window frame is a redirect the address bar does not show.
const FRAME_SOURCE: Record<string, string> = { iframe: 'src', frame: 'src', embed: 'src', object: 'data' };
// Read against the script with its string pieces joined (script.ts): `w.atob(` and `new w.Blob(` count.
const SMUGGLING: [RegExp, string][] = [
  [/\batob\s*\(/, 'atob()'],
  [/new\s+(?:[\w$]+\.)*Blob\s*\(/, 'new Blob()'],
  [/URL\.createObjectURL/, 'URL.createObjectURL'],
  [/document\.write(ln)?\s*\(\s*(unescape|decodeURIComponent|atob|window\.atob)/, 'document.write(decoded)'],
  [/\beval\s*\(/, 'eval()'],
  [/String\.fromCharCode\s*\([^)]{40,}/, 'String.fromCharCode(…)'],
  [/\bdata:(text\/html|application\/(octet-stream|x-msdownload|zip))[;,]/i, 'data: URL'],
  [/\bblob:/, 'blob: URL'],
  [/\.download\s*=|\bdownload\s*=\s*["'][^"']+\.(zip|iso|img|exe|js|vbs|hta|lnk)/i, 'forced download'],
];

const FOLLOWED = new Set<Link['source']>(['a', 'area', 'form', 'meta-refresh']);

/** A link found in an attachment, in the shape the link checks read. */
export function attachmentLink(raw: string, where: string, text?: string): Link {
  const link = foundLink(raw, 'attachment', where, parseUrl(raw));
  if (text) link.text = text;
  return link;
}

export function analyzeHtml(html: string, where: string, nested = false): HtmlBehaviour {
  const source = html.slice(0, ATTACHMENT_BOUNDS.maxHtmlChars);
  const read = readHtml(source, ATTACHMENT_BOUNDS.maxLinksPerAttachment);
  // Images and stylesheets load, they are not followed; only what a member can click counts.
  const links: Link[] = read.links.filter((link) => FOLLOWED.has(link.source)).map((link) => attachmentLink(link.raw, `${where} (${link.source})`, link.text));
  const fields: string[] = [];
  let action: string | undefined;
  let scripts = '';
  let inScript = false;
  let framed: string | undefined;
  // A page written into a frame (`<iframe srcdoc>`) or by the script runs as part of this one; one level is read.
  const innerPages: HtmlBehaviour[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'form' && action === undefined) action = attribs.action ?? '';
        if (name === 'input') {
          const descriptor = `${attribs.type ?? ''} ${attribs.name ?? ''} ${attribs.id ?? ''} ${attribs.placeholder ?? ''} ${attribs.autocomplete ?? ''}`;
          if ((attribs.type ?? '').toLowerCase() === 'password' || SECRET_FIELD.test(descriptor) || MASKED.test(attribs.style ?? '')) fields.push((attribs.name || attribs.type || 'input').slice(0, 40));
        }
        const frameSource = FRAME_SOURCE[name] && attribs[FRAME_SOURCE[name]]?.trim();
        if (frameSource && /^https?:/i.test(frameSource)) framed ??= frameSource;
        if (name === 'iframe' && attribs.srcdoc && !nested) innerPages.push(analyzeHtml(attribs.srcdoc, `${where} (frame)`, true));
        if (name === 'script') inScript = true;
        // Inline handlers run script as much as <script> does.
        for (const [key, value] of Object.entries(attribs)) if (key.startsWith('on')) scripts += `\n${value}`;
      },
      ontext(text) {
        if (inScript && scripts.length < ATTACHMENT_BOUNDS.maxHtmlChars) scripts += text;
      },
      onclosetag(name) {
        if (name === 'script') inScript = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(source);
  parser.end();
  const script = readScript(scripts);
  if (!nested) for (const page of script.pages) innerPages.push(analyzeHtml(page, `${where} (script)`, true));
  if (script.formAction) {
    action ??= script.formAction;
    links.push(attachmentLink(script.formAction, `${where} (form built by script)`));
  }
  const smuggling = SMUGGLING.filter(([re]) => re.test(script.plain) || (re.source.startsWith('\\bdata:') && re.test(source))).map(([, name]) => name);
  const behaviour: HtmlBehaviour = { smuggling, links, text: read.text };
  for (const page of innerPages) {
    fields.push(...(page.credentialForm?.fields ?? []));
    action ??= page.credentialForm?.action;
    for (const trick of page.smuggling) if (!smuggling.includes(trick)) smuggling.push(trick);
    links.push(...page.links);
    framed ??= page.redirect;
    behaviour.text += `\n${page.text}`;
  }
  if (fields.length) behaviour.credentialForm = { fields: [...new Set(fields)], action: action ?? '' };
  const refresh = read.links.find((link) => link.source === 'meta-refresh');
  const redirect = refresh?.raw ?? script.redirect ?? framed;
  if (redirect) {
    behaviour.redirect = redirect;
    if (!refresh) links.push(attachmentLink(redirect, `${where} (${script.redirect ? 'script redirect' : 'frame'})`));
  }
  return behaviour;
}
