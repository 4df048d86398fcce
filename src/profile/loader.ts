// Loads brand profiles: the built-in ones shipped as data in `brands/`, plus files given with
// `--profile`. A later profile with the same id replaces the earlier one, so an operator can
// override a built-in brand without forking it.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
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
  return { ...result.data, source: resolve(source) };
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
