// Literal text inside a regular expression, for patterns built from data (aliases, addresses).

/** `text` with every character that has a meaning in a pattern escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
