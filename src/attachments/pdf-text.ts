// The words of a PDF, for the phrase and call-back checks. Refund, invoice and call-back lures
// often say everything in an attached PDF and one line in the mail ("Check the PDF that we
// attached"): the IRS refund, the Norton renewal for $499.99 with a number to call.
// Reading text needs a real PDF reader (content streams, font encodings, CID maps), which is not
// something to write by hand: pdf.js, Firefox's reader, loaded only when a PDF arrives. The
// pictures of the same pages come decoded with it, for the QR-code check: a PDF whose only
// content is a QR code is a common way to carry a link past filters ("quishing").
// The links of the same pages come with it too: a PDF encrypted with an empty user password
// opens without asking for one, and its links are encrypted strings no byte scan can read.
// Bounded like every attachment reader: the first pages only, a cap on characters, and a time
// limit after which the document is dropped. (pdf.js 5+ no longer compiles fonts with `eval`.)
import { ATTACHMENT_BOUNDS } from './bounds.ts';
import type { Rgba } from './qr.ts';

export type PdfText = { text: string; pages: number; images: Rgba[]; links: string[] } | { skipped: string };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextItem = import('pdfjs-dist/types/src/display/api.js').TextItem;
let pdfjs: Promise<PdfJs> | undefined;

/** Pictures read per PDF for QR codes. */
const MAX_PDF_IMAGES = 4;
/** A first page with more text than this says what it has to say in words: its pictures are
 *  logos. A QR lure's page is the code and a line or two ("scan to review the document"). */
const PICTURE_PAGE_CHARS = 1_000;

/** pdf.js's decoded picture as RGBA, or undefined for forms it leaves as a bitmap or a mask. */
function rgba(image: { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray } | undefined): Rgba | undefined {
  if (!image?.data || image.width <= 0 || image.height <= 0 || image.width * image.height > ATTACHMENT_BOUNDS.maxImagePixels) return undefined;
  const { width, height, kind, data } = image;
  if (kind === 3) return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, width * height * 4), width, height };
  if (kind !== 1 && kind !== 2) return undefined;
  const out = new Uint8ClampedArray(width * height * 4).fill(255);
  // kind 2: RGB, a byte a channel; kind 1: a bit a pixel, each row padded to whole bytes.
  const rowBytes = Math.ceil(width / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (kind === 2) out.set(data.subarray(i * 3, i * 3 + 3), i * 4);
      else out.fill((data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0, i * 4, i * 4 + 3);
    }
  }
  return { data: out, width, height };
}

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

/** The text of the first pages of a PDF, or why it could not be read within `millis`. Never throws.
 *  `pictured` (from the byte scan) says whether the PDF has pictures worth reading for QR codes. */
export async function readPdfText(bytes: Uint8Array, millis: number, pictured = false): Promise<PdfText> {
  const outOfTime: PdfText = { skipped: `text not read within the ${ATTACHMENT_BOUNDS.maxPdfTextMillis} ms for the message's PDFs` };
  if (millis <= 0) return outOfTime;
  const { getDocument, AnnotationType, OPS, PasswordException } = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  // pdf.js takes ownership of the buffer it is given: pass a copy, the mail keeps its bytes.
  // Without an offscreen canvas it hands pictures over as pixels rather than bitmaps.
  const task = getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false, isOffscreenCanvasSupported: false, maxImageSize: ATTACHMENT_BOUNDS.maxImagePixels });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PdfText>((resolve) => {
    timer = setTimeout(() => resolve(outOfTime), millis);
  });
  const read = (async (): Promise<PdfText> => {
    const document = await task.promise;
    const pages = Math.min(document.numPages, ATTACHMENT_BOUNDS.maxPdfTextPages);
    let text = '';
    const images: Rgba[] = [];
    const links: string[] = [];
    for (let number = 1; number <= pages; number++) {
      const page = await document.getPage(number);
      // Links pdf.js finds to be web, mail or phone URLs (`url`), as written (`unsafeUrl`). A
      // GoToR or Launch has a file name there (appendix.pdf, cmd.exe), which the link checks
      // would take for a host; a URI pdf.js cannot make a URL of, it does not open either.
      const annotations: { annotationType?: number; url?: unknown; unsafeUrl?: unknown }[] = await page.getAnnotations().catch(() => []);
      for (const { annotationType, url, unsafeUrl } of annotations) {
        if (annotationType !== AnnotationType.LINK || typeof url !== 'string' || links.length >= ATTACHMENT_BOUNDS.maxLinksPerAttachment) continue;
        links.push((typeof unsafeUrl === 'string' ? unsafeUrl : url).trim());
      }
      if (text.length < ATTACHMENT_BOUNDS.maxPdfTextChars) {
        const content = await page.getTextContent();
        text += `${pageText(content.items.filter((item) => 'str' in item))}\n`;
      }
      // Pictures are a second thought: a page whose drawing fails still gave its text. Reading a
      // page's drawing costs as much as the rest of the PDF, so only a first page of few words is
      // asked, and only of a file that has pictures at all.
      const operations = number === 1 && pictured && text.length < PICTURE_PAGE_CHARS ? await page.getOperatorList().catch(() => undefined) : undefined;
      for (let i = 0; operations && i < operations.fnArray.length && images.length < MAX_PDF_IMAGES; i++) {
        const operation = operations.fnArray[i];
        const argument = operations.argsArray[i]?.[0];
        // A named picture is fetched from the page's (or the document's, `g_…`) objects; an inline one comes along.
        const picture =
          operation === OPS.paintImageXObject
            ? await new Promise<Parameters<typeof rgba>[0]>((resolve) => ((argument as string).startsWith('g_') ? page.commonObjs : page.objs).get(argument, resolve))
            : operation === OPS.paintInlineImageXObject
              ? argument
              : undefined;
        const pixels = rgba(picture);
        if (pixels) images.push(pixels);
      }
    }
    return { text: text.slice(0, ATTACHMENT_BOUNDS.maxPdfTextChars), pages, images, links };
  })().catch((error: unknown) => ({ skipped: error instanceof PasswordException ? 'encrypted, text not readable' : `text unreadable: ${(error as Error).message.replace(/\.$/, '')}` }));
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}
