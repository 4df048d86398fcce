// QR codes in images ("quishing"): a mail that cannot carry a phishing link as text carries it as
// a picture, which filters do not read and which the member opens on a phone. Images are
// decoded with pure-JS decoders (pngjs, jpeg-js, omggif) and scanned with jsQR. Dimensions are
// checked from the header before any pixel is decoded, so a huge or hostile image costs nothing.
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { GifReader } from 'omggif';
import { ATTACHMENT_BOUNDS } from './bounds.ts';

// jsQR ships a UMD bundle typed as an ES module: under Node the default import is the CommonJS
// exports object, whose `default` is the decoder.
const jsQR = jsQRModule.default;

export type Rgba = { data: Uint8ClampedArray; width: number; height: number };

export type QrResult = { text?: string; skipped?: string };

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function tooBig(width: number, height: number): boolean {
  return width <= 0 || height <= 0 || width * height > ATTACHMENT_BOUNDS.maxImagePixels;
}

function decodePng(bytes: Uint8Array): Rgba | string {
  if (bytes.length < 24) return 'truncated PNG';
  const { width, height } = pngSize(bytes);
  if (tooBig(width, height)) return `PNG of ${width}×${height} pixels is over the limit`;
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
}

function decodeJpeg(bytes: Uint8Array): Rgba | string {
  const maxMP = ATTACHMENT_BOUNDS.maxImagePixels / 1_000_000;
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMP, maxMemoryUsageInMB: 128 });
  return { data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
}

function decodeGif(bytes: Uint8Array): Rgba | string {
  const reader = new GifReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  if (tooBig(reader.width, reader.height)) return `GIF of ${reader.width}×${reader.height} pixels is over the limit`;
  const data = new Uint8ClampedArray(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, data);
  return { data, width: reader.width, height: reader.height };
}

const DECODERS: Record<string, (bytes: Uint8Array) => Rgba | string> = { png: decodePng, jpg: decodeJpeg, gif: decodeGif };

export function decodeImage(bytes: Uint8Array, ext: string): Rgba | string {
  const decoder = DECODERS[ext];
  if (!decoder) return `no decoder for ${ext || 'this image type'}`;
  try {
    return decoder(bytes);
  } catch (error) {
    return `unreadable image: ${(error as Error).message}`;
  }
}

/** The text of the QR code in an image, or why the image was not read. */
export function readQr(bytes: Uint8Array, ext: string): QrResult {
  const image = decodeImage(bytes, ext);
  return typeof image === 'string' ? { skipped: image } : qrInPixels(image);
}

/** The text of the QR code in decoded pixels (an image file's, or a picture inside a PDF). */
export function qrInPixels(image: Rgba): QrResult {
  if (tooBig(image.width, image.height)) return { skipped: `image of ${image.width}×${image.height} pixels is over the limit` };
  // A QR code needs 21 modules a side; smaller images are icons and spacers.
  if (image.width < 21 || image.height < 21) return {};
  const scanned = shrink(image);
  // Dark-on-light only: codes made to be scanned by a phone are printed that way, and trying the
  // inverted image too doubles the cost on every logo of every mail.
  const code = jsQR(scanned.data, scanned.width, scanned.height, { inversionAttempts: 'dontInvert' });
  return code?.data ? { text: code.data } : {};
}

/** Pixels jsQR scans per image: its cost grows with the pixel count (~0.3 s for 4 MP, twice
 *  with inversion), while a QR code meant for a phone camera stays readable at a million. */
const SCAN_PIXELS = 1_000_000;

/** Nearest-neighbour downscale to at most SCAN_PIXELS; smaller images are scanned as they are. */
function shrink(image: Rgba): Rgba {
  const step = Math.ceil(Math.sqrt((image.width * image.height) / SCAN_PIXELS));
  if (step <= 1) return image;
  const width = Math.floor(image.width / step);
  const height = Math.floor(image.height / step);
  const data = new Uint8ClampedArray(width * height * 4);
  const source = new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
  const target = new Uint32Array(data.buffer);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) target[y * width + x] = source[y * step * image.width + x * step]!;
  }
  return { data, width, height };
}
