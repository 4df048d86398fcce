// The issuer's side: turns a finished mail into `multipart/signed` S/MIME (RFC 8551) in the
// shape Thunderbird writes and `openssl smime/cms -verify` accepts. The content headers move
// into the signed first part; the body is made 7-bit first, because a relay that re-encodes
// 8-bit text would break the signature on the way.
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { parseCertificates } from './certificate.ts';
import { bytesToText, headerValue, multipartParts, parseContentType, parseEntity, textToBytes, toCrlf, type Entity } from './mime-bytes.ts';

export class SignError extends Error {
  override name = 'SignError';
}

export type SignMailOptions = {
  /** Signer certificate, PEM or DER (the first certificate is the signer). */
  cert: string | Uint8Array;
  /** Private key of the signer, PEM or DER (PKCS#8, PKCS#1 or SEC1), not encrypted. */
  key: string | Uint8Array;
  /** Intermediate certificates to include, PEM (any number of blocks). */
  chain?: (string | Uint8Array)[];
  /** The mail to sign (RFC 5322). */
  mail: string | Uint8Array;
  /** signingTime attribute; defaults to the current time. */
  signingTime?: Date;
};

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};

const CURVES: Record<string, { namedCurve: string; hash: string }> = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
};

type SigningKey = { key: CryptoKey; hash: string };

async function importSigningKey(data: string | Uint8Array): Promise<{ signing: SigningKey; keyObject: KeyObject }> {
  let keyObject: KeyObject;
  try {
    keyObject = typeof data === 'string' || data[0] !== 0x30 ? createPrivateKey(typeof data === 'string' ? data : Buffer.from(data)) : createPrivateKey({ key: Buffer.from(data), format: 'der', type: 'pkcs8' });
  } catch (error) {
    const message = (error as Error).message;
    throw new SignError(/passphrase|encrypted/i.test(message) ? 'the private key is encrypted; decrypt it first (openssl pkey -in KEY -out KEY.plain)' : `cannot read the private key: ${message}`);
  }
  const pkcs8 = keyObject.export({ format: 'der', type: 'pkcs8' });
  if (keyObject.asymmetricKeyType === 'rsa') {
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return { signing: { key, hash: 'SHA-256' }, keyObject };
  }
  const curve = keyObject.asymmetricKeyType === 'ec' ? CURVES[keyObject.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (curve) {
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: curve.namedCurve }, false, ['sign']);
    return { signing: { key, hash: curve.hash }, keyObject };
  }
  throw new SignError(`unsupported key type ${keyObject.asymmetricKeyType}${keyObject.asymmetricKeyDetails?.namedCurve ? ` (${keyObject.asymmetricKeyDetails.namedCurve})` : ''}: use RSA or ECDSA P-256/P-384/P-521`);
}

function assertKeyMatches(cert: Certificate, keyObject: KeyObject): void {
  const fromKey = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  const fromCert = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  if (!fromKey.equals(fromCert)) throw new SignError('the private key does not belong to the certificate');
}

const CONTENT_HEADERS = new Set(['content-type', 'content-transfer-encoding', 'content-disposition', 'content-id', 'content-description', 'content-language', 'content-location']);
const MAX_LINE = 998;

function needsEncoding(body: string): boolean {
  return /[\x80-\xff\x00]/.test(body) || body.split(/\r?\n/).some((line) => line.length > MAX_LINE);
}

function base64Lines(bytes: Uint8Array): string {
  return (Buffer.from(bytes).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function entityText(headers: string[], body: string): string {
  return `${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;
}

/** One entity (its content headers and body) rewritten so that every byte is 7-bit safe. */
function sevenBit(text: string, entity: Entity, depth: number): string {
  const contentHeaders = entity.headers.filter((h) => CONTENT_HEADERS.has(h.name)).map((h) => h.raw);
  const body = text.slice(entity.bodyStart, entity.end);
  const contentType = parseContentType(headerValue(entity, 'content-type'));
  const boundary = contentType.params.boundary;
  if (contentType.type.startsWith('multipart/') && boundary && depth < 20) {
    const { parts } = multipartParts(text, entity, boundary);
    const rebuilt = parts.map((part) => `--${boundary}\r\n${sevenBit(text, parseEntity(text, part.start, part.end), depth + 1)}\r\n`).join('');
    return entityText(contentHeaders, `${rebuilt}--${boundary}--\r\n`);
  }
  const encoding = (headerValue(entity, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (!needsEncoding(body) || encoding === 'base64' || encoding === 'quoted-printable' || contentType.type === 'message/rfc822') {
    return entityText(contentHeaders, toCrlf(body));
  }
  // Text keeps its line breaks, as CRLF, inside the base64 (RFC 2045 canonical text form).
  const content = contentType.type.startsWith('text/') ? toCrlf(body) : body;
  const headers = entity.headers.filter((h) => CONTENT_HEADERS.has(h.name) && h.name !== 'content-transfer-encoding').map((h) => h.raw);
  if (!headerValue(entity, 'content-type')) headers.unshift('Content-Type: text/plain; charset=utf-8');
  return entityText([...headers, 'Content-Transfer-Encoding: base64'], `${base64Lines(textToBytes(content))}\r\n`);
}

/** DER wants a SET OF in the order of its encoded members; openssl re-encodes and checks that. */
function derSortedAttributes(attributes: Attribute[]): Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER(false)) }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map((e) => e.attribute);
}

async function cmsSignature(content: Uint8Array, signer: Certificate, chain: Certificate[], signing: SigningKey, signingTime: Date): Promise<Uint8Array> {
  const digest = await crypto.subtle.digest(signing.hash, content.slice());
  const attributes = derSortedAttributes([
    new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
    new Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
  ]);
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [signer, ...chain],
  });
  await signedData.sign(signing.key, 0, signing.hash, content.slice().buffer);
  const info = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

function freshBoundary(content: string): string {
  for (;;) {
    const boundary = `------------ms${randomBytes(12).toString('hex')}`;
    if (!content.includes(boundary)) return boundary;
  }
}

/** Signs a mail; returns the complete `multipart/signed` message with CRLF line endings. */
export async function signMail(options: SignMailOptions): Promise<Uint8Array> {
  const [signer, ...bundled] = parseCertificates(options.cert, 'certificate');
  const chain = [...bundled, ...(options.chain ?? []).flatMap((pem, i) => parseCertificates(pem, `chain ${i + 1}`))];
  const { signing, keyObject } = await importSigningKey(options.key);
  assertKeyMatches(signer, keyObject);

  const text = bytesToText(typeof options.mail === 'string' ? Buffer.from(options.mail, 'utf8') : options.mail);
  const message = parseEntity(text);
  if (message.headers.length === 0) throw new SignError('the input has no mail header');
  const type = parseContentType(headerValue(message, 'content-type')).type;
  if (type === 'multipart/signed' || /^application\/(x-)?pkcs7-mime$/.test(type)) throw new SignError('the mail is already S/MIME signed or encrypted');

  // The signed first part is exactly `inner`; the CRLF before the next delimiter belongs to it.
  const inner = sevenBit(text, message, 0);
  const cms = await cmsSignature(textToBytes(inner), signer, chain, signing, options.signingTime ?? new Date());
  const boundary = freshBoundary(inner);
  const outer = message.headers.filter((h) => !CONTENT_HEADERS.has(h.name) && h.name !== 'mime-version').map((h) => `${h.raw}\r\n`);
  const mail =
    outer.join('') +
    'MIME-Version: 1.0\r\n' +
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=${signing.hash.toLowerCase()};\r\n boundary="${boundary}"\r\n` +
    '\r\nThis is a cryptographically signed message in MIME format.\r\n\r\n' +
    `--${boundary}\r\n${inner}\r\n--${boundary}\r\n` +
    'Content-Type: application/pkcs7-signature; name="smime.p7s"\r\n' +
    'Content-Transfer-Encoding: base64\r\n' +
    'Content-Disposition: attachment; filename="smime.p7s"\r\n' +
    'Content-Description: S/MIME Cryptographic Signature\r\n\r\n' +
    `${base64Lines(cms)}\r\n\r\n--${boundary}--\r\n`;
  return textToBytes(mail);
}
