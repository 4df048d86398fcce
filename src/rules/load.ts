// Loads the rule files beside this module: phrase lists (red-flags.yaml), URL reputation data
// (url-reputation.yaml), attachment name lists (attachments.yaml) and the brands lures wear that
// have no full profile (known-brands.yaml). They are data so that
// they can be reviewed and extended without touching detectors; zod rejects a broken file at
// load time with the offending path, and every pattern is compiled once here.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { profileSchema } from '../profile/schema.ts';
import { escapeRegExp } from '../text/regexp.ts';
import { compileAlternatives, type PhraseMatcher } from './match.ts';

const RULES_DIR = new URL('./', import.meta.url);

/** A JavaScript regular expression source that compiles in the matching key space. */
const pattern = z.string().min(1).refine((source) => {
  try {
    compileAlternatives([source]);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const bilingual = z.object({ ja: z.string().min(1), en: z.string().min(1) }).strict();
const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'finding codes are UPPER_SNAKE_CASE');
const severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
/** The never-does items a profile may list (`never:` in src/profile/schema.ts). */
const neverItem = profileSchema.shape.never.unwrap().element;

const redFlagRule = z
  .object({
    code,
    category: z.string().min(1),
    severity,
    message: bilingual,
    ja: z.array(pattern).default([]),
    en: z.array(pattern).default([]),
    /** Other languages phishing arrives in (German, Portuguese, French, Spanish …). */
    other: z.array(pattern).default([]),
    unless: z.array(pattern).default([]),
    requires: z.array(z.enum(['links'])).default([]),
    /** Whether the rule also reads attached documents (PDF text); not for rules that match what
     *  real statements and letters print as field labels or letterheads. */
    documents: z.boolean().default(true),
    never: z.object({ rule: neverItem, code, message: bilingual }).strict().optional(),
  })
  .strict();

const redFlagFile = z
  .object({
    negations: z.object({ ja: z.array(pattern).default([]), en: z.array(pattern).default([]), other: z.array(pattern).default([]) }).strict(),
    /** Katakana words that phishing writes with look-alike kanji (ア力ウント, メ一ル). */
    katakanaWords: z
      .array(z.string().regex(/^[\u30a1-\u30fa\u30fc]{2,}$/, 'a katakana word').regex(/[カロエタトニハオー]/, 'a word with a letter a kanji can stand for'))
      .default([]),
    rules: z.array(redFlagRule).min(1),
  })
  .strict();

const hostList = z.array(z.string().regex(/^[a-z0-9.-]+$/, 'lower-case host or suffix'));

const urlReputationFile = z
  .object({
    abusedSuffixes: hostList,
    riskySuffixes: hostList,
    dynamicDns: hostList,
    freeHosting: hostList,
    pathHosting: hostList,
    bucketHosting: z.array(z.string().regex(/^[a-z0-9*.-]+$/, 'lower-case zone, * for any letters of one label')),
    pageHosting: hostList,
    proxies: hostList,
    imageSharing: hostList,
    kitPaths: z.array(pattern),
    sensitiveWords: z.array(z.string().regex(/^[a-z0-9-]+$/)),
    loginWords: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
    accountWords: z.array(z.string().regex(/^[a-z0-9-]+$/)),
    vettedSuffixes: hostList,
    serverLabels: hostList,
    carrierSites: hostList,
  })
  .strict();

const extensionList = z.array(z.string().regex(/^[a-z0-9-]+$/, 'lower-case extension without the dot'));

const attachmentFile = z
  .object({
    executable: extensionList,
    diskImage: extensionList,
    archive: extensionList,
    office: extensionList,
    decoy: extensionList,
    linkCarrier: extensionList,
  })
  .strict();

const knownBrandsFile = z
  .object({
    brands: z.array(
      z
        .object({
          names: z.array(z.string().min(1)).default([]),
          wholeNames: z.array(z.string().min(1)).default([]),
          domainWords: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
        })
        .strict()
        .refine((brand) => brand.names.length + brand.wholeNames.length > 0, { message: 'a brand needs names or wholeNames' }),
    ),
  })
  .strict();

export type KnownBrand = z.infer<typeof knownBrandsFile>['brands'][number];

export type RedFlagRule = z.infer<typeof redFlagRule> & {
  /** All patterns, every language, as one matcher. */
  matcher: PhraseMatcher | undefined;
  /** File-wide negations plus the rule's own. */
  negation: PhraseMatcher | undefined;
};

type UrlReputationFile = z.infer<typeof urlReputationFile>;
/** Host lists as sets (looked up for every link), kit paths compiled, trust words longest first. */
export type UrlReputationRules = { [K in Exclude<keyof UrlReputationFile, 'kitPaths' | 'sensitiveWords' | 'loginWords' | 'accountWords' | 'bucketHosting'>]: Set<string> } & {
  kitPaths: RegExp[];
  /** Every bucket zone, `*` filled in; asked only of hosts that end in the last two labels of
   *  one (`bucketTails`, `.amazonaws.com`), so that other hosts skip the expression. */
  bucketZones: RegExp;
  bucketTails: string[];
  sensitiveWords: string[];
  /** Every login word in one expression (words are [a-z0-9-], nothing to escape). */
  loginWords: RegExp;
  /** The login and account words without hyphens, five letters or more: long enough to be
   *  misspelt on purpose. */
  misspellableWords: string[];
};
export type AttachmentRules = { [K in keyof z.infer<typeof attachmentFile>]: Set<string> };

function readRuleFile<T>(name: string, schema: z.ZodType<T>): T {
  const url = new URL(name, RULES_DIR);
  const result = schema.safeParse(parseYaml(readFileSync(url, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`src/rules/${name}: ${problems.join('; ')}`);
  }
  return result.data;
}

let redFlagData: z.infer<typeof redFlagFile> | undefined;
let redFlags: RedFlagRule[] | undefined;
let urlReputation: UrlReputationRules | undefined;
let attachments: AttachmentRules | undefined;
let knownBrandList: KnownBrand[] | undefined;

function redFlagFileData(): z.infer<typeof redFlagFile> {
  return (redFlagData ??= readRuleFile('red-flags.yaml', redFlagFile));
}

export function redFlagRules(): RedFlagRule[] {
  if (!redFlags) {
    const file = redFlagFileData();
    const shared = [...file.negations.ja, ...file.negations.en, ...file.negations.other];
    redFlags = file.rules.map((rule) => ({
      ...rule,
      matcher: compileAlternatives([...rule.ja, ...rule.en, ...rule.other]),
      negation: compileAlternatives([...shared, ...rule.unless]),
    }));
    const codes = redFlags.flatMap((rule) => [rule.code, ...(rule.never ? [rule.never.code] : [])]);
    const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
    if (duplicate) throw new Error(`src/rules/red-flags.yaml: code ${duplicate} is used twice`);
  }
  return redFlags;
}

/** The katakana words of red-flags.yaml that look-alike kanji must not hide. */
export function katakanaWords(): string[] {
  return redFlagFileData().katakanaWords;
}

export function urlReputationRules(): UrlReputationRules {
  if (!urlReputation) {
    const file = readRuleFile('url-reputation.yaml', urlReputationFile);
    urlReputation = {
      abusedSuffixes: new Set(file.abusedSuffixes),
      riskySuffixes: new Set(file.riskySuffixes),
      dynamicDns: new Set(file.dynamicDns),
      freeHosting: new Set(file.freeHosting),
      pathHosting: new Set(file.pathHosting),
      bucketZones: new RegExp(`^(?:${file.bucketHosting.map((zone) => escapeRegExp(zone).replaceAll('\\*', '[a-z0-9-]+')).join('|')})$`),
      bucketTails: [...new Set(file.bucketHosting.map((zone) => `.${zone.split('.').slice(-2).join('.')}`))],
      pageHosting: new Set(file.pageHosting),
      proxies: new Set(file.proxies),
      imageSharing: new Set(file.imageSharing),
      kitPaths: file.kitPaths.map((source) => new RegExp(source, 'i')),
      sensitiveWords: [...file.sensitiveWords].sort((a, b) => b.length - a.length),
      vettedSuffixes: new Set(file.vettedSuffixes),
      serverLabels: new Set(file.serverLabels),
      carrierSites: new Set(file.carrierSites),
      loginWords: new RegExp(file.loginWords.join('|')),
      misspellableWords: [...file.loginWords, ...file.accountWords].filter((word) => word.length >= 5 && !word.includes('-')),
    };
  }
  return urlReputation;
}

export function attachmentRules(): AttachmentRules {
  if (!attachments) {
    const file = readRuleFile('attachments.yaml', attachmentFile);
    attachments = Object.fromEntries(Object.entries(file).map(([key, list]) => [key, new Set(list)])) as AttachmentRules;
  }
  return attachments;
}

export function knownBrands(): KnownBrand[] {
  knownBrandList ??= readRuleFile('known-brands.yaml', knownBrandsFile).brands;
  return knownBrandList;
}
