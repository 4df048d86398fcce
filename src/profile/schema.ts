// The brand profile format. Everything kakunin knows about a brand is here, as data: the
// schema is the documentation (see README "Profile format"), and zod gives errors that name
// the offending field, which is what someone editing a YAML file needs.
import { z } from 'zod';

const bilingual = z.object({ ja: z.string().min(1), en: z.string().min(1) }).strict();

const hostname = z
  .string()
  .min(1)
  .regex(/^[a-z0-9.-]+$/, 'must be a lower-case ASCII host name (punycode for IDN)');

const phone = z
  .object({
    number: z.string().regex(/^\+?[0-9-]+$/, 'digits and hyphens only, e.g. 0570-05-2211'),
    label: bilingual,
  })
  .strict();

const adviceKey = z.enum(['doNotClick', 'contact', 'passwordEntered', 'cardEntered', 'police', 'delete', 'report']);

export const profileSchema = z
  .object({
    /** Short stable id used in output (`brand`) and on the command line. */
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
    name: bilingual,
    company: bilingual.optional(),
    /** Names a message may use to claim the brand: official, kana, romaji, common misspellings. */
    aliases: z.array(z.string().min(2)).min(1),
    /** Words that show the brand inside a host name (`micard` in `micard.co.jp.example.com`). */
    hostTokens: z.array(z.string().regex(/^[a-z0-9-]{3,}$/, 'lower-case ASCII, at least 3 characters')).min(1),
    /** Longer names that hold a host token without naming the brand (`saiful` holds `aiful`):
     *  taken out of a host before the token is looked for, so `saiful.com` names no brand while
     *  `saiful-aiful.com` still does. */
    hostTokenExceptions: z.array(z.string().regex(/^[a-z0-9-]{4,}$/, 'lower-case ASCII, at least 4 characters')).default([]),
    /** The brand's short names that show it in a host only as a whole label, or a hyphenated part
     *  of one, in front of another's domain (`etc.`, `eki-update.`): too short to look for inside
     *  words as hostTokens are (`etc` in `sketch`). */
    hostLabels: z.array(z.string().regex(/^[a-z0-9]{2,}$/, 'lower-case ASCII letters and digits')).default([]),
    /** The brand's short names that claim it only when they fill a 【】 tag of a subject, a sender
     *  name or the opening of a text message (【au】): too short or common to look for in running
     *  text as aliases are ("au" is French and German). Matched after NFKC and case folding. */
    tagNames: z.array(z.string().min(1)).default([]),
    /** Registrable domains the brand owns. Any host under them is the brand's. */
    officialDomains: z.array(hostname).min(1),
    /** Hosts the brand actually links to. A link to another host under an official domain is unusual but not fake. */
    officialHosts: z.array(hostname).default([]),
    /** Hosts where the brand asks members to enter personal data (logins, card numbers). */
    dataEntryHosts: z.array(hostname).default([]),
    loginUrl: z.url().optional(),
    /** Domains the brand sends mail from (From / DKIM d= / DMARC). */
    sendingDomains: z.array(hostname).default([]),
    /** Other legitimate domains the brand's mails may link to (group companies, CDNs, SNS). */
    relatedDomains: z.array(hostname).default([]),
    /** Registrable domains of other organizations that share the brand's name (aplus.net, a US web
     *  host, for APLUS): neither the brand nor a fake of it, so no squat or typo of its name. */
    namesakes: z.array(hostname).default([]),
    smime: z
      .object({
        signerOrganization: z.string().min(1),
        issuerCommonName: z.string().min(1),
        /** PEM files, relative to the profile file. */
        trustAnchors: z.array(z.string()).default([]),
        /** System mails are S/MIME-signed: an unsigned mail from a sending domain must prove itself by DKIM/DMARC. */
        required: z.boolean().default(true),
      })
      .strict()
      .optional(),
    phones: z.array(phone).default([]),
    /** Things the brand says it never does; each enables the content rule of the same name. */
    never: z
      .array(
        z.enum([
          'postal-address-in-mail',
          'account-change-without-notice',
          'identity-check-on-website',
          'mailbox-number',
          'other-company-service-names',
          'login-id-re-registration',
        ]),
      )
      .default([]),
    /** Names of other companies' services that a mail claiming this brand should not use. */
    otherServiceNames: z.array(z.string().min(2)).default([]),
    /** The brand's postal address lines, so that a mail quoting them can be caught. */
    postalAddresses: z.array(z.string().min(4)).default([]),
    /** Extra phrases (regular expressions) for the content rules in src/rules/red-flags.yaml, by finding code. */
    phrases: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a finding code'), z.array(z.string().min(1))).default({}),
    advice: z.partialRecord(adviceKey, bilingual).default({}),
    /** Official pages worth pointing a member to (the notice, the login page). */
    officialLinks: z.array(z.object({ url: z.url(), label: bilingual }).strict()).default([]),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type AdviceKey = z.infer<typeof adviceKey>;

/** Turns zod's issues into one readable line per problem, naming the field path. */
export function describeProfileIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
