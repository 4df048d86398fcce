// S/MIME: the issuer's promise is that its system mails are signed by its own certificate.
// A valid signature that matches the claimed brand's profile is proof (`SMIME_VALID`); every
// way a signature can fail is its own finding. Without a brand claim the signature is only
// shown: a stranger's valid signature says nothing about any brand.
import { findSignedStructure } from '../auth/smime-structure.ts';
import { authDetails, refreshSummary } from '../auth/summary.ts';
import type { SmimeFailureCode, SmimeResult } from '../auth/smime-verify.ts';
import { finding, type Catalogue, type Evidence, type Finding, type Param } from '../verdict/finding.ts';
import type { Detector } from './detector.ts';

type Code =
  | 'SMIME_VALID'
  | 'SMIME_NO_TRUST_ANCHOR'
  | 'SMIME_MALFORMED'
  | 'SMIME_ALGORITHM_UNSUPPORTED'
  | 'SMIME_CONTENT_ALTERED'
  | 'SMIME_SIGNATURE_INVALID'
  | 'SMIME_UNTRUSTED_CHAIN'
  | 'SMIME_CERT_EXPIRED'
  | 'SMIME_CERT_NOT_YET_VALID'
  | 'SMIME_KEY_USAGE'
  | 'SMIME_WRONG_SIGNER'
  | 'SMIME_WRONG_ISSUER'
  | 'SMIME_FROM_MISMATCH'
  | 'SMIME_PARTIAL';

const CATALOGUE: Catalogue<Code> = {
  SMIME_VALID: {
    severity: 'info',
    ja: '{brand}の正規のS/MIME電子署名を確認しました（署名者: {signer}、発行元: {issuer}）。署名後に内容は変更されていません。',
    en: 'Valid S/MIME signature of {brand} (signer: {signer}, issued by {issuer}); the content has not been changed since it was signed.',
  },
  SMIME_NO_TRUST_ANCHOR: {
    severity: 'info',
    ja: 'S/MIME署名（署名者: {signer}、発行元: {issuer}）は改ざんされていませんが、{brand}の認証局のルート証明書が設定されていないため、証明書の信頼性は確認できません。',
    en: 'The S/MIME signature (signer: {signer}, issued by {issuer}) is intact, but no trust anchor is configured for {brand}, so the certificate could not be confirmed.',
  },
  SMIME_MALFORMED: {
    severity: 'high',
    ja: 'S/MIME署名が壊れていて検証できません。',
    en: 'The S/MIME signature is broken and cannot be verified.',
  },
  SMIME_ALGORITHM_UNSUPPORTED: {
    severity: 'high',
    ja: 'S/MIME署名に安全でない、または対応していない暗号方式が使われています（{algorithm}）。',
    en: 'The S/MIME signature uses a weak or unsupported algorithm ({algorithm}).',
  },
  SMIME_CONTENT_ALTERED: {
    severity: 'critical',
    ja: 'S/MIME署名の後でメールの内容が書き換えられています。',
    en: 'The content of the mail was changed after it was signed.',
  },
  SMIME_SIGNATURE_INVALID: {
    severity: 'critical',
    ja: 'S/MIME署名が証明書の鍵で検証できません（偽造または改ざんの可能性）。',
    en: 'The S/MIME signature does not verify with the certificate key (forged or tampered).',
  },
  SMIME_UNTRUSTED_CHAIN: {
    severity: 'high',
    ja: '署名した証明書（{signer}）が、{brand}の信頼できる認証局につながっていません。',
    en: 'The signing certificate ({signer}) does not chain to a trusted certificate authority of {brand}.',
  },
  SMIME_CERT_EXPIRED: {
    severity: 'high',
    ja: '署名した証明書の有効期限が切れています。',
    en: 'The signing certificate has expired.',
  },
  SMIME_CERT_NOT_YET_VALID: {
    severity: 'high',
    ja: '署名した証明書はまだ有効期間になっていません。',
    en: 'The signing certificate is not valid yet.',
  },
  SMIME_KEY_USAGE: {
    severity: 'high',
    ja: '署名した証明書はメールの署名用ではありません。',
    en: 'The signing certificate is not meant for signing e-mail.',
  },
  SMIME_WRONG_SIGNER: {
    severity: 'critical',
    ja: '署名者が{brand}ではありません（署名者: {signer}、正しくは {expectedSigner}）。',
    en: 'The signer is not {brand} (signed by {signer}; expected {expectedSigner}).',
  },
  SMIME_WRONG_ISSUER: {
    severity: 'high',
    ja: '署名した証明書の発行元が{brand}の認証局ではありません（発行元: {issuer}、正しくは {expectedIssuer}）。',
    en: 'The signing certificate was not issued by the certificate authority {brand} uses (issued by {issuer}; expected {expectedIssuer}).',
  },
  SMIME_FROM_MISMATCH: {
    severity: 'high',
    ja: '差出人アドレス（{from}）が署名した証明書のメールアドレスと一致しません。',
    en: 'The From address ({from}) does not match the e-mail address of the signing certificate.',
  },
  SMIME_PARTIAL: {
    severity: 'high',
    ja: 'S/MIME署名はメールの一部にしか掛かっていません。署名されていない部分が表示されている可能性があります。',
    en: 'The S/MIME signature covers only part of the mail; what is shown may be unsigned.',
  },
};

const FAILURE_CODES: Record<SmimeFailureCode, Code> = {
  malformed: 'SMIME_MALFORMED',
  algorithm: 'SMIME_ALGORITHM_UNSUPPORTED',
  altered: 'SMIME_CONTENT_ALTERED',
  'bad-signature': 'SMIME_SIGNATURE_INVALID',
  untrusted: 'SMIME_UNTRUSTED_CHAIN',
  expired: 'SMIME_CERT_EXPIRED',
  'not-yet-valid': 'SMIME_CERT_NOT_YET_VALID',
  'key-usage': 'SMIME_KEY_USAGE',
  'wrong-signer': 'SMIME_WRONG_SIGNER',
  'wrong-issuer': 'SMIME_WRONG_ISSUER',
  'from-mismatch': 'SMIME_FROM_MISMATCH',
  partial: 'SMIME_PARTIAL',
};

function failureFindings(result: SmimeResult, params: Record<string, Param>): Finding[] {
  const byCode = new Map<Code, string[]>();
  for (const failure of result.failures) {
    const code = FAILURE_CODES[failure.code];
    byCode.set(code, [...(byCode.get(code) ?? []), failure.detail]);
  }
  return [...byCode].map(([code, details]) =>
    finding(
      CATALOGUE,
      code,
      details.map((detail) => ({ kind: 'signature', value: detail, where: result.path ? `S/MIME part ${result.path}` : 'S/MIME' })),
      params,
    ),
  );
}

export const smimeDetector: Detector = {
  name: 'smime',
  appliesTo: ['mail'],
  async detect(facts, context) {
    if (facts.kind !== 'mail' || !facts.raw) return [];
    const details = authDetails(context);
    const structure = findSignedStructure(facts.raw);
    if (!structure || structure.form === 'encrypted') {
      details.smime = structure ? { present: true, form: 'encrypted' } : { present: false };
      refreshSummary(details);
      return [];
    }
    // The CMS/X.509 code (pkijs) loads only for signed mails: most mails are not, and its
    // start-up cost would otherwise fall on every check.
    const [{ verifySignedStructure }, { trustAnchorsFor }] = await Promise.all([import('../auth/smime-verify.ts'), import('../auth/trust.ts')]);
    const profile = context.claim?.profile;
    const rules = profile?.smime ? { organization: profile.smime.signerOrganization, issuerCommonName: profile.smime.issuerCommonName } : undefined;
    const anchors = trustAnchorsFor(profile, context.auth.trustAnchorFiles);
    const outcome = await verifySignedStructure(structure, { anchors, now: context.now, rules, fromAddress: facts.from?.address });
    details.smime = { present: true, ...outcome };
    refreshSummary(details);
    if (!profile) return [];

    const signer = outcome.signer;
    const params = {
      brand: profile.name,
      signer: signer ? (signer.organization ?? signer.subject) : 'unknown',
      issuer: signer?.issuerCommonName ?? signer?.issuer ?? 'unknown',
      expectedSigner: rules?.organization ?? '',
      expectedIssuer: rules?.issuerCommonName ?? '',
      from: facts.from?.address ?? '',
      algorithm: [outcome.digestAlgorithm, outcome.signatureAlgorithm].filter(Boolean).join(', '),
    };
    const evidence: Evidence[] = signer
      ? [
          { kind: 'signature', value: signer.emails.length ? `${signer.subject} <${signer.emails.join(', ')}>` : signer.subject, where: 'S/MIME signer' },
          { kind: 'signature', value: signer.issuer, where: 'S/MIME issuer' },
        ]
      : [];
    const findings = failureFindings(outcome, params);
    if (outcome.valid && rules) findings.push(finding(CATALOGUE, 'SMIME_VALID', evidence, params));
    else if (outcome.failures.length === 0 && outcome.anchorsConfigured === 0) findings.push(finding(CATALOGUE, 'SMIME_NO_TRUST_ANCHOR', evidence, params));
    return findings;
  },
};
