// Macros in Office files. Macro-enabled OOXML (.docm/.xlsm …) is a zip whose parts include
// `vbaProject.bin`; a legacy binary file (.doc/.xls/.ppt) is a Compound File (read with SheetJS's
// cfb) whose macro code lives in `_VBA_PROJECT`/`VBA` storages, or in `Macros` for Word 6.
import CFB from 'cfb';
import type { ZipListing } from './zip.ts';

export function ooxmlHasMacros(listing: ZipListing): boolean {
  return listing.entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /(^|\/)(macrosheets|activeX)\//i.test(e.name));
}

export type LegacyOffice = { macros: boolean; error?: string };

export function legacyOfficeMacros(bytes: Uint8Array): LegacyOffice {
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    const macros = container.FullPaths.some((path) => /(^|\/)(_VBA_PROJECT(_CUR)?|VBA|Macros)\/?$/i.test(path));
    return { macros };
  } catch (error) {
    return { macros: false, error: (error as Error).message };
  }
}
