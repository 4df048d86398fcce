// DKIM/SPF/DMARC/ARC for mails from the claimed brand's sending domains. An aligned DKIM pass
// with DMARC pass is proof for mail types the brand does not sign with S/MIME; a DMARC failure
// for the brand's own domain is spoofing. Authentication-Results in the mail count only from
// the configured receiving host (see auth-results.ts); a forged one is a finding itself.
import { parse as parseDomain } from 'tldts';
import { readAuthResults, type AuthResult, type AuthResultsHeader } from '../auth/auth-results.ts';
import { offlineResolver, recordedResolver } from '../auth/dns.ts';
import { DEFAULT_TRUSTED_HOPS, notCheckedSummary, runMailAuth, type MailAuthSummary } from '../auth/mail-auth.ts';
import { bytesToText, parseEntity } from '../auth/mime-bytes.ts';
import { findSignedStructure } from '../auth/smime-structure.ts';
import { authDetails, refreshSummary } from '../auth/summary.ts';
import { FREEMAIL_DOMAINS } from '../message/url.ts';
import type { LoadedProfile } from '../profile/loader.ts';
import { finding, type Catalogue, type Evidence, type Finding, type Param } from '../verdict/finding.ts';
import type { AuthOptions, Detector } from './detector.ts';

type Code =
  | 'DMARC_ALIGNED_PASS'
  | 'RECEIVER_DMARC_PASS'
  | 'DMARC_FAIL'
  | 'RECEIVER_DMARC_FAIL'
  | 'DKIM_FAIL'
  | 'DKIM_BODY_PARTLY_SIGNED'
  | 'DKIM_HEADERS_UNSIGNED'
  | 'SPF_FAIL'
  | 'AUTH_NOT_CHECKED'
  | 'AUTH_RESULTS_FORGED'
  | 'AUTH_FAIL_RECORDED'
  | 'AUTH_FREEMAIL_FORGED'
  | 'SMIME_MISSING';

const CATALOGUE: Catalogue<Code> = {
  DMARC_ALIGNED_PASS: {
    severity: 'info',
    ja: '{brand}の送信ドメイン（{domain}）のDKIM署名とDMARCの検証に合格しました。',
    en: 'The mail passed DKIM and DMARC for {brand}\'s sending domain ({domain}).',
  },
  RECEIVER_DMARC_PASS: {
    severity: 'info',
    ja: '受信したメールサーバー（{authserv}）が、{brand}の送信ドメイン（{domain}）のDKIM署名とDMARCの検証に合格したと記録しています。',
    en: 'Your mail provider ({authserv}) recorded that the mail passed DKIM and DMARC for {brand}\'s sending domain ({domain}).',
  },
  DMARC_FAIL: {
    severity: 'critical',
    ja: '差出人は{brand}のドメイン（{domain}）ですが、DMARCの検証に失敗しました。差出人が偽装されています。',
    en: 'The sender claims {brand}\'s domain ({domain}) but the mail fails DMARC: the sender is forged.',
  },
  RECEIVER_DMARC_FAIL: {
    severity: 'critical',
    ja: '受信したメールサーバー（{authserv}）が、このメールは{brand}のドメイン（{domain}）のDMARC検証に失敗したと記録しています。差出人が偽装されています。',
    en: 'Your mail provider ({authserv}) recorded that the mail fails DMARC for {brand}\'s domain ({domain}): the sender is forged.',
  },
  DKIM_FAIL: {
    severity: 'low',
    ja: '{domain} のDKIM署名を検証できませんでした（署名後の変更または偽造の可能性）。',
    en: 'The DKIM signature of {domain} does not verify (changed after signing, or forged).',
  },
  DKIM_BODY_PARTLY_SIGNED: {
    severity: 'high',
    ja: '{domain} のDKIM署名は本文の先頭 {signed} バイトだけを対象にしており（l= 指定）、その後に署名のない {unsigned} バイトが付け足されています。付け足された部分は{brand}が送ったものとは限りません。',
    en: 'The DKIM signature of {domain} covers only the first {signed} bytes of the body (its l= tag), and {unsigned} unsigned bytes follow: what was added need not come from {brand}.',
  },
  DKIM_HEADERS_UNSIGNED: {
    severity: 'high',
    ja: '{domain} のDKIM署名は、表示される {headers} ヘッダーを保護していません（署名の対象外か、署名後に同じヘッダーがもう一つ足されています）。表示されている件名や返信先は{brand}が送ったものとは限りません。',
    en: 'The DKIM signature of {domain} does not cover the {headers} header a mail program shows (left out of the signature, or another copy added after signing): what it shows need not come from {brand}.',
  },
  SPF_FAIL: {
    severity: 'low',
    ja: '送信元サーバー（{ip}）は {domain} のSPFで許可されていません。',
    en: 'The sending server ({ip}) is not allowed by the SPF record of {domain}.',
  },
  AUTH_NOT_CHECKED: {
    severity: 'info',
    ja: 'DNSを参照できないため、DKIM/SPF/DMARCを確認できませんでした。',
    en: 'DKIM/SPF/DMARC could not be checked because DNS was unavailable.',
  },
  AUTH_RESULTS_FORGED: {
    severity: 'high',
    ja: 'メール内に、受信サーバー（{authserv}）を名乗る偽の認証結果ヘッダーがあります。',
    en: 'The mail carries a forged Authentication-Results header in the name of your mail provider ({authserv}).',
  },
  AUTH_FAIL_RECORDED: {
    severity: 'medium',
    ja: 'メールの認証結果ヘッダー（{where}）に、差出人のドメイン（{domain}）が送信ドメイン認証に失敗したと記録されています。差出人が偽装されている可能性があります。',
    en: 'The mail\'s Authentication-Results header ({where}) records that the sender\'s domain ({domain}) failed sender authentication: the sender may be forged.',
  },
  AUTH_FREEMAIL_FORGED: {
    severity: 'high',
    ja: '差出人はフリーメール（{domain}）のアドレスですが、メールの認証結果ヘッダー（{where}）に、{domain} の送信ドメイン認証に失敗したと記録されています。{domain} のサーバーから送られたメールではなく、差出人が偽装されています。',
    en: 'The sender\'s address is at {domain}, a free mail service, but the mail\'s Authentication-Results header ({where}) records that it failed {domain}\'s sender authentication: it was not sent through {domain}, so the sender is forged.',
  },
  SMIME_MISSING: {
    severity: 'medium',
    ja: '{brand}のドメイン（{domain}）からのメールですが、{brand}が付けているはずのS/MIME電子署名がなく、DKIM/DMARCでも送信元を確認できません。',
    en: 'The mail is from {brand}\'s domain ({domain}) but has none of the S/MIME signatures {brand} puts on its mails, and DKIM/DMARC do not confirm the sender either.',
  },
};

function domainMatches(domain: string, sendingDomains: string[]): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return sendingDomains.some((s) => d === s || d.endsWith(`.${s}`));
}

function organizational(domain: string): string {
  return parseDomain(domain).domain ?? domain;
}

/** DMARC relaxed alignment: same organizational domain. */
function aligned(a: string, b: string): boolean {
  return organizational(a.toLowerCase()) === organizational(b.toLowerCase());
}

function resolverFor(auth: AuthOptions) {
  if (auth.resolver) return auth.resolver;
  return auth.dns ? recordedResolver(auth.dns) : offlineResolver;
}

function authEvidence(value: string, where: string): Evidence {
  return { kind: 'auth', value, where };
}

/** What the trusted receiving host recorded for the From domain. */
function receiverVerdict(header: AuthResultsHeader, fromDomain: string): { dmarc?: string; alignedDkim: boolean } {
  const dmarc = header.results.find((r) => r.method === 'dmarc' && (!r.props['header.from'] || r.props['header.from'].toLowerCase() === fromDomain));
  const alignedDkim = header.results.some((r) => {
    const signer = r.props['header.d'] ?? r.props['header.i']?.split('@').pop();
    return r.method === 'dkim' && r.result === 'pass' && !!signer && aligned(signer, fromDomain);
  });
  return { dmarc: dmarc?.result, alignedDkim };
}

/** A failure the receiving host recorded for this From domain: DMARC, or Microsoft's composite
 *  authentication (`compauth`), which also judges domains that publish no DMARC policy. */
function recordedFailure(header: AuthResultsHeader, fromDomain: string): string | undefined {
  const dmarc = header.results.find((r) => r.method === 'dmarc');
  // compauth names no domain of its own: it judges the From that the dmarc statement names.
  const judged = (r: AuthResult) => (r.props['header.from'] ?? dmarc?.props['header.from'])?.toLowerCase();
  const failed = header.results.filter((r) => (r.method === 'dmarc' || r.method === 'compauth') && r.result === 'fail' && [undefined, fromDomain].includes(judged(r)));
  if (failed.length === 0) return undefined;
  return [...new Set([...(dmarc ? [dmarc] : []), ...failed])].map((r) => `${r.method}=${r.result}${r.reason ? ` (${r.reason})` : ''}`).join('; ') + ` header.from=${fromDomain}`;
}

function brandParams(profile: LoadedProfile, extra: Record<string, string>): Record<string, Param> {
  return { brand: profile.name, ...extra };
}

function brandFindings(summary: MailAuthSummary, trustedHeader: AuthResultsHeader | undefined, profile: LoadedProfile, fromDomain: string): { findings: Finding[]; proven: boolean } {
  const findings: Finding[] = [];
  const params = brandParams(profile, { domain: fromDomain });
  const dmarcPass = summary.dmarc.result === 'pass';
  // A signature with content added past its `l=` length proves only the part it covers; one that
  // leaves a shown header unsigned proves nothing of what the reader sees there (a replayed
  // genuine mail with a Reply-To or a second Subject added).
  const brandSignatures = summary.dkim.filter((d) => d.aligned && domainMatches(d.domain, profile.sendingDomains));
  const alignedDkim = brandSignatures.find((d) => d.result === 'pass' && !d.unsignedBodyBytes && !d.unsignedHeaders);
  const headersUnsigned = brandSignatures.length > 0 && brandSignatures.every((d) => d.unsignedHeaders) ? brandSignatures[0]! : undefined;
  const receiver = trustedHeader ? receiverVerdict(trustedHeader, fromDomain) : undefined;
  // Said only where the signature would otherwise be proof: a failing one has its own finding.
  if (headersUnsigned && (receiver?.dmarc === 'pass' || brandSignatures.some((d) => d.result === 'pass' && !d.unsignedBodyBytes))) {
    const names = headersUnsigned.unsignedHeaders!.map((name) => name.replace(/(^|-)\w/g, (c) => c.toUpperCase())).join(', ');
    const evidence = authEvidence(`dkim header.d=${headersUnsigned.domain} header.s=${headersUnsigned.selector}: ${names} not signed`, 'DKIM-Signature');
    findings.push(finding(CATALOGUE, 'DKIM_HEADERS_UNSIGNED', [evidence], brandParams(profile, { domain: headersUnsigned.domain, headers: names })));
  }
  let proven = false;
  if (dmarcPass && alignedDkim) {
    proven = true;
    findings.push(finding(CATALOGUE, 'DMARC_ALIGNED_PASS', [authEvidence(`dkim=pass header.d=${alignedDkim.domain} header.s=${alignedDkim.selector}; dmarc=pass header.from=${fromDomain}`, 'DKIM-Signature')], params));
  }
  if (summary.dmarc.result === 'fail') {
    findings.push(finding(CATALOGUE, 'DMARC_FAIL', [authEvidence(`dmarc=fail header.from=${fromDomain} policy=${summary.dmarc.policy ?? 'none'}`, 'From')], params));
  }
  for (const dkim of summary.dkim) {
    if (!domainMatches(dkim.domain, profile.sendingDomains)) continue;
    if (dkim.result === 'fail' || dkim.bodyAltered) {
      findings.push(finding(CATALOGUE, 'DKIM_FAIL', [authEvidence(`dkim=${dkim.result} header.d=${dkim.domain} (${dkim.comment ?? 'signature did not verify'})`, 'DKIM-Signature')], brandParams(profile, { domain: dkim.domain })));
    } else if (dkim.result === 'pass' && dkim.unsignedBodyBytes) {
      const evidence = authEvidence(`dkim=pass header.d=${dkim.domain} header.s=${dkim.selector} (undersized signature: ${dkim.unsignedBodyBytes} bytes unsigned)`, 'DKIM-Signature');
      findings.push(finding(CATALOGUE, 'DKIM_BODY_PARTLY_SIGNED', [evidence], brandParams(profile, { domain: dkim.domain, unsigned: String(dkim.unsignedBodyBytes), signed: String(dkim.signedBodyBytes ?? 0) })));
    }
  }
  if (summary.spf.result === 'fail' && summary.spf.domain && domainMatches(summary.spf.domain, profile.sendingDomains)) {
    findings.push(finding(CATALOGUE, 'SPF_FAIL', [authEvidence(`spf=fail smtp.mailfrom=${summary.spf.domain} client-ip=${summary.connection.ip}`, 'Received')], brandParams(profile, { domain: summary.spf.domain, ip: summary.connection.ip ?? '' })));
  }
  if (trustedHeader && receiver) {
    const authParams = { ...params, authserv: trustedHeader.authservId };
    const evidence = [authEvidence(trustedHeader.results.map((r) => `${r.method}=${r.result}`).join('; '), `Authentication-Results: ${trustedHeader.authservId}`)];
    if (receiver.dmarc === 'pass' && receiver.alignedDkim && !headersUnsigned) {
      proven = true;
      findings.push(finding(CATALOGUE, 'RECEIVER_DMARC_PASS', evidence, authParams));
    } else if (receiver.dmarc === 'fail') findings.push(finding(CATALOGUE, 'RECEIVER_DMARC_FAIL', evidence, authParams));
  }
  const unchecked = summary.dmarc.result === 'temperror' || summary.dkim.some((d) => d.result === 'temperror');
  if (unchecked && !proven) findings.push(finding(CATALOGUE, 'AUTH_NOT_CHECKED', [authEvidence(`dmarc=${summary.dmarc.result} ${summary.dmarc.comment ?? ''}`.trim(), 'DNS')], params));
  return { findings, proven };
}

export const mailAuthDetector: Detector = {
  name: 'mail-auth',
  appliesTo: ['mail'],
  async detect(facts, context) {
    if (facts.kind !== 'mail' || !facts.raw) return [];
    const trustedHops = context.auth.trustedHops ?? DEFAULT_TRUSTED_HOPS;
    const profile = context.claim?.profile;
    const fromDomain = facts.from?.address.split('@').pop()?.toLowerCase();
    const brandMail = !!profile && !!fromDomain && domainMatches(fromDomain, profile.sendingDomains);
    // Offline (the default) every lookup would fail: running mailauth then only costs time
    // (~2 ms a mail), except on mail from a brand's own domain, where it still checks DKIM body hashes.
    const online = !!(context.auth.dns || context.auth.resolver);
    const summary =
      online || brandMail
        ? await runMailAuth(facts.raw, { resolver: resolverFor(context.auth), ip: context.auth.ip, helo: context.auth.helo, trustedHops })
        : notCheckedSummary('not checked: no DNS answers available');
    const headers = readAuthResults(parseEntity(bytesToText(facts.raw)).headers, context.auth.trustedAuthServId, trustedHops);
    const details = authDetails(context);
    details.mail = summary;
    details.authenticationResults = headers.map((h) => ({ ...h, ...(context.auth.trustedAuthServId ? { trustedAuthServId: context.auth.trustedAuthServId } : {}) }));
    refreshSummary(details);

    const findings: Finding[] = headers
      .filter((h) => h.forged)
      .slice(0, 1)
      .map((h) => finding(CATALOGUE, 'AUTH_RESULTS_FORGED', [authEvidence(h.results.map((r) => `${r.method}=${r.result}`).join('; ') || '(no results)', `Authentication-Results: ${h.authservId}`)], { authserv: h.authservId }));

    const trustedHeader = headers.find((h) => h.trusted);
    if (brandMail) {
      const brand = brandFindings(summary, trustedHeader, profile, fromDomain);
      findings.push(...brand.findings);
      if (profile.smime?.required && !brand.proven && !findSignedStructure(facts.raw)) {
        findings.push(finding(CATALOGUE, 'SMIME_MISSING', [authEvidence(facts.from!.address, 'From')], brandParams(profile, { domain: fromDomain })));
      }
    }
    // Any sender: the receiving host's own verdict, when it is a failure. Without a configured
    // host the topmost header is read. It may be anyone's, but no sender forges a failure
    // against itself, so a failure counts as evidence where a pass would not.
    const recorder = trustedHeader ?? headers.find((h) => !h.forged);
    const failure = fromDomain && recorder ? recordedFailure(recorder, fromDomain) : undefined;
    if (failure && !findings.some((f) => f.code === 'DMARC_FAIL' || f.code === 'RECEIVER_DMARC_FAIL')) {
      // A free mail provider sends its users' mail itself, so a failure for its domain means the
      // mail never went through it, unless a mailing list or a forwarder that the receiver
      // trusted (ARC) passed it on: those break DMARC for honest senders too.
      const passedOn = /\barc=pass\b/i.test(failure) || facts.headers.some((h) => h.key === 'list-id');
      const code = FREEMAIL_DOMAINS.has(fromDomain!) && !passedOn ? 'AUTH_FREEMAIL_FORGED' : 'AUTH_FAIL_RECORDED';
      findings.push(finding(CATALOGUE, code, [authEvidence(failure, `Authentication-Results${recorder!.authservId ? `: ${recorder!.authservId}` : ''}`)], { where: recorder!.authservId || 'Authentication-Results', domain: fromDomain! }));
    }
    return findings;
  },
};
