// PDFs built against the byte scan and the text reader: files crafted to cost time, and links
// and actions written in ways a PDF reader accepts but a plain look at the bytes missed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newBudget } from '../../src/attachments/bounds.ts';
import { scanPdf } from '../../src/attachments/pdf.ts';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('PDF scan cost', () => {
  it('reads 3 MB built to be slow in well under a second', () => {
    // Each took seconds to minutes at 3 MB when a pattern went back over the text: a lazy match
    // from every /FlateDecode to a `stream` that never comes (61 s), a /URI string read again
    // to the end at every later /URI (minutes), a decoder started for every tiny stream.
    const repeated = {
      'a filter name and no stream': '/FlateDecode ',
      'link strings never closed': '/URI (',
      'tiny compressed streams': '1 0 obj <</Filter /FlateDecode>> stream\nx\nendstream endobj\n',
      'inline image starts': ' BI ',
      'open actions': '/OpenAction ',
    };
    for (const [what, unit] of Object.entries(repeated)) {
      const bytes = latin1(`%PDF-1.7\n${unit.repeat(Math.ceil(3_000_000 / unit.length))}\n%%EOF\n`);
      const started = performance.now();
      scanPdf(bytes, newBudget());
      const millis = performance.now() - started;
      // About 50 ms here; the bound leaves room for a slow, busy machine.
      assert.ok(millis < 2_000, `${what}: ${Math.round(millis)} ms`);
    }
  });
});
