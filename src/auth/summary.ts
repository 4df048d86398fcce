// The `auth` entry of a report's details: who signed, which CA, which checks passed, and the
// DKIM/SPF/DMARC/ARC/BIMI results. Two detectors fill it (S/MIME, mail authentication), so it
// is one object per judged message, attached once and filled in place.
import type { DetectorContext } from '../detectors/detector.ts';
import type { AuthResultsHeader } from './auth-results.ts';
import type { MailAuthSummary } from './mail-auth.ts';
import type { SmimeFailureCode, SmimeResult } from './smime-verify.ts';

export type SmimeDetails =
  | { present: false }
  | { present: true; form: 'encrypted' }
  | ({ present: true } & SmimeResult);

export type AuthDetails = {
  /** One line for people: the signature state and DKIM/SPF/DMARC, in Japanese and English. */
  summary?: { ja: string; en: string };
  smime?: SmimeDetails;
  /** DKIM/SPF/DMARC/ARC/BIMI as kakunin checked them. */
  mail?: MailAuthSummary;
  /** Authentication-Results found in the mail, with which of them were trusted. */
  authenticationResults?: (AuthResultsHeader & { trustedAuthServId?: string })[];
};

const FAILURE_WORDS: Record<SmimeFailureCode, { ja: string; en: string }> = {
  malformed: { ja: '署名が破損', en: 'broken signature' },
  algorithm: { ja: '非対応の暗号方式', en: 'unsupported algorithm' },
  altered: { ja: '署名後に改ざん', en: 'changed after signing' },
  'bad-signature': { ja: '署名が不正', en: 'bad signature' },
  untrusted: { ja: '信頼できない発行元', en: 'untrusted chain' },
  expired: { ja: '証明書の期限切れ', en: 'certificate expired' },
  'not-yet-valid': { ja: '証明書の有効期間前', en: 'certificate not yet valid' },
  'key-usage': { ja: 'メール署名用でない証明書', en: 'certificate not for e-mail' },
  'wrong-signer': { ja: '署名者が違う', en: 'wrong signer' },
  'wrong-issuer': { ja: '発行元が違う', en: 'wrong issuer' },
  'from-mismatch': { ja: '差出人と証明書が不一致', en: 'From does not match the certificate' },
  partial: { ja: '一部だけに署名', en: 'covers only part of the mail' },
};

function smimeLine(smime: SmimeDetails | undefined, lang: 'ja' | 'en'): string | undefined {
  if (!smime) return undefined;
  const ja = lang === 'ja';
  if (!smime.present) return ja ? 'S/MIME署名なし' : 'S/MIME: not signed';
  if (!('checks' in smime)) return ja ? 'S/MIME暗号化（署名は未確認）' : 'S/MIME: encrypted (signature not checked)';
  const who = smime.signer ? `${smime.signer.organization ?? smime.signer.subject}${ja ? '、発行元 ' : ', issued by '}${smime.signer.issuerCommonName ?? smime.signer.issuer}` : '';
  if (smime.valid) return ja ? `S/MIME署名 有効（${who}）` : `S/MIME: valid (${who})`;
  if (smime.failures.length === 0) return ja ? `S/MIME署名 改ざんなし・信頼の起点が未設定（${who}）` : `S/MIME: intact, no trust anchor configured (${who})`;
  const why = [...new Set(smime.failures.map((f) => FAILURE_WORDS[f.code][lang]))].join(ja ? '、' : ', ');
  return ja ? `S/MIME署名 無効：${why}${who ? `（${who}）` : ''}` : `S/MIME: invalid: ${why}${who ? ` (${who})` : ''}`;
}

function mailLine(mail: MailAuthSummary | undefined): string | undefined {
  if (!mail) return undefined;
  const dkim = mail.dkim.length ? mail.dkim.map((d) => `${d.result}${d.domain ? ` (${d.domain})` : ''}`).join(', ') : 'none';
  return `DKIM ${dkim} / SPF ${mail.spf.result} / DMARC ${mail.dmarc.result}${mail.dmarc.domain ? ` (${mail.dmarc.domain})` : ''}`;
}

/** Rewrites `summary` from what the detectors have filled in so far. */
export function refreshSummary(details: AuthDetails): void {
  const line = (lang: 'ja' | 'en') => [smimeLine(details.smime, lang), mailLine(details.mail)].filter(Boolean).join(lang === 'ja' ? '／' : ' / ');
  details.summary = { ja: line('ja'), en: line('en') };
}

const byContext = new WeakMap<DetectorContext, AuthDetails>();

export function authDetails(context: DetectorContext): AuthDetails {
  let details = byContext.get(context);
  if (!details) {
    details = {};
    byContext.set(context, details);
    context.annotate('auth', details);
  }
  return details;
}
