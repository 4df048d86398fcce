// Macros and outside addresses in Office files. Macro-enabled OOXML (.docm/.xlsm …) is a zip
// whose parts include `vbaProject.bin`; a legacy binary file (.doc/.xls/.ppt) is a Compound File
// (read with SheetJS's cfb) whose macro code lives in `_VBA_PROJECT`/`VBA` storages, or in
// `Macros` for Word 6. OOXML names every address outside the file in its relationship parts
// (`*.rels`, `TargetMode="External"`): links, and the templates, objects and frames Office fetches
// when the file opens (remote template injection, CVE-2017-0199), which run code no scanner saw.
// Links can also sit in field codes only (`HYPERLINK "…"`), in OOXML and legacy Word files alike.
import CFB from 'cfb';
import type { ZipListing } from './zip.ts';

export function ooxmlHasMacros(listing: ZipListing): boolean {
  return listing.entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /(^|\/)(macrosheets|activeX)\//i.test(e.name));
}

/** Relationship types whose outside target Office fetches by itself when the file opens. */
const FETCHED = new Set(['attachedTemplate', 'oleObject', 'frame', 'subDocument']);

export type ExternalRelationships = { links: string[]; fetched: string[] };

/** The outside addresses of OOXML relationship parts: links, and what Office fetches on opening. */
export function externalRelationships(parts: Iterable<Uint8Array>): ExternalRelationships {
  const found: ExternalRelationships = { links: [], fetched: [] };
  for (const part of parts) {
    for (const [, attributes] of new TextDecoder().decode(part).matchAll(/<Relationship\b([^>]*)>/g)) {
      // XML allows either quote, and Office reads both.
      if (!/\bTargetMode\s*=\s*(["'])External\1/i.test(attributes!)) continue;
      const target = /\bTarget\s*=\s*(?:"([^"]+)"|'([^']+)')/.exec(attributes!);
      const type = /\bType\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attributes!);
      const address = (target?.[1] ?? target?.[2])?.replace(/&amp;/g, '&');
      const kind = (type?.[1] ?? type?.[2] ?? '').split('/').pop() ?? '';
      if (address) (FETCHED.has(kind) ? found.fetched : found.links).push(address);
    }
  }
  return found;
}

/** Links a document keeps only in its field codes (`HYPERLINK "https://…"`), which Word follows
 *  like any link: in OOXML they need no relationship part, and a legacy .doc has no other place. */
export function fieldHyperlinks(text: string): string[] {
  return [...text.matchAll(/HYPERLINK\s+(?:\\{1,2}l\s+)?"([^"]{1,2000})"/g)].map((m) => m[1]!);
}

/** The field links of an OOXML document part: its text runs joined (a field code may be split
 *  over several runs), the entities decoded. */
export function ooxmlFieldHyperlinks(part: Uint8Array): string[] {
  const text = new TextDecoder().decode(part).replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return fieldHyperlinks(text);
}

export type LegacyOffice = { macros: boolean; links: string[]; error?: string };

/** A legacy binary Office file: its macros, and the field links in a Word document's text
 *  (stored as 8-bit or UTF-16 characters). */
export function legacyOffice(bytes: Uint8Array): LegacyOffice {
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    const macros = container.FullPaths.some((path) => /(^|\/)(_VBA_PROJECT(_CUR)?|VBA|Macros)\/?$/i.test(path));
    const word = CFB.find(container, 'WordDocument')?.content;
    const text = word ? Buffer.from(word as Uint8Array) : undefined;
    const links = text ? [...new Set([...fieldHyperlinks(text.toString('latin1')), ...fieldHyperlinks(text.toString('utf16le'))])] : [];
    return { macros, links };
  } catch (error) {
    return { macros: false, links: [], error: (error as Error).message };
  }
}
