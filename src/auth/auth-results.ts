// Authentication-Results (RFC 8601) already in the mail: what the member's own provider found
// when the mail arrived. Anyone can write such a header, so one is trusted only when it names
// the configured receiving host (authserv-id), is the topmost with that name, and sits among
// the headers the trusted hops wrote. Others are shown, never believed; one that borrows the
// trusted name but sits elsewhere is reported as forged.
import type { HeaderField } from './mime-bytes.ts';

export type AuthResult = {
  method: string;
  result: string;
  /** `reason="…"` and comments, joined. */
  reason?: string;
  /** `ptype.property=value` pairs, e.g. `header.from`, `header.d`, `smtp.mailfrom`. */
  props: Record<string, string>;
};

export type AuthResultsHeader = {
  authservId: string;
  results: AuthResult[];
  trusted: boolean;
  /** Claims the trusted authserv-id but was not added by the trusted host. */
  forged: boolean;
  /** Position among the message's header fields (0 = top). */
  index: number;
};

type Token = { text: string; comment?: string };

/** Splits at `;` outside quotes and comments; comments are lifted out of each piece. */
function splitStatements(value: string): Token[] {
  const statements: Token[] = [];
  let text = '';
  let comment = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length && (quoted || depth > 0)) {
      if (depth > 0) comment += value[++i];
      else text += ch + value[++i];
      continue;
    }
    if (depth > 0) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (depth > 0) comment += ch;
      else comment += ' ';
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') {
      depth = 1;
      continue;
    }
    if (!quoted && ch === ';') {
      statements.push({ text: text.trim(), comment: comment.trim() || undefined });
      text = '';
      comment = '';
      continue;
    }
    text += ch;
  }
  statements.push({ text: text.trim(), comment: comment.trim() || undefined });
  return statements.filter((s) => s.text !== '');
}

function unquote(text: string): string {
  return text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}

function parseResult(statement: Token): AuthResult | undefined {
  const pairs = statement.text.match(/[^\s=]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s]+)/g) ?? [];
  const [first, ...rest] = pairs;
  const head = first?.match(/^([^\s=/]+)(?:\/\d+)?\s*=\s*(.+)$/);
  if (!head) return undefined;
  const result: AuthResult = { method: head[1].toLowerCase(), result: unquote(head[2]).toLowerCase(), props: {} };
  const reasons: string[] = [];
  for (const pair of rest) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim().toLowerCase();
    const value = unquote(pair.slice(eq + 1).trim());
    if (key === 'reason') reasons.push(value);
    else result.props[key] = value;
  }
  if (statement.comment) reasons.push(statement.comment);
  if (reasons.length > 0) result.reason = reasons.join('; ');
  return result;
}

/** `method=result` or `method/version=result` at the start of a statement. */
const RESULT_START = /^[^\s=/]+(?:\/\d+)?\s*=/;

export function parseAuthResultsValue(value: string): { authservId: string; results: AuthResult[] } {
  const all = splitStatements(value);
  // RFC 8601 starts with the authserv-id, but Microsoft 365 writes none ("spf=pass (sender IP
  // is …) …; dmarc=fail …; compauth=fail"): a first statement that is a result is one.
  const head = all[0] && !RESULT_START.test(all[0].text) ? all[0] : undefined;
  const statements = head ? all.slice(1) : all;
  const authservId = unquote((head?.text ?? '').split(/\s+/)[0] ?? '').toLowerCase();
  const results = statements.flatMap((s) => {
    if (/^none$/i.test(s.text)) return [];
    const parsed = parseResult(s);
    return parsed ? [parsed] : [];
  });
  return { authservId, results };
}

const TRACE_FIELDS = /^(authentication-results|received-spf|arc-seal|arc-message-signature|arc-authentication-results)$/;

/** Index just past the headers the trusted hops wrote: everything down to the last trusted
 *  Received header, plus the trace fields a receiver writes directly below it (as Gmail does). */
function trustedZoneEnd(headers: HeaderField[], trustedHops: number): number {
  const received = headers.flatMap((h, i) => (h.name === 'received' ? [i] : []));
  if (trustedHops <= 0 || received.length === 0) return 0;
  let end = received[Math.min(trustedHops, received.length) - 1] + 1;
  while (end < headers.length && TRACE_FIELDS.test(headers[end].name)) end++;
  return end;
}

/** Every Authentication-Results header of the message, marked trusted, untrusted or forged. */
export function readAuthResults(headers: HeaderField[], trustedAuthServId: string | undefined, trustedHops: number): AuthResultsHeader[] {
  const trustedId = trustedAuthServId?.toLowerCase();
  const zoneEnd = trustedZoneEnd(headers, trustedHops);
  let trustedTaken = false;
  return headers.flatMap((header, index) => {
    if (header.name !== 'authentication-results') return [];
    const parsed = parseAuthResultsValue(header.value);
    const claimsTrusted = trustedId !== undefined && parsed.authservId === trustedId;
    // Receivers prepend: their own header is the topmost with their name, inside their zone.
    const trusted = claimsTrusted && !trustedTaken && index < zoneEnd;
    if (claimsTrusted) trustedTaken = true;
    return [{ ...parsed, trusted, forged: claimsTrusted && !trusted, index }];
  });
}
