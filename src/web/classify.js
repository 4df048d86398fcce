// Decides what a pasted text is, so the member needs no "type" selector: links only (one per
// line) go to /api/v1/url, a mail's source (starts with header lines, has From/Received/…)
// to /api/v1/check as message/rfc822, anything else — an SMS, a mail's body — as text.

const URL_LINE = /^(?:h[tx]{2}ps?:\/\/|www\.)\S+$|^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?$/i;
const HEADER_LINE = /^[!-9;-~]+:[ \t]?\S?/;
const MAIL_HEADERS = /^(?:from|to|subject|date|received|return-path|message-id|mime-version|delivered-to|dkim-signature|authentication-results|content-type|reply-to|x-[\w-]+):/i;

/** Most links sent in one request; a longer list is judged as text. */
export const MAX_URLS = 100;

export function classify(text) {
  const lines = text.trim().split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length > 0 && lines.length <= MAX_URLS && lines.every((line) => URL_LINE.test(line))) {
    return { kind: 'url', urls: lines };
  }
  // A mail source: its first lines are headers, and at least two well-known headers are among them.
  const head = text.replace(/^\s+/, '').split(/\r?\n\r?\n/, 1)[0].split(/\r?\n/);
  const headerish = head.filter((line) => HEADER_LINE.test(line) || /^[ \t]/.test(line)).length;
  const known = head.filter((line) => MAIL_HEADERS.test(line)).length;
  if (HEADER_LINE.test(head[0] ?? '') && known >= 2 && headerish >= head.length * 0.8) return { kind: 'mail' };
  return { kind: 'text' };
}
