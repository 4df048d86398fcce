// Where the message asks you to answer. A company answers from its own domain; an advance-fee
// or "claims" lure sent from one account (often a hijacked company mailbox) asks you to write
// to another, a free mail account it can keep when the first is shut: "SEND YOUR NAME TO THIS
// EMAIL ( x@gmail.com ) FOR CLAIMS". The Reply-To header is sender.ts's; this is the body's.
import { bodyTexts, type MessageFacts } from '../message/facts.ts';
import { FREEMAIL_DOMAINS } from '../message/url.ts';
import { MAIL_ADDRESS } from '../text/regexp.ts';
import { finding, type Catalogue } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';
import { recipients } from './recipient.ts';

type Code = 'CONTENT_CONTACT_FREEMAIL';

const CATALOGUE: Catalogue<Code> = {
  CONTENT_CONTACT_FREEMAIL: {
    severity: 'medium',
    ja: '本文で、差出人とは別の無料メールのアカウント（{address}）に連絡するよう求めています。返信は組織ではなく個人のアカウントに届きます。',
    en: "The message asks you to write to a free mail account ({address}) that is not the sender's: your answer reaches a private account, not an organization.",
  },
};

/** An instruction to write (English, Portuguese, Spanish, French, German, Dutch), then the
 *  address within the same sentence. Reports of where a mail *was sent* ("this e-mail was
 *  sent to …") are not instructions. */
const CONTACT_INSTRUCTION = new RegExp(
  String.raw`(?<!\p{L})(?:send|contact|reply|respond|write|reach|e-?mail(?! (?:was|has|foi|wurde|est|werd))|envi[ea]|responda|contat[eo]|entre em contato|escr[ií]b[ae]|cont[aá]cte(?:nos|me|z)?|[ée]crivez|schreiben sie|antworten sie|kontaktieren sie|stuur|mail (?:me|ons|mij))(?!\p{L})[^.\n!?]{0,50}?(${MAIL_ADDRESS})`,
  'giu',
);

/** Characters read: the instruction is in the message, not in a long quoted thread below it. */
const WINDOW = 20_000;

export const contactElsewhereDetector: Detector = {
  name: 'contact-elsewhere',
  appliesTo: ['mail', 'text'],
  detect(facts: MessageFacts) {
    const own = new Set([facts.from?.address.toLowerCase(), ...recipients(facts)]);
    for (const { where, text } of bodyTexts(facts)) {
      for (const match of text.slice(0, WINDOW).matchAll(CONTACT_INSTRUCTION)) {
        const address = match[1]!.toLowerCase();
        if (own.has(address) || !FREEMAIL_DOMAINS.has(address.slice(address.indexOf('@') + 1))) continue;
        return [finding(CATALOGUE, 'CONTENT_CONTACT_FREEMAIL', [{ kind: 'text', value: match[0].replace(/\s+/g, ' ').trim(), where }], { address })];
      }
    }
    return [];
  },
};
