// Loads brand profiles: the built-in ones shipped as data in `brands/`, plus files given with
// `--profile`. A later profile with the same id replaces the earlier one, so an operator can
// override a built-in brand without forking it.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { fold } from '../text/normalize.ts';
import { describeProfileIssues, profileSchema, type Profile } from './schema.ts';

const BUILTIN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'brands');

export class ProfileError extends Error {
  override name = 'ProfileError';
}

/** A profile plus where it came from, so relative trust-anchor paths can be resolved. */
export type LoadedProfile = Profile & { source: string };

export function parseProfile(text: string, source: string): LoadedProfile {
  let data: unknown;
  try {
    data = parseYaml(text); // YAML is a superset of JSON, so .json files load here too.
  } catch (error) {
    throw new ProfileError(`${source}: not valid YAML/JSON: ${(error as Error).message}`);
  }
  const result = profileSchema.safeParse(data);
  if (!result.success) throw new ProfileError(`${source}: invalid profile: ${describeProfileIssues(result.error)}`);
  return completeProfile(result.data, resolve(source));
}

/** Every key of a profile present, an absent optional one as undefined. */
type Complete<T> = { [K in keyof Required<T>]: T[K] };

/** The profile with every key in one order, optional ones undefined where absent: zod leaves them
 *  out, which gave the built-in profiles three object shapes, and the URL checks that read
 *  `profile.id` and `profile.name` of any brand ran polymorphic. One literal, one shape. */
function completeProfile(profile: Profile, source: string): LoadedProfile {
  const complete: Complete<LoadedProfile> = {
    id: profile.id,
    name: profile.name,
    company: profile.company,
    aliases: profile.aliases,
    hostTokens: profile.hostTokens,
    hostTokenExceptions: profile.hostTokenExceptions,
    hostLabels: profile.hostLabels,
    tagNames: profile.tagNames.map(fold),
    officialDomains: profile.officialDomains,
    officialHosts: profile.officialHosts,
    dataEntryHosts: profile.dataEntryHosts,
    loginUrl: profile.loginUrl,
    sendingDomains: profile.sendingDomains,
    relatedDomains: profile.relatedDomains,
    namesakes: profile.namesakes,
    smime: profile.smime,
    phones: profile.phones,
    never: profile.never,
    otherServiceNames: profile.otherServiceNames,
    postalAddresses: profile.postalAddresses,
    phrases: profile.phrases,
    advice: profile.advice,
    officialLinks: profile.officialLinks,
    source,
  };
  return complete;
}

export function loadProfileFile(path: string): LoadedProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProfileError(`${path}: cannot read profile: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseProfile(text, path);
}

let builtins: LoadedProfile[] | undefined;

/** The profiles shipped with kakunin; MI Card first, as the embedded default. */
export function builtinProfiles(): LoadedProfile[] {
  builtins ??= readdirSync(BUILTIN_DIR)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort((a, b) => (a.startsWith('micard.') ? -1 : b.startsWith('micard.') ? 1 : a.localeCompare(b)))
    .map((name) => loadProfileFile(join(BUILTIN_DIR, name)));
  return builtins;
}

/** Built-ins overlaid with extra profile files: same id replaces, new id adds. */
export function loadProfiles(extraFiles: string[] = []): LoadedProfile[] {
  const byId = new Map(builtinProfiles().map((profile) => [profile.id, profile]));
  for (const file of extraFiles) {
    const profile = loadProfileFile(file);
    byId.set(profile.id, profile);
  }
  return [...byId.values()];
}
