// What the script of an HTML attachment builds from its own strings, read without running it.
// Kits split the words a scanner looks for (`w["at"+"ob"]`, `"createObject"+"URL"`), keep the page
// they show percent-encoded or in base64 (`document.write(unescape(x))`), put the address they send
// the browser to in a variable, and write the login form as a string into `innerHTML`. Joining the
// string pieces and decoding the encoded strings shows what the script will show, for the same
// checks as the page itself. Running the script would show more, but needs a browser per
// attachment; this reads what the strings give away, bounded, and explains itself.

/** Characters of script read, and string literals looked at. */
const MAX_SCRIPT_CHARS = 1_000_000;
const MAX_LITERALS = 5_000;
/** Pages found in strings and read as pages, and the characters read of each. */
const MAX_PAGES = 5;
const MAX_PAGE_CHARS = 200_000;
/** Script characters past which a computed address is not taken for a redirect (see computedRedirect). */
const MAX_REDIRECTOR_CHARS = 5_000;

export type ScriptReading = {
  /** The script with string pieces joined (`"at"+"ob"` → `"atob"`) and a property named by a
   *  string written plainly (`w["atob"]` → `w.atob`), for the pattern checks. */
  plain: string;
  /** Markup the script holds in its strings, plain or encoded: pages it writes or forms it builds. */
  pages: string[];
  /** Where the script sends the browser, when it builds the address from its own strings. */
  redirect?: string;
  /** The address a form built by the script posts to (`f.action = "https://…"`). */
  formAction?: string;
};

const PROPERTY_BY_STRING = /\[\s*(["'])([A-Za-z_$][\w$]*)\1\s*\]/g;
const MARKUP = /<\s*(form|input|html|body|iframe|meta|script|a\s)/i;
// An address given to the location as anything but a literal: a variable, a call, a decoding.
const COMPUTED_REDIRECT = /location(?:\.href)?\s*=(?!=)\s*(?!["'`\s])|location\.(?:replace|assign)\s*\(\s*(?!["'`])/;
const LITERAL_REDIRECT = /location(?:\.href)?\s*=(?!=)\s*["'`]([^"'`]+)["'`]|location\.(?:replace|assign)\s*\(\s*["'`]([^"'`]+)["'`]/;
const FORM_ACTION = /\.action\s*=\s*["']([^"']+)["']/;

type Literal = { start: number; end: number; value: string };

/** The string literals of a script in one pass: a quote opens one, the same quote or the end of
 *  the line closes it, a backslash escapes the next character. (Regular expressions would try every
 *  escaped quote of an unclosed string as a new start, which is quadratic in the line's length.) */
function literals(script: string): Literal[] {
  const found: Literal[] = [];
  for (let i = 0; i < script.length && found.length < MAX_LITERALS; i++) {
    const quote = script[i];
    if (quote !== '"' && quote !== "'") continue;
    let j = i + 1;
    while (j < script.length && script[j] !== quote && script[j] !== '\n') j += script[j] === '\\' ? 2 : 1;
    if (script[j] === quote) found.push({ start: i, end: j + 1, value: script.slice(i + 1, j) });
    i = Math.min(j, script.length);
  }
  return found;
}

/** The script with neighbouring literals joined (`"at"+"ob"` → `"atob"`) and a property named by
 *  a string written plainly (`w["atob"]` → `w.atob`), and its strings after joining. */
function joinPieces(script: string): { plain: string; strings: string[] } {
  const parts: string[] = [];
  const strings: string[] = [];
  let at = 0;
  let open: string | undefined;
  for (const literal of literals(script)) {
    const between = script.slice(at, literal.start);
    if (open !== undefined && /^\s*\+\s*$/.test(between)) open += literal.value;
    else {
      if (open !== undefined) {
        parts.push(`"${open}"`);
        strings.push(open);
      }
      parts.push(between);
      open = literal.value;
    }
    at = literal.end;
  }
  if (open !== undefined) {
    parts.push(`"${open}"`);
    strings.push(open);
  }
  parts.push(script.slice(at));
  return { plain: parts.join('').replace(PROPERTY_BY_STRING, '.$2'), strings };
}

const CONTROL = /[\x00-\x08\x0e-\x1f]/;

/** What an encoded string says, if it is percent-encoded or base64 and says something readable. */
function decoded(value: string): string | undefined {
  if ((value.match(/%[0-9a-f]{2}/gi)?.length ?? 0) >= 8) {
    try {
      return decodeURIComponent(value);
    } catch {
      return value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  }
  if (value.length >= 16 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    const text = Buffer.from(value, 'base64').toString('utf8');
    return CONTROL.test(text) || text.includes('\ufffd') ? undefined : text;
  }
  return undefined;
}

/** A short script that sends the browser to an address it builds: the one web address among its
 *  strings, plain or decoded. A page's own scripts (menus, analytics) are longer or name more
 *  addresses, and what they navigate to cannot be told without running them. */
function computedRedirect(plain: string, strings: string[]): string | undefined {
  if (plain.length > MAX_REDIRECTOR_CHARS || !COMPUTED_REDIRECT.test(plain)) return undefined;
  const addresses = [...new Set(strings.filter((text) => /^https?:\/\/[^\s"'<>]+$/i.test(text)))];
  return addresses.length === 1 ? addresses[0] : undefined;
}

export function readScript(script: string): ScriptReading {
  const { plain, strings: pieces } = joinPieces(script.slice(0, MAX_SCRIPT_CHARS));
  const strings: string[] = [];
  for (const value of pieces) {
    strings.push(value);
    const text = decoded(value);
    if (text) strings.push(text);
  }
  const pages = strings.filter((text) => MARKUP.test(text)).slice(0, MAX_PAGES).map((page) => page.slice(0, MAX_PAGE_CHARS));
  const reading: ScriptReading = { plain, pages };
  const literal = LITERAL_REDIRECT.exec(plain);
  const redirect = literal ? (literal[1] ?? literal[2]) : computedRedirect(plain, strings);
  if (redirect) reading.redirect = redirect;
  const action = FORM_ACTION.exec(plain)?.[1];
  if (action) reading.formAction = action;
  return reading;
}
