// How much work one message's attachments may cost. Attachments are the easiest place to hide
// a decompression bomb or a giant image, so every reader below checks these before it reads.
export const ATTACHMENT_BOUNDS = {
  /** Bytes of one attachment that are examined at all. */
  maxAttachmentBytes: 20 * 1024 * 1024,
  /** Entries listed per archive; the rest are counted, not read. */
  maxArchiveEntries: 1_000,
  /** Files taken out of archives and judged per message: a zip of a thousand zips of a hundred
   *  pages each would otherwise cost seconds in small pieces the inflate budget hardly sees. */
  maxArchiveFiles: 300,
  /** Archives inside archives that are opened. */
  maxArchiveDepth: 8,
  /** Bytes decompressed from one archive entry we read (HTML, shortcuts, nested archives). */
  maxEntryBytes: 2 * 1024 * 1024,
  /** Bytes decompressed per message, across archives and PDF streams. */
  maxInflatedBytes: 16 * 1024 * 1024,
  /** Uncompressed/compressed ratio above which a big entry counts as a bomb. */
  maxCompressionRatio: 100,
  /** Pixels of one image decoded for QR codes (2,000 × 2,000). */
  maxImagePixels: 4_000_000,
  /** Images decoded for QR codes per message. */
  maxImages: 20,
  /** Bytes of HTML read from one attachment. */
  maxHtmlChars: 2 * 1024 * 1024,
  /** Links kept per attachment. */
  maxLinksPerAttachment: 200,
  /** Attached documents (PDFs, HTML pages) per message whose text is read for the phrase checks. */
  maxDocumentTexts: 5,
  /** Pages of a PDF whose text is read: lures sit on the first page. */
  maxPdfTextPages: 3,
  /** Characters of text kept from one PDF. */
  maxPdfTextChars: 20_000,
  /** Time the PDFs of one message may take to give up their text (a typical one takes 10–100 ms). */
  maxPdfTextMillis: 2_000,
} as const;

/** Decompression budget shared by everything that inflates data for one message. */
export type InflateBudget = { remaining: number };

export function newBudget(): InflateBudget {
  return { remaining: ATTACHMENT_BOUNDS.maxInflatedBytes };
}
