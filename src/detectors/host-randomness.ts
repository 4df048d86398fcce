// Does a host label look machine-made (`xkhltqox51xj2`, `rypprjn`, `8kkz9hlh`)? Phishing
// campaigns register and burn hundreds of such names a day; people name sites with words,
// initials or romaji, which have vowels, few digit/letter switches and short consonant runs.
// These are plain rules rather than a trained model so that each hit can be explained.
import { domainToUnicode } from 'node:url';
import { firstOfPieces } from '../text/parts.ts';

export type RandomReason = 'consonant-run' | 'few-vowels' | 'letters-and-digits' | 'hex' | 'digits';

// "y" counts as a consonant: DGA names are full of it (`qybdwq`), English names rarely need it as a vowel.
// Every host label of every link goes through here, so characters are compared by code, not by regex.
function isVowel(code: number): boolean {
  return code === 97 || code === 101 || code === 105 || code === 111 || code === 117;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Labels that are conventional and never "random" however they look. */
const CONVENTIONAL = /^(www\d*|m|mail|smtp|imap|pop3?|mx\d*|ns\d*|cdn\d*|img\d*|static\d*|api|app|web|ftp|vpn|dev|test|s3|us|eu|jp)$/;

function digitCount(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) digits++;
  return digits;
}

function letterDigitSwitches(label: string): number {
  let switches = 0;
  for (let i = 1; i < label.length; i++) {
    if (isDigit(label.charCodeAt(i)) !== isDigit(label.charCodeAt(i - 1))) switches++;
  }
  return switches;
}

/** Letters and digits switching back and forth (`k7pg5t`, `d6df51pza9`); `bare` has no hyphens. */
function mixesLettersAndDigits(bare: string, digits = digitCount(bare)): boolean {
  return bare.length >= 6 && bare.length - digits >= 3 && digits >= 2 && letterDigitSwitches(bare) >= 3;
}

/** A word-like part of a label (labels are split at hyphens: `www-swiss`, `lucky-term-f2b2`),
 *  judged by its letters: the part with its digits taken out. */
function wordReason(part: string): RandomReason | undefined {
  // Both reasons need six letters or more; most parts are shorter.
  if (part.length < 6) return undefined;
  // One pass over the part, skipping digits, instead of a copy without them and a walk by code
  // point over it. A character outside the BMP (two code units, also when only a digit stood
  // between them) is one consonant in the run, and two units in the letter count.
  let letters = 0;
  let vowels = 0;
  let run = 0;
  let longestRun = 0;
  let openSurrogate = false;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    if (isDigit(code)) continue;
    letters++;
    if (openSurrogate && code >= 0xdc00 && code <= 0xdfff) {
      openSurrogate = false;
      continue;
    }
    openSurrogate = code >= 0xd800 && code <= 0xdbff;
    if (isVowel(code)) {
      vowels++;
      run = 0;
    } else if (++run > longestRun) longestRun = run;
  }
  // Six consonants in a row: abbreviations and compounds ("msnbc", "freshrpms") stop at five.
  if (letters >= 6 && longestRun >= 6) return 'consonant-run';
  if (letters >= 8 && vowels / letters < 0.15) return 'few-vowels';
  return undefined;
}

// Latin letters that carry no combining mark to strip, spelled as their usual ASCII transliteration.
const LATIN_LETTERS: Record<string, string> = { æ: 'ae', œ: 'oe', ø: 'o', ð: 'd', þ: 'th', ß: 'ss', ı: 'i', ł: 'l', đ: 'd', ŋ: 'n' };

/** The label in plain ASCII letters when it is written in Latin script (`crème` → `creme`), else undefined. */
function foldLatin(shown: string): string | undefined {
  const folded = shown
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[æœøðþßıłđŋ]/g, (letter) => LATIN_LETTERS[letter]!);
  return /^[a-z0-9-]+$/.test(folded) ? folded : undefined;
}

/**
 * Why the label looks generated, or undefined when it looks like something a person named.
 * `registrable` is true for the name bought from the registry (not a subdomain), where an
 * all-digit name (`04180418.com`) is a throw-away too.
 */
export function randomness(label: string, registrable: boolean): RandomReason | undefined {
  // An internationalized label (`xn--d6df51pza9-h9a8p25b`, shown as `ðd6dfÿ51œpza9`) is judged
  // as the reader sees it. In Latin letters (`ðmpsÿqxœrdfv`, `bücher`) it is folded to ASCII and
  // judged like any ASCII label; in other scripts only by the digit/letter rule, which holds in
  // any script, while the vowel rules would call every Japanese or Chinese name random.
  if (label.startsWith('xn--')) {
    const shown = domainToUnicode(label);
    const folded = foldLatin(shown);
    // A label that does not decode stays as written, `xn--` and all: only the digit rule then.
    if (!folded || folded.startsWith('xn--')) return mixesLettersAndDigits(shown.replace(/-/g, '')) ? 'letters-and-digits' : undefined;
    label = folded;
  }
  // Every rule below needs six characters or more (in the label without hyphens, or in one
  // hyphenated part): shorter labels, two in five, are named by people and skip the pattern test.
  if (label.length < 6 || CONVENTIONAL.test(label)) return undefined;
  const bare = label.includes('-') ? label.replace(/-/g, '') : label;
  const digits = digitCount(bare);
  const letters = bare.length - digits;
  if (registrable && digits >= 6 && letters === 0) return 'digits';
  if (bare.length >= 8 && digits >= 2 && letters >= 2 && /^[0-9a-f]+$/.test(bare)) return 'hex';
  if (mixesLettersAndDigits(bare, digits)) return 'letters-and-digits';
  return firstOfPieces(label, '-', wordReason);
}

/**
 * A mailbox name whose case jumps about like a machine's (`EzQsSbX`, `odDwPvUZy`, `renewTnkYN`):
 * at least two lower-to-upper switches that leave two or more one- or two-letter pieces. Names
 * people write in camel case (`JohnMcDonald`, `iPhoneSupport`) have longer pieces, and capitals
 * alone (`INFO`, `JOHNsmith`) switch from lower to upper case nowhere.
 */
export function jumbledCase(name: string): boolean {
  if (!/^[A-Za-z]{5,20}$/.test(name)) return false;
  const lowerToUpper = name.match(/[a-z](?=[A-Z])/g)?.length ?? 0;
  if (lowerToUpper < 2) return false;
  const pieces = name.match(/[A-Z]?[a-z]*/g)!.filter(Boolean);
  return pieces.filter((piece) => piece.length <= 2).length >= 2;
}
