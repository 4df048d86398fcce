// One record of a mailbox walk. A message that cannot be delivered as bytes still yields an
// entry, with `error` saying why, so a scan accounts for every message it saw.
export type MailboxEntry = { file: string; raw?: Uint8Array; error?: string };

export function failedEntry(file: string, cause: unknown): MailboxEntry {
  return { file, error: cause instanceof Error ? cause.message : String(cause) };
}

export function oversizeEntry(file: string, maxMessageBytes: number): MailboxEntry {
  return { file, error: `message larger than ${maxMessageBytes} bytes` };
}
