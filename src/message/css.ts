// How an element of an HTML mail looks, as far as it decides whether its text can be seen. The
// mail's own style sheets (`<style>`), the inline `style` and the old presentational attributes
// (bgcolor, background, <font color>, <body text>) are resolved with a small cascade (importance,
// inline or not, specificity, order), for the few properties that can hide text and no others.
//
// Text is hidden when something takes its box off the page whatever the children say
// (display:none, a zero-sized box that clips, an empty clip, scale(0), 1,000px off-screen), when
// it is see-through (opacity near 0, a transparent colour), or when, as inherited and undone by a
// child that sets otherwise, it is visibility:hidden, at most 2px tall, or the colour of the
// background behind it (white on the white page a mail is read on).
//
// When unsure, text counts as shown: a hidden-text finding on a genuine newsletter costs more
// than a missed one. So a rule that holds only on some screens (`@media (max-width:600px)`, dark
// mode) or whose selector is not matched exactly (`.btn a`, `a:hover`, `td[class=x]`) is not
// dropped: what it sets becomes UNKNOWN for every element its last part names, and unknown never
// hides (a background not read may be dark, a colour not read may be black, a display not read
// may be block). Dropping those rules instead would let `.btn td{background:#06c}` go unseen and
// the white `.btn-text` on it count as white on white.
type Rgba = readonly [r: number, g: number, b: number, a: number];
type Declared = { value: string; rank: number };
type Declarations = Map<string, Declared>;
type Declaration = { property: string; value: string; important: boolean };

export type StyleSheet = {
  /** Declarations by what they select: `tag`, `.class`, `#id`, `tag.class`, `tag#id` or `*`. */
  rules: Map<string, Declarations>;
  selectors: number;
  charsLeft: number;
};

export type Look = {
  /** Why the element and everything in it is off the page, whatever the children set. */
  gone?: string;
  /** The opacity it is drawn with, its ancestors' multiplied in. */
  opacity: number;
  visible: boolean;
  fontPx: number;
  /** Undefined when the colour could not be read. */
  color?: Rgba;
  /** What is drawn behind the text; undefined for an image, a gradient or a colour not read. */
  background?: Rgba;
  /** Why the text directly inside the element cannot be seen, if it cannot. */
  hidden?: string;
};

/** Mails carry a few kB of style; reading stops there (the HTML reader is on the hot path). */
const MAX_STYLE_CHARS = 100_000;
const MAX_SELECTORS = 2_000;
const UNKNOWN = '?';
// A declaration's rank orders the cascade: !important, then inline, then specificity, then order.
const ORDER_SPAN = 4_096;
const INLINE = 1_000 * ORDER_SPAN;
const IMPORTANT = 2 * INLINE;
const PROPERTIES = new Set(['display', 'visibility', 'opacity', 'font', 'font-size', 'color', 'background', 'background-color', 'background-image', 'height', 'max-height', 'width', 'max-width', 'overflow', 'position', 'clip', 'clip-path', 'transform', 'text-indent', 'left', 'top', 'margin-left', 'margin-top']);
/** `tag`, `.class`, `#id`, `tag.class`, `tag#id`, `*`: the selectors matched exactly. */
const SIMPLE_SELECTOR = /^(?:\*|[a-z][a-z0-9-]*)?(?:[.#][\w-]+)?$/;
const OFF_SCREEN = ['text-indent', 'left', 'top', 'margin-left', 'margin-top'];
/** -1000px and beyond (`-9999px`, `-999em`): nowhere near the page. */
const FAR_NEGATIVE = /^-(\d{4,}(\.\d+)?(px)?|\d{3,}(\.\d+)?r?em)$/;
const PAGE_FONT_PX = 16;
const TINY_FONT_PX = 2;
/** Opacity, or a colour's alpha, at which nothing shows. */
const SEE_THROUGH = 0.05;
/** Channels this close are one colour to the eye (#fefefe on #ffffff). */
const SAME_COLOUR = 16;
/** A channel this high or more in all three: white, or so near it that white text on it vanishes. */
const LIGHT_CHANNEL = 240;
const WHITE: Rgba = [255, 255, 255, 1];
const BLACK: Rgba = [0, 0, 0, 1];
const NAMED_COLOURS = new Map<string, Rgba>([
  ['white', WHITE],
  ['black', BLACK],
  ['transparent', [0, 0, 0, 0]],
]);
/** What a link is drawn in unless the mail says otherwise; it does not inherit the text colour. */
const LINK_BLUE: Rgba = [0, 0, 238, 1];

/** The page a mail is shown on: black 16px type on white. */
export const PAGE: Look = { opacity: 1, visible: true, fontPx: PAGE_FONT_PX, color: BLACK, background: WHITE };

export function newStyleSheet(): StyleSheet {
  return { rules: new Map(), selectors: 0, charsLeft: MAX_STYLE_CHARS };
}

/** Adds a `<style>` element's rules to the sheet; `media` is its media attribute. */
export function readStyleSheet(sheet: StyleSheet, css: string, media = ''): void {
  const text = withoutComments(css.slice(0, sheet.charsLeft)).toLowerCase();
  sheet.charsLeft -= Math.min(css.length, sheet.charsLeft);
  // The @media blocks open around the reading position, each true when it holds on some screens
  // only, and how many such hold around it (with the <style>'s own media attribute).
  const blocks: boolean[] = [];
  let someScreens = onEveryScreen(media) ? 0 : 1;
  // The next braces at or after the reading position, found once each: cost stays linear.
  let open = text.indexOf('{');
  let close = text.indexOf('}');
  let pos = 0;
  while (open !== -1 && sheet.selectors < MAX_SELECTORS) {
    if (open < pos) open = text.indexOf('{', pos);
    if (close !== -1 && close < pos) close = text.indexOf('}', pos);
    if (open === -1) break;
    if (close !== -1 && close < open) {
      if (blocks.pop()) someScreens--;
      pos = close + 1;
      continue;
    }
    // `@import url(x);` and `@charset "utf-8";` end at a semicolon, before the next rule.
    const prelude = text.slice(pos, open).split(';').pop()!.trim();
    if (prelude.startsWith('@media')) {
      const some = !onEveryScreen(prelude.slice('@media'.length));
      blocks.push(some);
      if (some) someScreens++;
      pos = open + 1;
    } else if (prelude.startsWith('@')) {
      // @font-face, @supports, @page, and @keyframes, whose `0%{opacity:0}` steps are no selectors.
      pos = blockEnd(text, open);
    } else {
      if (close === -1) break;
      addRule(sheet, prelude, declarationsIn(text.slice(open + 1, close)), someScreens > 0);
      pos = close + 1;
    }
  }
}

/** How an element looks, inside a parent that looks like `parent`. */
export function lookOf(parent: Look, name: string, attribs: Record<string, string>, sheet: StyleSheet): Look {
  const declared = declarationsOf(name, attribs, sheet);
  const link = name === 'a' && attribs.href !== undefined;
  const hiddenAttribute = 'hidden' in attribs;
  if (!declared && !link && !hiddenAttribute) return parent;
  const value = (property: string) => declared?.get(property)?.value;
  const look: Look = {
    gone: parent.gone ?? (hiddenAttribute ? 'hidden attribute' : goneBy(value)),
    opacity: parent.opacity * opacityOf(value('opacity')),
    visible: visibleOf(value('visibility'), parent.visible),
    fontPx: fontPxOf(value('font-size'), parent.fontPx),
    color: colourOf(value('color'), link ? LINK_BLUE : parent.color, parent.color),
    background: declared ? backgroundOf(declared, parent.background) : parent.background,
  };
  look.hidden = hiddenBy(look);
  return look;
}

function hiddenBy(look: Look): string | undefined {
  if (look.gone) return look.gone;
  if (look.opacity <= SEE_THROUGH) return 'opacity:0';
  if (!look.visible) return 'visibility:hidden';
  if (isTiny(look.fontPx)) return look.fontPx === 0 ? 'font-size:0' : `font-size:${Math.ceil(look.fontPx)}px`;
  const { color, background } = look;
  if (!color) return undefined;
  if (color[3] <= SEE_THROUGH) return 'color:transparent';
  if (!background) return undefined;
  if (isLight(color) && isLight(background)) return 'white on white';
  if ([0, 1, 2].every((i) => Math.abs(color[i]! - background[i]!) <= SAME_COLOUR)) return 'colour of the background';
  return undefined;
}

function goneBy(value: (property: string) => string | undefined): string | undefined {
  if (value('display') === 'none') return 'display:none';
  if (/^(hidden|clip)/.test(value('overflow') ?? '')) {
    if (isZero(value('height')) || isZero(value('max-height'))) return 'height:0';
    if (isZero(value('width')) || isZero(value('max-width'))) return 'width:0';
  }
  const position = value('position');
  // `clip` works only on a box taken out of the flow.
  if ((position === 'absolute' || position === 'fixed') && clipsAll(value('clip'))) return 'clip';
  if (insetsAll(value('clip-path'))) return 'clip-path';
  if (scalesToZero(value('transform'))) return 'transform:scale(0)';
  if (OFF_SCREEN.some((property) => FAR_NEGATIVE.test(value(property) ?? ''))) return 'off-screen';
  return undefined;
}

function isZero(length: string | undefined): boolean {
  return length !== undefined && /^0+(\.0*)?([a-z]+|%)?$/.test(length);
}

/** `rect(0,0,0,0)`, `rect(1px 1px 1px 1px)`: nothing of the box is left (`auto` leaves it all). */
function clipsAll(clip: string | undefined): boolean {
  const edges = /^rect\(([^)]*)\)$/.exec(clip ?? '')?.[1]!.split(/[\s,]+/).filter(Boolean).map(parseFloat);
  if (edges?.length !== 4) return false;
  const [top, right, bottom, left] = edges as [number, number, number, number];
  return bottom <= top || right <= left;
}

/** `inset(50%)`, `inset(100% 0)`: the insets meet, nothing is left. Lengths need the box's size, so they never count. */
function insetsAll(clipPath: string | undefined): boolean {
  const insets = /^inset\(([^)]*)\)/.exec(clipPath ?? '')?.[1]!.split(/\s+round\s/)[0]!.trim().split(/\s+/);
  if (!insets?.every((inset) => /^\d+(\.\d+)?%$/.test(inset))) return false;
  const [top, right = top, bottom = top, left = right] = insets.map(parseFloat) as [number, number?, number?, number?];
  return top + bottom >= 100 || right + left >= 100;
}

function scalesToZero(transform: string | undefined): boolean {
  if (!transform) return false;
  for (const scale of transform.matchAll(/scale(?:x|y|3d)?\(([^)]*)\)?/g)) {
    if (scale[1]!.split(/[\s,]+/).some((factor) => factor !== '' && parseFloat(factor) === 0)) return true;
  }
  return false;
}

function visibleOf(visibility: string | undefined, parent: boolean): boolean {
  if (visibility === undefined || visibility === 'inherit') return parent;
  return visibility !== 'hidden' && visibility !== 'collapse';
}

function opacityOf(opacity: string | undefined): number {
  const number = parseFloat(opacity ?? '');
  if (Number.isNaN(number)) return 1;
  return Math.min(1, Math.max(0, opacity!.endsWith('%') ? number / 100 : number));
}

function isTiny(fontPx: number): boolean {
  // 1.5pt is 2.0000000000000004px.
  return fontPx < TINY_FONT_PX + 0.01;
}

function fontPxOf(size: string | undefined, parentPx: number): number {
  if (size === undefined || size === 'inherit') return parentPx;
  const match = /^(\d*\.?\d+)(px|pt|em|rem|%)?$/.exec(size);
  // Keywords (small, x-large …) and what is not read count as ordinary type.
  if (!match) return PAGE_FONT_PX;
  const number = Number(match[1]);
  switch (match[2]) {
    case 'pt':
      return (number * 4) / 3;
    case 'em':
      return number * parentPx;
    case 'rem':
      return number * PAGE_FONT_PX;
    case '%':
      return (number * parentPx) / 100;
    default:
      // Unitless is px in the quirks mode most mails are shown in.
      return number;
  }
}

function colourOf(color: string | undefined, initial: Rgba | undefined, parent: Rgba | undefined): Rgba | undefined {
  if (color === undefined) return initial;
  if (color === 'inherit' || color === 'currentcolor') return parent;
  return parseColour(color);
}

/**
 * The colour behind an element's text: its own background if it has one, else its parent's. The
 * shorthand sets colour and image at once; a longhand ranked above it wins for its part.
 */
function backgroundOf(declared: Declarations, behind: Rgba | undefined): Rgba | undefined {
  const shorthand = declared.get('background');
  const image = newer(declared.get('background-image'), shorthand);
  if (image && /url\(|gradient\(|^\?$/.test(image.value)) return undefined;
  const colourDeclared = newer(declared.get('background-color'), shorthand);
  const colour = colourDeclared === shorthand && shorthand ? colourIn(shorthand.value) : colourDeclared?.value;
  if (colour === undefined || colour === 'inherit') return behind;
  const rgba = parseColour(colour);
  if (rgba?.[3] === 0) return behind;
  // A see-through colour blends with what is behind it: not known well enough to call text on it hidden.
  return rgba?.[3] === 1 ? rgba : undefined;
}

function newer(a: Declared | undefined, b: Declared | undefined): Declared | undefined {
  return !b || (a && a.rank >= b.rank) ? a : b;
}

/** The colour in a `background` shorthand; without one the shorthand makes it transparent. */
function colourIn(shorthand: string): string {
  for (const token of shorthand.match(/#[0-9a-f]+|rgba?\([^)]*\)?|[a-z]+/g) ?? []) if (parseColour(token)) return token;
  return shorthand === 'none' || shorthand === 'inherit' ? 'transparent' : UNKNOWN;
}

function parseColour(colour: string): Rgba | undefined {
  const named = NAMED_COLOURS.get(colour);
  if (named) return named;
  // The # may be missing in the quirks mode most mails are shown in (`bgcolor="ffffff"`).
  const hex = /^#?([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(colour)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : hex.match(/../g)!;
    const [r, g, b, a = 255] = digits.map((pair) => parseInt(pair, 16));
    return [r!, g!, b!, a / 255];
  }
  const args = /^rgba?\(([^)]*)\)$/.exec(colour)?.[1]!.split(/[\s,/]+/).filter(Boolean);
  if (!args || args.length < 3) return undefined;
  const [r, g, b, a = 1] = args.map((arg, i) => (arg.endsWith('%') ? (parseFloat(arg) * (i < 3 ? 255 : 1)) / 100 : parseFloat(arg)));
  return [r, g, b, a].some(Number.isNaN) ? undefined : [r!, g!, b!, a];
}

function isLight(colour: Rgba): boolean {
  return Math.min(colour[0], colour[1], colour[2]) >= LIGHT_CHANNEL;
}

/** `@media`, `@media screen`, `@media only screen, print`, `@media all`: no width, no dark mode. */
function onEveryScreen(media: string): boolean {
  return media
    .toLowerCase()
    .split(',')
    .some((query) => /^(only\s+)?(screen|all)?$/.test(query.trim()));
}

/** Linear, where a regex would rescan the rest of the text for every unclosed `/*`. */
function withoutComments(css: string): string {
  let kept = '';
  let pos = 0;
  for (let start = css.indexOf('/*'); start !== -1; start = css.indexOf('/*', pos)) {
    kept += css.slice(pos, start);
    const end = css.indexOf('*/', start + 2);
    pos = end === -1 ? css.length : end + 2;
  }
  // Old mails wrap the sheet in <!-- --> for readers that would show it as text.
  return (kept + css.slice(pos)).replaceAll('<!--', '').replaceAll('-->', '');
}

/** Where the block opened at `open` ends, nested blocks included. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

function declarationsIn(block: string): Declaration[] {
  const found: Declaration[] = [];
  for (const part of block.toLowerCase().split(';')) {
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    const property = part.slice(0, colon).trim();
    if (!PROPERTIES.has(property)) continue;
    let value = part.slice(colon + 1).trim();
    const bang = value.lastIndexOf('!');
    const important = bang !== -1 && /^!\s*important$/.test(value.slice(bang));
    if (important) value = value.slice(0, bang).trimEnd();
    if (property === 'font') found.push({ property: 'font-size', value: fontSizeIn(value), important });
    else found.push({ property, value, important });
  }
  return found;
}

/** The size in a `font` shorthand (`bold 12px/1.4 Arial`, the `0/0 a` of image replacement). */
function fontSizeIn(font: string): string {
  for (const token of font.split(/\s+/)) {
    const size = /^(0|\d*\.?\d+(px|pt|r?em|%))(\/.*)?$/.exec(token)?.[1];
    if (size) return size;
  }
  return font === 'inherit' ? font : UNKNOWN;
}

function addRule(sheet: StyleSheet, selectors: string, declarations: Declaration[], someScreens: boolean): void {
  if (declarations.length === 0) return;
  for (const raw of selectors.split(',')) {
    const selector = raw.trim();
    if (!selector || sheet.selectors >= MAX_SELECTORS) continue;
    const simple = SIMPLE_SELECTOR.test(selector);
    const exact = simple && !someScreens;
    const key = simple ? selector.replace(/^\*(?=[.#])/, '') : lastPartKey(selector);
    let rules = sheet.rules.get(key);
    if (!rules) sheet.rules.set(key, (rules = new Map()));
    const order = ++sheet.selectors;
    const rank = specificity(selector) * ORDER_SPAN + order;
    for (const { property, value, important } of declarations) {
      // `color:inherit` and the like: the resets every template carries for Apple's data detectors
      // and Outlook.com (`*[x-apple-data-detectors]`, `#MessageViewBody a`) say nothing about looks.
      if (!exact && value === 'inherit') continue;
      const declared = { value: exact ? value : UNKNOWN, rank: important ? IMPORTANT + rank : rank };
      if (declared.rank >= (rules.get(property)?.rank ?? -1)) rules.set(property, declared);
    }
  }
}

/** The key an element the selector may match is surely found under: `.btn a:hover` → `a`, `td[class=x]` → `td`. */
function lastPartKey(selector: string): string {
  const last = selector.split(/[\s>+~]+/).pop()!.split(/[[:]/)[0]!;
  return /#[\w-]+/.exec(last)?.[0] ?? /\.[\w-]+/.exec(last)?.[0] ?? /^[a-z][a-z0-9-]*/.exec(last)?.[0] ?? '*';
}

/** Ids count 100, classes, attributes and pseudo-classes 10, tags 1; close enough for mail sheets. */
function specificity(selector: string): number {
  const ids = selector.match(/#/g)?.length ?? 0;
  const classes = selector.match(/[.[:]/g)?.length ?? 0;
  const tags = selector.match(/(^|[\s>+~])[a-z]/g)?.length ?? 0;
  return Math.min(999, ids * 100 + classes * 10 + tags);
}

/** An element's declarations from its presentational attributes, the sheet and its style attribute, cascaded. */
function declarationsOf(name: string, attribs: Record<string, string>, sheet: StyleSheet): Declarations | undefined {
  let declared: Declarations | undefined;
  const take = (property: string, candidate: Declared) => {
    declared ??= new Map();
    if (candidate.rank >= (declared.get(property)?.rank ?? -1)) declared.set(property, candidate);
  };
  const hint = (property: string, value: string | undefined) => {
    const trimmed = value?.trim().toLowerCase();
    if (trimmed) take(property, { value: trimmed, rank: 0 });
  };
  hint('background-color', attribs.bgcolor);
  hint('background-image', attribs.background && `url(${attribs.background})`);
  if (name === 'font') hint('color', attribs.color);
  if (name === 'body') hint('color', attribs.text);
  if (sheet.rules.size > 0) {
    const select = (key: string) => {
      for (const [property, candidate] of sheet.rules.get(key) ?? []) take(property, candidate);
    };
    select('*');
    select(name);
    for (const className of (attribs.class ?? '').toLowerCase().split(/\s+/)) {
      if (!className) continue;
      select(`.${className}`);
      select(`${name}.${className}`);
    }
    const id = attribs.id?.trim().toLowerCase();
    if (id) {
      select(`#${id}`);
      select(`${name}#${id}`);
    }
  }
  if (attribs.style) {
    for (const { property, value, important } of declarationsIn(attribs.style)) take(property, { value, rank: important ? IMPORTANT + INLINE : INLINE });
  }
  return declared;
}
