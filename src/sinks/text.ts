// The display invariants every sink shares. Text from a service may carry characters that change
// what the reader sees without being seen themselves: bidi embeddings, overrides and isolates
// reorder what follows them (so `invoice‮gpj.exe` reads as `invoiceexe.jpg`), zero-width and
// other format characters hide inside words, control characters break lines and logs. Every
// function here is one linear pass (single-character classes, no backtracking) over input that
// is cut to a bound before any pattern runs.

/** Shown where a character was that would reorder or hide text: visible, and plainly not a letter. */
export const MARKER = '\uFFFD';
export const ELLIPSIS = '…';

/** Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): shown as MARKER. */
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/g;
/**
 * Invisible format characters, dropped: soft hyphen, Arabic letter mark, Mongolian vowel
 * separator, zero-width space, LRM/RLM, word joiner and invisible operators, deprecated format
 * characters, BOM, interlinear annotations, and the tag characters (U+E0000–U+E007F). ZWJ and
 * ZWNJ stay: emoji sequences and several scripts need them.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u2060-\u2064\u206A-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
/** C0 and C1 control characters other than tab and line breaks: shown as MARKER. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
/** Every kind of line break, CRLF as one. */
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/g;
/** Runs of whitespace, for one-line sinks. */
const SPACES = /[\t\n\r\f\v \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0085]+/g;

/**
 * Text with reordering and control characters shown as MARKER and invisible format characters
 * removed. Tabs and line breaks (normalised to `\n`) stay.
 */
export function visibleText(text: string): string {
  return text.replace(REORDERING, MARKER).replace(INVISIBLE, '').replace(LINE_BREAK, '\n').replace(CONTROL, MARKER);
}

/** At most `max` characters, ending in an ellipsis when cut; never splits a surrogate pair. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

/**
 * One line of visible text, at most `max` characters: line breaks and runs of whitespace become
 * one space. The input is cut before any pattern runs, so its size never matters.
 */
export function oneLine(text: string, max: number): string {
  const bound = max * 4 + 64;
  const cut = text.length > bound;
  const line = visibleText(cut ? text.slice(0, bound) : text)
    .replace(SPACES, ' ')
    .trim();
  // Cut before cleaning: say so even when what is left happens to fit.
  return capLength(cut ? `${line}${ELLIPSIS}` : line, max);
}

/** Lines of visible text (line breaks kept), at most `max` characters. */
export function visibleLines(text: string, max: number): string {
  return capLength(visibleText(text.length > max + 1 ? text.slice(0, max + 1) : text), max);
}
