// S/MIME verification as a careful mail client does it (RFC 8551, RFC 5652, RFC 5280): the
// CMS signature over the exact content, the chain to a configured trust anchor, validity at
// signing time and now, the certificate's purpose, and the brand's rules for who may sign.
// Each way to fail is reported separately, so the member is told what exactly is wrong.
import { createHash } from 'node:crypto';
import {
  Certificate,
  CertificateChainValidationEngine,
  ContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignedDataVerifyError,
  getCrypto,
  type SignerInfo,
} from 'pkijs';
import {
  EKU_ANY,
  EKU_EMAIL_PROTECTION,
  KEY_USAGE_BITS,
  NAME_OIDS,
  certificateEmails,
  extendedKeyUsages,
  formatName,
  keyUsageBits,
  nameValues,
  sameCertificate,
  summarize,
  type CertificateSummary,
} from './certificate.ts';
import { findSignedStructure, type SignedStructure } from './smime-structure.ts';

export type SmimeRules = {
  /** Required subject O of the signer certificate. */
  organization: string;
  /** Required CN of the signer certificate's issuer. */
  issuerCommonName: string;
};

export type SmimeOptions = {
  anchors: Certificate[];
  now: Date;
  rules?: SmimeRules;
  /** The From address the member sees; the certificate must name an address in its domain. */
  fromAddress?: string;
};

export type SmimeFailureCode =
  | 'malformed'
  | 'algorithm'
  | 'altered'
  | 'bad-signature'
  | 'untrusted'
  | 'expired'
  | 'not-yet-valid'
  | 'key-usage'
  | 'wrong-signer'
  | 'wrong-issuer'
  | 'from-mismatch'
  | 'partial';

export type SmimeFailure = { code: SmimeFailureCode; detail: string };

export type CheckState = 'pass' | 'fail' | 'skipped';

export type SmimeChecks = {
  structure: CheckState;
  algorithm: CheckState;
  /** The content's digest equals the signed message-digest attribute. */
  digest: CheckState;
  /** The signature over the signed attributes verifies with the signer's key. */
  signature: CheckState;
  chain: CheckState;
  validity: CheckState;
  keyUsage: CheckState;
  signerOrganization: CheckState;
  issuer: CheckState;
  from: CheckState;
  /** The signature covers everything the member sees. */
  coverage: CheckState;
};

export type SmimeResult = {
  form: 'detached' | 'opaque';
  /** Where the signed entity sits in the message ('' = the whole message). */
  path: string;
  signer?: CertificateSummary;
  /** Signer first, up to the trust anchor (or as far as the chain could be built). */
  chain: CertificateSummary[];
  /** Subject of the trust anchor the chain reached. */
  trustAnchor?: string;
  anchorsConfigured: number;
  signingTime?: string;
  digestAlgorithm?: string;
  signatureAlgorithm?: string;
  checks: SmimeChecks;
  failures: SmimeFailure[];
  /** Intact, trusted, in date, fit for e-mail, and matching the rules and From (when given). */
  valid: boolean;
};

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const WEAK_DIGESTS: Record<string, string> = { '1.3.14.3.2.26': 'SHA-1', '1.2.840.113549.2.5': 'MD5', '1.2.840.113549.2.2': 'MD2' };

const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.11': 'RSA-SHA256',
  '1.2.840.113549.1.1.12': 'RSA-SHA384',
  '1.2.840.113549.1.1.13': 'RSA-SHA512',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.4.3.2': 'ECDSA-SHA256',
  '1.2.840.10045.4.3.3': 'ECDSA-SHA384',
  '1.2.840.10045.4.3.4': 'ECDSA-SHA512',
};
const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'RSA-SHA1',
  '1.2.840.113549.1.1.4': 'RSA-MD5',
  '1.2.840.10040.4.3': 'DSA-SHA1',
  '1.2.840.10045.4.1': 'ECDSA-SHA1',
};

const ATTR = { contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5' };
const SIGNED_DATA = '1.2.840.113549.1.7.2';
const RSA_KEY = '1.2.840.113549.1.1.1';
/** RFC 8551 §2.2: receivers must handle 2048–4096-bit RSA; shorter keys are refused as weak. */
const MIN_RSA_BITS = 2048;
const MAX_CHAIN = 10;

function freshChecks(): SmimeChecks {
  return {
    structure: 'skipped',
    algorithm: 'skipped',
    digest: 'skipped',
    signature: 'skipped',
    chain: 'skipped',
    validity: 'skipped',
    keyUsage: 'skipped',
    signerOrganization: 'skipped',
    issuer: 'skipped',
    from: 'skipped',
    coverage: 'skipped',
  };
}

function parseSignedData(der: Uint8Array): SignedData {
  const info = ContentInfo.fromBER(der.slice());
  if (info.contentType !== SIGNED_DATA) throw new Error(`the CMS content is ${info.contentType}, not signed-data`);
  return new SignedData({ schema: info.content });
}

function certificatesOf(signedData: SignedData): Certificate[] {
  return (signedData.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
}

function findSignerCertificate(signerInfo: SignerInfo, certificates: Certificate[]): Certificate | undefined {
  const sid = signerInfo.sid as IssuerAndSerialNumber | { idBlock: { isConstructed: boolean }; valueBlock: { value: { valueBlock: { valueHexView: Uint8Array } }[]; valueHexView: Uint8Array } };
  if (sid instanceof IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const keyId = Buffer.from(sid.idBlock.isConstructed ? sid.valueBlock.value[0].valueBlock.valueHexView : sid.valueBlock.valueHexView);
  return certificates.find((c) => {
    const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
    if (ski?.valueBlock?.valueHexView && keyId.equals(Buffer.from(ski.valueBlock.valueHexView))) return true;
    return keyId.equals(createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest());
  });
}

function attributeValue(signerInfo: SignerInfo, oid: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

function signingTimeOf(signerInfo: SignerInfo): Date | undefined {
  const value = attributeValue(signerInfo, ATTR.signingTime) as { toDate?: () => Date } | undefined;
  const date = value?.toDate?.();
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function rsaBits(cert: Certificate): number | undefined {
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId !== RSA_KEY) return undefined;
  const parsed = cert.subjectPublicKeyInfo.parsedKey as { modulus?: { valueBlock: { valueHexView: Uint8Array } } } | undefined;
  const modulus = parsed?.modulus?.valueBlock.valueHexView;
  if (!modulus) return undefined;
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start++;
  return (modulus.length - start) * 8 - Math.clz32(modulus[start] ?? 0) + 24;
}

function checkAlgorithms(signerInfo: SignerInfo, signer: Certificate | undefined): { digest: string; signature: string; problem?: string } {
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const signatureOid = signerInfo.signatureAlgorithm.algorithmId;
  const digest = DIGESTS[digestOid] ?? WEAK_DIGESTS[digestOid] ?? digestOid;
  const signature = SIGNATURES[signatureOid] ?? WEAK_SIGNATURES[signatureOid] ?? signatureOid;
  if (!DIGESTS[digestOid]) return { digest, signature, problem: `digest algorithm ${digest} is not accepted (SHA-256 or stronger required)` };
  if (!SIGNATURES[signatureOid]) return { digest, signature, problem: `signature algorithm ${signature} is not accepted` };
  const bits = signer ? rsaBits(signer) : undefined;
  if (bits !== undefined && bits < MIN_RSA_BITS) return { digest, signature, problem: `the signer's RSA key has ${bits} bits (at least ${MIN_RSA_BITS} required)` };
  return { digest, signature };
}

function contentBytes(structure: SignedPart, signedData: SignedData): Uint8Array | undefined {
  if (structure.form === 'detached') return structure.content;
  const eContent = signedData.encapContentInfo.eContent;
  return eContent ? new Uint8Array(eContent.getValue()) : undefined;
}

/** Walks from the signer to an anchor with pkijs's issuer search (names, key ids, signatures). */
async function buildPath(signer: Certificate, engine: CertificateChainValidationEngine, anchors: Certificate[]): Promise<{ path: Certificate[]; anchor?: Certificate }> {
  const path = [signer];
  let current = signer;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const anchor = anchors.find((a) => sameCertificate(a, current));
    if (anchor) return { path, anchor };
    const issuers = await engine.defaultFindIssuer(current, engine);
    const next = issuers.find((c) => anchors.some((a) => sameCertificate(a, c))) ?? issuers[0];
    if (!next || sameCertificate(next, current) || path.some((c) => sameCertificate(c, next))) break;
    path.push(next);
    current = next;
  }
  return { path };
}

function dateProblems(path: Certificate[], at: Date, label: string): SmimeFailure[] {
  return path.flatMap((cert): SmimeFailure[] => {
    const subject = formatName(cert.subject);
    if (cert.notAfter.value < at) return [{ code: 'expired', detail: `${subject} expired on ${cert.notAfter.value.toISOString()} (checked at ${label} ${at.toISOString()})` }];
    if (cert.notBefore.value > at) return [{ code: 'not-yet-valid', detail: `${subject} is valid only from ${cert.notBefore.value.toISOString()} (checked at ${label} ${at.toISOString()})` }];
    return [];
  });
}

/** Runs pkijs's RFC 5280 path validation at a moment when every certificate is in date, so
 *  that trust (CA flags, name chaining, signatures) is judged apart from time. */
async function validateStructure(signer: Certificate, intermediates: Certificate[], anchors: Certificate[], path: Certificate[]): Promise<string | undefined> {
  const from = Math.max(...path.map((c) => c.notBefore.value.getTime()));
  const to = Math.min(...path.map((c) => c.notAfter.value.getTime()));
  if (from > to) return undefined; // no common moment: the validity failures already say why
  const engine = new CertificateChainValidationEngine({
    trustedCerts: anchors,
    certs: [...intermediates.filter((c) => !sameCertificate(c, signer)), signer],
    checkDate: new Date(from + Math.min(1000, to - from)),
  });
  const result = await engine.verify({ passedWhenNotRevValues: true }).catch((error: unknown) => ({
    result: false,
    resultMessage: (error as { resultMessage?: string }).resultMessage ?? (error as Error).message,
  }));
  return result.result ? undefined : result.resultMessage || 'the certificate path is not valid';
}

function usageProblem(signer: Certificate): string | undefined {
  const bits = keyUsageBits(signer);
  if (bits !== undefined && (bits & (KEY_USAGE_BITS.digitalSignature | KEY_USAGE_BITS.nonRepudiation)) === 0) {
    return 'the certificate key usage allows neither digitalSignature nor nonRepudiation';
  }
  const purposes = extendedKeyUsages(signer);
  if (purposes && !purposes.includes(EKU_EMAIL_PROTECTION) && !purposes.includes(EKU_ANY)) {
    return `the certificate is not for e-mail (extendedKeyUsage: ${purposes.join(', ') || 'none'})`;
  }
  return undefined;
}

function normalizeName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
}

async function verifySignature(signedData: SignedData, content: Uint8Array | undefined, structure: { form: string }): Promise<{ ok: boolean; detail?: string }> {
  const data = structure.form === 'detached' && content ? content.slice().buffer : new ArrayBuffer(0);
  try {
    const result = await signedData.verify({ signer: 0, data, extendedMode: true, checkChain: false });
    return result.signatureVerified ? { ok: true } : { ok: false, detail: 'the signature does not verify with the signer certificate key' };
  } catch (error) {
    const message = error instanceof SignedDataVerifyError ? error.message : (error as Error).message;
    return { ok: false, detail: message || 'the signature could not be verified' };
  }
}

export type SignedPart = Extract<SignedStructure, { cms: unknown }>;

/** Verifies a signature already located by `findSignedStructure`. */
export async function verifySignedStructure(structure: SignedPart, options: SmimeOptions): Promise<SmimeResult> {
  const checks = freshChecks();
  const failures: SmimeFailure[] = [];
  const fail = (check: keyof SmimeChecks, code: SmimeFailureCode, detail: string) => {
    checks[check] = 'fail';
    failures.push({ code, detail });
  };
  const result: SmimeResult = { form: structure.form, path: structure.path, chain: [], anchorsConfigured: options.anchors.length, checks, failures, valid: false };

  checks.coverage = structure.path === '' && structure.unsigned.length === 0 ? 'pass' : 'fail';
  if (checks.coverage === 'fail') {
    const where = structure.path ? `the signature covers only part ${structure.path}` : 'the signature does not cover every part';
    const others = structure.unsigned.map((u) => `${u.path} (${u.type})`).join(', ');
    failures.push({ code: 'partial', detail: `${where}; not covered: ${others || 'the rest of the message'}` });
  }

  let signedData: SignedData;
  try {
    if (structure.problem) throw new Error(structure.problem);
    if (!structure.cms) throw new Error('the signature part is empty or not decodable');
    signedData = parseSignedData(structure.cms);
    if (signedData.signerInfos.length === 0) throw new Error('the signature has no signer');
  } catch (error) {
    fail('structure', 'malformed', (error as Error).message);
    return result;
  }
  const signerInfo = signedData.signerInfos[0];
  const certificates = certificatesOf(signedData);
  const signer = findSignerCertificate(signerInfo, certificates);
  const content = contentBytes(structure, signedData);
  if (!signer || !content) {
    fail('structure', 'malformed', !signer ? 'the signer certificate is not included in the signature' : 'the signed content is missing');
    return result;
  }
  checks.structure = 'pass';
  result.signer = summarize(signer);
  const signingTime = signingTimeOf(signerInfo);
  result.signingTime = signingTime?.toISOString();

  const algorithms = checkAlgorithms(signerInfo, signer);
  result.digestAlgorithm = algorithms.digest;
  result.signatureAlgorithm = algorithms.signature;
  if (algorithms.problem) fail('algorithm', 'algorithm', algorithms.problem);
  else {
    checks.algorithm = 'pass';
    const signedDigest = attributeValue(signerInfo, ATTR.messageDigest) as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
    if (signerInfo.signedAttrs) {
      if (!signedDigest?.valueBlock?.valueHexView) {
        fail('digest', 'malformed', 'the signed attributes carry no message digest');
      } else {
        const actual = new Uint8Array(await getCrypto(true).digest({ name: algorithms.digest }, content.slice()));
        if (Buffer.from(actual).equals(Buffer.from(signedDigest.valueBlock.valueHexView))) checks.digest = 'pass';
        else fail('digest', 'altered', `the content's ${algorithms.digest} digest differs from the one that was signed: the message was changed after signing`);
      }
    }
    if (checks.digest !== 'fail') {
      const signature = await verifySignature(signedData, content, structure);
      if (signature.ok) checks.signature = 'pass';
      else fail('signature', 'bad-signature', signature.detail ?? 'the signature does not verify');
    }
  }

  const engine = new CertificateChainValidationEngine({ trustedCerts: options.anchors, certs: certificates });
  const { path, anchor } = await buildPath(signer, engine, options.anchors);
  result.chain = path.map(summarize);
  if (anchor) {
    result.trustAnchor = formatName(anchor.subject);
    const problem = path.length > 1 ? await validateStructure(signer, certificates, options.anchors, path) : undefined;
    if (problem) fail('chain', 'untrusted', `the chain to ${result.trustAnchor} is not valid: ${problem}`);
    else checks.chain = 'pass';
  } else if (options.anchors.length > 0) {
    const top = result.chain[result.chain.length - 1];
    fail('chain', 'untrusted', `the chain ends at "${top.subject}", which is not a configured trust anchor`);
  }

  const validity = [...(signingTime ? dateProblems(path, signingTime, 'signing time') : []), ...dateProblems(path, options.now, 'check time')];
  const uniqueValidity = validity.filter((v, i) => validity.findIndex((w) => w.code === v.code && w.detail === v.detail) === i);
  if (uniqueValidity.length > 0) {
    checks.validity = 'fail';
    failures.push(...uniqueValidity);
  } else checks.validity = 'pass';

  const usage = usageProblem(signer);
  if (usage) fail('keyUsage', 'key-usage', usage);
  else checks.keyUsage = 'pass';

  if (options.rules) {
    const organizations = nameValues(signer.subject, NAME_OIDS.organization);
    if (organizations.some((o) => normalizeName(o) === normalizeName(options.rules!.organization))) checks.signerOrganization = 'pass';
    else fail('signerOrganization', 'wrong-signer', `the signer is "${organizations.join(', ') || result.signer.subject}", not "${options.rules.organization}"`);
    const issuerNames = nameValues(signer.issuer, NAME_OIDS.commonName);
    if (issuerNames.some((cn) => normalizeName(cn) === normalizeName(options.rules!.issuerCommonName))) checks.issuer = 'pass';
    else fail('issuer', 'wrong-issuer', `the certificate was issued by "${issuerNames.join(', ') || result.signer.issuer}", not "${options.rules.issuerCommonName}"`);
  }

  if (options.fromAddress) {
    const emails = certificateEmails(signer);
    const fromDomain = domainOf(options.fromAddress);
    if (emails.some((e) => domainOf(e) === fromDomain)) checks.from = 'pass';
    else if (emails.length === 0) fail('from', 'from-mismatch', `the certificate names no e-mail address, so it cannot vouch for ${options.fromAddress}`);
    else fail('from', 'from-mismatch', `From is ${options.fromAddress} but the certificate is for ${emails.join(', ')}`);
  }

  result.valid =
    failures.length === 0 &&
    checks.chain === 'pass' &&
    checks.digest !== 'fail' &&
    checks.signature === 'pass' &&
    (!options.rules || (checks.signerOrganization === 'pass' && checks.issuer === 'pass')) &&
    (!options.fromAddress || checks.from === 'pass');
  return result;
}

export type SmimeOutcome = SmimeResult | { form: 'encrypted'; path: string };

/** Verifies the message's S/MIME signature; undefined when the message carries none. */
export async function verifySmime(raw: Uint8Array, options: SmimeOptions): Promise<SmimeOutcome | undefined> {
  const structure = findSignedStructure(raw);
  if (!structure) return undefined;
  if (structure.form === 'encrypted') return structure;
  return verifySignedStructure(structure, options);
}
