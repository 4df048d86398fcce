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

function longestConsonantRun(letters: string): number {
  let longest = 0;
  let run = 0;
  // By code point: a character outside the BMP is one consonant, not two.
  for (const ch of letters) {
    run = isVowel(ch.charCodeAt(0)) ? 0 : run + 1;
    if (run > longest) longest = run;
  }
  return longest;
}

function letterDigitSwitches(label: string): number {
  let switches = 0;
  for (let i = 1; i < label.length; i++) {
    if (isDigit(label.charCodeAt(i)) !== isDigit(label.charCodeAt(i - 1))) switches++;
  }
  return switches;
}

/** Letters and digits switching back and forth (`k7pg5t`, `d6df51pza9`); `bare` has no hyphens. */
function mixesLettersAndDigits(bare: string): boolean {
  const digits = digitCount(bare);
  return bare.length >= 6 && bare.length - digits >= 3 && digits >= 2 && letterDigitSwitches(bare) >= 3;
}

/** A word-like part of a label (labels are split at hyphens: `www-swiss`, `lucky-term-f2b2`). */
function wordReason(part: string): RandomReason | undefined {
  // Both reasons need six letters or more; most parts are shorter.
  if (part.length < 6) return undefined;
  const letters = digitCount(part) ? part.replace(/\d/g, '') : part;
  // Six consonants in a row: abbreviations and compounds ("msnbc", "freshrpms") stop at five.
  if (letters.length >= 6 && longestConsonantRun(letters) >= 6) return 'consonant-run';
  if (letters.length >= 8) {
    let vowels = 0;
    for (let i = 0; i < letters.length; i++) if (isVowel(letters.charCodeAt(i))) vowels++;
    if (vowels / letters.length < 0.15) return 'few-vowels';
  }
  return undefined;
}

/**
 * Why the label looks generated, or undefined when it looks like something a person named.
 * `registrable` is true for the name bought from the registry (not a subdomain), where an
 * all-digit name (`04180418.com`) is a throw-away too.
 */
export function randomness(label: string, registrable: boolean): RandomReason | undefined {
  // An internationalized label (`xn--d6df51pza9-h9a8p25b`, shown as `ðd6dfÿ51œpza9`) is judged
  // as the reader sees it, and only by the digit/letter rule: it holds in any script, while the
  // vowel rules would call every Japanese or Chinese name random.
  if (label.startsWith('xn--')) return mixesLettersAndDigits(domainToUnicode(label).replace(/-/g, '')) ? 'letters-and-digits' : undefined;
  if (CONVENTIONAL.test(label)) return undefined;
  const bare = label.includes('-') ? label.replace(/-/g, '') : label;
  const digits = digitCount(bare);
  const letters = bare.length - digits;
  if (registrable && digits >= 6 && letters === 0) return 'digits';
  if (bare.length >= 8 && /^[0-9a-f]+$/.test(bare) && digits >= 2 && letters >= 2) return 'hex';
  if (mixesLettersAndDigits(bare)) return 'letters-and-digits';
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
