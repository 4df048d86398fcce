// What an RTF document fetches and links to. Word opens RTF under any name (`invoice.doc`), and
// RTF carries the same outside references as OOXML in its own syntax: a remote template
// (`{\*\template URL}`), an OLE object linked to an outside file that Word refreshes on opening
// (`\objautlink` or `\objlink` with `\objupdate`, the CVE-2017-0199 family), and HYPERLINK fields.
// No maintained JavaScript RTF reader exposes these control words, and they are plain text, so
// they are read here with bounded expressions over the file's first bytes.
import { fieldHyperlinks } from './office.ts';

/** Bytes of an RTF file read: the control words that matter sit in its header and first objects. */
const RTF_SCAN_BYTES = 2 * 1024 * 1024;
/** Hex digits of one object's data decoded to look for the address it links to. */
const OBJDATA_HEX_CHARS = 256 * 1024;

export type RtfReferences = { links: string[]; fetched: string[]; autoUpdatedObject: boolean };

/** Addresses in an object's hex-encoded OLE data: monikers store them in UTF-16 or as bytes. */
function objectAddresses(hex: string): string[] {
  const bytes = Buffer.from(hex.replace(/[^0-9a-f]/gi, '').slice(0, OBJDATA_HEX_CHARS).replace(/^((?:..)*).?$/, '$1'), 'hex');
  const found = new Set<string>();
  for (const text of [bytes.toString('utf16le'), bytes.toString('latin1')]) {
    for (const m of text.matchAll(/(?:https?|file):\/\/[\x21-\x7e]{3,2000}|\\\\[\w.-]+\\[\x21-\x7e]{1,2000}/gi)) found.add(m[0]);
  }
  return [...found];
}

export function rtfReferences(bytes: Uint8Array): RtfReferences {
  const text = Buffer.from(bytes.subarray(0, RTF_SCAN_BYTES)).toString('latin1');
  const fetched: string[] = [];
  for (const m of text.matchAll(/\{\\\*\\template\s+([^}\s][^}]{0,2000})\}/g)) fetched.push(m[1]!.trim());
  const autoUpdatedObject = /\\obj(?:aut)?link\b/.test(text) && /\\objupdate\b/.test(text);
  if (autoUpdatedObject) {
    for (const m of text.matchAll(/\\objdata\b([\s0-9a-fA-F]{0,600000})/g)) fetched.push(...objectAddresses(m[1]!));
  }
  return { links: fieldHyperlinks(text), fetched, autoUpdatedObject };
}
