// Reads an mbox file (mboxo/mboxrd) one message at a time from a stream, so a multi-GB mailbox
// costs one message of memory. A message starts at a `From ` line at the top of the file or after
// a blank line; that envelope line and the blank line before it belong to the format, not to
// the mail, and are dropped.
import { createReadStream } from 'node:fs';
import { failedEntry, oversizeEntry, type MailboxEntry } from './entry.ts';
import { LineSplitter } from './lines.ts';

const CHUNK_BYTES = 256 * 1024;
const FROM_ = Buffer.from('From ');
const GT = 0x3e;
const CR = 0x0d;
const LF = 0x0a;

export async function* readMbox(path: string, maxMessageBytes: number): AsyncGenerator<MailboxEntry> {
  const parser = new MboxParser(path, maxMessageBytes);
  const splitter = new LineSplitter();
  const onPiece = parser.piece.bind(parser);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      splitter.push(chunk as Buffer, onPiece);
      yield* parser.drain();
    }
  } catch (error) {
    yield failedEntry(parser.currentLabel(), error);
    return;
  }
  splitter.end(onPiece);
  parser.end();
  yield* parser.drain();
}

class MboxParser {
  readonly #path: string;
  readonly #maxMessageBytes: number;
  /** Messages finished by the last chunk, waiting for the consumer. */
  #ready: MailboxEntry[] = [];
  /** Index of the last message started (1-based); 0 before the first envelope line. */
  #index = 0;
  #parts: Buffer[] = [];
  #bytes = 0;
  #oversize = false;
  /** Whether the message has a line that is not blank (decides if text before the first envelope counts). */
  #hasText = false;
  /** A blank line seen last: it is the separator if a `From ` line follows, else mail content. */
  #pendingBlank: Buffer | null = null;
  /** The top of the file counts as "after a blank line". */
  #afterBlank = true;
  /** Inside an envelope line that arrives in several pieces. */
  #inEnvelope = false;

  constructor(path: string, maxMessageBytes: number) {
    this.#path = path;
    this.#maxMessageBytes = maxMessageBytes;
  }

  piece(bytes: Buffer, start: boolean, end: boolean): void {
    if (this.#inEnvelope) {
      this.#inEnvelope = !end;
      return;
    }
    if (start && this.#afterBlank && startsWith(bytes, FROM_, 0)) {
      this.#finish();
      this.#index++;
      this.#inEnvelope = !end;
      this.#afterBlank = false;
      return;
    }
    if (start && end && isBlank(bytes)) {
      if (this.#pendingBlank) this.#append(this.#pendingBlank);
      this.#pendingBlank = bytes;
      this.#afterBlank = true;
      return;
    }
    if (this.#pendingBlank) {
      this.#append(this.#pendingBlank);
      this.#pendingBlank = null;
    }
    this.#afterBlank = false;
    this.#hasText = true;
    this.#append(start && isEscapedFrom(bytes) ? bytes.subarray(1) : bytes);
  }

  end(): void {
    this.#finish();
  }

  *drain(): Generator<MailboxEntry> {
    while (this.#ready.length > 0) yield this.#ready.shift()!;
  }

  /** Label of the message being read, for an error that interrupts it. */
  currentLabel(): string {
    return this.#index === 0 ? this.#path : `${this.#path}#${this.#index}`;
  }

  #append(bytes: Buffer): void {
    if (this.#oversize) return;
    this.#bytes += bytes.length;
    if (this.#bytes > this.#maxMessageBytes) {
      this.#oversize = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(bytes);
  }

  #finish(): void {
    // Text before the first envelope line is not lost if it holds anything but blank lines.
    const hasMessage = this.#index > 0 || this.#hasText;
    if (hasMessage) {
      if (this.#index === 0) this.#index = 1;
      const file = `${this.#path}#${this.#index}`;
      // The copy detaches the message from the stream's chunks, which can then be collected.
      this.#ready.push(this.#oversize ? oversizeEntry(file, this.#maxMessageBytes) : { file, raw: Buffer.concat(this.#parts, this.#bytes) });
    }
    this.#parts = [];
    this.#bytes = 0;
    this.#oversize = false;
    this.#hasText = false;
    this.#pendingBlank = null;
  }
}

function startsWith(bytes: Buffer, prefix: Buffer, offset: number): boolean {
  return bytes.length - offset >= prefix.length && bytes.compare(prefix, 0, prefix.length, offset, offset + prefix.length) === 0;
}

function isBlank(line: Buffer): boolean {
  return (line.length === 1 && line[0] === LF) || (line.length === 2 && line[0] === CR && line[1] === LF);
}

/** `>From `, `>>From ` …: mboxrd quotes every level once, so one `>` is removed. */
function isEscapedFrom(line: Buffer): boolean {
  let position = 0;
  while (position < line.length && line[position] === GT) position++;
  return position > 0 && startsWith(line, FROM_, position);
}
