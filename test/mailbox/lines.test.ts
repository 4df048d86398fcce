import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter } from '../../src/mailbox/lines.ts';
import { fc, runs } from '../helpers/property.ts';

type Piece = { text: string; start: boolean; end: boolean };

function split(chunks: Buffer[], maxPieceBytes: number): Piece[] {
  const splitter = new LineSplitter(maxPieceBytes);
  const pieces: Piece[] = [];
  const onPiece = (bytes: Buffer, start: boolean, end: boolean) => pieces.push({ text: bytes.toString('latin1'), start, end });
  for (const chunk of chunks) splitter.push(chunk, onPiece);
  splitter.end(onPiece);
  return pieces;
}

test('whole lines come out as one piece each, CRLF kept, last line without newline included', () => {
  assert.deepEqual(split([Buffer.from('ab\r\ncd\n\nlast')], 1024), [
    { text: 'ab\r\n', start: true, end: true },
    { text: 'cd\n', start: true, end: true },
    { text: '\n', start: true, end: true },
    { text: 'last', start: true, end: true },
  ]);
});

test('a line split across chunks is reassembled', () => {
  assert.deepEqual(split([Buffer.from('ab'), Buffer.from('c'), Buffer.from('d\nef\n')], 1024), [
    { text: 'abcd\n', start: true, end: true },
    { text: 'ef\n', start: true, end: true },
  ]);
});

test('a line longer than the piece size comes out in pieces', () => {
  assert.deepEqual(split([Buffer.from('abcd'), Buffer.from('efgh'), Buffer.from('ij\nk\n')], 4), [
    { text: 'abcd', start: true, end: false },
    { text: 'efgh', start: false, end: false },
    { text: 'ij\n', start: false, end: true },
    { text: 'k\n', start: true, end: true },
  ]);
});

test('for any bytes and chunking, pieces rebuild the input line by line', () => {
  const bytes = fc.uint8Array({ maxLength: 200 }).map((array) => Buffer.from(array.map((byte) => (byte % 4 === 0 ? 0x0a : byte))));
  fc.assert(
    fc.property(bytes, fc.array(fc.nat(200), { maxLength: 10 }), fc.integer({ min: 1, max: 16 }), (input, cuts, maxPieceBytes) => {
      const positions = [...new Set(cuts.map((cut) => cut % (input.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...positions].map((from, index, all) => input.subarray(from, all[index + 1] ?? input.length));
      const pieces = split(chunks, maxPieceBytes);
      assert.equal(pieces.map((piece) => piece.text).join(''), input.toString('latin1'));
      const expectedLines = input.toString('latin1').match(/[^\n]*\n|[^\n]+$/g) ?? [];
      const lines: string[] = [];
      for (const piece of pieces) {
        if (piece.start) lines.push('');
        lines[lines.length - 1] += piece.text;
        // Only the last piece of a line may be short: a held partial is flushed at the piece size.
        if (!piece.end) assert.ok(piece.text.length >= maxPieceBytes);
      }
      assert.deepEqual(lines, expectedLines);
      assert.ok(pieces.every((piece, index) => piece.start === (index === 0 || pieces[index - 1]!.end)));
    }),
    runs(2_000),
  );
});
