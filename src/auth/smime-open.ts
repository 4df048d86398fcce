// Opaque S/MIME (`application/pkcs7-mime; smime-type=signed-data`) hides the mail's content
// inside the CMS structure, where a MIME parser sees only an attachment. A mail client shows
// that content; so must kakunin, or links in such a mail would go unchecked. This rebuilds
// the mail as a reader sees it: the outer headers over the signed entity.
import { ContentInfo, SignedData } from 'pkijs';
import { bytesToText, parseEntity, textToBytes } from './mime-bytes.ts';
import { findSignedStructure } from './smime-structure.ts';

const SIGNED_DATA = '1.2.840.113549.1.7.2';

/** The mail with its opaque-signed content opened; undefined when it is not opaque-signed
 *  as a whole (or the content cannot be read, which the S/MIME check reports). */
export function openOpaqueSigned(raw: Uint8Array): Uint8Array | undefined {
  const structure = findSignedStructure(raw);
  if (!structure || structure.form !== 'opaque' || structure.path !== '' || !structure.cms) return undefined;
  let content: Uint8Array;
  try {
    const info = ContentInfo.fromBER(structure.cms.slice());
    if (info.contentType !== SIGNED_DATA) return undefined;
    const eContent = new SignedData({ schema: info.content }).encapContentInfo.eContent;
    if (!eContent) return undefined;
    content = new Uint8Array(eContent.getValue());
  } catch {
    return undefined;
  }
  const text = bytesToText(raw);
  const outer = parseEntity(text)
    .headers.filter((h) => !h.name.startsWith('content-') && h.name !== 'mime-version')
    .map((h) => `${h.raw}\r\n`)
    .join('');
  return textToBytes(`${outer}MIME-Version: 1.0\r\n${bytesToText(content)}`);
}
