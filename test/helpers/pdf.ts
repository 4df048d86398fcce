// PDFs for tests, written byte by byte: objects numbered from 1 (the first is the catalog) and a
// correct cross-reference table, so that pdf.js reads them as it reads a real file.

/** A PDF of `objects`; `trailer` adds entries to the trailer dictionary (`/Encrypt 5 0 R`). */
export function pdfOf(objects: string[], { version = '1.4', trailer = '' } = {}): Uint8Array {
  let body = `%PDF-${version}\n`;
  const offsets = objects.map((object, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
