// Sender checks: who the mail says it is from (display name), which address it really uses,
// and where replies and bounces go. The display name is what a phone shows; the address is
// what a phisher cannot fake once DMARC is checked, so a brand name over a foreign address is
// the classic spoof the notice warns about.
import type { Mailbox } from '../message/facts.ts';
import { addressParser, decodeWords } from 'postal-mime';
import { FREEMAIL_DOMAINS, ORGANIZATION_WORDS, parseUrl, type ParsedUrl } from '../message/url.ts';
import { jumbledCase, randomness } from './host-randomness.ts';
import { parse as parseDomain } from 'tldts';
import { remove as removeConfusables } from 'confusables';
import { displayNameAlias, findAlias, ledByOwnName, startsWithAlias, subjectHead } from '../brand/claim.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';
import { relateHost } from '../brand/lookalike.ts';
import { listedZone } from '../rules/host-lists.ts';
import { MAIL_ADDRESS } from '../text/regexp.ts';
import { LOOKALIKE_SCRIPT } from '../text/normalize.ts';
import { knownBrands, urlReputationRules } from '../rules/load.ts';

type Code =
  | 'SENDER_MISSING_FROM'
  | 'SENDER_MULTIPLE_FROM'
  | 'SENDER_INVALID_ADDRESS'
  | 'SENDER_DETACHED_NAME'
  | 'SENDER_FREEMAIL_ORGANIZATION'
  | 'SENDER_ORGANIZATION_OTHER_DOMAIN'
  | 'SENDER_KNOWN_BRAND_OTHER_DOMAIN'
  | 'SENDER_FREE_HOSTING_DOMAIN'
  | 'SENDER_RANDOM_DOMAIN'
  | 'SENDER_RANDOM_MAILBOX'
  | 'SENDER_NAME_DECORATED'
  | 'SENDER_BRAND_NAME_FOREIGN_DOMAIN'
  | 'SENDER_BRAND_NAME_FREEMAIL'
  | 'SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN'
  | 'SENDER_LOOKALIKE_DOMAIN'
  | 'SENDER_NAME_HAS_OTHER_ADDRESS'
  | 'SENDER_REPLY_TO_MISMATCH'
  | 'SENDER_REPLY_TO_LOOKALIKE'
  | 'SENDER_REPLY_TO_FREEMAIL'
  | 'SENDER_REPLY_TO_NOWHERE'
  | 'SENDER_RETURN_PATH_MISMATCH'
  | 'SENDER_HEADER_MISMATCH';

const MAX_EVIDENCE = 5;

const CATALOGUE: Catalogue<Code> = {
  SENDER_MISSING_FROM: {
    severity: 'medium',
    ja: 'メールに差出人（From）がありません。正規の会社からのメールでは通常ありえません。',
    en: 'The mail has no sender (From) address, which mail from a real company always has.',
  },
  SENDER_MULTIPLE_FROM: {
    severity: 'high',
    ja: 'このメールには差出人（From）が{count}つあります。正規のメールでは1つだけです。メールソフトと送信元の認証がそれぞれ別の差出人を読むようにして、偽の差出人を認証の目から逃す手口です。',
    en: 'The mail has {count} From headers, where a genuine mail has exactly one: mail programs and sender authentication may each read a different one, a trick to slip a forged sender past the checks.',
  },
  SENDER_INVALID_ADDRESS: {
    severity: 'medium',
    ja: '差出人アドレス {address} は実在しえない形式です（ドメインが正しくないか、「@」が二つあります）。',
    en: 'The sender address {address} cannot exist: its domain is not a real one, or it has two "@".',
  },
  SENDER_DETACHED_NAME: {
    severity: 'medium',
    ja: '差出人（From）欄が、引用符で囲んだ名前「{name}」とカンマの後に実際のアドレス {address} を置く細工された形です。メールソフトには名前だけが差出人として表示されます。',
    en: 'The From header is crafted: a quoted name, "{name}", then a comma and the real address {address}. Mail programs show the name alone as the sender.',
  },
  SENDER_FREEMAIL_ORGANIZATION: {
    severity: 'medium',
    ja: '差出人名「{name}」は会社や窓口を名乗っていますが、アドレスは誰でも作れるフリーメール（{domain}）です。',
    en: 'The sender name "{name}" speaks for an organization, but the address is a free mail account anyone can open ({domain}).',
  },
  SENDER_ORGANIZATION_OTHER_DOMAIN: {
    severity: 'medium',
    ja: '差出人名「{name}」は組織を名乗っていますが、送信元ドメイン {domain} はその名前と関係がありません。',
    en: 'The sender name "{name}" speaks for an organization, but the sending domain {domain} has nothing to do with that name.',
  },
  SENDER_KNOWN_BRAND_OTHER_DOMAIN: {
    severity: 'medium',
    ja: '差出人名で「{brand}」を名乗っていますが、送信元ドメイン {domain} は{brand}のものに見えません。',
    en: 'The sender name says "{brand}", but the sending domain {domain} does not look like one of {brand}\'s.',
  },
  SENDER_FREE_HOSTING_DOMAIN: {
    severity: 'medium',
    ja: '送信元アドレス {address} は、誰でも無料で作れるホスティング（{zone}）の名前です。企業は自社のドメインから送ります。',
    en: 'The sender address {address} is under {zone}, free hosting that anyone can sign up for; companies send from their own domain.',
  },
  SENDER_RANDOM_DOMAIN: {
    severity: 'low',
    ja: '送信元のドメイン {domain} は機械的に作られたような名前です。',
    en: 'The sending domain {domain} looks machine-generated.',
  },
  SENDER_RANDOM_MAILBOX: {
    severity: 'low',
    ja: '送信元アドレスの「{mailbox}」の部分は、大文字と小文字や英字と数字がでたらめに並んだ機械的な名前です。一斉送信のたびに作られる使い捨ての差出人です。',
    en: 'The mailbox name "{mailbox}" of the sender address looks machine-made, with case or letters and digits jumbled as no one would choose: a throw-away sender made for one campaign.',
  },
  SENDER_NAME_DECORATED: {
    severity: 'low',
    ja: '差出人名に絵文字や記号の飾りがあります：「{name}」',
    en: 'The sender name is decorated with emoji or symbols: "{name}"',
  },
  SENDER_BRAND_NAME_FREEMAIL: {
    severity: 'high',
    ja: '差出人名は「{name}」ですが、送信元アドレス {address} は誰でも作れるフリーメールのアカウントです。{brand}の公式メールはこのアドレスから届きません。',
    en: 'The sender name says "{name}", but the address {address} is a free mail account anyone can open; {brand} does not send its mail from it.',
  },
  SENDER_BRAND_NAME_FOREIGN_DOMAIN: {
    severity: 'high',
    ja: '差出人名は「{name}」ですが、実際の送信元アドレス {address} は{brand}のドメインではありません。',
    en: 'The sender name says "{name}", but the real address {address} is not a {brand} domain.',
  },
  SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN: {
    severity: 'medium',
    ja: '件名で{brand}を名乗っていますが、送信元アドレス {address} は{brand}のドメインではありません。',
    en: 'The subject names {brand}, but the sender address {address} is not a {brand} domain.',
  },
  SENDER_LOOKALIKE_DOMAIN: {
    severity: 'critical',
    ja: '送信元アドレス {address} のドメインは、公式ドメイン {official} に似せた偽物です。',
    en: 'The sender address {address} uses a domain made to look like the official {official}.',
  },
  SENDER_NAME_HAS_OTHER_ADDRESS: {
    severity: 'high',
    ja: '差出人名に別のアドレス「{shown}」を書いて、実際の送信元 {address} を隠しています。',
    en: 'The sender name shows another address, "{shown}", hiding the real sender {address}.',
  },
  SENDER_REPLY_TO_MISMATCH: {
    severity: 'medium',
    ja: '返信先 {replyTo} が差出人 {address} と別のドメインです。返信は別の相手に届きます。',
    en: 'Replies go to {replyTo}, a different domain from the sender {address}.',
  },
  SENDER_REPLY_TO_LOOKALIKE: {
    severity: 'high',
    ja: '返信先 {replyTo} のドメインは、公式ドメイン {official} に似せた偽物です。返信すると偽の相手に届きます。',
    en: 'Replies go to {replyTo}, a domain made to look like the official {official}: an answer reaches the impostor.',
  },
  SENDER_REPLY_TO_FREEMAIL: {
    severity: 'medium',
    ja: '返信先 {replyTo} は、差出人 {address} とは別の無料メールのアカウントです。返信は差出人の組織ではなく、個人のアカウントに届きます。',
    en: "Replies go to {replyTo}, a free mail account, not to the sender's domain ({address}): your answer reaches a private account, not the organization.",
  },
  SENDER_REPLY_TO_NOWHERE: {
    severity: 'medium',
    ja: '返信先 {replyTo} は例示用に予約されたドメインで、メールを受け取れません。返信を受けるつもりのない送信者が、ツールでダミーの返信先を入れています。',
    en: 'Replies go to {replyTo}, a domain reserved for examples that can receive no mail: a sender who wants no answer filled in a dummy address with a mailing tool.',
  },
  SENDER_RETURN_PATH_MISMATCH: {
    severity: 'low',
    ja: 'エラー返送先（Return-Path） {returnPath} が差出人 {address} と別のドメインです。',
    en: 'The bounce address (Return-Path) {returnPath} is in a different domain from the sender {address}.',
  },
  SENDER_HEADER_MISMATCH: {
    severity: 'low',
    ja: 'Sender ヘッダー {sender} が差出人 {address} と別のドメインです。',
    en: 'The Sender header {sender} is in a different domain from the From address {address}.',
  },
};

function claimedInSubject(profile: LoadedProfile, subject: string, ownName: (text: string) => boolean): boolean {
  const head = subjectHead(subject);
  // A list tag led by the sender's own name is its title (`[Lockergnome Apple Core]`).
  const tagged = !ownName(head.tags) && findAlias(profile, head.tags);
  return !!(tagged || startsWithAlias(profile, head.opening));
}

let organizationWordsFolded: { folded: string; whole: boolean }[] | undefined;

/** A display name that speaks for an organization ("Support Team", "カスタマーセンター"). Name
 *  and words are folded alike (`S.A.` and `s.a` both read "s a"); Latin words stand whole. */
function speaksForOrganization(name: string): boolean {
  organizationWordsFolded ??= ORGANIZATION_WORDS.map((word) => ({ folded: foldName(word), whole: /^[\x00-\x7f]+$/.test(word) }));
  const folded = ` ${foldName(name)} `;
  return organizationWordsFolded.some(({ folded: word, whole }) => folded.includes(whole ? ` ${word} ` : word));
}

/** Filler that names nothing: articles, prepositions and the like in a display name. */
const FILLER_WORDS = new Set(['the', 'and', 'for', 'from', 'your', 'our', 'with', 'via', 'des', 'del', 'los', 'las', 'der', 'die', 'das', 'und', 'von', 'voor', 'het', 'une', 'pour', 'para', 'com', 'www', 'reply', 'noreply']);

/** Latin words of a display name that could name the organization behind it: not the generic
 *  organization words themselves ("Team", "Support"), not filler. */
function nameWords(name: string): string[] {
  return foldName(name)
    .split(' ')
    .filter((word) => /^[a-z0-9]{3,}$/.test(word) && !FILLER_WORDS.has(word) && !ORGANIZATION_WORDS.includes(word));
}

/** "CVS Team <info@zhishangmingzhan.com>": an organization's name over an address that shows
 *  no trace of it. Names without Latin words cannot be compared with a domain and pass. */
function organizationElsewhere(from: Mailbox): boolean {
  if (!from.name || !speaksForOrganization(from.name)) return false;
  const words = nameWords(from.name);
  if (!words.length) return false;
  const address = from.address.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return !words.some((word) => address.includes(word));
}

/** A brand of known-brands.yaml that the display name names, if the sending domain shows none
 *  of its domain words. Short words must be a label of their own (`ups.com`, `att-mail.com`):
 *  as mere substrings they would be found in `groups` or `matter`. */
function knownBrandElsewhere(name: string, domain: string): string | undefined {
  const folded = ` ${foldName(name)} `;
  // A capital I passes for an l next to lower-case letters in most mail fonts ("PayPaI", "Ledger Iive").
  const asL = /I\p{Ll}|\p{Ll}I/u.test(name) ? ` ${foldName(name.replace(/I(?=\p{Ll})|(?<=\p{Ll})I/gu, 'l'))} ` : undefined;
  const labels = domain.split('.');
  const flat = domain.replace(/[^a-z0-9]+/g, '');
  for (const brand of foldedKnownBrands()) {
    const named =
      brand.names.find((n) => folded.includes(n.folded) || asL?.includes(n.folded)) ??
      brand.wholeNames.find((n) => folded === n.folded || asL === n.folded);
    if (!named) continue;
    const sends = brand.domainWords.some((word) =>
      word.length <= 3 ? labels.some((label) => label === word || label.startsWith(`${word}-`)) : flat.includes(word.replace(/-/g, '')),
    );
    return sends ? undefined : named.name;
  }
  return undefined;
}

/** Every Cyrillic and Greek letter of a name, to read as the Latin letter it passes for. */
const LOOKALIKE_LETTERS = new RegExp(LOOKALIKE_SCRIPT, 'gu');

/** A display name as words separated by single spaces, lower case: "AT&T" → "at t". Disguises
 *  are undone: Cyrillic and Greek look-alike letters read as the Latin ones they imitate
 *  ("MеtаМаsk" → "metamask"), and letters spaced out one by one are joined ("I T A Ú" → "itaú"). */
function foldName(name: string): string {
  return name
    .replace(/[\p{Cf}\u034F]/gu, '') // invisible joiners salted between letters (E\u034FV\u034FR\u034Fi)
    .replace(/\p{S}/gu, ' ') // before NFKC, which spells ™ as "TM" glued to the word before it
    .normalize('NFKC')
    .replace(LOOKALIKE_LETTERS, (letter) => removeConfusables(letter))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/(?<=^|\s)\p{L}(?: \p{L}){2,}(?=\s|$)/gu, (spaced) => spaced.replaceAll(' ', ''));
}

/** Kana and kanji: scripts that write words without spaces between them. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

type FoldedName = { name: string; folded: string };
let knownBrandsFolded: { names: FoldedName[]; wholeNames: FoldedName[]; domainWords: string[] }[] | undefined;

/** known-brands.yaml with each name folded once, padded to match whole words. */
function foldedKnownBrands() {
  knownBrandsFolded ??= knownBrands().map((brand) => ({
    // Japanese names are not set off by spaces (`アイフル株式会社`): they match inside a word.
    names: brand.names.map((name) => ({ name, folded: CJK.test(name) ? foldName(name) : ` ${foldName(name)} ` })),
    wholeNames: brand.wholeNames.map((name) => ({ name, folded: ` ${foldName(name)} ` })),
    domainWords: brand.domainWords,
  }));
  return knownBrandsFolded;
}

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** What the From address alone gives away: no real domain, a free mail account behind a
 *  company name, a machine-made domain, a display name dressed up with emoji. */
function addressFindings(from: Mailbox, domain: string, url: ParsedUrl | undefined, evidence: Evidence): Finding[] {
  const findings: Finding[] = [];
  // Validity by ICANN suffixes only: `iki.fi` is a private suffix and yet a real mail domain.
  // Host names hold letters, digits and inner hyphens (IDN as punycode); URL parsers let `_`
  // and `'` through, which no mail domain can have (`x__@__bradesco.com.br`, `x@'tv.example`).
  // A second `@` outside quotes is no address either: bulk senders paste the recipient's
  // address into their own (`newsletter.you@hotmail.com@random.us`). Nor is a domain that the
  // URL parser had to rewrite: styled letters (`𝗔𝗗𝗔𝗖-𝗚𝗲𝗿𝗺𝗮𝗻𝘆.𝗱𝗲`) only look like a domain.
  const icann = parseDomain(domain, { extractHostname: false });
  const secondAt = !from.address.startsWith('"') && from.address.indexOf('@') !== from.address.lastIndexOf('@');
  if (!parsedAsWritten(url, domain) || !icann.isIcann || !icann.domain || !HOST_NAME.test(url.host) || secondAt) {
    findings.push(finding(CATALOGUE, 'SENDER_INVALID_ADDRESS', [evidence], { address: from.address }));
    return findings;
  }
  if (from.name && FREEMAIL_DOMAINS.has(icann.domain) && speaksForOrganization(from.name)) {
    findings.push(finding(CATALOGUE, 'SENDER_FREEMAIL_ORGANIZATION', [evidence], { name: from.name, domain: icann.domain }));
  }
  // Free hosting only: dynamic-DNS names also carry the home mail servers of real people.
  const zone = listedZone(domain, urlReputationRules().freeHosting);
  if (zone) findings.push(finding(CATALOGUE, 'SENDER_FREE_HOSTING_DOMAIN', [evidence], { address: from.address, zone }));
  const label = icann.domain.slice(0, icann.domain.length - (icann.publicSuffix ?? '').length - 1);
  if (randomness(label, true)) findings.push(finding(CATALOGUE, 'SENDER_RANDOM_DOMAIN', [evidence], { domain: icann.domain }));
  const mailbox = (from.asWritten ?? from.address).split('@')[0]!;
  // One token only: list and bounce senders put tracking codes after a dot or a dash
  // (`Online#3.19578.34-UgGTgZFN19`), where randomness is the software's, not a throw-away's.
  const randomToken = /^[A-Za-z0-9]{6,16}$/.test(mailbox) && randomness(mailbox.toLowerCase(), false);
  if (jumbledCase(mailbox) || randomToken) findings.push(finding(CATALOGUE, 'SENDER_RANDOM_MAILBOX', [evidence], { mailbox }));
  if (/\p{Extended_Pictographic}/u.test(from.name)) findings.push(finding(CATALOGUE, 'SENDER_NAME_DECORATED', [evidence], { name: from.name }));
  return findings;
}

/** The URL parser took the domain as it stands (a final dot aside), rewriting no letter. */
function parsedAsWritten(url: ParsedUrl | undefined, domain: string): url is ParsedUrl {
  return !!url && url.unicodeHost === domain.replace(/\.$/, '');
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** An address written into the display name ("support@paypal.com <x@random.example>"). */
const SHOWN_ADDRESS = new RegExp(MAIL_ADDRESS);

/** Domains reserved for documentation and testing (RFC 2606, RFC 6761): no mail reaches them. */
const RESERVED_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/;

function siteOf(address: string): string {
  const url = parseUrl(`http://${domainOf(address)}/`);
  return url?.domain ?? domainOf(address);
}

function display(box: Mailbox): string {
  return box.name ? `${box.name} <${box.address}>` : box.address;
}

export const senderDetector: Detector = {
  name: 'sender',
  appliesTo: ['mail'],
  detect(facts, context) {
    const from = facts.from;
    if (facts.kind !== 'mail') return [];
    if (!from) {
      // A forwarded original quoted inline may simply have lost its From line; only a mail's own header counts.
      if (facts.forwarded?.how === 'inline') return [];
      const raw = facts.headers.find((h) => h.key === 'from')?.value ?? '(none)';
      return [finding(CATALOGUE, 'SENDER_MISSING_FROM', [{ kind: 'header', value: raw, where: 'From' }])];
    }
    const findings: Finding[] = [];
    // Repeated with the same address (a copy left by a relay), the From reads the same to all.
    const fromHeaders = facts.headers.filter((h) => h.key === 'from');
    if (fromHeaders.length > 1 && new Set(fromHeaders.map((h) => addressParser(h.value)[0]?.address?.toLowerCase() ?? h.value.trim())).size > 1) {
      const evidence = fromHeaders.slice(0, MAX_EVIDENCE).map((h) => ({ kind: 'header' as const, value: decodeWords(h.value), where: 'From' }));
      findings.push(finding(CATALOGUE, 'SENDER_MULTIPLE_FROM', evidence, { count: String(fromHeaders.length) }));
    }
    const fromEvidence = { kind: 'header' as const, value: display(from), where: 'From' };
    const fromDomain = domainOf(from.address);
    const fromUrl = parseUrl(`http://${fromDomain}/`);
    // A domain the parser had to rewrite (styled letters) is judged as written: it is no one's site.
    const fromSite = (parsedAsWritten(fromUrl, fromDomain) && fromUrl.domain) || fromDomain;
    if (from.detachedName) {
      const raw = facts.headers.find((h) => h.key === 'from')?.value ?? display(from);
      findings.push(finding(CATALOGUE, 'SENDER_DETACHED_NAME', [{ kind: 'header', value: raw, where: 'From' }], { name: from.name, address: from.address }));
    }
    findings.push(...addressFindings(from, fromDomain, fromUrl, fromEvidence));
    const relation = fromUrl ? relateHost(fromUrl, context.profiles) : undefined;
    const brandDomain = relation?.kind === 'official' || relation?.kind === 'related';
    // A brand's own free-mail service (outlook.com, icloud.com) gives anyone an address: a
    // "Microsoft" name on one speaks for its account holder, not for the brand.
    const ownDomain = brandDomain && !FREEMAIL_DOMAINS.has(fromSite);

    // A public mail service (outlook.fr beside outlook.com) gives addresses to anyone: no one's look-alike.
    if (relation && !brandDomain && !FREEMAIL_DOMAINS.has(fromSite)) {
      findings.push(finding(CATALOGUE, 'SENDER_LOOKALIKE_DOMAIN', [fromEvidence], { address: from.address, official: relation.official }));
    }
    const claim = context.claim;
    // A name or list tag led by the sender's own registered name speaks for that organization.
    const ownName = ledByOwnName(fromUrl, relation);
    const brandInName = claim && !ownDomain && !ownName(from.name) ? displayNameAlias(claim.profile, from.name) : undefined;
    if (claim && !ownDomain) {
      const brand = claim.profile.name;
      if (brandInName) {
        const code = brandDomain ? 'SENDER_BRAND_NAME_FREEMAIL' : 'SENDER_BRAND_NAME_FOREIGN_DOMAIN';
        findings.push(finding(CATALOGUE, code, [fromEvidence], { name: from.name, address: from.address, brand }));
      } else if (claimedInSubject(claim.profile, facts.subject, ownName)) {
        findings.push(
          finding(CATALOGUE, 'SENDER_BRAND_SUBJECT_FOREIGN_DOMAIN', [fromEvidence, { kind: 'header', value: facts.subject, where: 'Subject' }], {
            address: from.address,
            brand,
          }),
        );
      }
    }
    // A profiled brand in the name is already the stronger finding above.
    if (!brandInName && !ownDomain) {
      // The registrable domain: anyone may put `telekom.` in front of a domain of their own.
      const knownBrand = from.name ? knownBrandElsewhere(from.name, fromSite) : undefined;
      if (knownBrand) {
        findings.push(finding(CATALOGUE, 'SENDER_KNOWN_BRAND_OTHER_DOMAIN', [fromEvidence], { brand: knownBrand, domain: fromDomain }));
      } else if (!FREEMAIL_DOMAINS.has(fromSite) && organizationElsewhere(from)) {
        findings.push(finding(CATALOGUE, 'SENDER_ORGANIZATION_OTHER_DOMAIN', [fromEvidence], { name: from.name, domain: fromDomain }));
      }
    }
    const shownAddress = SHOWN_ADDRESS.exec(from.name)?.[0]?.toLowerCase();
    if (shownAddress && siteOf(shownAddress) !== fromSite) {
      findings.push(finding(CATALOGUE, 'SENDER_NAME_HAS_OTHER_ADDRESS', [fromEvidence], { shown: shownAddress, address: from.address }));
    }

    const reply = facts.replyTo.find((box) => siteOf(box.address) !== fromSite);
    if (reply) {
      // Mailing lists and help desks send replies to another of their own domains; a company
      // that sends replies to a free mail account is someone hiding behind its name.
      // A brand's look-alike is the worst of these: the member answers what looks like the brand.
      const replySite = siteOf(reply.address);
      const replyUrl = parseUrl(`http://${domainOf(reply.address)}/`);
      const replyRelation = replyUrl ? relateHost(replyUrl, context.profiles) : undefined;
      const lookalike = replyRelation && replyRelation.kind !== 'official' && replyRelation.kind !== 'related' ? replyRelation : undefined;
      const code = RESERVED_DOMAIN.test(replySite)
        ? 'SENDER_REPLY_TO_NOWHERE'
        : FREEMAIL_DOMAINS.has(replySite)
          ? 'SENDER_REPLY_TO_FREEMAIL'
          : lookalike
            ? 'SENDER_REPLY_TO_LOOKALIKE'
            : 'SENDER_REPLY_TO_MISMATCH';
      findings.push(
        finding(CATALOGUE, code, [fromEvidence, { kind: 'header', value: display(reply), where: 'Reply-To' }], {
          replyTo: reply.address,
          address: from.address,
          ...(code === 'SENDER_REPLY_TO_LOOKALIKE' ? { official: lookalike!.official } : {}),
        }),
      );
    }
    if (facts.returnPath && facts.returnPath.includes('@') && siteOf(facts.returnPath) !== fromSite) {
      findings.push(
        finding(CATALOGUE, 'SENDER_RETURN_PATH_MISMATCH', [fromEvidence, { kind: 'header', value: facts.returnPath, where: 'Return-Path' }], {
          returnPath: facts.returnPath,
          address: from.address,
        }),
      );
    }
    if (facts.sender && siteOf(facts.sender.address) !== fromSite) {
      findings.push(
        finding(CATALOGUE, 'SENDER_HEADER_MISMATCH', [fromEvidence, { kind: 'header', value: display(facts.sender), where: 'Sender' }], {
          sender: facts.sender.address,
          address: from.address,
        }),
      );
    }
    return findings;
  },
};
