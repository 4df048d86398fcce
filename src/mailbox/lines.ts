// Splits a byte stream into lines without decoding it: mail carries ISO-2022-JP, Shift_JIS and raw
// 8-bit bytes that a text decoder would alter. A line longer than `maxPieceBytes` (a base64 blob
// without newlines, a hostile file) is handed out in pieces so memory stays bounded.

/** `bytes` includes the line terminator when `end` is true (except on a last line without one). */
export type OnPiece = (bytes: Buffer, start: boolean, end: boolean) => void;

const LF = 0x0a;

export class LineSplitter {
  readonly #maxPieceBytes: number;
  #held: Buffer[] = [];
  #heldBytes = 0;
  /** Whether a piece of the current line was already handed out. */
  #lineStarted = false;

  constructor(maxPieceBytes = 64 * 1024) {
    this.#maxPieceBytes = maxPieceBytes;
  }

  push(chunk: Buffer, onPiece: OnPiece): void {
    let position = 0;
    while (position < chunk.length) {
      const newline = chunk.indexOf(LF, position);
      if (newline === -1) {
        this.#hold(chunk.subarray(position), onPiece);
        return;
      }
      const line = chunk.subarray(position, newline + 1);
      position = newline + 1;
      if (this.#heldBytes === 0 && !this.#lineStarted) {
        onPiece(line, true, true);
      } else {
        this.#held.push(line);
        this.#flush(onPiece, true);
      }
    }
  }

  /** Hands out a last line that has no terminator. */
  end(onPiece: OnPiece): void {
    if (this.#heldBytes > 0) this.#flush(onPiece, true);
    this.#lineStarted = false;
  }

  #hold(tail: Buffer, onPiece: OnPiece): void {
    this.#held.push(tail);
    this.#heldBytes += tail.length;
    if (this.#heldBytes >= this.#maxPieceBytes) this.#flush(onPiece, false);
  }

  #flush(onPiece: OnPiece, end: boolean): void {
    const bytes = this.#held.length === 1 ? this.#held[0]! : Buffer.concat(this.#held);
    onPiece(bytes, !this.#lineStarted, end);
    this.#held = [];
    this.#heldBytes = 0;
    this.#lineStarted = !end;
  }
}
