// Text normalization shared by every matcher: phishers hide words with full-width letters,
// zero-width joiners, soft hyphens and look-alike letters, so we match on a folded form.
import { remove as removeConfusables } from 'confusables';

/** Zero-width and invisible formatting characters used to split words and URLs. */
export const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** NFKC (full-width → ASCII, half-width kana → full-width), invisible removed, lower-cased. */
export function fold(text: string): string {
  return stripInvisible(text.normalize('NFKC')).toLowerCase();
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

/** `latinSkeleton` for text that is already `fold`ed. */
export function skeletonOfFolded(folded: string): string {
  // The confusables table only maps non-ASCII characters; skip it on the common ASCII case.
  const s = /^[\x00-\x7f]*$/.test(folded) ? folded : removeConfusables(folded).toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const pair = PAIR_LOOKALIKE[ch + (s[i + 1] ?? '')];
    if (pair) {
      out += pair;
      i++;
    } else if (!SKELETON_SEPARATORS.has(ch)) out += ASCII_LOOKALIKE[ch] ?? ch;
  }
  return out;
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
