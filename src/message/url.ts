// One URL, understood: normalized by the WHATWG parser (which is what browsers follow), with
// the tricks phishers use made explicit — how the host was written (decimal/hex IPs), what
// sits before an `@`, where a redirector or shortener really leads, and the registrable
// domain from the Public Suffix List (tldts, with private suffixes so that `x.web.app`
// counts as its own site).
import { readFileSync } from 'node:fs';
import { domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { parse as parseYaml } from 'yaml';
import { visibleNfkc } from '../text/normalize.ts';

const services = parseYaml(readFileSync(new URL('./url-services.yaml', import.meta.url), 'utf8')) as {
  shorteners: string[];
  redirectParams: string[];
  redirectors: string[];
  localHandlerSchemes: string[];
  freemail: string[];
  organizationWords: string[];
};
export const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set(services.freemail);
export const ORGANIZATION_WORDS: readonly string[] = services.organizationWords;
export const LOCAL_HANDLER_SCHEMES: ReadonlySet<string> = new Set(services.localHandlerSchemes);
const SHORTENERS = new Set(services.shorteners);
const REDIRECT_PARAMS = new Set(services.redirectParams);
const REDIRECTORS = services.redirectors;

export type IpForm = 'dotted' | 'decimal' | 'hex' | 'octal' | 'mixed' | 'ipv6';

export type ParsedUrl = {
  /** Normalized URL (WHATWG serialization). */
  href: string;
  /** Scheme without the colon, lower-case. */
  scheme: string;
  /** ASCII host (punycode for IDN), lower-case, no trailing dot; '' for schemes without hosts. */
  host: string;
  /** The host as a reader sees it (IDN decoded). */
  unicodeHost: string;
  /** Registrable domain (eTLD+1), or null for IPs and unknown suffixes. */
  domain: string | null;
  /** Labels left of the registrable domain. */
  subdomain: string;
  publicSuffix: string | null;
  /** Set when the host is an IP literal, with the way it was written. */
  ip?: IpForm;
  /** What stood before `@` in the authority (`https://www1.micard.co.jp@evil.example/`). */
  userinfo?: string;
  /** Path, query and fragment. */
  path: string;
  /** The host has non-ASCII (IDN) labels. */
  idn: boolean;
  /** The scheme as written, when it had to be repaired (`hxxps`, `hhttps`, missing). */
  repairedFrom?: string;
  shortener: boolean;
  /** Where a known redirect parameter leads (unwrapped up to three times). */
  redirectsTo?: ParsedUrl;
  /** `redirectsTo` is the site Google's AMP viewer or Translate proxy shows under Google's name. */
  viaGoogleProxy: boolean;
  /** This host is a link wrapper known to forward to `redirectsTo` (Google's, a social network's,
   *  a mail gateway's). Any other site only claims to: what it serves is its own choice. */
  knownRedirector: boolean;
};

// Schemes as phishers and reporters write them: `hxxps://` (defanged), `hhttps://` and
// `ttps://` (typos in report feeds), or none at all (`micard.co.jp.example.com/login`).
function repairScheme(input: string): { text: string; repairedFrom?: string } {
  // Nearly every URL is written the usual way: one test instead of three.
  // Always both keys, so that the results share one shape.
  if (/^https?:\/\//i.test(input)) return { text: input, repairedFrom: undefined };
  const hxxp = /^(hxxps?|ttps?|h+t+p+s?):\/*/i.exec(input);
  if (hxxp) {
    const secure = /s$/i.test(hxxp[1]!);
    return { text: `${secure ? 'https' : 'http'}://${input.slice(hxxp[0].length)}`, repairedFrom: hxxp[1] };
  }
  // Labels in any letters: a homograph host (`miсard.co.jp`, Cyrillic с) is a host too.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(input) && /^(?:[\p{L}\p{N}_-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)/iu.test(input)) {
    return { text: `http://${input}`, repairedFrom: '' };
  }
  return { text: input, repairedFrom: undefined };
}

/** The authority as written, before WHATWG rewrites decimal/hex IPs and percent-escapes. */
function rawAuthority(text: string): { userinfo?: string; host: string } {
  const match = /^[a-z][a-z0-9+.-]*:\/*([^/?#\\]*)/i.exec(text);
  const authority = match?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d*$/, '');
  return { userinfo: at >= 0 ? authority.slice(0, at) : undefined, host };
}

/** `text` is the URL as parsed; its authority is read only for an IPv4 host (a few in a hundred). */
function ipForm(text: string, parsedHost: string): IpForm | undefined {
  if (parsedHost.startsWith('[')) return 'ipv6';
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(parsedHost)) return undefined;
  const raw = rawAuthority(text).host.toLowerCase().replace(/\.$/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(raw) && !/(^|\.)0\d/.test(raw)) return 'dotted';
  if (/^\d+$/.test(raw)) return 'decimal';
  if (/^0x[0-9a-f]+$/.test(raw)) return 'hex';
  // Every part octal (leading 0). Written without a nested quantifier: `^(0[0-7]*\.?)+$` can
  // split a run of zeros in exponentially many ways and hung on `http://000…0.0x1/`.
  if (/^0[0-7]*(?:\.0[0-7]*)*\.?$/.test(raw)) return 'octal';
  return 'mixed';
}

/** Text pasted as `<https://…>` (how mail clients quote URLs) without its angle brackets. */
function withoutAngleBrackets(text: string): string {
  const start = text.startsWith('<') ? 1 : 0;
  const end = text.length > start && text.endsWith('>') ? text.length - 1 : text.length;
  return start > 0 || end < text.length ? text.slice(start, end) : text;
}

const DOMAIN_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false } as const;

/** Parses and analyses one URL; undefined when it is not a URL a browser would follow. */
export function parseUrl(input: string, depth = 0): ParsedUrl | undefined {
  const cleaned = withoutAngleBrackets(visibleNfkc(input).trim());
  if (!cleaned || cleaned.length > 8192) return undefined;
  const { text, repairedFrom } = repairScheme(cleaned);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  // Each property of a WHATWG URL is a getter that slices a new string: read each once.
  const { href, protocol, hostname, pathname, search, hash } = url;
  const scheme = protocol.slice(0, -1).toLowerCase();
  const lowerHost = hostname.toLowerCase();
  // `example.com.` is example.com; a host of dots alone (`https://...`) is none.
  const host = lowerHost.endsWith('.') ? lowerHost.replace(/\.+$/, '') : lowerHost;
  const ip = host ? ipForm(text, hostname) : undefined;
  // Userinfo needs an `@`, which most URLs lack: they skip the scan of the authority.
  const userinfo = text.includes('@') ? rawAuthority(text).userinfo : undefined;
  const parts = ip || !host ? undefined : parseDomain(host, DOMAIN_OPTIONS);
  const unicodeHost = host.includes('xn--') ? domainToUnicode(host) || host : host;
  // Only Google's own domains proxy: `google.<private suffix>` (`google.glitch.me`) is anyone's.
  const google = (parts?.domainWithoutSuffix === 'google' && !parts.isPrivate) || host.endsWith('.translate.goog');
  const proxied = depth < 3 && google ? googleProxyTarget(url, host, depth) : undefined;
  // A redirect target starts with `//`: a query with neither `/` nor a `%` escape (that could
  // decode to one) holds none, and skips building its URLSearchParams (94 in 100 queries).
  const redirectsTo = proxied ?? (depth < 3 && search && (search.includes('/') || search.includes('%')) ? redirectTarget(url, depth) : undefined);
  // Every key is written in one literal, the optional ones as `undefined` when absent, so that
  // all parsed URLs share one shape. Keys added afterwards gave each combination (an IP host, a
  // userinfo, a repaired scheme, a redirect) a shape of its own: every function reading these
  // objects was deoptimized when a new one arrived, which kept a bulk URL check compiling its
  // code again for tens of thousands of URLs.
  const parsed: ParsedUrl = {
    href,
    scheme,
    host,
    unicodeHost,
    domain: parts?.domain ?? null,
    subdomain: parts?.subdomain ?? '',
    publicSuffix: parts?.publicSuffix ?? null,
    ip,
    userinfo,
    path: `${pathname}${search}${hash}`,
    idn: unicodeHost !== host,
    repairedFrom,
    // A shortener's own home page hides nothing; a short link has a code after the host.
    shortener: (SHORTENERS.has(host) || (parts?.domain ? SHORTENERS.has(parts.domain) && parts.subdomain === '' : false)) && /^\/[^/?#]/.test(pathname),
    redirectsTo,
    viaGoogleProxy: proxied !== undefined,
    knownRedirector: redirectsTo !== undefined && (google || REDIRECTORS.some((wrapper) => hostWithin(host, wrapper))),
  };
  return parsed;
}

function redirectTarget(url: URL, depth: number): ParsedUrl | undefined {
  for (const [name, value] of url.searchParams) {
    if (!REDIRECT_PARAMS.has(name.toLowerCase())) continue;
    const candidate = /^https?%3a/i.test(value) ? safeDecode(value) : value;
    if (!/^(?:https?:)?\/\/[^/]/i.test(candidate)) continue;
    const target = parseUrl(candidate.startsWith('//') ? `https:${candidate}` : candidate, depth + 1);
    if (target && target.host && target.host !== url.hostname.toLowerCase()) return target;
  }
  return undefined;
}

// Google's own proxies carry the destination where no redirect parameter does, and put a
// trusted Google address in front of any site: the AMP viewer in its path
// (`google.com/amp/s/<host>/<path>`; `/amp/<host>` for http), the Translate proxy in `?u=`
// without a scheme (`translate.google.se/translate?u=<host>/<path>`) and in its host (`<host
// with each . as - and each - as -->.translate.goog/<path>`).
function googleProxyTarget(url: URL, host: string, depth: number): ParsedUrl | undefined {
  if (host.endsWith('.translate.goog')) {
    const proxied = host.slice(0, -'.translate.goog'.length).replace(/--|-/g, (dash) => (dash === '-' ? '.' : '-'));
    const query = url.search.slice(1).split('&').filter((pair) => pair && !pair.startsWith('_x_tr_'));
    return parseUrl(`https://${proxied}${url.pathname}${query.length ? `?${query.join('&')}` : ''}`, depth + 1);
  }
  const amp = /^\/amp\/(s\/)?([^/]+\.[^/]+(?:\/.*)?)$/.exec(url.pathname);
  if (amp) return parseUrl(`${amp[1] ? 'https' : 'http'}://${amp[2]}${url.search}`, depth + 1);
  if (!host.startsWith('translate.') || url.pathname !== '/translate') return undefined;
  const proxied = url.searchParams.get('u');
  if (proxied && /^https?:\/\/[^/]/i.test(proxied)) return parseUrl(proxied, depth + 1);
  if (!proxied || !/^[\w-]+(?:\.[\w-]+)+(?:[/?#]|$)/.test(proxied)) return undefined;
  return parseUrl(`http://${proxied}`, depth + 1);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The final destination after unwrapping redirectors. */
export function finalDestination(url: ParsedUrl): ParsedUrl {
  let current = url;
  while (current.redirectsTo) current = current.redirectsTo;
  return current;
}

/** True when `host` is `domain` or a subdomain of it. */
export function hostWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
