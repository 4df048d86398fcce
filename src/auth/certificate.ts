// What a reader needs to know about an X.509 certificate, read from pkijs's parse: names,
// e-mail addresses, validity, key usages and a fingerprint that identifies it in output.
import { createHash } from 'node:crypto';
import { Certificate, type RelativeDistinguishedNames } from 'pkijs';

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  emailAddress: '1.2.840.113549.1.9.1',
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
} as const;

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.6': 'C',
  '2.5.4.8': 'ST',
  '2.5.4.7': 'L',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'E',
};

export class CertificateError extends Error {
  override name = 'CertificateError';
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/** Certificates in PEM text (any number of blocks) or a single DER certificate. */
export function parseCertificates(data: Uint8Array | string, source: string): Certificate[] {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  const ders = blocks.length > 0 ? blocks : typeof data === 'string' || data[0] !== 0x30 ? [] : [Buffer.from(data)];
  if (ders.length === 0) throw new CertificateError(`${source}: no certificate found (expected PEM "BEGIN CERTIFICATE" blocks)`);
  return ders.map((der, i) => {
    try {
      return Certificate.fromBER(der);
    } catch (error) {
      throw new CertificateError(`${source}: certificate ${i + 1} is not a valid X.509 certificate: ${(error as Error).message}`);
    }
  });
}

export const EKU_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
export const EKU_ANY = '2.5.29.37.0';

/** Key usage bits as they sit in the first byte of the BIT STRING (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_BITS = { digitalSignature: 0x80, nonRepudiation: 0x40, keyCertSign: 0x04 } as const;

function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

export function nameValues(name: RelativeDistinguishedNames, oid: string): string[] {
  return name.typesAndValues.filter((tv) => tv.type === oid).map((tv) => attributeText(tv.value));
}

/** `CN=…, O=…, C=…` with the most specific part first, as mail clients show it. */
export function formatName(name: RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${attributeText(tv.value)}`)
    .join(', ');
}

function extension(cert: Certificate, oid: string): { critical: boolean; parsedValue?: unknown } | undefined {
  return cert.extensions?.find((ext) => ext.extnID === oid);
}

/** rfc822Name entries of subjectAltName, then any emailAddress in the subject (legacy form). */
export function certificateEmails(cert: Certificate): string[] {
  const san = extension(cert, OID.subjectAltName)?.parsedValue as { altNames?: { type: number; value: unknown }[] } | undefined;
  const fromSan = (san?.altNames ?? []).filter((n) => n.type === 1 && typeof n.value === 'string').map((n) => n.value as string);
  return [...new Set([...fromSan, ...nameValues(cert.subject, OID.emailAddress)].map((e) => e.toLowerCase()))];
}

/** The first byte of the key usage bit string, or undefined when the extension is absent. */
export function keyUsageBits(cert: Certificate): number | undefined {
  const bits = extension(cert, OID.keyUsage)?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  if (!bits) return undefined;
  return bits.valueBlock?.valueHexView?.[0] ?? 0;
}

/** Extended key usage purposes, or undefined when the extension is absent (any purpose). */
export function extendedKeyUsages(cert: Certificate): string[] | undefined {
  const eku = extension(cert, OID.extKeyUsage)?.parsedValue as { keyPurposes?: string[] } | undefined;
  return eku ? (eku.keyPurposes ?? []) : undefined;
}

/** SHA-256 of the DER certificate, `AB:CD:…` as openssl and CA repositories print it. */
export function sha256Fingerprint(cert: Certificate): string {
  const hex = createHash('sha256').update(new Uint8Array(cert.toSchema().toBER(false))).digest('hex').toUpperCase();
  return hex.replace(/(..)(?!$)/g, '$1:');
}

/** Same certificate: identical to-be-signed bytes (as pkijs compares them), no re-encoding. */
export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return a === b || Buffer.from(a.tbsView).equals(Buffer.from(b.tbsView));
}

export type CertificateSummary = {
  subject: string;
  issuer: string;
  organization?: string;
  commonName?: string;
  issuerCommonName?: string;
  emails: string[];
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
};

/** Summaries by certificate object: the fingerprint re-encodes the whole certificate with
 *  asn1js, the costliest step of an S/MIME check, and a chain is summarized more than once. */
const summaries = new WeakMap<Certificate, CertificateSummary>();

export function summarize(cert: Certificate): CertificateSummary {
  let summary = summaries.get(cert);
  if (!summary) {
    summary = Object.freeze(describe(cert));
    summaries.set(cert, summary);
  }
  return summary;
}

function describe(cert: Certificate): CertificateSummary {
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    organization: nameValues(cert.subject, OID.organization)[0],
    commonName: nameValues(cert.subject, OID.commonName)[0],
    issuerCommonName: nameValues(cert.issuer, OID.commonName)[0],
    emails: certificateEmails(cert),
    serialNumber: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256: sha256Fingerprint(cert),
  };
}

export const NAME_OIDS = OID;
