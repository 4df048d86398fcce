// Walking the pieces of a string between separators without `split`: host labels and their
// hyphenated parts are judged for every link, and most are judged without a match, so building
// an array of pieces per label would be allocation for nothing.

/** The first non-undefined `judge(piece)` over the pieces of `text` between `separator`s, in order —
 *  what `text.split(separator)` would list, the empty pieces included. */
export function firstOfPieces<T>(text: string, separator: string, judge: (piece: string) => T | undefined): T | undefined {
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf(separator, start);
    if (end < 0) end = text.length;
    const result = judge(text.slice(start, end));
    if (result !== undefined) return result;
    start = end + separator.length;
  }
  return undefined;
}
