// Literals a phrase pattern cannot match without. Every match of `(ご)?利用(の)?確認` contains
// 利用確認, ご利用確認, 利用の確認 or ご利用の確認, so a text holding none of them cannot match.
// Finding the literals of all rules in a text in one pass costs far less than running each
// rule's alternation of forty expressions over it (most alternatives find nothing in most mail).
// The literals come from a small parser of the syntax rule files use; a construct it does not
// know makes it promise nothing.

/** What a piece of a pattern can match: `exact`, every string it matches (when few); `required`,
 *  non-empty strings of which each of its matches contains one. Either may be unknown. */
type Info = { exact?: string[]; required?: string[] };

/** Larger sets of exact strings are not worth a lookup each: the piece then counts as unknown. */
const MAX_SET = 32;

class Unsupported extends Error {}

const UNKNOWN: Info = {};

/** Pattern characters that match exactly themselves in the lower-case matching key under the
 *  `i` flag without Unicode mode: printable ASCII (lower-cased) and the caseless CJK block
 *  (punctuation, kana, kanji). Other letters may match case variants and count as unknown. */
function keyChar(ch: string): string | undefined {
  const code = ch.charCodeAt(0);
  if (code >= 0x20 && code < 0x7f) return ch.toLowerCase();
  return code >= 0x3000 && code <= 0x9fff ? ch : undefined;
}

/** How rare a literal is in text, up to the point where it is rare enough and fewer literals to
 *  look up matter more: four Latin letters, or two kana or kanji (far more distinct characters). */
function rarity(literal: string): number {
  let weight = 0;
  for (let i = 0; i < literal.length; i++) weight += literal.charCodeAt(i) < 0x80 ? 1 : 2;
  return Math.min(weight, 4);
}

/** The better of two required sets: the rarer shortest literal, then fewer literals. */
function better(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  const [ra, rb] = [Math.min(...a.map(rarity)), Math.min(...b.map(rarity))];
  if (ra !== rb) return ra > rb ? a : b;
  return a.length <= b.length ? a : b;
}

function requiredOf(info: Info): string[] | undefined {
  const exact = info.exact && !info.exact.includes('') ? info.exact : undefined;
  return better(info.required, exact);
}

function unique(strings: string[]): string[] | undefined {
  const set = [...new Set(strings)];
  return set.length <= MAX_SET ? set : undefined;
}

function product(a: string[], b: string[]): string[] | undefined {
  return a.length * b.length <= MAX_SET ? unique(a.flatMap((x) => b.map((y) => x + y))) : undefined;
}

class PatternReader {
  private readonly source: string;
  private pos = 0;

  constructor(source: string) {
    this.source = source;
  }

  read(): Info {
    const info = this.alternation();
    if (this.pos !== this.source.length) throw new Unsupported();
    return info;
  }

  private peek(): string | undefined {
    return this.source[this.pos];
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const exacts = branches.map((b) => b.exact);
    const requireds = branches.map(requiredOf);
    return {
      exact: exacts.every((e) => e !== undefined) ? unique(exacts.flat()) : undefined,
      // Not capped: a rule's alternatives each add their few literals.
      required: requireds.every((r) => r !== undefined) ? [...new Set(requireds.flat())] : undefined,
    };
  }

  private sequence(): Info {
    let required: string[] | undefined;
    let whole: string[] | undefined = [''];
    // Consecutive exact terms read as one: `(ご)?利用` gives 利用 and ご利用.
    let run = [''];
    const closeRun = () => {
      if (!run.includes('')) required = better(required, run);
    };
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const term = this.term();
      required = better(required, requiredOf(term));
      whole = whole && term.exact ? product(whole, term.exact) : undefined;
      const extended = term.exact ? product(run, term.exact) : undefined;
      if (!extended) closeRun();
      run = extended ?? term.exact ?? [''];
    }
    closeRun();
    return { exact: whole, required };
  }

  private term(): Info {
    const atom = this.atom();
    const quantifier = this.quantifier();
    if (!quantifier) return atom;
    if (this.peek() === '?') this.pos++; // lazy: matches the same strings
    if (quantifier.min === 0) return quantifier.max === 1 && atom.exact ? { exact: unique([...atom.exact, '']) } : UNKNOWN;
    // One or more repetitions: each match holds at least one match of the atom.
    return quantifier.max === 1 ? atom : { required: requiredOf(atom) };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const ch = this.peek();
    if (ch === '?' || ch === '*' || ch === '+') {
      this.pos++;
      return { min: ch === '+' ? 1 : 0, max: ch === '?' ? 1 : Infinity };
    }
    if (ch !== '{') return undefined;
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
    if (!braces) throw new Unsupported(); // a literal "{" in sloppy syntax: not worth knowing
    this.pos += braces[0].length;
    const min = Number(braces[1]);
    return { min, max: braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity };
  }

  private atom(): Info {
    const ch = this.source[this.pos++]!;
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        this.skipClass();
        return UNKNOWN;
      case '\\':
        return this.escape();
      case '.':
      case '^':
      case '$':
        return UNKNOWN;
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
        throw new Unsupported();
      default: {
        const literal = keyChar(ch);
        return literal ? { exact: [literal] } : UNKNOWN;
      }
    }
  }

  private group(): Info {
    const lookaround = /^\?(?:=|!|<=|<!)/.exec(this.source.slice(this.pos));
    if (lookaround) this.pos += lookaround[0].length;
    else if (this.source.startsWith('?:', this.pos)) this.pos += 2;
    else if (this.peek() === '?') throw new Unsupported(); // named groups: backreferences may follow
    const inner = this.alternation();
    if (this.source[this.pos++] !== ')') throw new Unsupported();
    // A lookaround consumes nothing: what it matches is not part of the match.
    return lookaround ? UNKNOWN : inner;
  }

  private skipClass(): void {
    if (this.peek() === '^') this.pos++;
    while (this.pos < this.source.length && this.peek() !== ']') this.pos += this.peek() === '\\' ? 2 : 1;
    if (this.source[this.pos++] !== ']') throw new Unsupported();
  }

  private escape(): Info {
    const ch = this.source[this.pos++];
    if (ch === undefined) throw new Unsupported();
    if ('bBdDwWsSnrtfv'.includes(ch)) return UNKNOWN;
    // Identity escapes of ASCII punctuation (\. \/ \( …) are that character.
    if (/^[!-\/:-@\[-`{-~]$/.test(ch)) return { exact: [ch] };
    throw new Unsupported(); // \u, \x, \c, \k, back-references, \p …
  }
}

/**
 * Non-empty literals of which every match of the pattern `source` (compiled with the flags `gi`,
 * no Unicode mode) contains one, in the lower-case matching key (`toMatchText`); undefined when
 * the pattern promises none or uses syntax not understood here.
 */
export function requiredLiterals(source: string): string[] | undefined {
  try {
    return requiredOf(new PatternReader(source).read());
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** The literals of many patterns, found in a text in one pass. Each text position looks up the
 *  literals starting with its next one, two or three characters (longer literals by their first
 *  three) in tables indexed by a hash of those characters, so most positions cost three reads. */
export class LiteralIndex {
  private readonly byOne: (string | undefined)[] = new Array(TABLE_SIZE);
  private readonly byTwo: (string[] | undefined)[] = new Array(TABLE_SIZE);
  private readonly byThree: (string[] | undefined)[] = new Array(TABLE_SIZE);

  constructor(literals: Iterable<string>) {
    for (const literal of new Set(literals)) {
      const [a, b, c] = [literal.charCodeAt(0), literal.charCodeAt(1), literal.charCodeAt(2)];
      if (literal.length === 1) this.byOne[a] = literal;
      else if (literal.length === 2) (this.byTwo[slot(a, b, 0)] ??= []).push(literal);
      else (this.byThree[slot(a, b, c)] ??= []).push(literal);
    }
  }

  /** The indexed literals that occur in `text`. */
  find(text: string): Set<string> {
    const found = new Set<string>();
    const { byOne, byTwo, byThree } = this;
    // Past the end charCodeAt gives NaN, which bit operations read as 0: at worst a false
    // candidate, which startsWith rejects.
    let b = text.charCodeAt(0);
    let c = text.charCodeAt(1);
    for (let i = 0; i < text.length; i++) {
      const a = b;
      b = c;
      c = text.charCodeAt(i + 2);
      const one = byOne[a];
      if (one !== undefined) found.add(one);
      const two = byTwo[slot(a, b, 0)];
      if (two) for (const literal of two) if (text.startsWith(literal, i)) found.add(literal);
      const three = byThree[slot(a, b, c)];
      if (three) for (const literal of three) if (text.startsWith(literal, i)) found.add(literal);
    }
    return found;
  }
}

const TABLE_SIZE = 1 << 16;

function slot(a: number, b: number, c: number): number {
  return ((a << 10) ^ (b << 5) ^ c) & (TABLE_SIZE - 1);
}
