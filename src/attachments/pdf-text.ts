// The words of a PDF, for the phrase and call-back checks. Refund, invoice and call-back lures
// often say everything in an attached PDF and one line in the mail ("Check the PDF that we
// attached"): the IRS refund, the Norton renewal for $499.99 with a number to call.
// Reading text needs a real PDF reader (content streams, font encodings, CID maps), which is not
// something to write by hand: pdf.js, Firefox's reader, loaded only when a PDF arrives.
// Bounded like every attachment reader: the first pages only, a cap on characters, and a time
// limit after which the document is dropped. (pdf.js 5+ no longer compiles fonts with `eval`.)
import { ATTACHMENT_BOUNDS } from './bounds.ts';

export type PdfText = { text: string; pages: number } | { skipped: string };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextItem = import('pdfjs-dist/types/src/display/api.js').TextItem;
let pdfjs: Promise<PdfJs> | undefined;

/** Lines of a page: pdf.js gives runs of text with their position; runs on one line that stand
 *  apart are separate words (some PDFs place every letter alone, so a run is no word either). */
function pageText(items: TextItem[]): string {
  let text = '';
  let previous: TextItem | undefined;
  for (const item of items) {
    if (previous && !previous.hasEOL && item.str && !/\s$/.test(text) && !/^\s/.test(item.str)) {
      const sameLine = Math.abs(item.transform[5]! - previous.transform[5]!) < 1;
      const gap = item.transform[4]! - (previous.transform[4]! + previous.width);
      if (!sameLine || gap > 1) text += ' ';
    }
    text += item.str;
    if (item.hasEOL) text += '\n';
    previous = item;
  }
  return text;
}

/** The text of the first pages of a PDF, or why it could not be read within `millis`. Never throws. */
export async function readPdfText(bytes: Uint8Array, millis: number): Promise<PdfText> {
  const outOfTime: PdfText = { skipped: `text not read within the ${ATTACHMENT_BOUNDS.maxPdfTextMillis} ms for the message's PDFs` };
  if (millis <= 0) return outOfTime;
  const { getDocument, PasswordException } = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  // pdf.js takes ownership of the buffer it is given: pass a copy, the mail keeps its bytes.
  const task = getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PdfText>((resolve) => {
    timer = setTimeout(() => resolve(outOfTime), millis);
  });
  const read = (async (): Promise<PdfText> => {
    const document = await task.promise;
    const pages = Math.min(document.numPages, ATTACHMENT_BOUNDS.maxPdfTextPages);
    let text = '';
    for (let number = 1; number <= pages && text.length < ATTACHMENT_BOUNDS.maxPdfTextChars; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      text += `${pageText(content.items.filter((item) => 'str' in item))}\n`;
    }
    return { text: text.slice(0, ATTACHMENT_BOUNDS.maxPdfTextChars), pages };
  })().catch((error: unknown) => ({ skipped: error instanceof PasswordException ? 'encrypted, text not readable' : `text unreadable: ${(error as Error).message.replace(/\.$/, '')}` }));
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}
