// Finds the S/MIME structure in a raw message: which entity is signed, in which form, and
// the exact bytes the signature covers. For `multipart/signed` that is the first body part,
// headers included, in canonical CRLF form (RFC 8551 §3.5); for opaque `application/pkcs7-mime`
// the content travels inside the CMS structure itself.
import {
  bytesToText,
  decodeBody,
  headerValue,
  multipartParts,
  parseContentType,
  parseEntity,
  textToBytes,
  toCrlf,
  type Entity,
} from './mime-bytes.ts';

export type SignedStructure =
  | {
      form: 'detached' | 'opaque';
      /** DER of the CMS ContentInfo; undefined when the signature part cannot be decoded. */
      cms: Uint8Array | undefined;
      /** Detached form: the canonical bytes of the signed first part. */
      content?: Uint8Array;
      /** Where the signed entity sits: '' for the whole message, else e.g. `1.2` (part numbers). */
      path: string;
      /** Parts of the message that the signature does not cover, by path and type. */
      unsigned: { path: string; type: string }[];
      /** Why the structure itself is broken (missing signature part, wrong protocol …). */
      problem?: string;
    }
  | { form: 'encrypted'; path: string };

const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);
const OPAQUE_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);
const MAX_DEPTH = 20;

function decodeSignaturePart(text: string, entity: Entity): Uint8Array | undefined {
  const der = decodeBody(text.slice(entity.bodyStart, entity.end), headerValue(entity, 'content-transfer-encoding'));
  return der && der.length > 0 ? der : undefined;
}

function detached(text: string, entity: Entity, path: string, protocol: string | undefined, boundary: string | undefined): SignedStructure {
  const base = { form: 'detached' as const, cms: undefined, path, unsigned: [] as { path: string; type: string }[] };
  if (!boundary) return { ...base, problem: 'multipart/signed without a boundary' };
  const { parts } = multipartParts(text, entity, boundary);
  if (parts.length < 2) return { ...base, problem: `multipart/signed has ${parts.length} part(s); it needs the content and the signature` };
  const signaturePart = parseEntity(text, parts[1].start, parts[1].end);
  const signatureType = parseContentType(headerValue(signaturePart, 'content-type')).type;
  const content = textToBytes(toCrlf(text.slice(parts[0].start, parts[0].end)));
  // A third part is outside both the content and the signature: a mail client would show it unsigned.
  const unsigned = parts.slice(2).map((part, i) => ({
    path: path ? `${path}.${i + 3}` : String(i + 3),
    type: parseContentType(headerValue(parseEntity(text, part.start, part.end), 'content-type')).type,
  }));
  if (!SIGNATURE_TYPES.has(signatureType)) {
    return { ...base, content, unsigned, problem: `the second part is ${signatureType}, not application/pkcs7-signature` };
  }
  const problem = protocol && !SIGNATURE_TYPES.has(protocol.toLowerCase()) ? `protocol "${protocol}" is not S/MIME` : undefined;
  return { ...base, cms: decodeSignaturePart(text, signaturePart), content, unsigned, ...(problem ? { problem } : {}) };
}

type Found = { structure: SignedStructure; siblings: { path: string; type: string }[] };

function search(text: string, entity: Entity, path: string, depth: number): Found | undefined {
  const contentType = parseContentType(headerValue(entity, 'content-type'));
  if (contentType.type === 'multipart/signed') {
    return { structure: detached(text, entity, path, contentType.params.protocol, contentType.params.boundary), siblings: [] };
  }
  if (OPAQUE_TYPES.has(contentType.type)) {
    const smimeType = (contentType.params['smime-type'] ?? '').toLowerCase();
    if (smimeType === 'enveloped-data' || smimeType === 'authenveloped-data') return { structure: { form: 'encrypted', path }, siblings: [] };
    const cms = decodeSignaturePart(text, entity);
    return { structure: { form: 'opaque', cms, path, unsigned: [] }, siblings: [] };
  }
  if (!contentType.type.startsWith('multipart/') || !contentType.params.boundary || depth >= MAX_DEPTH) return undefined;
  const { parts } = multipartParts(text, entity, contentType.params.boundary);
  const children = parts.map((part, i) => ({ entity: parseEntity(text, part.start, part.end), path: path ? `${path}.${i + 1}` : String(i + 1) }));
  for (const child of children) {
    const found = search(text, child.entity, child.path, depth + 1);
    if (!found) continue;
    const others = children
      .filter((other) => other !== child)
      .map((other) => ({ path: other.path, type: parseContentType(headerValue(other.entity, 'content-type')).type }));
    return { structure: found.structure, siblings: [...found.siblings, ...others] };
  }
  return undefined;
}

/** The first S/MIME structure in the message (not looking inside attached messages), or undefined. */
export function findSignedStructure(raw: Uint8Array): SignedStructure | undefined {
  const text = bytesToText(raw);
  const found = search(text, parseEntity(text), '', 0);
  if (!found) return undefined;
  if (found.structure.form === 'encrypted') return found.structure;
  return { ...found.structure, unsigned: [...found.siblings, ...found.structure.unsigned] };
}
