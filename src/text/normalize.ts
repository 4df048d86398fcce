// Text normalization shared by every matcher: phishers hide words with full-width letters,
// zero-width joiners, soft hyphens and look-alike letters, so we match on a folded form.
import { remove as removeConfusables } from 'confusables';

/** Zero-width and invisible formatting characters used to split words and URLs. */
export const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** NFKC (full-width → ASCII, half-width kana → full-width) with the invisible characters removed.
 *  Printable ASCII, which neither changes, skips both: it is nearly every URL and host. */
export function visibleNfkc(text: string): string {
  return PRINTABLE_ASCII.test(text) ? text : stripInvisible(text.normalize('NFKC'));
}

/** NFKC, invisible removed, lower-cased. */
export function fold(text: string): string {
  return visibleNfkc(text).toLowerCase();
}

/** Cyrillic and Greek: the scripts whose letters pass for Latin ones (е, о, р, ο …). */
export const LOOKALIKE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LETTERS = /[\p{L}\p{M}]+/gu;

/**
 * Where Cyrillic and Greek letters stand inside a Latin word (`Kееріng уоur`: е, е, р, і, у, о),
 * each with the Latin letter a reader takes it for. Words of one script are left alone: Russian
 * and Greek text is not disguised, only a word that mixes both. Undefined when there is none.
 */
export function latinLookalikes(text: string): Map<number, string> | undefined {
  if (!LOOKALIKE_SCRIPT.test(text)) return undefined;
  let found: Map<number, string> | undefined;
  for (const match of text.matchAll(LETTERS)) {
    const word = match[0];
    if (!/[A-Za-z]/.test(word) || !LOOKALIKE_SCRIPT.test(word)) continue;
    for (let i = 0; i < word.length; i++) {
      const letter = word[i]!;
      if (!LOOKALIKE_SCRIPT.test(letter)) continue;
      const latin = removeConfusables(letter);
      if (/^[A-Za-z]$/.test(latin)) (found ??= new Map()).set(match.index + i, latin);
    }
  }
  return found;
}

// Latin letters and digits that pass for others in a brand name. Unicode's confusables data
// (via the `confusables` package) covers other scripts (Cyrillic і, Greek ο …); these ASCII
// pairs are what a phisher types on a normal keyboard ("MlCARD", "m1card", "rnicard"), which
// no confusables table folds because they are distinct letters. One pass over the string:
// skeletons are computed for many words per message.
const ASCII_LOOKALIKE: Record<string, string> = { l: 'i', '1': 'i', '|': 'i', '!': 'i', '0': 'o', '5': 's', $: 's', '@': 'a' };
const PAIR_LOOKALIKE: Record<string, string> = { rn: 'm', vv: 'w' };
const SKELETON_SEPARATORS = new Set([' ', '\t', '\n', '\r', '-', '_', '.', '・', '･', '\u3000']);

/**
 * The skeleton of a Latin string: confusables mapped to ASCII, ASCII look-alikes folded,
 * separators dropped. Two strings with the same skeleton look the same to a reader.
 * Only for Latin/ASCII text: the confusables table maps some kana to Latin letters.
 */
export function latinSkeleton(text: string): string {
  return skeletonOfFolded(fold(text));
}

/** What each ASCII character becomes in a skeleton: a look-alike's letter, '' for a separator,
 *  undefined when it stays as it is. A table by character code: skeletons run for every host. */
const ASCII_SKELETON: (string | undefined)[] = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return SKELETON_SEPARATORS.has(ch) ? '' : ASCII_LOOKALIKE[ch];
});
/** Codes of the first characters of look-alike pairs ("r" of "rn"): only these need the pair table. */
const PAIR_STARTS = new Set(Object.keys(PAIR_LOOKALIKE).map((pair) => pair.charCodeAt(0)));

/** `latinSkeleton` for text that is already `fold`ed. */
export function skeletonOfFolded(folded: string): string {
  // The confusables table only maps non-ASCII characters; skip it on the common ASCII case.
  const s = /^[\x00-\x7f]*$/.test(folded) ? folded : removeConfusables(folded).toLowerCase();
  // The skeleton is built only from the first character that changes: many labels have none.
  let out: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const pair = PAIR_STARTS.has(code) ? PAIR_LOOKALIKE[s.slice(i, i + 2)] : undefined;
    const replacement = pair ?? (code < 128 ? ASCII_SKELETON[code] : SKELETON_SEPARATORS.has(s[i]!) ? '' : undefined);
    if (replacement === undefined) {
      if (out !== undefined) out += s[i]!;
      continue;
    }
    out = (out ?? s.slice(0, i)) + replacement;
    if (pair) i++;
  }
  return out ?? s;
}

/** The first letter of `skeletonOfFolded(folded)`, for ASCII text, without building the skeleton. */
export function skeletonInitial(folded: string): string | undefined {
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    if (SKELETON_SEPARATORS.has(ch)) continue;
    return PAIR_LOOKALIKE[ch + (folded[i + 1] ?? '')] ?? ASCII_LOOKALIKE[ch] ?? ch;
  }
  return undefined;
}
