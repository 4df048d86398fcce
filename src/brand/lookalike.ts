// How a host relates to the profiled brands: the brand's own, a related site, or one of the
// squatting patterns phishers register (brand domain as a prefix, homoglyphs, typos, other
// TLDs, brand word plus filler), and labels in front of another's domain that imitate or name a
// brand. Shared by the brand claim, the link and sender checks and the address check. Precomputed
// per profile and free of regex backtracking because URL checks must run at >100,000/s.
import { domainToUnicode } from 'node:url';
import type { LoadedProfile } from '../profile/loader.ts';
import type { ParsedUrl } from '../message/url.ts';
import { escapeRegExp } from '../text/regexp.ts';
import { fold, latinSkeleton, skeletonInitial, skeletonOfFolded } from '../text/normalize.ts';
import { firstOfPieces } from '../text/parts.ts';

export type HostRelation = {
  kind: 'official' | 'related' | 'brand-prefix' | 'homoglyph' | 'typo' | 'tld-squat' | 'combo' | 'brand-token';
  profile: LoadedProfile;
  /** The official domain it is (or imitates). */
  official: string;
  /** The host that was related. */
  host: string;
};

/** A host token and the longer names holding it that are not the brand (`saiful` for `aiful`). */
type TokenEntry = { token: string; exceptions: string[]; official: string; profile: LoadedProfile };

/** True when `text`, which holds the entry's token, holds it outside every one of its exceptions. */
function outsideExceptions(text: string, { token, exceptions }: TokenEntry): boolean {
  return exceptions.length === 0 || exceptions.reduce((rest, word) => rest.replaceAll(word, ' '), text).includes(token);
}

/** Everything about a profile list that host matching needs, indexed once. */
type BrandIndex = {
  /** Domains the brands own or are related to, looked up for each parent of a host. */
  owned: Map<string, { kind: 'official' | 'related'; profile: LoadedProfile }>;
  /** Other organizations' domains that share a brand's name (profile `namesakes`). */
  namesakes: Set<string>;
  /** Official domains and their hyphenated spellings (`micard-co-jp`), to catch them inside other
   *  hosts, by their first segment (`micard`) so that a host is only compared where it could match. */
  domainStrings: Map<string, { text: string; official: string; profile: LoadedProfile }[]>;
  /** Registrable label of each official domain (`micard` of `micard.co.jp`) → its brand. */
  labels: Map<string, { official: string; profile: LoadedProfile }>;
  /** The labels that make a fake under another ending (`micard.net`) or in look-alike letters
   *  (`rnicard`). A name of three letters or fewer is often a word or someone's initials (`boy` of
   *  boy.co.jp, `nta`, `msn`), so it counts only when the profile also lists it as a host token or
   *  label (`jcb`, `nhk`). */
  squattableLabels: Set<string>;
  /** The labels long enough to have typo-squats, in `labels` order, with what the typo check
   *  needs, listed under every label length within their edit budget: a host label is compared
   *  only with the few names it could be a typo of, not with every brand's. */
  typoTargetsByLength: TypoTarget[][];
  skeletons: Map<string, { official: string; profile: LoadedProfile }>;
  /** First letters of `skeletons`: a label whose skeleton starts otherwise needs no skeleton. */
  skeletonInitials: Set<string>;
  tokens: TokenEntry[];
  /** Each profile's `hostLabels` (`etc`, `eki`) → its brand. */
  hostLabels: Map<string, { official: string; profile: LoadedProfile }>;
  /** Each profile's Japanese aliases of three characters or more (`アップル`, `楽天カード`), folded,
   *  longest first, for internationalized labels. */
  nativeNames: { name: string; official: string; profile: LoadedProfile }[];
  /** Every host token in one expression: a host is searched once, not once per token. */
  anyToken: RegExp;
  /** Results by host: phishing campaigns reuse hosts, and claim and link checks ask twice. */
  cache: Map<string, HostRelation | null>;
  /** `imitatedBrandLabel` results by label: campaigns put the same few labels in front of ever new
   *  domains (a fifth of the subdomain labels of the JPCERT/CC list are distinct). */
  labelCache: Map<string, { official: string; profile: LoadedProfile } | null>;
  /** The host asked about last and its relation: a check asks about its link's host for the brand
   *  claim and again in two detectors, and comparing the same string answers before any hashing. */
  lastHost: string;
  lastRelation: HostRelation | undefined;
};

/** `bare` is `label` without hyphens, as host labels are compared (`eki-net` → `ekinet`). */
type TypoTarget = { label: string; bare: string; budget: number; letters: number; counts: Int16Array; official: string; profile: LoadedProfile };

const CACHE_LIMIT = 20_000;
const indexes = new WeakMap<LoadedProfile[], BrandIndex>();

function labelOf(domain: string): string {
  // Official domains are short (brand + one- or two-part suffix); the first label is the brand.
  return domain.split('.')[0]!;
}

function indexFor(profiles: LoadedProfile[]): BrandIndex {
  let index = indexes.get(profiles);
  if (index) return index;
  index = { owned: new Map(), namesakes: new Set(), domainStrings: new Map(), labels: new Map(), squattableLabels: new Set(), typoTargetsByLength: [], skeletons: new Map(), skeletonInitials: new Set(), tokens: [], hostLabels: new Map(), nativeNames: [], anyToken: /$^/, cache: new Map(), labelCache: new Map(), lastHost: '', lastRelation: undefined };
  const byFirstSegment = index.domainStrings;
  for (const profile of profiles) {
    for (const domain of profile.officialDomains) {
      if (!index.owned.has(domain)) index.owned.set(domain, { kind: 'official', profile });
      for (const text of [domain, domain.replace(/\./g, '-')]) {
        const first = text.split(/[.-]/, 1)[0]!;
        byFirstSegment.set(first, [...(byFirstSegment.get(first) ?? []), { text, official: domain, profile }]);
      }
      const label = labelOf(domain);
      if (!index.labels.has(label)) {
        index.labels.set(label, { official: domain, profile });
        const budget = typoBudget(label);
        if (budget) {
          const target = { label, bare: label.replace(/-/g, ''), budget, letters: letterSet(label), counts: letterCounts(label), official: domain, profile };
          for (let length = label.length - budget; length <= label.length + budget; length++) {
            // What is left of a name after dropped letters is often a word of its own when short
            // (`plus` of aplus, `nico` of nicos, `netli` of netflix, `rakut`): a label must keep
            // five letters with one letter dropped, six with two.
            const dropped = label.length - length;
            if (dropped > 0 && length < 4 + dropped) continue;
            (index.typoTargetsByLength[length] ??= []).push(target);
          }
        }
      }
      if (label.length <= 3 && !profile.hostTokens.includes(label) && !profile.hostLabels.includes(label)) continue;
      index.squattableLabels.add(label);
      const skeleton = latinSkeleton(label);
      if (!index.skeletons.has(skeleton)) index.skeletons.set(skeleton, { official: domain, profile });
      if (skeleton) index.skeletonInitials.add(skeleton[0]!);
    }
    for (const domain of profile.relatedDomains) if (!index.owned.has(domain)) index.owned.set(domain, { kind: 'related', profile });
    for (const domain of profile.namesakes) index.namesakes.add(domain);
    for (const token of profile.hostTokens) {
      const exceptions = profile.hostTokenExceptions.filter((word) => word.includes(token));
      index.tokens.push({ token, exceptions, official: profile.officialDomains[0]!, profile });
    }
    for (const label of profile.hostLabels) if (!index.hostLabels.has(label)) index.hostLabels.set(label, { official: profile.officialDomains[0]!, profile });
    // Aliases only (a name such as オリコ is kept out of them where it is inside other words),
    // and of three characters or more: a host name runs words together, and 楽天 is inside 極楽天国.
    for (const alias of profile.aliases) {
      const name = fold(alias).replace(/\s+/g, '');
      if (/[^\x00-\x7f]/.test(name) && name.length >= 3) index.nativeNames.push({ name, official: profile.officialDomains[0]!, profile });
    }
  }
  index.nativeNames.sort((a, b) => b.name.length - a.name.length);
  const escaped = index.tokens.map(({ token }) => escapeRegExp(token));
  if (escaped.length) index.anyToken = new RegExp(escaped.join('|'));
  indexes.set(profiles, index);
  return index;
}

/** Every host token of a profile list in one expression (no `g` flag: `test` keeps no state). */
export function hostTokenPattern(profiles: LoadedProfile[]): RegExp {
  return indexFor(profiles).anyToken;
}

/** `micard.co.jp` inside `www2.micard.co.jp.evil.com` or `x-micard-co-jp.top`, but not `au.com`
 *  inside `rklau.com`: the brand domain must start at a label edge and be followed by more host. */
function brandDomainInside(host: string, index: BrandIndex): { official: string; profile: LoadedProfile } | undefined {
  let start = 0;
  while (start < host.length) {
    let end = start;
    while (end < host.length && host[end] !== '.' && host[end] !== '-') end++;
    for (const candidate of index.domainStrings.get(host.slice(start, end)) ?? []) {
      const after = host[start + candidate.text.length];
      if ((after === '.' || after === '-') && host.startsWith(candidate.text, start)) return candidate;
    }
    start = end + 1;
  }
  return undefined;
}

/** The owned domain a host is, or lies under: each parent of the host is looked up once. */
function ownerOf(host: string, index: BrandIndex): { domain: string; kind: 'official' | 'related'; profile: LoadedProfile } | undefined {
  for (let at = -1; at < host.length; at = host.indexOf('.', at + 1)) {
    const domain = host.slice(at + 1);
    const owner = index.owned.get(domain);
    if (owner) return { domain, ...owner };
    if (host.indexOf('.', at + 1) < 0) break;
  }
  return undefined;
}

function dotCount(text: string): number {
  let dots = 0;
  for (let at = text.indexOf('.'); at >= 0; at = text.indexOf('.', at + 1)) dots++;
  return dots;
}

/** The label `back` labels before the last one of a host (the first label when it has fewer),
 *  found from the end without splitting the host: this runs for every new host. */
function labelBefore(host: string, back: number): string {
  let end = host.length;
  for (let i = 0; i < back; i++) {
    const dot = end > 0 ? host.lastIndexOf('.', end - 1) : -1;
    if (dot < 0) return host.slice(0, end);
    end = dot;
  }
  return host.slice(end > 0 ? host.lastIndexOf('.', end - 1) + 1 : 0, end);
}

/** Optimal string alignment distance, giving up past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Letter counts of a label (a–z, 0–9, the rest together), for the typo check below. */
function letterCounts(label: string): Int16Array {
  const counts = new Int16Array(37);
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    counts[code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 22 : 36]!++;
  }
  return counts;
}

/** Which letters a label has, as bits (a–z, any digit, anything else): one label can only hold
 *  the other's letters if it has every letter kind of the other, which two integers tell at once. */
function letterSet(label: string): number {
  let set = 0;
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    set |= 1 << (code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? 26 : 27);
  }
  return set;
}

/** A typo-squat adds, drops or swaps letters (`miicrad`, `micad`), keeping the name's letters;
 *  one changed letter usually spells another real name (paypal/paypay, tesco/tepco). Look-alike
 *  letter swaps (l/i, 0/o) are the homoglyph check's job. True when one label's letters contain
 *  the other's; also a cheap filter before the edit distance. */
function onlyAddsOrDropsLetters(a: Int16Array, b: Int16Array): boolean {
  let more = false;
  let fewer = false;
  for (let i = 0; i < 37; i++) {
    if (a[i]! > b[i]!) more = true;
    else if (a[i]! < b[i]!) fewer = true;
    if (more && fewer) return false;
  }
  return true;
}

/** `label` is `name` with letters added, dropped or swapped, at most `budget` of them (`accout`,
 *  `logiin`, `udpate` of account, login, update), and not `name` itself. */
export function misspells(label: string, name: string, budget: number): boolean {
  if (label === name) return false;
  // The letter kinds first, in two integers: most labels compared fail here, before any counting.
  const labelLetters = letterSet(label);
  const nameLetters = letterSet(name);
  if ((label.length <= name.length ? labelLetters & ~nameLetters : nameLetters & ~labelLetters) !== 0) return false;
  return onlyAddsOrDropsLetters(letterCounts(label), letterCounts(name)) && editDistance(label, name, budget) <= budget;
}

/** Letters that sound or look alike inside a name: any vowel for another (`rakutan`, `paypoy`,
 *  `etcmaisai`) and m for n (`amazom`). */
const SOUND_ALIKE_CLASS: Record<string, number> = { a: 1, e: 1, i: 1, o: 1, u: 1, m: 2, n: 2 };

/** `label` is `name`, six letters or more, with one letter after the first changed for one that
 *  sounds or looks alike. Other changed letters spell other names (paypal/paypay, uccard/dccard,
 *  emobile/ymobile) or words (payday, softback); these swaps turn no English word and no
 *  legitimate host of the evaluation data into a brand's name. */
function swapsSoundAlike(label: string, name: string): boolean {
  if (label.length !== name.length || name.length < 6 || label[0] !== name[0]) return false;
  let swapped = false;
  for (let i = 1; i < label.length; i++) {
    const a = label[i]!;
    const b = name[i]!;
    if (a === b) continue;
    const kind = SOUND_ALIKE_CLASS[a];
    if (swapped || kind === undefined || kind !== SOUND_ALIKE_CLASS[b]) return false;
    swapped = true;
  }
  return swapped;
}

/** Edits tolerated before two labels stop looking alike: none for short names, where every edit is a new word. */
function typoBudget(label: string): number {
  return label.length >= 6 ? 2 : label.length === 5 ? 1 : 0;
}

export function relateHost(url: Pick<ParsedUrl, 'host' | 'unicodeHost' | 'domain' | 'publicSuffix' | 'ip'>, profiles: LoadedProfile[]): HostRelation | undefined {
  if (!url.host || url.ip) return undefined;
  const index = indexFor(profiles);
  if (url.host === index.lastHost) return index.lastRelation;
  const cached = index.cache.get(url.host);
  let relation: HostRelation | undefined;
  if (cached !== undefined) relation = cached ?? undefined;
  else {
    relation = computeRelation(url, index);
    if (index.cache.size >= CACHE_LIMIT) index.cache.clear();
    index.cache.set(url.host, relation ?? null);
  }
  index.lastHost = url.host;
  index.lastRelation = relation;
  return relation;
}

/** Every relation is built here, with its keys in one order: objects of one shape keep the code
 *  that reads them optimized (spreads and literals in varying key order gave them five shapes). */
function hostRelation(kind: HostRelation['kind'], profile: LoadedProfile, official: string, host: string): HostRelation {
  return { kind, profile, official, host };
}

function computeRelation(url: Pick<ParsedUrl, 'host' | 'unicodeHost' | 'domain' | 'publicSuffix'>, index: BrandIndex): HostRelation | undefined {
  const host = url.host;
  const owner = ownerOf(host, index);
  // A platform a brand owns rents names under it to anyone (`<bucket>.s3.amazonaws.com`,
  // `<app>.azurewebsites.net`): a host registered below the owned domain, past a public suffix,
  // is the tenant's, and is judged like any other host.
  if (owner && !(url.domain && url.domain.length > owner.domain.length)) return hostRelation(owner.kind, owner.profile, owner.domain, host);
  const inside = brandDomainInside(host, index);
  if (inside) return hostRelation('brand-prefix', inside.profile, inside.official, host);
  // Another organization of the same name owns it: the name in it is its own.
  if (url.domain && index.namesakes.has(url.domain)) return undefined;
  const suffix = url.publicSuffix ?? '';
  const label = url.domain && suffix ? url.domain.slice(0, url.domain.length - suffix.length - 1) : host;
  const sameLabel = index.squattableLabels.has(label) ? index.labels.get(label) : undefined;
  if (sameLabel) return hostRelation('tld-squat', sameLabel.profile, sameLabel.official, host);
  const unicodeLabel = labelBefore(url.unicodeHost, dotCount(suffix) + 1);
  // An ASCII host is lower-case already, which is all folding would do to it.
  const skeleton = url.unicodeHost === host ? skeletonOfFolded(unicodeLabel) : latinSkeleton(unicodeLabel);
  const lookalike = index.skeletons.get(skeleton);
  if (lookalike) return hostRelation('homoglyph', lookalike.profile, lookalike.official, host);
  // A registered name in Japanese that holds a brand's Japanese name (`アマゾンからの通知.jp`).
  const native = url.unicodeHost === host ? undefined : nativeNameIn(unicodeLabel, index);
  if (native) return hostRelation('combo', native.profile, native.official, host);
  if (index.anyToken.test(host)) {
    // The label is part of the host: asked first whether it holds any token at all, most hosts
    // that name a brand somewhere spare the token-by-token search of their label.
    if (index.anyToken.test(label)) {
      for (const entry of index.tokens) {
        if (label.includes(entry.token) && outsideExceptions(label, entry)) return hostRelation('combo', entry.profile, entry.official, host);
      }
    }
    // The public suffix is nobody's name: `amazonaws` in `<bucket>.s3.amazonaws.com` names no one.
    const named = suffix ? host.slice(0, host.length - suffix.length - 1) : host;
    for (const entry of index.tokens) {
      if (named.includes(entry.token) && outsideExceptions(named, entry)) return hostRelation('brand-token', entry.profile, entry.official, host);
    }
  }
  const target = typoTarget(label.includes('-') ? label.replace(/-/g, '') : label, index);
  return target && hostRelation('typo', target.profile, target.official, host);
}

/** The brand name a hyphen-free label is a typo of (`amaozn`, `micad`), if any; with
 *  `sameInitial`, only names that begin with the label's first letter. */
function typoTarget(bareLabel: string, index: BrandIndex, sameInitial = false): TypoTarget | undefined {
  const targets = index.typoTargetsByLength[bareLabel.length];
  if (!targets) return undefined;
  const initial = bareLabel.charCodeAt(0);
  let letters: number | undefined;
  let counts: Int16Array | undefined;
  for (const target of targets) {
    if (sameInitial && target.label.charCodeAt(0) !== initial) continue;
    if (swapsSoundAlike(bareLabel, target.bare)) return target;
    // The name with one more letter at its end is a plural or a name of its own (`oricon` of
    // orico, `apples`), not a slip of the hand.
    if (bareLabel.length === target.bare.length + 1 && bareLabel.startsWith(target.bare)) continue;
    letters ??= letterSet(bareLabel);
    // Letters of the shorter label that the longer one lacks: then it is no added or dropped letter.
    const missing = bareLabel.length >= target.label.length ? target.letters & ~letters : letters & ~target.letters;
    if (missing !== 0) continue;
    counts ??= letterCounts(bareLabel);
    if (onlyAddsOrDropsLetters(counts, target.counts) && editDistance(bareLabel, target.label, target.budget) <= target.budget) return target;
  }
  return undefined;
}

/**
 * The brand a single ASCII host label imitates without spelling it: look-alike letters
 * (`mlcard`, `rnercari`), a typo (`amaozn`, `rakuen`, `amazom`) or the name cut by a hyphen (`ama-zon`).
 * For labels in front of someone else's domain, where the domain checks above do not look: a
 * brand's exact name there (`apple.`, `outlook.`) is often a product page or a customer's host,
 * and a name losing its first letter or gaining letters at its end is often a word (`cloud` of
 * icloud, `mobile` of ymobile, `apples`), so none of these counts; nor do typos of more than one
 * letter, which the domain check allows.
 */
function imitatedBrandLabel(label: string, profiles: LoadedProfile[]): { official: string; profile: LoadedProfile } | undefined {
  const index = indexFor(profiles);
  let imitated = index.labelCache.get(label);
  if (imitated === undefined) {
    imitated = computeImitation(label, index) ?? null;
    if (index.labelCache.size >= CACHE_LIMIT) index.labelCache.clear();
    index.labelCache.set(label, imitated);
  }
  return imitated ?? undefined;
}

/** The brand whose short name (a profile's `hostLabels`) a host label, or a hyphenated part of
 *  one, is; or, for an internationalized label (`xn--…`), whose Japanese name it holds
 *  (`アップルジャパンのログインid`): Japanese in a host name is a phrase, not a word of another language. */
function brandNamedByLabel(piece: string, profiles: LoadedProfile[]): { official: string; profile: LoadedProfile } | undefined {
  const index = indexFor(profiles);
  return piece.startsWith('xn--') ? nativeNameIn(domainToUnicode(piece), index) : index.hostLabels.get(piece);
}

/** The brand whose Japanese name an internationalized label, as shown, holds. */
function nativeNameIn(label: string, index: BrandIndex): { official: string; profile: LoadedProfile } | undefined {
  const folded = fold(label);
  return index.nativeNames.find(({ name }) => folded.includes(name));
}

/** A `www` label: the site's main host, not a name of its own. */
export const WWW = /^www\d*$/;

/** The first subdomain label, or hyphenated part of one, in which `judge` finds something. */
function inSubdomainLabels<T>(subdomain: string, judge: (piece: string) => T | undefined): T | undefined {
  return firstOfPieces(subdomain, '.', (label) => judge(label) ?? (label.includes('-') ? firstOfPieces(label, '-', judge) : undefined));
}

/** A subdomain label, or a hyphenated piece of one, that imitates a profiled brand's name
 *  (`mlcard.x.com`, `amaozn-jp.x.com`, `ama-zon.x.com`): the domain checks only judge the
 *  registrable name, and phishers rotate that while keeping the brand-like label in front. */
export function brandLookalikeLabel(subdomain: string, profiles: LoadedProfile[]): { label: string; official: string; profile: LoadedProfile } | undefined {
  return inSubdomainLabels(subdomain, (piece) => {
    if (piece.length < 4 || WWW.test(piece)) return undefined;
    const imitated = imitatedBrandLabel(piece, profiles);
    return imitated && { label: piece, ...imitated };
  });
}

/** A subdomain label, or a hyphenated part of one, that is a profiled brand's short name
 *  (`etc.x.com`, `eki-update.x.com`): too short to be looked for inside words, it names the brand
 *  when it stands on its own in front of another's domain. */
export function brandNameLabel(subdomain: string, profiles: LoadedProfile[]): { label: string; official: string; profile: LoadedProfile } | undefined {
  return inSubdomainLabels(subdomain, (piece) => {
    const brand = brandNamedByLabel(piece, profiles);
    return brand && { label: piece.startsWith('xn--') ? domainToUnicode(piece) : piece, ...brand };
  });
}

function computeImitation(label: string, index: BrandIndex): { official: string; profile: LoadedProfile } | undefined {
  const bare = label.includes('-') ? label.replace(/-/g, '') : label;
  const exact = index.labels.get(bare);
  if (exact) return bare === label ? undefined : exact;
  const initial = skeletonInitial(bare);
  const lookalike = initial !== undefined && index.skeletonInitials.has(initial) ? index.skeletons.get(skeletonOfFolded(bare)) : undefined;
  if (lookalike) return lookalike;
  // One edit only, on five letters or more: two dropped letters or four letters in all are often
  // words (`domo`, `merca`, `nico`, `medicard`); the name with letters after it is a plural or
  // another word (`apples`).
  if (bare.length < 5) return undefined;
  const target = typoTarget(bare, index, true);
  if (!target) return undefined;
  return swapsSoundAlike(bare, target.bare) || (!bare.startsWith(target.label) && editDistance(bare, target.label, 1) <= 1) ? target : undefined;
}
