// MIME structure on exact bytes. Signatures cover bytes, so S/MIME cannot use a parser that
// decodes as it goes (postal-mime keeps no part offsets): this one only finds where headers,
// bodies and multipart parts start and end in the raw message. It works on a latin1 string,
// where one character is one byte, so every index is also a byte offset.

/** `raw` is the field exactly as written, folding included, without the final line break. */
export type HeaderField = { name: string; value: string; raw: string };

/** One MIME entity: its header fields and where its body lies in the text. */
export type Entity = { headers: HeaderField[]; bodyStart: number; end: number };

export type ContentType = { type: string; params: Record<string, string> };

export function bytesToText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function textToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** Reads the header block starting at `start`; the body begins after the first empty line. */
export function parseEntity(text: string, start = 0, end = text.length): Entity {
  const headers: HeaderField[] = [];
  let pos = start;
  let current: HeaderField | undefined;
  while (pos < end) {
    const lineEnd = text.indexOf('\n', pos);
    const stop = lineEnd === -1 || lineEnd >= end ? end : lineEnd;
    const line = text.slice(pos, stop).replace(/\r$/, '');
    pos = stop === end ? end : stop + 1;
    if (line === '') break;
    if (/^[ \t]/.test(line) && current) {
      current.value += ` ${line.trim()}`;
      current.raw += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trimEnd() : '';
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
      current = undefined; // mbox "From " separators and junk lines are not fields
      continue;
    }
    current = { name: name.toLowerCase(), value: line.slice(colon + 1).trim(), raw: line };
    headers.push(current);
  }
  return { headers, bodyStart: pos, end };
}

export function headerValue(entity: Entity, name: string): string | undefined {
  return entity.headers.find((h) => h.name === name)?.value;
}

/** `type/subtype; a=b; c="d"` → lower-case type and lower-case parameter names. */
export function parseContentType(value: string | undefined): ContentType {
  if (!value) return { type: 'text/plain', params: {} };
  const pieces: string[] = [];
  let piece = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted && i + 1 < value.length) {
      piece += value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (ch === ';' && !quoted) {
      pieces.push(piece);
      piece = '';
    } else piece += ch;
  }
  pieces.push(piece);
  const params: Record<string, string> = {};
  for (const param of pieces.slice(1)) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim();
  }
  return { type: pieces[0].trim().toLowerCase().replace(/\s+/g, ''), params };
}

/** A body part of a multipart entity: `start` is its first header byte, `end` excludes the
 *  line break that belongs to the next boundary delimiter (RFC 2046 §5.1.1). */
export type Part = { start: number; end: number };

/** Splits a multipart body by its boundary; `closed` is false when the close delimiter is missing. */
export function multipartParts(text: string, entity: Entity, boundary: string, maxParts = 1000): { parts: Part[]; closed: boolean } {
  const marker = `--${boundary}`;
  const parts: Part[] = [];
  let partStart = -1;
  for (let at = text.indexOf(marker, entity.bodyStart); at !== -1 && at < entity.end; at = text.indexOf(marker, at + marker.length)) {
    if (at !== entity.bodyStart && text[at - 1] !== '\n') continue; // a delimiter starts a line
    const lineEnd = text.indexOf('\n', at);
    const stop = lineEnd === -1 || lineEnd > entity.end ? entity.end : lineEnd;
    const rest = text.slice(at + marker.length, stop).replace(/\r$/, '');
    if (!/^(--)?[ \t]*$/.test(rest)) continue; // the boundary string inside a longer line
    if (partStart !== -1) {
      const breakLength = at === entity.bodyStart ? 0 : text[at - 2] === '\r' ? 2 : 1;
      parts.push({ start: partStart, end: Math.max(partStart, at - breakLength) });
    }
    if (rest.startsWith('--')) return { parts, closed: true };
    if (parts.length >= maxParts) break;
    partStart = stop === entity.end ? entity.end : stop + 1;
  }
  return { parts, closed: false };
}

/** RFC 8551 §3.1.1 canonical form: every line ends in CRLF. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Decodes a body by its Content-Transfer-Encoding; undefined for an encoding we cannot read. */
export function decodeBody(body: string, encoding: string | undefined): Uint8Array | undefined {
  const cte = (encoding ?? '7bit').trim().toLowerCase();
  if (cte === 'base64') return new Uint8Array(Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  if (cte === '7bit' || cte === '8bit' || cte === 'binary') return textToBytes(body);
  if (cte === 'quoted-printable') {
    const decoded = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return textToBytes(decoded);
  }
  return undefined;
}
