// Members report phishing by forwarding it. A forwarded mail carries the original either as a
// message/rfc822 attachment (handled in mail.ts) or inline, below a separator and a block of
// quoted headers. This finds the inline form so the original's From and Subject are judged,
// not the member's own forwarding wrapper. A reply quotes the same way (Outlook's "Original
// Message"), but its sender is the one writing: a reply is not unwrapped. Mail clients write
// these separators in many languages; the list covers the common clients in Japanese and English.
import type { Mailbox } from './facts.ts';

// `(?<!-)`: a dash run is tried from its first dash only. Without it every position inside a
// long run of dashes was a new start, quadratic in the run (10 s for 40,000 dashes).
const SEPARATOR = new RegExp(
  [
    String.raw`(?<!-)-{3,}\s*(?:Forwarded message|Original Message|転送メッセージ|元のメッセージ|Weitergeleitete Nachricht|Mensagem encaminhada|Message transféré)\s*-{3,}`,
    String.raw`Begin forwarded message:`,
    String.raw`(?<!-)-{3,}\s*Forwarded by`,
    String.raw`^_{10,}$`,
  ].join('|'),
  'im',
);

const FROM_LINE = /^\s*(?:From|差出人|送信者|Von|De)\s*[:：]\s*(.+)$/im;
const SUBJECT_LINE = /^\s*(?:Subject|件名|Betreff|Assunto|Objet)\s*[:：]\s*(.*)$/im;
const DATE_LINE = /^\s*(?:Date|Sent|日付|送信日時|Datum|Data|Envoyé)\s*[:：]\s*(.+)$/im;

export type InlineForward = { from?: Mailbox; subject?: string; date?: string };

export function parseMailboxText(value: string): Mailbox | undefined {
  const angle = /^\s*"?([^"<]*?)"?\s*[<＜]\s*([^<>\s＞]+@[^<>\s＞]+)\s*[>＞]/.exec(value);
  if (angle) return { name: angle[1]!.trim(), address: angle[2]!.toLowerCase() };
  // Outlook: `Name [mailto:address]`, sometimes followed by "On Behalf Of …".
  const outlook = /^\s*"?([^"[]*?)"?\s*\[mailto:([^\]\s]+@[^\]\s]+)\]/i.exec(value);
  if (outlook) {
    const address = outlook[2]!.toLowerCase();
    const name = outlook[1]!.trim();
    return { name: name.toLowerCase() === address ? '' : name, address };
  }
  const bare = /([^\s<>"]+@[^\s<>"]+\.[a-z]{2,})/i.exec(value);
  if (bare) return { name: value.replace(bare[0], '').replace(/[()<>"\[\]]/g, '').trim(), address: bare[1]!.toLowerCase() };
  return undefined;
}

// Separators that only a forward writes; "Original Message" and a line of underscores also
// head the quote in a reply.
const FORWARD_ONLY = /Forwarded|転送|Weitergeleitete|encaminhada|transféré/i;
const REPLY_SUBJECT = /^\s*(?:re|aw|sv|antw|r|回答|返信)\s*(?:\[\d+\])?\s*[:：]/i;

/** Finds an inline-forwarded original in a text body; undefined when there is none, or when
 *  `mailSubject` makes the mail a reply that quotes the message it answers. */
export function findInlineForward(text: string, mailSubject = ''): InlineForward | undefined {
  const separator = SEPARATOR.exec(text);
  if (!separator) return undefined;
  if (!FORWARD_ONLY.test(separator[0]) && REPLY_SUBJECT.test(mailSubject)) return undefined;
  const after = text.slice(separator.index + separator[0].length);
  // The quoted header block comes right after the separator: look only at its first lines.
  const headBlock = after.split(/\r?\n\s*\r?\n/, 1)[0]!.slice(0, 2000);
  const from = FROM_LINE.exec(headBlock);
  if (!from) return undefined;
  const subject = SUBJECT_LINE.exec(headBlock);
  const date = DATE_LINE.exec(headBlock);
  return {
    from: parseMailboxText(from[1]!),
    subject: subject?.[1]?.trim(),
    date: date?.[1]?.trim(),
  };
}

const FORWARD_PREFIX = /^\s*(?:(?:fwd?|fw|wg|tr|rv|enc|転送|re|aw|sv|返信)\s*(?:\[\d+\])?\s*[:：]\s*|\[(?:fwd?|fw)\s*[:：]\s*)+/i;

/** The subject of the mail around a forwarded original only forwards the original's (`Fwd:
 *  <the original's subject>`, or none): it says nothing of its own. */
export function onlyForwards(wrapperSubject: string, originalSubject: string): boolean {
  const plain = (subject: string) => subject.replace(FORWARD_PREFIX, '').replace(/\]\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
  const wrapper = plain(wrapperSubject);
  return wrapper === '' || wrapper === plain(originalSubject);
}
