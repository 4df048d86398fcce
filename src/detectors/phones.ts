// Phone numbers in the message. Phishers who cannot use a fake site use a fake call centre:
// a mail that claims a brand and gives a number the brand does not list (the profile's
// `phones`) sends the member to the phisher. The official numbers are named in the finding so
// the member knows which to call instead. "Call us if you did not make this purchase" around
// any number is the callback scam, whatever the brand. A number counts where it is written
// (full-width or kanji digits too) and where a `tel:` link dials it: a link can show the
// brand's number and dial the phisher's.
import { bodyTexts, type Link, type MessageFacts } from '../message/facts.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { fold } from '../text/normalize.ts';
import { finding, type Catalogue, type Evidence, type Finding } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';
import { isStrongClaim } from '../brand/claim.ts';

type Code = 'PHONE_NOT_OFFICIAL' | 'PHONE_OFFICIAL' | 'PHONE_FOREIGN' | 'PHONE_CALLBACK_LURE' | 'PHONE_LINK_MISMATCH';

const CATALOGUE: Catalogue<Code> = {
  PHONE_NOT_OFFICIAL: {
    severity: 'medium',
    ja: '{brand}を名乗っていますが、電話番号 {number} は{brand}の公式の番号ではありません。公式の番号：{official}',
    en: 'The message claims to be from {brand}, but {number} is not an official {brand} number. Official numbers: {official}',
  },
  PHONE_OFFICIAL: {
    severity: 'info',
    ja: '電話番号 {number} は{brand}の公式の番号（{label}）です。',
    en: '{number} is an official {brand} number ({label}).',
  },
  PHONE_FOREIGN: {
    severity: 'medium',
    ja: '日本の{brand}を名乗っていますが、海外の電話番号 {number} が書かれています。',
    en: 'The message claims to be from {brand} in Japan but gives a foreign number, {number}.',
  },
  PHONE_CALLBACK_LURE: {
    severity: 'high',
    ja: '身に覚えのない請求、電話での本人確認、「24時間以内に」といった期限を理由に、電話番号 {number} へ電話させようとしています（電話をかけさせる詐欺の手口）。',
    en: 'The message pushes you to call {number} about a charge you did not make, to prove who you are, or before a deadline: the callback-scam pattern.',
  },
  PHONE_LINK_MISMATCH: {
    severity: 'high',
    ja: '表示されている電話番号は {shown} ですが、タップすると別の番号 {dialed} に電話がかかります。',
    en: 'The number shown is {shown}, but tapping it dials another number, {dialed}.',
  },
};

export type PhoneNumber = {
  /** As written in the message. */
  raw: string;
  /** Digits only, Japanese numbers in domestic form (0…), others with their country code (+…). */
  normalized: string;
  international: boolean;
  index: number;
  /** Where it was found, for evidence: the text unless said otherwise. */
  where?: string;
};

// Dashes and brackets people put between digit groups; NFKC leaves most dashes alone.
const SEPARATOR = String.raw`[\s\-‐‑‒–—―−ー－ｰ.・()（）]`;
// Japanese: 0 + 9 or 10 digits in groups (03-1234-5678, 0120-123-456, 090-1234-5678, 0570-05-2211).
const JAPANESE = new RegExp(String.raw`(?<![\d+])0\d{1,4}${SEPARATOR}{0,2}\d{1,4}${SEPARATOR}{0,2}\d{3,4}(?!\d)`, 'g');
// International: + country code and groups (+81 3 1234 5678, +1 (808) 555-0123).
const INTERNATIONAL = new RegExp(String.raw`\+\d{1,3}(?:${SEPARATOR}{0,2}\d{1,5}){2,5}(?!\d)`, 'g');
// North American toll-free and local numbers as callback scams write them: 1-888-555-0123, (808) 555-0123.
const NORTH_AMERICAN = new RegExp(String.raw`(?<![\d+])(?:1${SEPARATOR}{0,2})?\(?[2-9]\d{2}\)?${SEPARATOR}{1,2}\d{3}${SEPARATOR}{1,2}\d{4}(?!\d)`, 'g');

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

function plausibleJapanese(number: string): boolean {
  if (number.length === 10) return !/^0[5789]0/.test(number) || number.startsWith('0570') || number.startsWith('050');
  if (number.length === 11) return /^0[5789]0/.test(number) || number.startsWith('0800');
  return false;
}

/** Canonical form: +81 numbers become domestic, so `+81-570-05-2211` equals `0570-05-2211`. */
export function normalizePhone(text: string): string {
  const d = digits(fold(text));
  if (text.trim().startsWith('+')) return d.startsWith('81') ? `0${d.slice(2)}` : `+${d}`;
  return d;
}

/** Text scanned for numbers: contact numbers sit near the top or in the footer of a real
 *  message; past this a mail is padding, and cost must stay bounded on hostile input. */
const PHONE_SCAN_CHARS = 300_000;
/** Numbers judged per message: a mail listing thousands is not a contact notice. */
const MAX_PHONES = 200;

// Numbers written in kanji digits (〇一二〇・八二八・二二〇): a run long enough to be a phone number,
// so that dates and amounts (二〇二六年, 三千円) stay words. One character each way keeps offsets.
const KANJI_DIGITS = '〇一二三四五六七八九';
const KANJI_DIGIT = new RegExp(`[${KANJI_DIGITS}]`, 'g');
const KANJI_NUMBER_RUN = new RegExp(String.raw`[${KANJI_DIGITS}](?:${SEPARATOR}{0,2}[${KANJI_DIGITS}]){8,14}`, 'g');

function withArabicDigits(text: string): string {
  return text.replace(KANJI_NUMBER_RUN, (run) => run.replace(KANJI_DIGIT, (digit) => String(KANJI_DIGITS.indexOf(digit))));
}

/** Every phone number in the text (full-width and kanji digits, odd dashes included). */
export function findPhones(text: string): PhoneNumber[] {
  const shown = fold(text.slice(0, PHONE_SCAN_CHARS));
  const folded = withArabicDigits(shown);
  const found: PhoneNumber[] = [];
  // One flag per character, so overlap checks stay linear however many numbers there are.
  const taken = new Uint8Array(folded.length + 1);
  const add = (raw: string, index: number, normalized: string, international: boolean) => {
    if (found.length >= MAX_PHONES || taken[index] || taken[index + raw.length - 1]) return;
    taken.fill(1, index, index + raw.length);
    found.push({ raw: shown.slice(index, index + raw.length).trim(), normalized, international, index });
  };
  for (const m of folded.matchAll(INTERNATIONAL)) {
    const normalized = normalizePhone(m[0]);
    const length = digits(m[0]).length;
    if (length >= 9 && length <= 15) add(m[0], m.index, normalized, !normalized.startsWith('0'));
  }
  for (const m of folded.matchAll(JAPANESE)) {
    const normalized = digits(m[0]);
    // Without separators a 10-digit run is as likely an order or member number.
    if (plausibleJapanese(normalized) && /\D/.test(m[0])) add(m[0], m.index, normalized, false);
  }
  for (const m of folded.matchAll(NORTH_AMERICAN)) {
    const d = digits(m[0]);
    add(m[0], m.index, `+${d.length === 10 ? `1${d}` : d}`, true);
  }
  return found.sort((a, b) => a.index - b.index);
}

// The member asked to call ("お電話ください"), not told that the company may call them ("お電話いたします").
const ASKED_TO_CALL = String.raw`(お電話|ご連絡|折り返し)[^。\n]{0,8}(ください|下さい|お願いします|お願いいたします)`;

// What a callback scam says near its number: a charge the member did not make, an identity check
// done by calling back, or a deadline to call by. Shops also say "to cancel, call …", so a plain
// cancel/refund is not enough: the member has to be told the charge is not theirs, be asked to
// prove who they are on the phone, or be rushed ("call us within 24 hours"), which no shop does.
const CALLBACK_REASON = new RegExp(
  [
    String.raw`\b((did|do|does)(n't| not) (believe (that )?you )?(authori[sz]e|recogni[sz]e|make|initiate|place|request|order(ed)?|purchase(d)?)|unauthori[sz]ed (charge|transaction|purchase|payment|order)|if (this|it) (was|wasn't|is|isn't) (not )?(you|yours))\b`,
    String.raw`(身に覚え|心当たり)(の|が)(ない|ありません|ございません)`,
    String.raw`\b(call|phone|contact) (us |our [a-z ]{1,30})?(back )?within \d{1,2} ?(hours|hrs)\b`,
    String.raw`\d{1,2}時間以内に[^。\n]{0,20}${ASKED_TO_CALL}`,
    String.raw`\b(call|calling|phone) [^.\n]{0,40}to (verify|confirm) your (identity|account)\b|\b(verify|confirm) your (identity|account) by (calling|phone)\b`,
    String.raw`(ご?本人(様)?確認|ご利用確認)の(ため|ために)[^。\n]{0,30}${ASKED_TO_CALL}`,
  ].join('|'),
  'gi',
);
const CALL = /\b(call|dial|phone|helpline|toll[- ]free|hotline|contact\s+(us|our|the|customer|support))\b|(お電話|電話|ご連絡)/i;
const NEAR = 300;

/** The callback reason that a number stands next to, with a call to action in between.
 *  `phrases` are all CALLBACK_REASON matches in text order, found once per message. */
function callbackContext(text: string, phrases: RegExpMatchArray[], phone: PhoneNumber): string | undefined {
  for (const m of phrases) {
    if (m.index! > phone.index + NEAR) break;
    const from = Math.min(m.index!, phone.index);
    const to = Math.max(m.index! + m[0].length, phone.index);
    if (to - from > NEAR) continue;
    if (CALL.test(text.slice(Math.max(0, from - 80), to + 40))) return m[0];
  }
  return undefined;
}

const DIAL_SCHEME = /^(?:tel|callto):/i;

/** The number a `tel:` link dials, whatever its text shows. */
function dialedNumber(raw: string): PhoneNumber | undefined {
  let number = raw.replace(DIAL_SCHEME, '').split(/[;?]/)[0]!;
  try {
    number = decodeURIComponent(number);
  } catch {
    // A malformed escape: the number as written.
  }
  const normalized = normalizePhone(number);
  const length = normalized.replace('+', '').length;
  if (length < 5 || length > 15) return undefined;
  return { raw: number.trim(), normalized, international: normalized.startsWith('+'), index: -1, where: 'tel link' };
}

type DialLink = { dialed: PhoneNumber; link: Link };

function dialLinks(facts: MessageFacts): DialLink[] {
  return facts.links.flatMap((link) => {
    const dialed = DIAL_SCHEME.test(link.raw) ? dialedNumber(link.raw) : undefined;
    return dialed ? [{ dialed, link }] : [];
  });
}

/** A link that shows one number and dials another: the member reads the brand's number and reaches the phisher's. */
function mismatchFindings(links: DialLink[]): Finding[] {
  return links.flatMap(({ dialed, link }) => {
    const shown = findPhones(link.text ?? '');
    if (shown.length === 0 || shown.some((phone) => phone.normalized === dialed.normalized)) return [];
    const evidence: Evidence[] = [
      { kind: 'phone', value: shown[0]!.raw, where: 'link text' },
      { kind: 'link', value: link.raw, where: link.where },
    ];
    return [finding(CATALOGUE, 'PHONE_LINK_MISMATCH', evidence, { shown: shown[0]!.raw, dialed: dialed.raw })];
  });
}

function messageText(facts: MessageFacts): string {
  return [facts.subject, ...bodyTexts(facts).map((body) => body.text)].filter(Boolean).join('\n');
}

function officialList(profile: LoadedProfile): string {
  return profile.phones.map((p) => `${p.number}（${p.label.ja}）`).join('、');
}

function officialListEn(profile: LoadedProfile): string {
  return profile.phones.map((p) => `${p.number} (${p.label.en})`).join(', ');
}

function brandFindings(phones: PhoneNumber[], profile: LoadedProfile): Finding[] {
  const official = new Map(profile.phones.map((p) => [normalizePhone(p.number), p]));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const phone of phones) {
    if (seen.has(phone.normalized)) continue;
    seen.add(phone.normalized);
    const evidence: Evidence[] = [{ kind: 'phone', value: phone.raw, where: phone.where ?? 'text' }];
    const match = official.get(phone.normalized);
    if (match) {
      findings.push(finding(CATALOGUE, 'PHONE_OFFICIAL', evidence, { number: phone.raw, brand: profile.name, label: match.label }));
    } else if (phone.international && profile.officialDomains.some((d) => d.endsWith('.jp'))) {
      findings.push(finding(CATALOGUE, 'PHONE_FOREIGN', evidence, { number: phone.raw, brand: profile.name }));
    } else if (profile.phones.length > 0) {
      findings.push(
        finding(CATALOGUE, 'PHONE_NOT_OFFICIAL', evidence, {
          number: phone.raw,
          brand: profile.name,
          official: { ja: officialList(profile), en: officialListEn(profile) },
        }),
      );
    }
  }
  return findings;
}

export const phonesDetector: Detector = {
  name: 'phones',
  appliesTo: ['mail', 'text'],
  detect(facts, context) {
    const text = messageText(facts).slice(0, context.limits.maxTextChars);
    const phones = findPhones(text);
    const dialed = dialLinks(facts);
    const findings: Finding[] = mismatchFindings(dialed);
    // As for the content rules, a brand named only in a mail's body is no claim; an SMS has only a body.
    const claim = context.claim && (facts.kind !== 'mail' || isStrongClaim(context.claim)) ? context.claim.profile : undefined;
    const judged = [...phones, ...dialed.map((d) => d.dialed)];
    if (claim && judged.length > 0) findings.push(...brandFindings(judged, claim));
    const official = new Set(claim?.phones.map((p) => normalizePhone(p.number)) ?? []);
    // The call-back lure often sits only in an attached PDF ("Support: +1 (828) 423-1316 … if you
    // did not authorize this transaction"), the mail saying no more than "invoice attached".
    let lure = callbackLure(text, phones, official, 'text');
    for (const doc of facts.documentText) lure ??= callbackLure(doc.text, findPhones(doc.text), official, doc.where);
    if (lure) findings.push(lure);
    return findings;
  },
};

function callbackLure(text: string, phones: PhoneNumber[], official: Set<string>, where: string): Finding | undefined {
  if (phones.length === 0) return undefined;
  const folded = fold(text.slice(0, PHONE_SCAN_CHARS));
  const phrases = [...folded.matchAll(CALLBACK_REASON)].slice(0, MAX_PHONES);
  const lures = phones.flatMap((p) => {
    const context = official.has(p.normalized) ? undefined : callbackContext(folded, phrases, p);
    return context ? [{ phone: p, context }] : [];
  });
  if (lures.length === 0) return undefined;
  const evidence: Evidence[] = lures.slice(0, 3).map(({ phone }) => ({ kind: 'phone', value: phone.raw, where }));
  evidence.push({ kind: 'text', value: lures[0]!.context, where });
  return finding(CATALOGUE, 'PHONE_CALLBACK_LURE', evidence, { number: lures[0]!.phone.raw });
}
