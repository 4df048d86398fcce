// Literal text inside a regular expression, for patterns built from data (aliases, addresses),
// and the one pattern several modules look for in free text: a mail address.

/** `text` with every character that has a meaning in a pattern escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A mail address as free text writes it (`x.y+tag@mail.example.co.jp`), for `new RegExp`. */
export const MAIL_ADDRESS = String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;
