// Works out which brand a message claims to be from. A claim is not a verdict: it decides
// whose rules apply (official hosts, phones, advice). We look where a member looks — the
// sender's display name, the subject, the body, link text, image alt text — and at hosts,
// because a fake link like `micard.co.jp.example.com` claims the brand by itself.
import type { LoadedProfile } from '../profile/loader.ts';
import type { MessageFacts } from '../message/facts.ts';
import { fold, latinSkeleton, skeletonInitial, skeletonOfFolded } from '../text/normalize.ts';
import { escapeRegExp, MAIL_ADDRESS } from '../text/regexp.ts';
import { LONG_VOWEL_LOOKALIKE } from '../rules/match.ts';
import { finalDestination, ORGANIZATION_WORDS, parseUrl, type ParsedUrl } from '../message/url.ts';
import { brandLookalikeLabel, brandNameLabel, relateHost, type HostRelation } from './lookalike.ts';

/** `subject`: the brand heads the subject or stands in its tag (【MIカード】, [Amazon]);
 *  `subject-mention`: named elsewhere in it; `text-opening`: the same at the start of a text
 *  message, which has no subject; `host`: a link to a host made to look like the brand's;
 *  `official-link`: a link to the brand's own site. */
export type ClaimSource =
  | 'display-name'
  | 'from-domain'
  | 'subject'
  | 'subject-mention'
  | 'text-opening'
  | 'body'
  | 'greeting'
  | 'link-text'
  | 'image-alt'
  | 'host'
  | 'official-link';

/** Places where naming a brand is a mention, not "this message is from X": a newsletter's
 *  subject, text and links talk about Apple or Amazon all the time. */
const WEAK_SOURCES = new Set<ClaimSource>(['body', 'official-link', 'subject-mention', 'link-text']);

/** Sources that make a message present itself as the brand, not merely mention it. */
export function isStrongClaim(claim: BrandClaim | undefined): claim is BrandClaim {
  return !!claim && claim.seen.some((s) => !WEAK_SOURCES.has(s.source));
}

/** The parts of a subject that say who is writing: its bracketed tags (【エムアイカード】,
 *  [Amazon]) and its opening (after Re:/Fwd: and a mailing-list tag), where a brand that writes
 *  names itself first ("Amazon: your order"). A brand later in the subject is a mention.
 *  `boxed`: what fills each 【】 tag, folded, for a profile's `tagNames` (【au】). */
export function subjectHead(subject: string): { tags: string; opening: string; boxed: string[] } {
  // Bare URLs and many texts have no subject: three expressions would find nothing in it.
  if (!subject) return { tags: '', opening: '', boxed: [] };
  const bare = subject.replace(/^\s*(?:(?:re|fwd?|aw|wg|転送|返信)\s*[:：]\s*)+/i, '');
  const tags = [...bare.matchAll(/[【\[「『〔＜（]([^】\]」』〕＞）]{1,40})[】\]」』〕＞）]/g)].map((m) => m[1]).join(' ');
  // "Your Amazon Prime membership…": the possessive speaks for the brand as much as its name first.
  const opening = bare.replace(/^\s*(?:[【\[「『〔＜（][^】\]」』〕＞）]{1,40}[】\]」』〕＞）]\s*)+/, '').replace(/^\s*your\s+/i, '');
  const boxed = bare.includes('【') ? [...bare.matchAll(/【([^】]{1,40})】/g)].map((m) => fold(m[1]!).trim()) : [];
  return { tags, opening, boxed };
}

/** The profile's short name (`tagNames`) that fills one of the 【】 tags, if any. */
function boxedName(profile: LoadedProfile, boxed: string[]): string | undefined {
  return profile.tagNames.find((name) => boxed.includes(name));
}

/** Characters a display name may carry besides the brand and still be the brand speaking
 *  ("Amazon Customer Service", "MIカード会員サービス"), unlike a newsletter titled
 *  "Lockergnome Apple Core" that only mentions it. */
const NAME_EXTRA_CHARS = 16;

/** Whether a text (a display name, a subject's tag) is led by the sender's own registered name
 *  ("Lockergnome Apple Core" from lockergnome.com): that organization speaking, a brand after it
 *  its topic, not its signature. Never for a sender domain that relates to a brand
 *  (`relation`): `applesupport.com` is a look-alike, not a name. */
export function ledByOwnName(from: ParsedUrl | undefined, relation: HostRelation | undefined): (text: string) => boolean {
  if (relation || !from?.domain || !from.publicSuffix) return () => false;
  const label = from.domain.slice(0, -from.publicSuffix.length - 1).replace(/-/g, '');
  // A generic word ("Support Apple" from support.example) is no one's own name.
  if (label.length < 5 || ORGANIZATION_WORDS.includes(label)) return () => false;
  return (text) => /[\p{L}\p{N}][\p{L}\p{N}.&'-]*/u.exec(fold(text))?.[0]?.replace(/[^\p{L}\p{N}]/gu, '') === label;
}

/** The alias a sender's display name presents itself by: in a tag, first, or nearly alone. */
export function displayNameAlias(profile: LoadedProfile, name: string, head = subjectHead(name)): string | undefined {
  if (!name) return undefined;
  const leading = findAlias(profile, head.tags) ?? startsWithAlias(profile, head.opening);
  if (leading) return leading;
  const alias = findAlias(profile, name);
  if (!alias) return undefined;
  const extra = fold(name).replace(/\s+/g, '').length - fold(alias).replace(/\s+/g, '').length;
  return extra <= NAME_EXTRA_CHARS ? alias : undefined;
}

/** The part of a text searched for an alias at its start. */
function startOf(text: string): string {
  return text.slice(0, 80);
}

/** True when the text begins with one of the profile's aliases. */
export function startsWithAlias(profile: LoadedProfile, text: string): string | undefined {
  const matcher = matcherFor(profile);
  const prepared = prepareText(startOf(text));
  for (const [i, alias] of matcher.folded.entries()) if (prepared.compact.startsWith(alias)) return matcher.native[i];
  for (const [i, word] of matcher.words.entries()) {
    if (prepared.spaced.startsWith(` ${word}`) && !isAsciiAlnum(prepared.spaced.charCodeAt(word.length + 1))) return matcher.latin[i];
  }
  // Runs are numbered by Latin word: the first one may stand after Japanese text ("昨日Amazonで").
  const first = prepared.runs.find((run) => run.start === 0 && matcher.skeletons.has(run.skeleton));
  return first && prepared.spaced.startsWith(` ${first.text.split(' ', 1)[0]}`) ? first.text : undefined;
}

export type BrandClaim = {
  profile: LoadedProfile;
  /** Where the brand was named, strongest first, with the matched text. */
  seen: { source: ClaimSource; text: string }[];
  strength: number;
};

const SOURCE_STRENGTH: Record<ClaimSource, number> = {
  'display-name': 5,
  'from-domain': 5,
  subject: 4,
  'subject-mention': 2,
  'text-opening': 4,
  'image-alt': 3,
  'link-text': 3,
  host: 3,
  body: 2,
  greeting: 4,
  'official-link': 2,
};

type AliasMatcher = { profile: LoadedProfile; native: string[]; folded: string[]; latin: string[]; words: string[]; skeletons: Set<string> };

/** Body text searched for brand names: a brand is named near the top, and folding costs time per character. */
const BODY_CHARS = 10_000;

const matcherCache = new WeakMap<LoadedProfile, AliasMatcher>();

/** A katakana name written in hiragana (えむあいかーど) still names the brand, to a reader and to
 *  a phisher dodging filters. Only names of four kana or more: shorter ones are everyday words
 *  in hiragana (ドコモ → どこも, "everywhere"; イオン inside かわいいおんな). */
function inHiragana(alias: string): string[] {
  const folded = fold(alias).replace(/\s+/g, '');
  if (!/^[\u30a1-\u30f6ー・]{4,}$/.test(folded)) return [];
  return [folded.replace(/[\u30a1-\u30f6]/g, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60))];
}

function matcherFor(profile: LoadedProfile): AliasMatcher {
  let matcher = matcherCache.get(profile);
  if (!matcher) {
    const latin = profile.aliases.filter((alias) => /^[\x00-\x7F]+$/.test(alias));
    const written = profile.aliases.filter((alias) => !latin.includes(alias));
    const native = [...written, ...written.flatMap(inHiragana)];
    matcher = {
      profile,
      native,
      folded: native.map((alias) => fold(alias).replace(/\s+/g, '')),
      latin,
      words: latin.map((alias) => spacedForm(fold(alias)).trim()),
      // Latin aliases are also matched by skeleton so that "MlCARD" and "mіcard" count.
      skeletons: new Set(latin.map(latinSkeleton).filter((s) => s.length >= 4)),
    };
    for (const skeleton of matcher.skeletons) skeletonShapes.add(`${skeleton[0]}${skeleton.length}`);
    matcherCache.set(profile, matcher);
  }
  return matcher;
}

/** The opening of a body where a company greets its own customers. */
const GREETING_CHARS = 600;

const greetingCache = new WeakMap<LoadedProfile, RegExp>();

/** How a company greets its own customers, with the brand's name in it: いつもエムアイカードを
 *  ご利用いただき, エムアイカード会員の皆様, エムアイカードカスタマーセンターです, "Dear Amazon
 *  customer", "Thank you for choosing PayPay". A shop or a newsletter names a brand in its body
 *  all the time, but greets its readers in its own name: a body that greets in a brand's name
 *  speaks for it, as a subject does. Read on the compact form (Japanese) and the spaced one. */
function greetingFor(profile: LoadedProfile): RegExp {
  let greeting = greetingCache.get(profile);
  if (!greeting) {
    const matcher = matcherFor(profile);
    const native = alternation(matcher.folded.filter((key) => key.length >= 2));
    const latin = alternation(matcher.words);
    const forms: string[] = [];
    if (native) {
      forms.push(
        `いつも(?:${native})(?:を|の)(?:ご利用|ご愛顧|お引き立て)`,
        `(?:${native})(?:カード)?(?:会員|ご利用|をご利用|ご契約|をご契約)の(?:皆様|皆さま|みなさま|お客様|お客さま)`,
        `(?:${native})(?:カスタマー|サポート|コール|インフォメーション)?(?:センター|デスク|事務局|窓口)(?:です|でございます)`,
      );
    }
    if (latin) {
      forms.push(
        `(?<![a-z0-9])dear (?:valued )?(?:${latin}) (?:customer|member|user|cardholder|card member|client|account holder)s?(?![a-z0-9])`,
        `(?<![a-z0-9])thank you for (?:choosing|using|banking with) (?:${latin})(?![a-z0-9])`,
      );
    }
    greeting = forms.length ? new RegExp(forms.join('|')) : /$^/;
    greetingCache.set(profile, greeting);
  }
  return greeting;
}

/** Whether the body's opening greets its reader in the profile's name. */
function greetsAs(profile: LoadedProfile, opening: PreparedText): boolean {
  const greeting = greetingFor(profile);
  return greeting.test(opening.compact) || greeting.test(opening.spaced);
}

/** A text folded once for alias matching against every profile: `compact` without spaces (for
 *  Japanese aliases, which phishers split with spaces), `spaced` with separators as one space
 *  (Latin aliases match whole words there: "Apple" must not match "pineapple"). */
export type PreparedText = { compact: string; spaced: string; runs: LatinRun[] };

/** One to three consecutive words, from word `start`, and how they read. */
type LatinRun = { text: string; skeleton: string; start: number };

const SEPARATORS = /[\s\-_.・･]+/g;

function spacedForm(text: string): string {
  return ` ${text.replace(SEPARATORS, ' ')} `;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
}

/** Text beyond this is not searched for disguised (look-alike) spellings: skeletons cost time per word. */
const SKELETON_CHARS = 1_000;

/** First letter and length of every alias skeleton met so far (filled as profiles get
 *  matchers). A run can only read as an alias if it starts and measures like one, which spares
 *  almost every word the cost of a skeleton. */
const skeletonShapes = new Set<string>();

function couldBeAlias(text: string, letters: number): boolean {
  // Non-ASCII runs may hold confusables of any letter: let them through.
  const initial = /^[\x00-\x7f]*$/.test(text) ? skeletonInitial(text) : undefined;
  if (initial === undefined) return true;
  // Folding shortens a run by at most two letters ("rn" → "m", "vv" → "w").
  return skeletonShapes.has(`${initial}${letters}`) || skeletonShapes.has(`${initial}${letters - 1}`) || skeletonShapes.has(`${initial}${letters - 2}`);
}

/** Words and runs of up to three words ("M I Card") as they would read, for look-alike spellings. */
function latinRuns(folded: string): LatinRun[] {
  const words = folded.slice(0, SKELETON_CHARS).split(/[\s\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef、。「」（）()<>"'\/:;,!?]+/).filter(Boolean);
  const runs: LatinRun[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 3 && i + n <= words.length; n++) {
      const text = words.slice(i, i + n).join(' ');
      if (text.length < 4 || text.length > 40 || !couldBeAlias(text, text.length - n + 1)) continue;
      runs.push({ text, skeleton: skeletonOfFolded(text), start: i });
    }
  }
  return runs;
}

/** A dash or wave written for the long vowel mark inside a kana word (`エムアイカ－ド`,
 *  `えむあいか〜ど`): it reads as ー, and NFKC leaves it a hyphen. The same marks as the phrase rules'. */
const KATAKANA_DASH = new RegExp(`(?<=[\\u3041-\\u3096\\u30a1-\\u30fa])${LONG_VOWEL_LOOKALIKE.source}(?=[\\u3041-\\u3096\\u30a1-\\u30fa])`, 'g');

/** `lookalikes: false` skips disguised spellings: for body text, which names a brand only
 *  weakly anyway and is long enough for the word-by-word skeletons to cost real time. */
export function prepareText(text: string, lookalikes = true): PreparedText {
  const short = text.length <= 200;
  const cache = lookalikes ? preparedCache : preparedPlainCache;
  const known = short ? cache.get(text) : undefined;
  if (known) return known;
  const folded = fold(text).replace(KATAKANA_DASH, 'ー');
  const prepared = { compact: folded.replace(/\s+/g, ''), spaced: spacedForm(folded), runs: lookalikes ? latinRuns(folded) : [] };
  if (short) {
    if (cache.size >= 512) cache.clear();
    cache.set(text, prepared);
  }
  return prepared;
}

/** Short texts (names, subjects, link texts) are matched against every profile in turn: fold
 *  them once. Keyed by the text itself (its hash is computed once), one map per `lookalikes`. */
const preparedCache = new Map<string, PreparedText>();
const preparedPlainCache = new Map<string, PreparedText>();

type AliasEntry = { profile: LoadedProfile; alias: string };

/** Every alias of a profile list in two expressions (one for Japanese forms on compact text, one
 *  for Latin words on spaced text) and one skeleton table, so that a text is scanned once for all
 *  brands instead of once per alias of every brand. Longer aliases are tried first. */
type AliasIndex = {
  native: Map<string, AliasEntry[]>;
  nativeRe?: RegExp;
  latin: Map<string, AliasEntry[]>;
  latinRe?: RegExp;
  skeletons: Map<string, LoadedProfile[]>;
  /** A Japanese alias folds to one character: too short for free text, but a text may start with it. */
  oneCharNative: boolean;
};

const aliasIndexes = new WeakMap<LoadedProfile[], AliasIndex>();

function alternation(keys: Iterable<string>): string {
  return [...keys].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

function aliasIndexFor(profiles: LoadedProfile[]): AliasIndex {
  let index = aliasIndexes.get(profiles);
  if (index) return index;
  index = { native: new Map(), latin: new Map(), skeletons: new Map(), oneCharNative: false };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const profile of profiles) {
    const matcher = matcherFor(profile);
    matcher.folded.forEach((key, i) => key.length >= 2 && add(index!.native, key, { profile, alias: matcher.native[i]! }));
    if (matcher.folded.some((key) => key.length < 2)) index.oneCharNative = true;
    matcher.words.forEach((word, i) => add(index!.latin, word, { profile, alias: matcher.latin[i]! }));
    for (const skeleton of matcher.skeletons) add(index.skeletons, skeleton, profile);
  }
  if (index.native.size) index.nativeRe = new RegExp(alternation(index.native.keys()), 'g');
  if (index.latin.size) index.latinRe = new RegExp(`(?<![a-z0-9])(?:${alternation(index.latin.keys())})(?![a-z0-9])`, 'g');
  aliasIndexes.set(profiles, index);
  return index;
}

/** Which brands a text names, and by which alias (the first one met), for all profiles at once. */
function brandsNamed(text: PreparedText, index: AliasIndex): Map<LoadedProfile, string> {
  const named = new Map<LoadedProfile, string>();
  const note = (entries: AliasEntry[] | undefined) => {
    for (const { profile, alias } of entries ?? []) if (!named.has(profile)) named.set(profile, alias);
  };
  if (index.nativeRe) for (const m of text.compact.matchAll(index.nativeRe)) note(index.native.get(m[0]));
  if (index.latinRe) for (const m of text.spaced.matchAll(index.latinRe)) note(index.latin.get(m[0]));
  for (const run of text.runs) {
    for (const profile of index.skeletons.get(run.skeleton) ?? []) if (!named.has(profile)) named.set(profile, run.text);
  }
  return named;
}

/** False when none of the texts names any brand of the index: then neither `findAlias` nor
 *  `startsWithAlias` (on at most `startOf` of it) finds an alias of one of its profiles, since
 *  whatever they match, the combined index matches too — except a one-character alias. */
function mayNameBrand(index: AliasIndex, texts: string[]): boolean {
  return index.oneCharNative || texts.some((text) => text !== '' && brandsNamed(prepareText(text), index).size > 0);
}

/** Finds an alias of the profile in free text; returns the alias form that matched. */
export function findAlias(profile: LoadedProfile, text: string): string | undefined {
  return text ? brandsNamed(prepareText(text), singleIndexFor(profile)).get(profile) : undefined;
}

const singleIndexes = new WeakMap<LoadedProfile, AliasIndex>();

/** The alias index of one profile, for checks that ask about the claimed brand only. */
function singleIndexFor(profile: LoadedProfile): AliasIndex {
  let index = singleIndexes.get(profile);
  if (!index) {
    index = aliasIndexFor([profile]);
    singleIndexes.set(profile, index);
  }
  return index;
}

/** A brand a link's host belongs to (`imitation: false`: its own or a related site) or imitates. */
type LinkBrand = { profile: LoadedProfile; host: string; imitation: boolean };

/** The brand each link's host relates to (its own site or an imitation), computed once for all profiles. */
function linkBrands(facts: MessageFacts, profiles: LoadedProfile[]): LinkBrand[] {
  const brands: LinkBrand[] = [];
  for (const link of facts.links) {
    if (!link.url) continue;
    const dest = finalDestination(link.url);
    const relation = relateHost(dest, profiles);
    if (relation) brands.push({ profile: relation.profile, host: relation.host, imitation: relation.kind !== 'official' && relation.kind !== 'related' });
    else if (dest.subdomain && dest.domain) {
      // A label in front of another's domain that imitates or names the brand (`mlcard.x.com`,
      // `etc.x.com`): phishers rotate the registrable name and keep that label.
      const imitated = brandLookalikeLabel(dest.subdomain, profiles) ?? brandNameLabel(dest.subdomain, profiles);
      if (imitated) brands.push({ profile: imitated.profile, host: dest.host, imitation: true });
    }
    const decoy = link.url.userinfo ? parseUrl(`http://${link.url.userinfo.split(':')[0]}/`) : undefined;
    const decoyRelation = decoy?.domain ? relateHost(decoy, profiles) : undefined;
    if (decoyRelation) brands.push({ profile: decoyRelation.profile, host: link.url.host, imitation: true });
  }
  return brands;
}

/** Mail addresses in a body are mostly the recipient's own (`Para: x@hotmail.com`): their
 *  domain names the mailbox provider, not who is writing. */
const ADDRESSES = new RegExp(MAIL_ADDRESS, 'g');

function withoutAddresses(text: string): string {
  return text.includes('@') ? text.replace(ADDRESSES, ' ') : text;
}

export function claimBrand(facts: MessageFacts, profiles: LoadedProfile[]): BrandClaim | undefined {
  const linked = linkBrands(facts, profiles);
  // A bare URL has no sender, subject or text: only its host, or a decoy before `@`, can name a
  // brand. Most reported URLs relate to none, and folding empty texts for every profile is then waste.
  if (facts.kind === 'url' && linked.length === 0) return undefined;
  const fromDomain = facts.from?.address.split('@').pop();
  const fromUrl = fromDomain ? parseUrl(`http://${fromDomain}/`) : undefined;
  const fromRelation = fromUrl ? relateHost(fromUrl, profiles) : undefined;
  // Fold every place a brand may be named once, then match each profile against the folded forms.
  const index = aliasIndexFor(profiles);
  const places: { source: ClaimSource; named: Map<LoadedProfile, string> }[] = [];
  const place = (source: ClaimSource, text: string | undefined) => {
    if (text) places.push({ source, named: brandsNamed(prepareText(text, source !== 'body'), index) });
  };
  const nameHead = facts.from?.name ? subjectHead(facts.from.name) : undefined;
  // A text message (an SMS, a pasted body) has no subject: it says who sends it in its first
  // words, as a subject would (【三井住友カード】ご利用確認…, "Amazon: your order").
  const opensText = facts.kind === 'text';
  const headSource: ClaimSource = opensText ? 'text-opening' : 'subject';
  const head = subjectHead(opensText ? startOf(facts.text.trimStart()).split('\n', 1)[0]! : facts.subject);
  // The display name and the subject's opening are asked of each profile in turn; most name no
  // brand at all, which one look at the combined index tells.
  const ownName = ledByOwnName(fromUrl, fromRelation);
  const nameNamesBrand = !!nameHead && !ownName(facts.from!.name) && mayNameBrand(index, [nameHead.tags, startOf(nameHead.opening), facts.from!.name]);
  const openingNamesBrand = mayNameBrand(index, [startOf(head.opening)]);
  // A mailing list's tag (`[Lockergnome Apple Core]`) led by the sender's own name is its title.
  if (!ownName(head.tags)) place(headSource, head.tags);
  place('subject-mention', facts.subject);
  for (const link of facts.links.slice(0, 500)) place('link-text', link.text);
  for (const image of facts.images.slice(0, 500)) place('image-alt', image.alt);
  place('body', withoutAddresses(facts.text.slice(0, BODY_CHARS)));
  place('body', facts.htmlText && withoutAddresses(facts.htmlText.slice(0, BODY_CHARS)));
  // Folded only when the body names a brand at all.
  let openings: PreparedText[] | undefined;
  const greeted = (profile: LoadedProfile) =>
    (openings ??= [facts.text, facts.htmlText ?? ''].filter((text) => text.trim()).map((text) => prepareText(text.trimStart().slice(0, GREETING_CHARS), false))).some((opening) =>
      greetsAs(profile, opening),
    );
  // The links' brands by profile, gathered once rather than filtered out again for every profile.
  const linkedOf = new Map<LoadedProfile, LinkBrand[]>();
  for (const brand of linked) {
    const same = linkedOf.get(brand.profile);
    if (same) same.push(brand);
    else linkedOf.set(brand.profile, [brand]);
  }
  let best: BrandClaim | undefined;
  for (const profile of profiles) {
    const seen: BrandClaim['seen'] = [];
    for (const { source, named } of places) {
      const hit = named.get(profile);
      if (hit) seen.push({ source, text: hit });
    }
    const inBody = seen.find((s) => s.source === 'body');
    if (inBody && facts.kind !== 'url' && greeted(profile)) seen.push({ source: 'greeting', text: inBody.text });
    const named = nameNamesBrand ? displayNameAlias(profile, facts.from!.name, nameHead) : undefined;
    if (named) seen.push({ source: 'display-name', text: named });
    const opening = head.opening && openingNamesBrand ? startsWithAlias(profile, head.opening) : undefined;
    if (opening) seen.push({ source: headSource, text: opening });
    if (profile.tagNames.length) {
      const inName = nameHead && boxedName(profile, nameHead.boxed);
      if (inName) seen.push({ source: 'display-name', text: inName });
      const inHead = boxedName(profile, head.boxed);
      if (inHead) seen.push({ source: headSource, text: inHead });
    }
    if (fromRelation?.profile === profile) seen.push({ source: 'from-domain', text: fromRelation.host });
    const related = linkedOf.get(profile);
    const imitation = related?.find((brand) => brand.imitation);
    if (imitation) seen.push({ source: 'host', text: imitation.host });
    else if (related) seen.push({ source: 'official-link', text: related[0]!.host });
    if (seen.length === 0) continue;
    const strength = new Set(seen.map((s) => s.source)).size + Math.max(...seen.map((s) => SOURCE_STRENGTH[s.source]));
    seen.sort((a, b) => SOURCE_STRENGTH[b.source] - SOURCE_STRENGTH[a.source]);
    if (!best || strength > best.strength) best = { profile, seen: dedupe(seen), strength };
  }
  return best;
}

function dedupe(seen: BrandClaim['seen']): BrandClaim['seen'] {
  const keys = new Set<string>();
  return seen.filter((s) => {
    const key = `${s.source}\u0000${s.text}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}
