// A throw-away PKI for the S/MIME tests, made at test time in a temp dir: a root, an
// intermediate named like the issuer's CA, and end entities shaped like MI Card's signer.
// Built with pkijs on WebCrypto so validity dates are fixed (the tests inject the clock);
// openssl checks the same certificates in the interop tests. Keys never leave the temp dir.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import {
  AltName,
  AttributeTypeAndValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtKeyUsage,
  Extension,
  GeneralName,
  RelativeDistinguishedNames,
} from 'pkijs';

export const ISSUER_CA_NAME = 'Cybertrust Japan SureMail CA G4';
export const SIGNER_ORG = 'MICARD Co.Ltd.';
export const SIGNER_EMAIL = 'info@micard.co.jp';
export const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
export const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** Fixed validity of the normal certificates: wide enough for openssl's real-time checks. */
export const VALID_FROM = new Date('2020-01-01T00:00:00Z');
export const VALID_TO = new Date('2045-01-01T00:00:00Z');
/** The clock the tests inject. */
export const TEST_NOW = new Date('2026-06-01T00:00:00Z');

export const KU = { digitalSignature: 0x80, nonRepudiation: 0x40, keyEncipherment: 0x20, keyCertSign: 0x04, cRLSign: 0x02 } as const;

export type KeyKind = 'rsa' | 'ec';

export type Issued = { cert: Certificate; keys: CryptoKeyPair; certPem: string; keyPem: string; certFile: string; keyFile: string };

export type LeafOptions = {
  organization?: string;
  /** `null`: no e-mail address in the certificate. */
  email?: string | null;
  notBefore?: Date;
  notAfter?: Date;
  /** `null`: no extendedKeyUsage extension. */
  eku?: string[] | null;
  keyUsage?: number;
  issuer?: Issued;
  key?: KeyKind;
};

export type Pki = {
  dir: string;
  root: Issued;
  intermediate: Issued;
  signer: Issued;
  issueLeaf(options?: LeafOptions): Promise<Issued>;
  issueCa(commonName: string, parent?: Issued): Promise<Issued>;
  selfSigned(options?: LeafOptions): Promise<Issued>;
  write(name: string, content: string | Uint8Array): string;
  cleanup(): void;
};

const RSA_GEN: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const EC_GEN: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

// pkijs would put every attribute into one multi-valued RDN; mail clients expect one RDN each.
function name(parts: [string, string][]): RelativeDistinguishedNames {
  const rdns = parts.map(
    ([type, value]) =>
      new asn1js.Set({
        value: [new AttributeTypeAndValue({ type, value: type === '2.5.4.6' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) }).toSchema()],
      }),
  );
  return RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

function bitString(first: number): asn1js.BitString {
  let unused = 0;
  while (unused < 7 && first !== 0 && ((first >> unused) & 1) === 0) unused++;
  return new asn1js.BitString({ valueHex: new Uint8Array([first]).buffer, unusedBits: unused });
}

function ext(extnID: string, critical: boolean, value: { toSchema(): asn1js.BaseBlock } | asn1js.BaseBlock): Extension {
  const schema = 'toSchema' in value ? value.toSchema() : value;
  return new Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

let serial = 0x1000;

async function keyIdentifier(cert: Certificate): Promise<ArrayBuffer> {
  const bits = cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(createHash('sha1').update(bits).digest()).buffer;
}

type CertSpec = {
  subject: [string, string][];
  issuer?: Issued;
  notBefore?: Date;
  notAfter?: Date;
  extensions: Extension[];
  key?: KeyKind;
};

async function makeCertificate(spec: CertSpec): Promise<{ cert: Certificate; keys: CryptoKeyPair }> {
  const keys = (await crypto.subtle.generateKey(spec.key === 'ec' ? EC_GEN : RSA_GEN, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = name(spec.subject);
  cert.issuer = spec.issuer ? spec.issuer.cert.subject : name(spec.subject);
  cert.notBefore.value = spec.notBefore ?? VALID_FROM;
  cert.notAfter.value = spec.notAfter ?? VALID_TO;
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = await keyIdentifier(cert);
  const extensions = [...spec.extensions, ext('2.5.29.14', false, new asn1js.OctetString({ valueHex: ski }))];
  if (spec.issuer) {
    const aki = new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: await keyIdentifier(spec.issuer.cert) }) });
    extensions.push(ext('2.5.29.35', false, aki));
  }
  cert.extensions = extensions;
  await cert.sign((spec.issuer?.keys ?? keys).privateKey, 'SHA-256');
  return { cert, keys };
}

export async function createPki(): Promise<Pki> {
  const dir = mkdtempSync(join(tmpdir(), 'kakunin-pki-'));
  const write = (file: string, content: string | Uint8Array) => {
    const path = join(dir, file);
    writeFileSync(path, content);
    return path;
  };
  let count = 0;
  async function save({ cert, keys }: { cert: Certificate; keys: CryptoKeyPair }): Promise<Issued> {
    const id = `c${++count}`;
    const certPem = pem('CERTIFICATE', cert.toSchema().toBER(false));
    const keyPem = pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    return { cert, keys, certPem, keyPem, certFile: write(`${id}.pem`, certPem), keyFile: write(`${id}.key`, keyPem) };
  }

  const caExtensions = (pathLen?: number) => [
    ext('2.5.29.19', true, new BasicConstraints({ cA: true, ...(pathLen === undefined ? {} : { pathLenConstraint: pathLen }) })),
    ext('2.5.29.15', true, bitString(KU.keyCertSign | KU.cRLSign)),
  ];

  const root = await save(
    await makeCertificate({ subject: [['2.5.4.6', 'JP'], ['2.5.4.10', 'Kakunin Test Trust'], ['2.5.4.3', 'Kakunin Test Root CA']], extensions: caExtensions() }),
  );

  async function issueCa(commonName: string, parent: Issued = root): Promise<Issued> {
    return save(
      await makeCertificate({
        subject: [['2.5.4.6', 'JP'], ['2.5.4.10', 'Cybertrust Japan Co., Ltd.'], ['2.5.4.3', commonName]],
        issuer: parent,
        extensions: caExtensions(0),
      }),
    );
  }

  const intermediate = await issueCa(ISSUER_CA_NAME);

  function leafSpec(options: LeafOptions): CertSpec {
    const organization = options.organization ?? SIGNER_ORG;
    const email = options.email === undefined ? SIGNER_EMAIL : options.email;
    const eku = options.eku === undefined ? [EMAIL_PROTECTION] : options.eku;
    const extensions = [
      ext('2.5.29.19', false, new BasicConstraints({ cA: false })),
      ext('2.5.29.15', true, bitString(options.keyUsage ?? KU.digitalSignature | KU.nonRepudiation | KU.keyEncipherment)),
    ];
    if (eku) extensions.push(ext('2.5.29.37', false, new ExtKeyUsage({ keyPurposes: eku })));
    if (email) extensions.push(ext('2.5.29.17', false, new AltName({ altNames: [new GeneralName({ type: 1, value: email })] })));
    return {
      subject: [['2.5.4.6', 'JP'], ['2.5.4.10', organization], ['2.5.4.3', organization]],
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      extensions,
      key: options.key,
    };
  }

  const issueLeaf = async (options: LeafOptions = {}) => save(await makeCertificate({ ...leafSpec(options), issuer: options.issuer ?? intermediate }));
  const selfSigned = async (options: LeafOptions = {}) => save(await makeCertificate(leafSpec(options)));

  const signer = await issueLeaf();
  return {
    dir,
    root,
    intermediate,
    signer,
    issueLeaf,
    issueCa,
    selfSigned,
    write,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A small mail like the issuer's notices: Japanese text, one official link. */
export function sampleMail(from = `=?UTF-8?B?44Ko44Og44Ki44Kk44Kr44O844OJ?= <${SIGNER_EMAIL}>`): string {
  return [
    `From: ${from}`,
    'To: member@example.jp',
    'Subject: =?UTF-8?B?44CQ44Ko44Og44Ki44Kk44Kr44O844OJ44CR44GU5Yip55So5piO57Sw?=',
    'Date: Mon, 01 Jun 2026 09:00:00 +0900',
    'Message-ID: <notice-1@micard.co.jp>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('エムアイカードをご利用いただきありがとうございます。\nご利用明細は https://www1.micard.co.jp/app/login からご確認ください。\n').toString('base64'),
    '',
  ].join('\r\n');
}
