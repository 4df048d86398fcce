// What the message says: the red-flag phrases of src/rules/red-flags.yaml (urgency, threats,
// requests for secrets, lures), the things the claimed brand says it never does, other
// companies' service names in its mails, and Japanese that no Japanese company writes
// (simplified-Chinese characters, Chinese punctuation, width soup, mixed-script words), plus
// text hidden from the reader, and a text message's delivery story that links to no carrier.
// Every finding quotes what it matched.
import { bodyTexts, type MessageFacts } from '../message/facts.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { compileAlternatives, findSpans, matcherLiterals, toMatchText, type MatchText, type PhraseMatcher } from '../rules/match.ts';
import { LiteralIndex } from '../rules/literals.ts';
import { katakanaWords, redFlagRules, type RedFlagRule } from '../rules/load.ts';
import { finding, type Bilingual, type Catalogue, type Evidence, type Finding, type FindingSpec } from '../verdict/finding.ts';
import type { Detector, DetectorContext } from './detector.ts';
import { CLICKABLE_SOURCES } from './url-reputation.ts';
import { unnaturalJapanese } from './unnatural-japanese.ts';
import { disguisedLetters } from './disguised-letters.ts';
import { parcelNoticeLinks } from './parcel-notice.ts';
import { isStrongClaim } from '../brand/claim.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** Where a text was read: the subject, the body (`text`, `html`) or an attached document. */
type Source = { where: string; text: MatchText; document?: true };

const MAX_EVIDENCE = 5;
/** Characters of each text read for phrases: lures sit where the member starts reading (a
 *  phone shows a few hundred characters), while folding and the rule expressions cost about
 *  0.3 ms per thousand characters. 30,000 is ten screens of a long newsletter. */
const MAX_SCAN = 30_000;

type StaticCode = 'CONTENT_HIDDEN_TEXT' | 'CONTENT_RANDOM_TOKEN';

const STATIC: Catalogue<StaticCode> = {
  CONTENT_HIDDEN_TEXT: {
    severity: 'low',
    ja: '読み手には見えないように隠された文章があります（{how}、{count}か所）。迷惑メール判定をすり抜けるための手口です。',
    en: 'Text is hidden from the reader ({how}, {count} places), a trick to slip past spam filters.',
  },
  CONTENT_RANDOM_TOKEN: {
    severity: 'low',
    ja: '{where}の末尾に意味のない文字列「{token}」が付いています。一通ごとに文面を変えて迷惑メール判定を避ける手口です。',
    en: 'The {where} ends in a meaningless string, "{token}", added so that each copy differs and slips past spam filters.',
  },
};

let catalogue: Catalogue<string> | undefined;

/** Wording for every code the rule file defines, plus the checks written in code. */
function contentCatalogue(): Catalogue<string> {
  if (!catalogue) {
    const entries: [string, FindingSpec][] = Object.entries(STATIC);
    for (const rule of redFlagRules()) {
      entries.push([rule.code, { severity: rule.severity, ...rule.message }]);
      if (rule.never) entries.push([rule.never.code, { severity: 'high', ...rule.never.message }]);
    }
    catalogue = Object.fromEntries(entries);
  }
  return catalogue;
}

/** A literal name as a pattern; Latin names only match as whole words ("Amazon", not "Amazonia"). */
function literal(name: string): string {
  const escaped = escapeRegExp(name.normalize('NFKC').toLowerCase()).replace(/\s+/g, '\\s?');
  return `${/^\w/.test(name) ? '\\b' : ''}${escaped}${/\w$/.test(name) ? '\\b' : ''}`;
}

/** Patterns a profile adds to rules: its own phrase lists, and names that stand for phrases. */
function profileExtras(profile: LoadedProfile, code: string): string[] {
  const extra = [...(profile.phrases[code] ?? [])];
  if (code === 'CONTENT_COMPANY_ADDRESS') extra.push(...profile.postalAddresses.map(literal));
  if (code === 'CONTENT_OTHER_SERVICE') {
    const own = new Set(profile.aliases.map((a) => a.normalize('NFKC').toLowerCase()));
    extra.push(...profile.otherServiceNames.filter((n) => !own.has(n.normalize('NFKC').toLowerCase())).map(literal));
  }
  return extra;
}

const extraMatchers = new WeakMap<LoadedProfile, Map<string, PhraseMatcher | undefined>>();

function extraMatcher(profile: LoadedProfile, code: string): PhraseMatcher | undefined {
  let byCode = extraMatchers.get(profile);
  if (!byCode) {
    byCode = new Map();
    extraMatchers.set(profile, byCode);
  }
  if (!byCode.has(code)) byCode.set(code, compileAlternatives(profileExtras(profile, code)));
  return byCode.get(code);
}

let rulesIndex: LiteralIndex | undefined;
const profileIndexes = new WeakMap<LoadedProfile, LiteralIndex>();

/** The literals every rule (with the profile's own phrases) needs, to find in each text once. */
function literalIndex(profile: LoadedProfile | undefined): LiteralIndex {
  const build = () => {
    const matchers = redFlagRules().flatMap((rule) => [rule.matcher, profile ? extraMatcher(profile, rule.code) : undefined]);
    return new LiteralIndex(matchers.flatMap((matcher) => (matcher ? matcherLiterals(matcher) : [])));
  };
  if (!profile) return (rulesIndex ??= build());
  let index = profileIndexes.get(profile);
  if (!index) {
    index = build();
    profileIndexes.set(profile, index);
  }
  return index;
}

function readSource(where: string, text: string | undefined, maxChars: number): Source[] {
  if (!text || !text.trim()) return [];
  return [{ where, text: toMatchText(text.length > maxChars ? text.slice(0, maxChars) : text) }];
}

/** The words of attached documents, read for the phrases only: text taken out of a PDF carries
 *  the font's quirks (ligatures, private-use glyphs), which the script checks would misread. */
function readDocuments(facts: MessageFacts, maxChars: number): Source[] {
  return facts.documentText.flatMap((doc) => readSource(doc.where, doc.text, maxChars).map((source) => ({ ...source, document: true as const })));
}

/** What the sender wrote: the subject and the body. */
function readSources(facts: MessageFacts, maxChars: number): Source[] {
  return [readSource('subject', facts.subject, maxChars), ...bodyTexts(facts).map((body) => readSource(body.where, body.text, maxChars))].flat();
}

/** A source with the rule literals found in it. */
type ScannedSource = Source & { found: ReadonlySet<string> };

function matchRule(rule: RedFlagRule, sources: ScannedSource[], profile: LoadedProfile | undefined): Evidence[] {
  const matchers = [rule.matcher, profile ? extraMatcher(profile, rule.code) : undefined].filter((m) => m !== undefined);
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const matcher of matchers) {
    for (const source of sources) {
      if (source.document && !rule.documents) continue;
      for (const span of findSpans(source.text, source.found, matcher, rule.negation, MAX_EVIDENCE)) {
        const key = span.text.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        evidence.push({ kind: 'text', value: span.text, where: source.where });
        if (evidence.length >= MAX_EVIDENCE) return evidence;
      }
    }
  }
  return evidence;
}

/** The brand whose never-does rules apply. In a mail, a brand named only in passing in the body
 *  is no claim; a pasted SMS has nothing but its body, so there the body counts. */
function claimedProfile(facts: MessageFacts, context: DetectorContext): LoadedProfile | undefined {
  if (!context.claim) return undefined;
  return facts.kind !== 'mail' || isStrongClaim(context.claim) ? context.claim.profile : undefined;
}

function ruleFindings(facts: MessageFacts, sources: Source[], context: DetectorContext): Finding[] {
  const profile = claimedProfile(facts, context);
  const hasLinks = facts.links.some((link) => CLICKABLE_SOURCES.has(link.source));
  const index = literalIndex(profile);
  const scanned = sources.map((source) => ({ ...source, found: index.find(source.text.key) }));
  const findings: Finding[] = [];
  for (const rule of redFlagRules()) {
    if (rule.requires.includes('links') && !hasLinks) continue;
    const evidence = matchRule(rule, scanned, profile);
    if (evidence.length === 0) continue;
    const phrases = evidence.map((e) => e.value);
    const params = { phrase: { ja: phrases.join('」「'), en: phrases.join('", "') }, brand: profile?.name ?? { ja: '', en: '' } };
    const neverApplies = rule.never && profile?.never.includes(rule.never.rule);
    findings.push(finding(contentCatalogue(), neverApplies ? rule.never!.code : rule.code, evidence, params));
  }
  return findings;
}

/** Hidden text is normal as one mail preheader; many fragments or a long hidden block is salting. */
function hiddenTextFindings(facts: MessageFacts): Finding[] {
  const fragments = facts.hiddenText.filter((h) => h.text.replace(/\s+/g, '').length >= 2);
  const total = fragments.reduce((sum, h) => sum + h.text.length, 0);
  if (fragments.length < 3 && total < 300) return [];
  const how = [...new Set(fragments.map((h) => h.how))].join(', ');
  const evidence: Evidence[] = fragments.slice(0, MAX_EVIDENCE).map((h) => ({ kind: 'text', value: h.text.slice(0, 120), where: `hidden (${h.how})` }));
  return [finding(STATIC, 'CONTENT_HIDDEN_TEXT', evidence, { how, count: fragments.length })];
}

/** A machine-made string at the end of the subject or sender name (`…pontos vao vencer1uimIP3YlmBD5`),
 *  or else a campaign tag closing both: one finding at most, the trick is the same. */
function randomTokenFindings(facts: MessageFacts): Finding[] {
  const places: [Bilingual, string | undefined][] = [
    [{ ja: '件名', en: 'subject' }, facts.subject],
    [{ ja: '差出人名', en: 'sender name' }, facts.from?.name],
  ];
  for (const [where, text] of places) {
    const token = /[A-Za-z0-9]{10,}$/.exec(text?.trim() ?? '')?.[0];
    if (!token) continue;
    const upper = token.match(/[A-Z]/g)?.length ?? 0;
    const lower = token.match(/[a-z]/g)?.length ?? 0;
    const digits = token.match(/\d/g)?.length ?? 0;
    const switches = token.split('').filter((ch, i) => i > 0 && charClass(ch) !== charClass(token[i - 1]!)).length;
    if (upper >= 3 && lower >= 3 && digits >= 1 && switches >= 6) {
      return [finding(STATIC, 'CONTENT_RANDOM_TOKEN', [{ kind: 'text', value: token, where: where.en }], { where, token })];
    }
  }
  return repeatedTagFindings(facts);
}

// A short tag stuck to a dot or set off by a wide gap at the end of the subject
// (`…energiekosten.NTWQ`, `…prijzen  HMWL`), in capitals or with its case jumbled (`..apAs`):
// a last word, an acronym too, follows one space.
const SUBJECT_TAG = /(?:\.|\s{2,})([A-Z]{4,6}|(?=[A-Za-z]*[a-z][A-Z])[A-Za-z]{4,6})\s*$/;

/** The same campaign tag closing both the subject and the sender name (`Energieadviseur .NTWQ`):
 *  a mass mailer stamps each batch so; repeated in both places it is no word of the text. */
function repeatedTagFindings(facts: MessageFacts): Finding[] {
  const tag = SUBJECT_TAG.exec(facts.subject)?.[1];
  if (!tag || !new RegExp(`[\\s.]${tag}\\s*$`).test(facts.from?.name ?? '')) return [];
  const where = { ja: '件名と差出人名', en: 'subject, like the sender name,' };
  return [finding(STATIC, 'CONTENT_RANDOM_TOKEN', [{ kind: 'text', value: facts.subject.trim(), where: 'subject' }, { kind: 'text', value: facts.from!.name.trim(), where: 'sender name' }], { where, token: tag })];
}

function charClass(ch: string): number {
  return /\d/.test(ch) ? 0 : ch === ch.toUpperCase() ? 1 : 2;
}

const disguisableWords = new WeakMap<LoadedProfile[], string[]>();

/** The katakana words a look-alike kanji must not hide: the rule file's and the brands' own names. */
function katakanaWordsFor(profiles: LoadedProfile[]): string[] {
  let words = disguisableWords.get(profiles);
  if (!words) {
    const names = profiles.flatMap((profile) => profile.aliases).filter((alias) => /^[\u30a1-\u30fa\u30fc]{2,}$/.test(alias));
    words = [...new Set([...katakanaWords(), ...names])];
    disguisableWords.set(profiles, words);
  }
  return words;
}

export const contentDetector: Detector = {
  name: 'content',
  appliesTo: ['mail', 'text'],
  detect(facts, context) {
    const maxChars = Math.min(context.limits.maxTextChars, MAX_SCAN);
    const sources = readSources(facts, maxChars);
    const said = ruleFindings(facts, [...sources, ...readDocuments(facts, maxChars)], context);
    // A brand the text claims already makes its links unofficial (links.ts).
    const story = isStrongClaim(context.claim) ? [] : (said.find((f) => f.code === 'CONTENT_DELIVERY_LURE')?.evidence ?? []);
    return [
      ...said,
      ...parcelNoticeLinks(facts, context.profiles, story),
      // The sender name too: look-alike letters there (THΑLES with a Greek Α) dress up who is writing.
      ...unnaturalJapanese([{ where: 'From', text: facts.from?.name ?? '' }, ...sources.map((s) => ({ where: s.where, text: s.text.original }))]),
      ...hiddenTextFindings(facts),
      ...randomTokenFindings(facts),
      ...disguisedLetters([
        { where: { ja: '差出人名', en: 'sender name' }, text: facts.from?.name ?? '' },
        ...sources.map((s) => ({ where: s.where === 'subject' ? { ja: '件名', en: 'subject' } : { ja: '本文', en: 'body' }, text: s.text.original })),
      ], katakanaWordsFor(context.profiles)),
    ];
  },
};
