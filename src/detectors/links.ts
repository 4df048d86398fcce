// Link checks: where each link really goes, compared with where it claims to go and with the
// brand the message claims. The issuer's notice names the tricks: `micard.co.jp.<random>.com`,
// an official URL as link text over a foreign href, official and fake links mixed, and
// personal data asked for anywhere but the data-entry hosts.
import { writtenAsHostName, type Link } from '../message/facts.ts';
import { finalDestination, hostWithin, LOCAL_HANDLER_SCHEMES, parseUrl, type ParsedUrl } from '../message/url.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { finding, type Catalogue, type Evidence, type Finding, type Param } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';
import { relateHost, type HostRelation } from '../brand/lookalike.ts';
import { visibleNfkc } from '../text/normalize.ts';
import { isStrongClaim } from '../brand/claim.ts';
import { CLICKABLE_SOURCES } from './url-reputation.ts';

type Code =
  | 'LINK_BRAND_PREFIX'
  | 'LINK_HOMOGLYPH'
  | 'LINK_TYPOSQUAT'
  | 'LINK_TLD_SQUAT'
  | 'LINK_COMBOSQUAT'
  | 'LINK_BRAND_IN_HOST'
  | 'LINK_TEXT_MISMATCH'
  | 'LINK_TEXT_SHOWS_OFFICIAL'
  | 'LINK_USERINFO'
  | 'LINK_USERINFO_OFFICIAL'
  | 'LINK_OFFICIAL'
  | 'LINK_IP_HOST'
  | 'LINK_IP_OBFUSCATED'
  | 'LINK_IP_NAMED_HOST'
  | 'LINK_SHORTENER'
  | 'LINK_REDIRECT'
  | 'LINK_OFFICIAL_VIA_REDIRECT'
  | 'LINK_IDN'
  | 'LINK_SCRIPT_SCHEME'
  | 'LINK_LOCAL_HANDLER'
  | 'LINK_UNOFFICIAL'
  | 'LINK_MIXED'
  | 'LINK_FORM_UNOFFICIAL'
  | 'LINK_OFFICIAL_UNUSUAL_HOST';

const CATALOGUE: Catalogue<Code> = {
  LINK_BRAND_PREFIX: {
    severity: 'critical',
    ja: 'リンク先 {host} は公式ドメイン {official} で始まるように見せかけた別のサイトです（公式URLは {official} の直後が「/」です）。',
    en: 'The link goes to {host}, a different site made to start like the official domain {official} (official URLs have "/" right after {official}).',
  },
  LINK_HOMOGLYPH: {
    severity: 'critical',
    ja: 'リンク先 {host} は、見た目の似た文字で公式ドメイン {official} に似せた偽のドメインです。',
    en: 'The link goes to {host}, which imitates the official domain {official} with look-alike characters.',
  },
  LINK_TYPOSQUAT: {
    severity: 'high',
    ja: 'リンク先 {host} は公式ドメイン {official} に一字違いで似せたドメインです。',
    en: 'The link goes to {host}, a misspelling of the official domain {official}.',
  },
  LINK_TLD_SQUAT: {
    severity: 'high',
    ja: 'リンク先 {host} は公式ドメイン {official} と同じ名前で末尾だけが違う、公式ではないドメインです。',
    en: 'The link goes to {host}: the official name {official} with another ending, not the official domain.',
  },
  LINK_COMBOSQUAT: {
    severity: 'high',
    ja: 'リンク先 {host} はブランド名に別の語を付け足した、公式ではないドメインです（公式は {official}）。',
    en: 'The link goes to {host}: the brand name with extra words, not the official domain ({official}).',
  },
  LINK_BRAND_IN_HOST: {
    severity: 'high',
    ja: 'リンク先 {host} はブランド名を含みますが、公式ドメイン {official} ではありません。',
    en: 'The link goes to {host}, which contains the brand name but is not the official domain {official}.',
  },
  LINK_TEXT_MISMATCH: {
    severity: 'high',
    ja: 'リンクの表示は「{shown}」ですが、実際の行き先は {host} です。',
    en: 'The link reads "{shown}" but really goes to {host}.',
  },
  LINK_TEXT_SHOWS_OFFICIAL: {
    severity: 'critical',
    ja: 'リンクの表示は公式URL「{shown}」ですが、実際の行き先は別のサイト {host} です。',
    en: 'The link shows the official URL "{shown}" but really goes to another site, {host}.',
  },
  LINK_USERINFO: {
    severity: 'high',
    ja: 'URLの「@」より前の「{userinfo}」は飾りで、実際の行き先は {host} です。',
    en: 'The "{userinfo}" before "@" in the URL is decoration; the link really goes to {host}.',
  },
  LINK_USERINFO_OFFICIAL: {
    severity: 'critical',
    ja: 'URLの先頭に公式ドメイン「{userinfo}」を置いていますが、「@」より前は飾りで、実際の行き先は {host} です。',
    en: 'The URL starts with the official domain "{userinfo}", but everything before "@" is decoration: it really goes to {host}.',
  },
  LINK_OFFICIAL: {
    severity: 'info',
    ja: 'リンク先 {host} は{brand}の公式ドメインです。',
    en: 'The link goes to {host}, an official {brand} domain.',
  },
  LINK_IP_HOST: {
    severity: 'high',
    ja: 'リンク先がドメイン名ではなくIPアドレス（{form}表記）です：{host}',
    en: 'The link goes to a bare IP address ({form} form) instead of a domain: {host}',
  },
  LINK_IP_OBFUSCATED: {
    severity: 'high',
    ja: 'リンク先のIPアドレスを{form}表記で分かりにくくしています：{raw} → {host}',
    en: 'The link disguises an IP address in {form} notation: {raw} → {host}',
  },
  LINK_IP_NAMED_HOST: {
    severity: 'high',
    ja: 'リンク先 {host} は、IPアドレス（{ip}）をそのまま名前にしたサーバーです。サイトの名前ではなく、プロバイダーが機械に付けた名前です。',
    en: 'The link goes to {host}, a machine named after its IP address ({ip}): a name a provider gives a server, not a site’s name.',
  },
  LINK_SHORTENER: {
    severity: 'medium',
    ja: '短縮URL（{host}）で本当の行き先が隠されています。',
    en: 'A URL shortener ({host}) hides where the link really goes.',
  },
  LINK_REDIRECT: {
    severity: 'medium',
    ja: 'リンクは {via} を経由して {host} へ転送されます。',
    en: 'The link passes through {via} and forwards to {host}.',
  },
  LINK_OFFICIAL_VIA_REDIRECT: {
    severity: 'high',
    ja: 'リンクはまず {host} を開きます。アドレスには公式サイト {official} への転送先が書かれていますが、実際にどこへ送るかは {host} 次第です。',
    en: 'The link first opens {host}. Its address names the official site {official} as where it forwards, but where it really sends you is up to {host}.',
  },
  LINK_IDN: {
    severity: 'low',
    ja: 'リンク先 {host} は英字以外の文字を含む国際化ドメイン（{ascii}）です。',
    en: 'The link goes to {host}, an internationalized domain name ({ascii}).',
  },
  LINK_SCRIPT_SCHEME: {
    severity: 'high',
    ja: 'リンクがWebページではなく「{scheme}:」で始まるスクリプトやデータを開きます。',
    en: 'The link opens a "{scheme}:" script or data URL instead of a web page.',
  },
  LINK_LOCAL_HANDLER: {
    severity: 'high',
    ja: 'リンクがWebページではなく、パソコン上のプログラムやファイル共有を開く「{scheme}:」のリンクです：{target}',
    en: 'The link opens "{scheme}:", a program or a file share on your computer, not a web page: {target}',
  },
  LINK_UNOFFICIAL: {
    severity: 'medium',
    ja: '{brand}を名乗っていますが、リンク先 {host} は{brand}の公式サイトではありません。',
    en: 'The message claims to be from {brand}, but the link goes to {host}, which is not an official {brand} site.',
  },
  LINK_MIXED: {
    severity: 'medium',
    ja: '公式サイトへのリンクと公式でないリンク（{host}）が混在しています。偽メールによくある手口です。',
    en: 'Official links are mixed with an unofficial one ({host}), a common trick of fake mails.',
  },
  LINK_FORM_UNOFFICIAL: {
    severity: 'high',
    ja: 'メール内の入力フォームの送信先が公式サイトではありません：{host}',
    en: 'A form in the message sends what you type to a site that is not official: {host}',
  },
  LINK_OFFICIAL_UNUSUAL_HOST: {
    severity: 'low',
    ja: 'リンク先 {host} は公式ドメイン内ですが、通常案内されるホスト（{hosts}）ではありません。',
    en: 'The link goes to {host}, inside the official domain but not one of the usual hosts ({hosts}).',
  },
};

const RELATION_CODE: Record<Exclude<HostRelation['kind'], 'official' | 'related'>, Code> = {
  'brand-prefix': 'LINK_BRAND_PREFIX',
  homoglyph: 'LINK_HOMOGLYPH',
  typo: 'LINK_TYPOSQUAT',
  'tld-squat': 'LINK_TLD_SQUAT',
  combo: 'LINK_COMBOSQUAT',
  'brand-token': 'LINK_BRAND_IN_HOST',
};


// Four octets joined by dots or dashes inside a host name (`ip-208-109-12-17.ip.secureserver.net`,
// `178.128.104.119.dsl.dyn.forthnet.gr`, `10.0.0.1.nip.io`): the reverse-DNS name a hosting or
// internet provider gives a machine, or a service that names any address. A phisher gets one with
// a rented server and needs no domain; a company sends members to its site's name.
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP_IN_NAME = new RegExp(`(?:^|[.a-z-])${OCTET}[.-]${OCTET}[.-]${OCTET}[.-]${OCTET}(?=[.-])`);

/** The IPv4 address a host name is made of, dotted, or undefined. */
function ipInName(host: string): string | undefined {
  const m = IP_IN_NAME.exec(host);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}` : undefined;
}

function evidenceFor(link: Link, dest: ParsedUrl): Evidence {
  const evidence: Evidence = { kind: 'link', value: link.raw, host: dest.unicodeHost || dest.host, where: link.where };
  if (link.text) evidence.shown = link.text;
  return evidence;
}

/** The host a link text shows, if the text looks like a URL or a host name, read as the member
 *  reads it (full-width ｗｗｗ１．ｍｉｃａｒｄ．ｃｏ．ｊｐ is the same address). */
function shownHost(text: string | undefined): ParsedUrl | undefined {
  if (!text) return undefined;
  const candidate = visibleNfkc(text).trim();
  if (!/^(?:h[tx]{2}ps?:\/\/|www\d?\.)|^[\w.-]+\.[a-z]{2,}(?:\/\S*)?$/i.test(candidate) || /\s/.test(candidate)) return undefined;
  const url = parseUrl(candidate);
  return url?.host ? url : undefined;
}

function sameSite(a: ParsedUrl, b: ParsedUrl): boolean {
  if (a.host === b.host) return true;
  return !!a.domain && a.domain === b.domain;
}

/** One link as the report's `details.links` lists it. */
type LinkSummary = { href: string; host: string; relation: string; shown?: string };

export const linksDetector: Detector = {
  name: 'links',
  detect(facts, context) {
    const findings: Finding[] = [];
    // A brand named only somewhere in the body (a newsletter mentioning Amazon) is no claim to
    // be that brand; only a claim a member would see as "this is from X" makes links unofficial.
    const claimed: LoadedProfile | undefined = isStrongClaim(context.claim) ? context.claim.profile : undefined;
    const once = new Set<string>();
    // `params` is a fresh object from the call site: the host is added to it rather than both
    // spread into a new one, per finding.
    const add = (code: Code, link: Link, dest: ParsedUrl, params: Record<string, Param> = {}) => {
      const key = `${code}\u0000${dest.host}\u0000${link.text ?? ''}`;
      if (once.has(key)) return;
      once.add(key);
      params.host ??= dest.unicodeHost || dest.host;
      findings.push(finding(CATALOGUE, code, [evidenceFor(link, dest)], params));
    };
    let officialSeen = false;
    const unofficial: { link: Link; dest: ParsedUrl }[] = [];
    const summary: LinkSummary[] = [];

    for (const link of facts.links) {
      const url = link.url;
      // `\\host\share`: Windows opens a file share (and offers the login hash) where a browser sees no URL.
      const unc = !url && /^\\\\[^\\/\s]/.test(link.raw);
      if (unc || (url && LOCAL_HANDLER_SCHEMES.has(url.scheme))) {
        if (CLICKABLE_SOURCES.has(link.source)) {
          findings.push(finding(CATALOGUE, 'LINK_LOCAL_HANDLER', [{ kind: 'link', value: link.raw, where: link.where }], { scheme: url?.scheme ?? 'smb', target: link.raw.slice(0, 120) }));
        }
        continue;
      }
      if (!url) continue;
      if (url.scheme === 'javascript' || url.scheme === 'data' || url.scheme === 'vbscript') {
        if (CLICKABLE_SOURCES.has(link.source)) add('LINK_SCRIPT_SCHEME', link, url, { scheme: url.scheme });
        continue;
      }
      if (url.scheme !== 'http' && url.scheme !== 'https') continue;
      const dest = finalDestination(url);
      if (dest !== url) add('LINK_REDIRECT', link, dest, { via: url.host });
      if (url.shortener) add('LINK_SHORTENER', link, url);
      if (url.userinfo) {
        const decoy = parseUrl(`http://${url.userinfo.split(':')[0]}/`);
        const decoyRelation = decoy?.domain ? relateHost(decoy, context.profiles) : undefined;
        add(decoyRelation?.kind === 'official' ? 'LINK_USERINFO_OFFICIAL' : 'LINK_USERINFO', link, url, { userinfo: url.userinfo });
      }
      if (dest.ip === 'dotted' || dest.ip === 'ipv6') add('LINK_IP_HOST', link, dest, { form: dest.ip });
      else if (dest.ip) add('LINK_IP_OBFUSCATED', link, dest, { form: dest.ip, raw: link.raw });
      else {
        // A server named in a bounce (which machine refused the mail) is no link.
        const ip = writtenAsHostName(link) ? undefined : ipInName(dest.host);
        if (ip) add('LINK_IP_NAMED_HOST', link, dest, { ip });
      }
      if (dest.idn) add('LINK_IDN', link, dest, { ascii: dest.host });

      // Any site on the way is where the browser goes first, and its redirect parameter is only a
      // claim: `micard-login.example/r?url=https://www1.micard.co.jp/` is judged as the look-alike.
      // Only a known link wrapper, a brand's own site or a site forwarding within itself surely
      // goes on; the first other one is where the link may well end.
      let unproven: { hop: ParsedUrl; relation: HostRelation | undefined } | undefined;
      for (let hop = url; hop !== dest; hop = hop.redirectsTo!) {
        const hopRelation = hop.domain ? relateHost(hop, context.profiles) : undefined;
        if (hopRelation && hopRelation.kind !== 'official' && hopRelation.kind !== 'related') add(RELATION_CODE[hopRelation.kind], link, hop, { official: hopRelation.official });
        const vouched =
          hop.knownRedirector ||
          hopRelation?.kind === 'official' ||
          hopRelation?.kind === 'related' ||
          (!!hop.domain && hop.domain === hop.redirectsTo!.domain) ||
          (!!claimed && isBrandInfrastructure(hop, claimed));
        if (!vouched) unproven ??= { hop, relation: hopRelation };
      }
      let relation = relateHost(dest, context.profiles);
      // An official address in the query of a site nobody vouches for is a costume, not a
      // destination: the link is judged as going to that site.
      let landing = dest;
      if (unproven && (relation?.kind === 'official' || relation?.kind === 'related')) {
        add('LINK_OFFICIAL_VIA_REDIRECT', link, unproven.hop, { official: dest.unicodeHost || dest.host });
        landing = unproven.hop;
        relation = unproven.relation;
      }
      const entry: LinkSummary = { href: url.href, host: landing.host, relation: relation?.kind ?? 'unknown' };
      if (link.text) entry.shown = link.text;
      summary.push(entry);
      if (relation && relation.kind !== 'official' && relation.kind !== 'related') {
        add(RELATION_CODE[relation.kind], link, landing, { official: relation.official });
      }
      const isOfficial = relation?.kind === 'official' || relation?.kind === 'related';
      if (relation?.kind === 'official' && CLICKABLE_SOURCES.has(link.source)) {
        officialSeen = true;
        if (facts.kind === 'url') add('LINK_OFFICIAL', link, landing, { brand: relation.profile.name });
        const hosts = relation.profile.officialHosts;
        if (hosts.length && !hosts.includes(landing.host)) add('LINK_OFFICIAL_UNUSUAL_HOST', link, landing, { hosts: hosts.join(', ') });
      }

      const shown = shownHost(link.text);
      if (shown && !sameSite(shown, landing)) {
        const shownRelation = relateHost(shown, context.profiles);
        add(shownRelation?.kind === 'official' ? 'LINK_TEXT_SHOWS_OFFICIAL' : 'LINK_TEXT_MISMATCH', link, landing, { shown: link.text! });
      }
      // Cloud hosting another brand runs (amazonaws.com for a mail that claims Microsoft) is rented
      // by anyone: it vouches for no one but its own brand.
      const rented = relation?.kind === 'related' && relation.profile !== claimed;
      if ((!isOfficial || rented) && CLICKABLE_SOURCES.has(link.source)) {
        // Squatted hosts already have their own, stronger finding.
        if (!relation || rented) unofficial.push({ link, dest: landing });
        if (link.source === 'form' && claimed) add('LINK_FORM_UNOFFICIAL', link, landing);
      }
    }

    if (claimed) {
      const brand = claimed.name;
      const domains = new Set<string>();
      for (const { link, dest } of unofficial) {
        const site = dest.domain ?? dest.host;
        if (domains.has(site) || isBrandInfrastructure(dest, claimed)) continue;
        domains.add(site);
        findings.push(finding(CATALOGUE, 'LINK_UNOFFICIAL', [evidenceFor(link, dest)], { host: dest.unicodeHost || dest.host, brand }));
      }
      if (officialSeen && domains.size > 0) {
        const first = unofficial.find(({ dest }) => domains.has(dest.domain ?? dest.host))!;
        add('LINK_MIXED', first.link, first.dest);
      }
    }
    if (summary.length) context.annotate('links', summary.length > 200 ? summary.slice(0, 200) : summary);
    return findings;
  },
};

/** Hosts a brand's mail may legitimately point at without being the brand (e.g. its sending domains). */
function isBrandInfrastructure(dest: ParsedUrl, profile: LoadedProfile): boolean {
  return profile.sendingDomains.some((d) => hostWithin(dest.host, d));
}
