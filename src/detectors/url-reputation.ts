// What a link's address says on its own, for links that are not a profiled brand's: phishers
// change domains daily, so most phishing links name no brand at all (`rypprjn.cn`,
// `8tv5b6501.duckdns.org`). They still show where they come from: throw-away endings,
// dynamic-DNS and free-hosting subdomains, machine-made labels, a domain name worn as a
// subdomain (`xxx.co.jp.random.cn`), brand names in the path of an unrelated site, and the paths
// that phishing kits leave. The lists are data (src/rules/url-reputation.yaml).
import { brandLookalikeLabel, brandNameLabel, hostTokenPattern, misspells, relateHost, WWW } from '../brand/lookalike.ts';
import type { Link, MessageFacts } from '../message/facts.ts';
import { finalDestination, parseUrl, type ParsedUrl } from '../message/url.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { urlReputationRules, type UrlReputationRules } from '../rules/load.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';
import { randomness } from './host-randomness.ts';
import { firstOfPieces } from '../text/parts.ts';

/** Links a member can follow; images and stylesheets are loaded, not clicked. */
export const CLICKABLE_SOURCES: ReadonlySet<Link['source']> = new Set(['a', 'area', 'form', 'text', 'meta-refresh', 'input', 'qr', 'attachment']);

type Code =
  | 'URL_ABUSED_TLD'
  | 'URL_RISKY_TLD'
  | 'URL_RANDOM_HOST'
  | 'URL_DYNAMIC_DNS'
  | 'URL_FREE_HOSTING'
  | 'URL_PATH_HOSTING'
  | 'URL_PROXY'
  | 'URL_EMBEDDED_DOMAIN'
  | 'URL_BRAND_IN_PATH'
  | 'URL_KIT_PATH'
  | 'URL_SENSITIVE_WORDS'
  | 'URL_LOGIN_SUBDOMAIN'
  | 'URL_BRAND_LOOKALIKE_SUBDOMAIN'
  | 'URL_BRAND_NAME_SUBDOMAIN'
  | 'URL_MISSPELLED_LOGIN_WORD'
  | 'URL_UNSERVED_HOST_NAME'
  | 'URL_JP_ENDING_IN_NAME'
  | 'URL_ALONE';

const CATALOGUE: Catalogue<Code> = {
  URL_ABUSED_TLD: {
    severity: 'medium',
    ja: 'リンク先 {host} は、フィッシングに多用される末尾「.{suffix}」のドメインです。',
    en: 'The link goes to {host}, under ".{suffix}", an ending heavily used for phishing.',
  },
  URL_RISKY_TLD: {
    severity: 'low',
    ja: 'リンク先 {host} は、安価でフィッシングにも多用される末尾「.{suffix}」のドメインです。',
    en: 'The link goes to {host}, under ".{suffix}", a cheap ending often used for phishing.',
  },
  URL_RANDOM_HOST: {
    severity: 'medium',
    ja: 'リンク先 {host} の「{label}」は、機械的に作られた使い捨ての名前に見えます。',
    en: 'The link goes to {host}; "{label}" looks like a machine-made throw-away name.',
  },
  URL_DYNAMIC_DNS: {
    severity: 'high',
    ja: 'リンク先 {host} は、誰でも無料で作れるダイナミックDNS（{zone}）の名前です。企業の公式サイトではありません。',
    en: 'The link goes to {host}, a free dynamic-DNS name under {zone} that anyone can create; no company site lives there.',
  },
  URL_FREE_HOSTING: {
    severity: 'medium',
    ja: 'リンク先 {host} は、誰でも数分で作れる無料ホスティング（{zone}）上のサイトです。',
    en: 'The link goes to {host}, a site on free hosting ({zone}) that anyone can set up in minutes.',
  },
  URL_PATH_HOSTING: {
    severity: 'medium',
    ja: 'リンク先は、誰でもファイルを置ける共有サービス {host} 上のページです。',
    en: 'The link opens a page that someone uploaded to the shared service {host}.',
  },
  URL_PROXY: {
    severity: 'high',
    ja: 'リンクは {host} を経由して別のサイトを表示させ、本当の行き先を隠しています。',
    en: 'The link goes through {host}, which shows another site under its own name and hides the real one.',
  },
  URL_EMBEDDED_DOMAIN: {
    severity: 'high',
    ja: 'リンク先 {host} は、先頭に「{shown}」という別のドメイン名を付けて本物に見せかけています。実際のドメインは {domain} です。',
    en: 'The link goes to {host}: it wears another domain name, "{shown}", in front; the real domain is {domain}.',
  },
  URL_BRAND_IN_PATH: {
    severity: 'high',
    ja: 'リンク先 {host} は{brand}と無関係なサイトですが、アドレスに「{word}」を含むログイン画面風のページです。',
    en: 'The link goes to {host}, a site unrelated to {brand}, at an address that uses "{word}" for a login-like page.',
  },
  URL_KIT_PATH: {
    severity: 'medium',
    ja: 'リンク先のアドレス（{path}）は、フィッシングキットや乗っ取られたサイトによく見られる形です。',
    en: 'The link address ({path}) has the shape of phishing kits and hijacked websites.',
  },
  URL_LOGIN_SUBDOMAIN: {
    severity: 'low',
    ja: 'リンク先 {host} は、サブドメイン「{label}」にログイン画面を思わせる語を組み込んでいます。実際のサイトは {domain} です。',
    en: 'The link goes to {host}; the subdomain "{label}" builds a sign-in word into a longer name. The site itself is {domain}.',
  },
  URL_BRAND_LOOKALIKE_SUBDOMAIN: {
    severity: 'high',
    ja: 'リンク先 {host} の「{label}」は、{brand}の名前（{official}）をわずかに変えた偽の表記です。実際のドメインは {domain} です。',
    en: 'The link goes to {host}: "{label}" is a slightly altered spelling of {brand} ({official}); the real domain is {domain}.',
  },
  URL_BRAND_NAME_SUBDOMAIN: {
    severity: 'high',
    ja: 'リンク先 {host} は、{brand}の略称「{label}」をホスト名の先頭に付けていますが、実際のドメインは {brand}（{official}）のものではない {domain} です。',
    en: 'The link goes to {host}: it puts "{label}", the short name of {brand}, in front of {domain}, which is not a domain of {brand} ({official}).',
  },
  URL_MISSPELLED_LOGIN_WORD: {
    severity: 'medium',
    ja: 'リンク先 {host} の「{piece}」は「{word}」のつづりを崩した表記です。正規の企業は自社のアドレスでこうした語を書き誤りません。',
    en: 'The link goes to {host}: "{piece}" is a misspelling of "{word}"; no company misspells such a word in its own address.',
  },
  URL_UNSERVED_HOST_NAME: {
    severity: 'low',
    ja: 'リンク先 {host} の「{label}」は、Webサイトに付ける名前ではありません（メールサーバーやDNS設定の名前、www の書き誤りなど）。どんな名前にも応答する使い捨てのドメインに見られる形です。',
    en: 'The link goes to {host}; "{label}" is no name for a website (a mail server\'s or DNS record\'s name, a garbled www): throw-away domains that answer to any name look like this.',
  },
  URL_JP_ENDING_IN_NAME: {
    severity: 'medium',
    ja: 'リンク先 {host} は、日本の会社のドメイン末尾「{ending}」をハイフンでつないで名前に組み込み、.{dotted} のアドレスに見せかけています。実際のドメインは {domain} です。',
    en: 'The link goes to {host}: its name spells a Japanese company ending, "{ending}", with hyphens, to read like a .{dotted} address; the real domain is {domain}.',
  },
  URL_ALONE: {
    severity: 'medium',
    ja: '確認できるのはリンクだけで、送り主も文面もありません。上の兆候があるリンクは開かないでください。',
    en: 'There is nothing but the link to go on, no sender and no message; with the signs above, do not open it.',
  },
  URL_SENSITIVE_WORDS: {
    severity: 'low',
    ja: 'リンク先 {domain} は「{words}」など安心させる語を並べた名前です。',
    en: 'The link goes to {domain}, a name stuffed with reassuring words ({words}).',
  },
};

type Hit = { code: Code; params: Record<string, string> };

type Zones = { proxy?: string; dynamicDns?: string; freeHosting?: string };

/** The proxy, dynamic-DNS and free-hosting lists in one map from zone to the lists it is in, built
 *  once per rule set: each parent of a host is then looked up once, not once per list. */
const zoneListsCache = new WeakMap<UrlReputationRules, Map<string, (keyof Zones)[]>>();

function zoneLists(rules: UrlReputationRules): Map<string, (keyof Zones)[]> {
  let lists = zoneListsCache.get(rules);
  if (!lists) {
    lists = new Map();
    const add = (kind: keyof Zones, zones: Set<string>) => {
      for (const zone of zones) lists!.set(zone, [...(lists!.get(zone) ?? []), kind]);
    };
    add('proxy', rules.proxies);
    add('dynamicDns', rules.dynamicDns);
    add('freeHosting', rules.freeHosting);
    zoneListsCache.set(rules, lists);
  }
  return lists;
}

/** The zones (proper parent domains) a host lies under in the proxy, dynamic-DNS and free-hosting
 *  lists: the longest one of each list, found in one walk up the host. */
function zonesOf(host: string, rules: UrlReputationRules): Zones {
  const lists = zoneLists(rules);
  const zones: Zones = {};
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    const parent = host.slice(dot + 1);
    for (const kind of lists.get(parent) ?? []) zones[kind] ??= parent;
  }
  return zones;
}

/** Whether a host is a storage service's endpoint (`s3.ap-northeast-1.amazonaws.com`, files by
 *  path) or someone's bucket under it (`<bucket>.s3.ap-northeast-1.amazonaws.com`). */
function bucketHosting(host: string, rules: UrlReputationRules): 'endpoint' | 'bucket' | undefined {
  if (!rules.bucketTails.some((tail) => host.endsWith(tail))) return undefined;
  if (rules.bucketZones.test(host)) return 'endpoint';
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    if (rules.bucketZones.test(host.slice(dot + 1))) return 'bucket';
  }
  return undefined;
}

/** A page shown through a proxy (`x-com.translate.goog`, `translate.google.com/translate?u=…`),
 *  which puts the proxy's trusted name on another site; the proxy's own home page is not one. */
function isProxy(url: ParsedUrl, rules: UrlReputationRules, zones = zonesOf(url.host, rules)): boolean {
  return zones.proxy !== undefined || (rules.proxies.has(url.host) && url.path.length > 1) || url.viaGoogleProxy;
}

/** The registrable name without its public suffix (`rypprjn` of `rypprjn.cn`). */
function registrableLabel(url: ParsedUrl): string {
  if (!url.domain || !url.publicSuffix) return url.host;
  return url.domain.slice(0, url.domain.length - url.publicSuffix.length - 1);
}

/** The first label of a host that looks machine-made. Under a hosting or DDNS zone the labels in
 *  front of it are the customer's name, not the site's, so those are the ones judged; otherwise
 *  every subdomain label, then the registrable name. */
function randomLabel(url: ParsedUrl, zone: string | undefined): string | undefined {
  // A provider's endpoint that is itself a public suffix (`s3.ap-northeast-1.amazonaws.com`) is no one's chosen name.
  if (url.host === url.publicSuffix) return undefined;
  if (zone) return firstOfPieces(url.host.slice(0, url.host.length - zone.length - 1), '.', randomSubdomainLabel);
  const subdomain = url.subdomain ? firstOfPieces(url.subdomain, '.', randomSubdomainLabel) : undefined;
  if (subdomain !== undefined) return subdomain;
  const label = registrableLabel(url);
  return randomness(label, true) ? label : undefined;
}

/** A label in front of the registrable name, when it looks machine-made. */
function randomSubdomainLabel(label: string): string | undefined {
  return randomness(label, false) ? label : undefined;
}

// A domain name inside a subdomain: `kuroneko.co.jp.x.cn`, `www-aeon-co-jp.x.com`, `eki-net.com.x.top`,
// also with `jp` misspelt `ip` (`amazon.co.ip.x.com`), an ending that exists nowhere, or glued to
// the name at the end of a label (`ekicomjp.x.com`, `paypalcojp.x.com`).
const EMBEDDED = /(?:^|[.-])(?:((?:[a-z0-9-]+[.-])?(?:(?:co|ne|or|go|ac|ed|gr|lg)[.-][ji]p|com|net|org|jp))(?=[.-]|$)|([a-z0-9]{3,}(?:co|com|ne|or)jp)(?=\.|$))/;

/** A registrable name that starts with an ending and a hyphen (`com-19`, `jp-inforpemos`). */
const ENDING_FIRST = /^(?:com|org|jp)-/;

// A domain name whose ending runs on into the registrable name with a hyphen, so that the
// host starts with a whole address: `www.binance.com-19.com`, `x.iappstore.co.jp-inforpemos.com`.
// Not `net-`: many real names start so (`shop.net-bank.example`), and not after `www`.
const EMBEDDED_ACROSS = /(?:^|\.)(?!www\d*\.)([a-z0-9-]+\.(?:com|org|(?:co|ne|or)\.jp))-[a-z0-9]/;

// A Japanese organization's ending (`co.jp`, `ne.jp`) written with hyphens into the registrable
// name, so that the address reads as one under it: `update-co-jp.com`, `www-rakvton-co-jp.com`,
// `xserver-ne-jp.com`. Not `go-jp` (`lets-go-jp`, a travel name) nor `jp` alone.
const JP_ENDING_IN_NAME = /(?:^|-)((co|ne|or|ac)-jp)(?:-|$)/;

const CREDENTIAL_WORDS = /(log-?in|sign-?in|log-?on|verify|verification|account|update|secure|auth|confirm|password|member|session|card)/;

/** `name` occurs in `text` as a whole name, not inside a longer one (`au.com` is not in `rklau.com`). */
function containsName(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (!/[a-z0-9-]/.test(text[i - 1] ?? '') && !/[a-z0-9-]/.test(text[i + name.length] ?? '')) return true;
  }
  return false;
}

/** The ending of every official domain of a profile list (`.jp`, `.com`), gathered once: a path
 *  without any of them names no official domain, which spares most paths the search through
 *  every profile's domains. */
const domainEndingsCache = new WeakMap<LoadedProfile[], string[]>();

function domainEndings(profiles: LoadedProfile[]): string[] {
  let endings = domainEndingsCache.get(profiles);
  if (!endings) {
    endings = [...new Set(profiles.flatMap((profile) => profile.officialDomains.map((domain) => domain.slice(domain.lastIndexOf('.')))))];
    domainEndingsCache.set(profiles, endings);
  }
  return endings;
}

/**
 * In a lower-cased path: a brand's official domain in the path of an unrelated site (`example.com/smbc.co.jp/login`), or
 * a brand word (host tokens of every profile) in a login-like path; short words must stand as a
 * whole path segment.
 */
function brandInPath(fullPath: string, profiles: LoadedProfile[]): { word: string; profile: LoadedProfile } | undefined {
  // A search page's query is what someone searched for (`google.com/search?q=micard`), not the page.
  const path = /^\/(?:search|s|results|web)\/?\?/.test(fullPath) ? fullPath.slice(0, fullPath.indexOf('?')) : fullPath;
  if (domainEndings(profiles).some((ending) => path.includes(ending))) {
    for (const profile of profiles) {
      const domain = profile.officialDomains.find((d) => containsName(path, d));
      if (domain) return { word: domain, profile };
    }
  }
  // Segments are pieces of the path: when the path holds no host token, no segment does.
  if (!hostTokenPattern(profiles).test(path)) return undefined;
  if (!CREDENTIAL_WORDS.test(path) && !/\.(php|aspx?|html?)\b/.test(path)) return undefined;
  const segments = path.split(/[/?#&=._]+/).filter(Boolean);
  for (const profile of profiles) {
    for (const token of profile.hostTokens) {
      const hit = token.length >= 5 ? segments.some((s) => s.includes(token)) : segments.includes(token);
      if (hit) return { word: token, profile };
    }
  }
  return undefined;
}

/** The sign-in word and a two-letter region (`login-us`, `eu-login`, `login-jp2`): a company's
 *  regional sign-in host (`login-us.mimecast.com`), named so in front. Phishing hosts take the form
 *  too, in front on 15 of 226,107 JPCERT URLs only, but behind another label on hundreds
 *  (`connect.au-login.x.com`), where no regional portal is named. */
function regionalSignIn(label: string, word: string): boolean {
  const rest = label.startsWith(`${word}-`) ? label.slice(word.length + 1) : label.endsWith(`-${word}`) ? label.slice(0, -word.length - 1) : undefined;
  return rest !== undefined && /^[a-z]{2}\d?$/.test(rest);
}

/**
 * A subdomain label with a sign-in word built into a longer name, hyphenated (`connect-login`,
 * `au-login`) or behind another label (`www.etc.userlogin`). Companies name such hosts plainly
 * (`login.`, `sign-in.`, a regional `login-us.`), and a word glued to others in the first label
 * (`bloginfo.`) is as often an ordinary name. `www` labels stand for the site's main host and count
 * as no label in front.
 */
function loginSubdomainLabel(subdomain: string, loginWords: RegExp): string | undefined {
  if (!subdomain || !loginWords.test(subdomain)) return undefined;
  let behindAnother = false;
  return firstOfPieces(subdomain, '.', (label) => {
    if (WWW.test(label)) return undefined;
    const word = loginWords.exec(label)?.[0];
    if (word && label !== word && (behindAnother || (label.includes('-') && !regionalSignIn(label, word)))) return label;
    behindAnother = true;
    return undefined;
  });
}

/** `www` misspelt or doubled (`wwww`, `vvwvv`, `ww`) or glued to a name (`wwwinfoepos`); `www`
 *  itself is told apart by the caller. */
const WWW_IMITATION = /^(?:[wv]{2,7}|www[a-z]{2,}[a-z0-9]*)$/;

/**
 * A subdomain label that names no web host: a DNS record's (`_dmarc`, a bare `_`), a mail or name
 * server's in front (`mta-sts.`, `smtp.`, `ns2.`), `www` misspelt, glued to a name or behind
 * another label (`wwww.`, `wwwinfoepos.`, `x.www.`), or one character behind `www` (`www.a.`).
 * Throw-away phishing domains answer to every name (wildcard DNS) and their kits fill in names
 * like these; a company links to the host its site runs on. 1,443 JPCERT/CC URLs with no other
 * sign have one; no top site and no link of a legitimate SpamAssassin mail does.
 */
function unservedHostLabel(subdomain: string, serverLabels: Set<string>): string | undefined {
  if (!subdomain || subdomain === 'www') return undefined;
  let position = 0;
  let behindWww = false;
  return firstOfPieces(subdomain, '.', (label) => {
    const at = position++;
    if (label.startsWith('_') || (label !== 'www' && WWW_IMITATION.test(label))) return label;
    if (WWW.test(label)) {
      behindWww = at === 0;
      return at > 0 ? label : undefined;
    }
    if (at === 0) return serverLabels.has(label.replace(/\d+$/, '')) ? label : undefined;
    return at === 1 && behindWww && label.length === 1 ? label : undefined;
  });
}

const DOT = 46; // '.'
const HYPHEN = 45; // '-'

/**
 * A piece of a host name (between dots and hyphens) that misspells a login word by an added,
 * dropped or swapped letter (`accout`, `connecct-logiin`, `udpate`): phishers do it to register
 * names that read as the word. Pieces that only lengthen the word (`updates`, `secured`) are
 * its ordinary forms, and a changed letter (`logan`, `conform`, `verity`) mostly spells another
 * word, so neither counts; a word and its misspelling share the first letter.
 */
function misspelledLoginWord(host: string, words: string[]): { piece: string; word: string } | undefined {
  for (let start = 0; start < host.length; ) {
    let end = start;
    while (end < host.length) {
      const code = host.charCodeAt(end);
      if (code === DOT || code === HYPHEN) break;
      end++;
    }
    if (end - start >= 5) {
      // Compared by first letter and length before the piece is cut out: few pieces get further.
      const initial = host.charCodeAt(start);
      let piece: string | undefined;
      for (const word of words) {
        if (word.charCodeAt(0) !== initial || Math.abs(word.length - (end - start)) > 1) continue;
        piece ??= host.slice(start, end);
        if (!piece.startsWith(word) && misspells(piece, word, 1)) return { piece, word };
      }
    }
    start = end + 1;
  }
  return undefined;
}

/** Every trust word in one expression, per word list: most labels hold none and need no
 *  word-by-word search. The rule file allows only [a-z0-9-] in words, nothing to escape. */
const anySensitiveWordCache = new WeakMap<string[], RegExp>();

/** Trust words in a label, each counted once ("services" is not also "service"): `words` come longest first. */
function sensitiveWords(label: string, words: string[]): string[] {
  let anyWord = anySensitiveWordCache.get(words);
  if (!anyWord) {
    anyWord = words.length ? new RegExp(words.join('|')) : /$^/;
    anySensitiveWordCache.set(words, anyWord);
  }
  if (!anyWord.test(label)) return [];
  let rest = label;
  const found: string[] = [];
  for (const word of words) {
    if (!rest.includes(word)) continue;
    found.push(word);
    rest = rest.replace(word, ' ');
  }
  return found;
}

/**
 * Registrable domains of the mailing list that delivered the message (`List-Id`): its footer
 * links to its own archive, whatever that domain looks like, and phishers rarely run list servers.
 */
function listDomains(facts: MessageFacts): Set<string> {
  const domains = new Set<string>();
  for (const { key, value } of facts.headers) {
    if (key !== 'list-id') continue;
    const id = /<([^>]+)>/.exec(value)?.[1] ?? value.trim();
    const domain = parseUrl(`http://${id}/`)?.domain;
    if (domain) domains.add(domain);
  }
  return domains;
}

function judgeUrl(url: ParsedUrl, rules: UrlReputationRules, profiles: LoadedProfile[], trusted: Set<string>): Hit[] {
  const hits: Hit[] = [];
  const host = url.unicodeHost || url.host;
  const zones = zonesOf(url.host, rules);
  if (isProxy(url, rules, zones)) hits.push({ code: 'URL_PROXY', params: { host: url.host } });
  const suffix = url.publicSuffix ?? '';
  if (rules.abusedSuffixes.has(suffix)) hits.push({ code: 'URL_ABUSED_TLD', params: { host, suffix } });
  else if (rules.riskySuffixes.has(suffix)) hits.push({ code: 'URL_RISKY_TLD', params: { host, suffix } });
  // `www.<zone>` is the provider's own site, not a customer's; `www.<name>.<zone>` is a customer's.
  const customer = (zone: string | undefined) => (zone && !/^www\d*$/.test(url.host.slice(0, -zone.length - 1)) ? zone : undefined);
  const ddns = customer(zones.dynamicDns);
  if (ddns) hits.push({ code: 'URL_DYNAMIC_DNS', params: { host, zone: ddns } });
  const hosting = customer(zones.freeHosting);
  if (hosting) hits.push({ code: 'URL_FREE_HOSTING', params: { host, zone: hosting } });
  // A page or a file two levels down (`/<bucket>/<object>`), not the service's own home page;
  // in a bucket of its own name, any file; on a publishing site, any page.
  const bucket = bucketHosting(url.host, rules);
  const uploaded =
    rules.pathHosting.has(url.host) || bucket === 'endpoint'
      ? /\/[^/?#]+\.(html?|php|svg|shtml|xhtml)(\?|#|$)/i.test(url.path) || /^\/[^/?#]+\/[^/?#]+/.test(url.path)
      : (bucket === 'bucket' || rules.pageHosting.has(url.host)) && /^\/[^/?#]/.test(url.path);
  if (uploaded) {
    hits.push({ code: 'URL_PATH_HOSTING', params: { host: url.host } });
  }
  const random = url.domain && trusted.has(url.domain) ? undefined : randomLabel(url, ddns ?? hosting);
  if (random) hits.push({ code: 'URL_RANDOM_HOST', params: { host, label: random } });
  const embedded = EMBEDDED.exec(url.subdomain);
  const across = embedded || !url.subdomain || !ENDING_FIRST.test(registrableLabel(url)) ? undefined : EMBEDDED_ACROSS.exec(url.host.slice(0, url.host.length - suffix.length));
  const shown = embedded ? (embedded[1] ?? embedded[2]!) : across?.[1];
  if (shown && url.domain) hits.push({ code: 'URL_EMBEDDED_DOMAIN', params: { host, shown, domain: url.domain } });
  const jpEnding = shown || !url.domain ? undefined : JP_ENDING_IN_NAME.exec(registrableLabel(url));
  if (jpEnding) hits.push({ code: 'URL_JP_ENDING_IN_NAME', params: { host, ending: jpEnding[1]!, dotted: jpEnding[1]!.replace('-', '.'), domain: url.domain! } });
  const login = rules.vettedSuffixes.has(suffix) ? undefined : loginSubdomainLabel(url.subdomain, rules.loginWords);
  if (login && url.domain) hits.push({ code: 'URL_LOGIN_SUBDOMAIN', params: { host, label: login, domain: url.domain } });
  const unserved = url.domain ? unservedHostLabel(url.subdomain, rules.serverLabels) : undefined;
  if (unserved) hits.push({ code: 'URL_UNSERVED_HOST_NAME', params: { host, label: unserved } });
  const lookalike = url.subdomain && url.domain ? brandLookalikeLabel(url.subdomain, profiles) : undefined;
  if (lookalike) {
    hits.push({ code: 'URL_BRAND_LOOKALIKE_SUBDOMAIN', params: { host, label: lookalike.label, brand: lookalike.profile.name.en, official: lookalike.official, domain: url.domain! } });
  }
  const named = url.subdomain && url.domain ? brandNameLabel(url.subdomain, profiles) : undefined;
  // A domain related to the brand (a group company's) may well name the service in front of it.
  const relation = named && relateHost(url, profiles);
  if (named && !(relation?.kind === 'related' && relation.profile === named.profile)) {
    hits.push({ code: 'URL_BRAND_NAME_SUBDOMAIN', params: { host, label: named.label, brand: named.profile.name.en, official: named.official, domain: url.domain! } });
  }
  const misspelled = misspelledLoginWord(url.host.slice(0, url.host.length - suffix.length), rules.misspellableWords);
  if (misspelled) hits.push({ code: 'URL_MISSPELLED_LOGIN_WORD', params: { host, ...misspelled } });
  const path = url.path.toLowerCase();
  const brand = brandInPath(path, profiles);
  if (brand) hits.push({ code: 'URL_BRAND_IN_PATH', params: { host, word: brand.word, brand: brand.profile.name.en } });
  if (path.length > 1 && rules.kitPaths.some((re) => re.test(path))) hits.push({ code: 'URL_KIT_PATH', params: { path: url.path.slice(0, 80) } });
  const words = sensitiveWords(url.host.slice(0, url.host.length - suffix.length), rules.sensitiveWords);
  if (words.length >= 2) {
    hits.push({ code: 'URL_SENSITIVE_WORDS', params: { domain: url.host, words: words.join(', ') } });
  }
  return hits;
}

const MAX_EVIDENCE = 5;

export const urlReputationDetector: Detector = {
  name: 'url-reputation',
  detect(facts, context) {
    const rules = urlReputationRules();
    const trusted = listDomains(facts);
    // `hosts` are those of `evidence`, at most MAX_EVIDENCE: a list is cheaper to search than a set to build.
    const byCode = new Map<Code, { params: Record<string, string>; evidence: Evidence[]; hosts: string[] }>();
    // One piece of evidence per host and sign, where the sign was seen (`at`: the destination or a site on the way).
    const record = (hit: Hit, at: ParsedUrl, link: Link) => {
      let entry = byCode.get(hit.code);
      if (!entry) {
        entry = { params: hit.params, evidence: [], hosts: [] };
        byCode.set(hit.code, entry);
      }
      if (entry.hosts.includes(at.host) || entry.evidence.length >= MAX_EVIDENCE) return;
      entry.hosts.push(at.host);
      const evidence: Evidence = { kind: 'link', value: link.raw, host: at.unicodeHost || at.host, where: link.where };
      if (link.text) evidence.shown = link.text;
      entry.evidence.push(evidence);
    };
    for (const link of facts.links) {
      if (!link.url || !CLICKABLE_SOURCES.has(link.source)) continue;
      // A scheme-less "host" in plain text is as often a file or a name (`sendmail.cf`, `tim.one`).
      if (link.url.repairedFrom === '' && !/^www\d*\./i.test(link.raw) && !/\//.test(link.raw)) continue;
      const dest = finalDestination(link.url);
      if (!dest.host || dest.ip || (dest.scheme !== 'http' && dest.scheme !== 'https')) continue;
      // The brand's own sites are judged by the link checks; related sites (a cloud provider a
      // brand also owns) still get judged here, since anyone can rent a page there.
      if (relateHost(dest, context.profiles)?.kind !== 'official') for (const hit of judgeUrl(dest, rules, context.profiles, trusted)) record(hit, dest, link);
      // A site on the way is judged as the destination is, official destination or not: the
      // browser goes there first, and it need not send anyone on (its redirect parameter is only
      // a claim). A proxy on the way hides the destination as well as one at the end does. The
      // brand a hop's path names is the destination it carries, not a sign of the hop's own.
      for (let hop = link.url; hop !== dest; hop = hop.redirectsTo!) {
        if (isProxy(hop, rules)) record({ code: 'URL_PROXY', params: { host: hop.host } }, dest, link);
        else if (hop.host && !hop.ip && relateHost(hop, context.profiles)?.kind !== 'official') {
          for (const hit of judgeUrl(hop, rules, context.profiles, trusted)) if (hit.code !== 'URL_BRAND_IN_PATH') record(hit, hop, link);
        }
      }
    }
    const findings: Finding[] = [];
    byCode.forEach(({ params, evidence }, code) => findings.push(finding(CATALOGUE, code, evidence, params)));
    // A mail or a text has a sender and wording that can outweigh one odd sign in an address; a
    // bare link has nothing else, so any sign of a throw-away site is reason enough to warn.
    // A shortener counts too, also behind a redirector: alone, it is a link whose destination
    // nobody can see.
    const shortened = facts.links.find((link) => link.url && (link.url.shortener || finalDestination(link.url).shortener));
    const first = findings[0]?.evidence[0] ?? (shortened && { kind: 'link' as const, value: shortened.raw, host: shortened.url!.host, where: shortened.where });
    if (facts.kind === 'url' && first) findings.push(finding(CATALOGUE, 'URL_ALONE', [first]));
    return findings;
  },
};

