// Email HTML reduced to its text, for the Markdown document, search and copy. A tag scanner, not
// patterns: one pass over the input, each character looked at a bounded number of times, so no
// shape of input (`<` runs, unclosed tags or comments, endless attributes) costs more than its
// length. Input beyond HTML_TEXT_MAX characters is not read.

export const HTML_TEXT_MAX = 2_000_000;

/** Elements whose content is not text to read. */
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'math', 'object']);
/** Elements that end a line where they close (or stand, for br and hr). */
const LINE_ENDS = new Set(['p', 'div', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'pre', 'section', 'article', 'header', 'footer', 'ul', 'ol', 'dl', 'dt', 'dd']);

const NAMED: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®', trade: '™', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', middot: '·', euro: '€', pound: '£' };

const isNameChar = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58;
const isAsciiLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

export function htmlToText(html: string): string {
  const source = html.length > HTML_TEXT_MAX ? html.slice(0, HTML_TEXT_MAX) : html;
  const out: string[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('<', index);
    if (open < 0) {
      out.push(textOf(source.slice(index)));
      break;
    }
    if (open > index) out.push(textOf(source.slice(index, open)));
    const next = source.charCodeAt(open + 1);
    if (next === 33 /* ! */) {
      // A comment runs to `-->`; a declaration or CDATA to the next `>`. Unclosed: the rest is dropped.
      const comment = source.startsWith('<!--', open);
      const end = comment ? source.indexOf('-->', open + 4) : source.indexOf('>', open + 2);
      if (end < 0) break;
      index = end + (comment ? 3 : 1);
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = open + (closing ? 2 : 1);
    if (!isAsciiLetter(source.charCodeAt(nameStart))) {
      out.push('<'); // not a tag: a literal `<`
      index = open + 1;
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < source.length && isNameChar(source.charCodeAt(nameEnd))) nameEnd++;
    const name = source.slice(nameStart, nameEnd).toLowerCase();
    const end = tagEnd(source, nameEnd);
    if (end < 0) break; // an unclosed tag: nothing after it is text
    index = end + 1;
    if (!closing && SKIPPED.has(name)) {
      const close = findClosingTag(source, name, index);
      if (close < 0) break;
      const after = tagEnd(source, close + 2 + name.length);
      if (after < 0) break;
      index = after + 1;
      continue;
    }
    if (name === 'br' || name === 'hr') out.push('\n');
    else if (!closing && name === 'li') out.push('\n• ');
    else if (!closing && name === 'p') out.push('\n');
    else if (LINE_ENDS.has(name) && closing) out.push('\n');
    else if (name === 'td' || name === 'th') out.push(closing ? '' : ' ');
  }
  return tidy(out.join(''));
}

/** Text between tags: references decoded, whitespace (line breaks included) shown as one space, as HTML does. */
function textOf(segment: string): string {
  return decodeEntities(segment.replace(/[\t\n\r\f ]+/g, ' '));
}

/** The index of the `>` that ends a tag whose name ends at `from`, honouring quoted attribute values; -1 if none. */
function tagEnd(source: string, from: number): number {
  let quote = 0;
  for (let index = from; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (quote) {
      if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) {
      quote = code;
    } else if (code === 62) {
      return index;
    }
  }
  return -1;
}

/** Where `</name` starts (ASCII case-insensitive), from `from`; -1 if nowhere. */
function findClosingTag(source: string, name: string, from: number): number {
  let index = source.indexOf('</', from);
  while (index >= 0) {
    let matches = true;
    for (let offset = 0; offset < name.length; offset++) {
      const code = source.charCodeAt(index + 2 + offset) | 0x20; // ASCII lower case
      if (code !== name.charCodeAt(offset)) {
        matches = false;
        break;
      }
    }
    if (matches && !isNameChar(source.charCodeAt(index + 2 + name.length))) return index;
    index = source.indexOf('</', index + 2);
  }
  return -1;
}

/** Character references in text: named ones Threadline knows, decimal and hex ones; anything else as written. */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  const out: string[] = [];
  let index = 0;
  while (amp >= 0) {
    out.push(text.slice(index, amp));
    const semicolon = boundedIndexOf(text, ';', amp + 1, 12);
    const decoded = semicolon < 0 ? undefined : decodeReference(text.slice(amp + 1, semicolon));
    if (decoded === undefined) {
      out.push('&');
      index = amp + 1;
    } else {
      out.push(decoded);
      index = semicolon + 1;
    }
    amp = text.indexOf('&', index);
  }
  out.push(text.slice(index));
  return out.join('');
}

function boundedIndexOf(text: string, char: string, from: number, within: number): number {
  const limit = Math.min(text.length, from + within);
  for (let index = from; index < limit; index++) if (text[index] === char) return index;
  return -1;
}

function decodeReference(reference: string): string | undefined {
  if (reference.startsWith('#')) {
    const hex = reference[1] === 'x' || reference[1] === 'X';
    const digits = reference.slice(hex ? 2 : 1);
    if (!digits || !(hex ? /^[0-9a-f]+$/i : /^[0-9]+$/).test(digits)) return undefined;
    const code = parseInt(digits, hex ? 16 : 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  }
  return Object.hasOwn(NAMED, reference) ? NAMED[reference] : undefined;
}

/** Whitespace as HTML shows it: runs become one space, lines are trimmed, at most one empty line in a row. */
function tidy(text: string): string {
  const lines: string[] = [];
  let blank = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[ \t\r\f\u00A0]+/g, ' ').trim();
    if (!line) {
      blank++;
      continue;
    }
    if (lines.length && blank) lines.push('');
    blank = 0;
    lines.push(line);
  }
  return lines.join('\n');
}
