// How the mail addresses its reader. A company that writes to its customer knows their name
// (or writes to "member"); a bulk lure only knows the address it was sent to, so it greets
// the reader by that address ("Hello jane@example.com!", "jane@example.com, your order …").
// Only the address used as a name counts: genuine security mails do quote the account's
// address ("a new sign-in to jane@example.com"), and newsletters name it in their footer.
import { bodyTexts, type MessageFacts } from '../message/facts.ts';
import { escapeRegExp } from '../text/regexp.ts';
import { finding, type Catalogue, type Finding } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';

type Code = 'CONTENT_GREETS_BY_ADDRESS';

const CATALOGUE: Catalogue<Code> = {
  CONTENT_GREETS_BY_ADDRESS: {
    severity: 'low',
    ja: '{where}で、あなたを名前ではなくメールアドレス「{address}」で呼んでいます。宛先アドレスしか知らない一斉送信の手口です。',
    en: 'The {where} calls you by your e-mail address, "{address}", instead of your name: the sender knows nothing but the address it mailed.',
  },
};

/** Greetings in the languages the lures arrive in; the address must follow directly. */
const GREETING = String.raw`(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|bonjour|cher|ch[eè]re|hola|estimad[oa]|ol[aá]|prezad[oa]|caro|cara|ciao|beste|geachte)`;
/** Characters of the body read for a greeting: it is the first thing the reader sees. */
const GREETING_WINDOW = 600;

/** The address used as a name: after a greeting, opening or closing the line with a comma or
 *  an exclamation, or with a Japanese honorific (`様`, `さま`). */
function addressedAs(address: string): RegExp {
  const a = escapeRegExp(address);
  return new RegExp(
    String.raw`(?:\b${GREETING}\s*,?\s*${a}(?![\w.-])|^\s*${a}\s*[,!:，！、]|[,，、]\s*${a}\s*[!?！？.]?\s*$|${a}\s*(?:様|さま|殿))`,
    'im',
  );
}

/** The addresses the mail was delivered to (To, Delivered-To, X-Original-To), lower case. */
export function recipients(facts: MessageFacts): string[] {
  const addresses = new Set<string>();
  for (const box of facts.to) if (box.address.includes('@')) addresses.add(box.address.toLowerCase());
  for (const header of facts.headers) {
    if (header.key === 'delivered-to' || header.key === 'x-original-to') addresses.add(header.value.trim().toLowerCase());
  }
  return [...addresses].filter((address) => /^[^\s@]+@[^\s@]+$/.test(address));
}

export const recipientDetector: Detector = {
  name: 'recipient',
  appliesTo: ['mail'],
  detect(facts) {
    const findings: Finding[] = [];
    const openings = bodyTexts(facts).map((body) => ({ where: body.where, value: body.text.slice(0, GREETING_WINDOW) }));
    const places = [{ where: 'subject', value: facts.subject }, ...openings].map((place) => ({ ...place, lower: place.value.toLowerCase() }));
    for (const address of recipients(facts)) {
      const holding = places.filter((p) => p.lower.includes(address));
      if (!holding.length) continue;
      const pattern = addressedAs(address);
      const place = holding.find((p) => pattern.test(p.value));
      if (!place) continue;
      const where = place.where === 'subject' ? { ja: '件名', en: 'subject' } : { ja: '本文の冒頭', en: 'opening of the body' };
      const span = place.where === 'subject' ? place.value : (pattern.exec(place.value)?.[0].trim() ?? address);
      findings.push(finding(CATALOGUE, 'CONTENT_GREETS_BY_ADDRESS', [{ kind: 'text', value: span, where: place.where }], { address, where }));
      break;
    }
    return findings;
  },
};
