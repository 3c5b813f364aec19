// The thread's Markdown document (the `threadline:` document, its preview and the Markdown
// export). In that document VS Code finds links three ways: the Markdown language service reads
// `[text](target)`, `[text][ref]` with `[ref]: target`, `<scheme:…>` and HTML `href`/`src` — with
// patterns that do not all honour backslash escapes — the editor detects `http://`, `https://`
// and `file://` in any text, and the preview renders raw HTML. So service text never carries
// a `<`, `>`, `[` or `]` of its own (they become entities), never an unescaped Markdown
// character, and never a colon that would make a non-web scheme (`file\://`, `command\:`).
// The only links are the ones built here, to http, https and mailto targets; images become
// links. Bot Markdown is parsed with markdown-it and written out again from its tokens, so its
// formatting survives and nothing else does. Every function is linear in its input, and each
// body is cut to DOCUMENT_BODY_MAX before anything runs over it.
import type { Token } from 'markdown-it';
import type * as MarkdownItParts from './markdownItParts';
import { ELLIPSIS, oneLine, visibleText } from './text';

/** The most characters of one message body the document shows (the panel and JSON export have all). */
export const DOCUMENT_BODY_MAX = 100_000;
/** The most characters of one line of metadata (a name, a subject, a table cell). */
export const DOCUMENT_LINE_MAX = 2_000;

const WEB_SCHEMES = new Set(['http', 'https', 'mailto']);
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;' };
/** Characters that start or end Markdown inline syntax; a backslash makes each literal. */
const BACKSLASHED = new Set(['\\', '`', '*', '_', '~', '|', '$']);
/** Characters that mean something at the start of a line: headings, lists, setext underlines. */
const LINE_START = new Set(['#', '-', '+', '=']);

const isSchemeChar = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46;
const isLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isBlank = (code: number): boolean => code === 32 || code === 9;

/**
 * Service text as literal Markdown, in one pass. `lineStart`: the text begins a line (so a
 * leading `#`, `-`, `+`, `=` or `1.` would be syntax). Leading blanks of a line are dropped: four
 * of them would start a code block, where no escape works. An http or https address becomes an
 * autolink (unless `autolinks` is off: inside a link's label), so the escapes it would otherwise
 * need cannot break it.
 */
export function escapeDocumentText(text: string, lineStart = true, autolinks = true): string {
  const out: string[] = [];
  /** Characters from here to the current position are copied as they are, in one slice. */
  let plainFrom = 0;
  const put = (upTo: number, replacement: string, resumeAt: number) => {
    if (upTo > plainFrom) out.push(text.slice(plainFrom, upTo));
    out.push(replacement);
    plainFrom = resumeAt;
  };
  let atLineStart = lineStart;
  /** Where the run of scheme characters before the current position began; -1 none, -2 not a scheme. */
  let wordStart = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      atLineStart = true;
      wordStart = -1;
      continue;
    }
    if (atLineStart) {
      if (isBlank(code)) {
        put(index, '', index + 1);
        continue;
      }
      atLineStart = false;
      const char = text[index] as string;
      if (LINE_START.has(char)) {
        put(index, `\\${char}`, index + 1);
        continue;
      }
      if (isDigit(code)) {
        // `1986. A good year` would be an ordered list: escape the `.` or `)` after the digits.
        let end = index;
        while (end < text.length && isDigit(text.charCodeAt(end))) end++;
        const after = text[end];
        if (after === '.' || after === ')') put(end, `\\${after}`, end + 1);
        index = end - (after === '.' || after === ')' ? 0 : 1);
        wordStart = -2;
        continue;
      }
    }
    if (code < 128 && SPECIAL[code]) {
      const char = text[index] as string;
      const entity = ENTITIES[char];
      if (entity) {
        put(index, entity, index + 1);
        wordStart = -1;
        continue;
      }
      if (BACKSLASHED.has(char)) {
        put(index, `\\${char}`, index + 1);
        wordStart = -1;
        continue;
      }
      if (code === 58 /* : */ && wordStart >= 0) {
        const scheme = schemeBefore(text, wordStart, index);
        if (scheme === 'http' || scheme === 'https') {
          const end = autolinks ? addressEnd(text, index) : index;
          const address = text.slice(index - scheme.length, end);
          const target = end > index + 3 && address.length <= MAX_ADDRESS ? checkedUrl(address) : undefined;
          if (target || address.length > MAX_ADDRESS) {
            // Too long to be a link: the whole run as text, every special character escaped.
            put(index - scheme.length, target ? `<${target}>` : address.replace(ANY_SPECIAL, escapeSpecial), end);
            index = end - 1;
            wordStart = -1;
            continue;
          }
        } else if (scheme !== 'mailto' && !isSpaceOrEnd(text.charCodeAt(index + 1))) {
          put(index, '\\:', index + 1);
          wordStart = -1;
          continue;
        }
      }
    }
    if (isSchemeChar(code)) {
      if (wordStart === -1) wordStart = isLetter(code) ? index : -2;
    } else {
      wordStart = -1;
    }
  }
  if (plainFrom < text.length) out.push(text.slice(plainFrom));
  return out.join('');
}

/** Longer addresses are not made links. */
const MAX_ADDRESS = 8_192;
const ANY_SPECIAL = /[&<>[\]\\`*_~|$:]/g;
const escapeSpecial = (char: string): string => ENTITIES[char] ?? `\\${char}`;

/** ASCII characters the loop above looks at more closely. */
const SPECIAL: boolean[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  return char in ENTITIES || BACKSLASHED.has(char) || char === ':';
});

const isSpaceOrEnd = (code: number): boolean => Number.isNaN(code) || code === 32 || code === 9 || code === 10;

/** The scheme a colon ends, lower case; a word longer than any scheme comes back cut (never as http). */
function schemeBefore(text: string, start: number, colon: number): string {
  return colon - start > 32 ? text.slice(colon - 33, colon).toLowerCase() : text.slice(start, colon).toLowerCase();
}

/** Where an address whose scheme ends at `colon` ends: at a space, quote or angle bracket, before trailing punctuation. */
function addressEnd(text: string, colon: number): number {
  if (text[colon + 1] !== '/' || text[colon + 2] !== '/') return colon;
  let end = colon + 3;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code <= 32 || code === 34 || code === 39 || code === 60 || code === 62 || code === 96 || code === 127) break;
    end++;
  }
  while (end > colon + 3 && '.,;:!?)]}*_~'.includes(text[end - 1] as string)) end--;
  return end;
}

/** One line of service text (a title, a name, an address, a table cell). */
export function documentLine(value: string, max = DOCUMENT_LINE_MAX): string {
  return escapeDocumentText(oneLine(value, max));
}

/** A plain-text body: paragraphs kept, each line break a hard break. */
export function documentParagraphs(text: string): string {
  const lines = escapeDocumentText(boundedBody(text)).split('\n');
  const out: string[] = [];
  let blank = 0;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (!trimmed) {
      blank++;
      continue;
    }
    if (out.length) out.push(blank ? '\n\n' : '  \n');
    blank = 0;
    out.push(trimmed);
  }
  return out.join('');
}

function boundedBody(text: string): string {
  const cut = text.length > DOCUMENT_BODY_MAX;
  const body = visibleText(cut ? text.slice(0, DOCUMENT_BODY_MAX) : text);
  return cut ? `${body}${ELLIPSIS}\n\n(${(text.length - DOCUMENT_BODY_MAX).toLocaleString('en')} more characters are in the panel and the JSON export.)` : body;
}

/** The link target if it is an http, https or mailto URL, written so no Markdown reader misreads it. */
export function checkedUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > 8_192 || !URL.canParse(trimmed)) return undefined;
  const url = new URL(trimmed);
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!WEB_SCHEMES.has(scheme)) return undefined;
  if (scheme !== 'mailto' && !url.hostname) return undefined;
  return url.href.replace(/[\s<>()[\]\\`"'{}|^]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A link, when its target is allowed; otherwise its label alone. */
export function documentLink(label: string, url: string | undefined): string {
  const target = checkedUrl(url);
  const text = documentLine(label || url || '');
  return target ? `[${text}](<${target}>)` : text;
}

/** A bare address as a link (`<https://…>`), or as text when it is not an allowed one. */
export function documentAutolink(url: string): string {
  const target = checkedUrl(url);
  return target ? `<${target}>` : documentLine(url);
}

// ---- bot Markdown, parsed and written out again ----

type Parser = InstanceType<typeof MarkdownItParts.MarkdownIt>;

let parser: Parser | undefined;

/**
 * The parser, built on first use: markdown-it is its own file in the release build
 * (dist/markdown-it.js, see esbuild.js), loaded with the first bot answer written out, never at activation.
 */
function markdownParser(): Parser {
  if (parser) return parser;
  const { MarkdownIt } = require('./markdownItParts') as typeof MarkdownItParts;
  parser = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
  // Every link form becomes a link token, whatever its target: the target is judged when it is
  // written out, so a refused one still shows as its label rather than as raw syntax.
  parser.validateLink = () => true;
  return parser;
}

/**
 * Markdown written by a service (bot answers): headings, emphasis, lists, quotes, code and
 * tables survive; links only to http, https and mailto; images become links; raw HTML, reference
 * definitions and everything else become text.
 */
export function documentMarkdown(source: string): string {
  const tokens = markdownParser().parse(boundedBody(source), {});
  return renderBlocks({ tokens, index: 0 }).join('\n');
}

interface Cursor {
  tokens: Token[];
  index: number;
}

/** Blocks until `close` (or the end), separated by blank lines (not around a tight list's paragraphs). */
function renderBlocks(cursor: Cursor, close?: string): string[] {
  const lines: string[] = [];
  let previousTight = false;
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index] as Token;
    if (close && token.type === close) {
      cursor.index++;
      break;
    }
    const tight = token.type === 'paragraph_open' && token.hidden;
    const block = renderBlock(cursor);
    if (!block) continue;
    if (lines.length && !tight && !previousTight) lines.push('');
    lines.push(...block);
    previousTight = tight;
  }
  return lines;
}

function renderBlock(cursor: Cursor): string[] | undefined {
  const token = cursor.tokens[cursor.index++] as Token;
  switch (token.type) {
    case 'paragraph_open': {
      const lines = inlineLines(cursor);
      cursor.index++; // paragraph_close
      return lines;
    }
    case 'heading_open': {
      const level = Number(token.tag.slice(1)) || 1;
      const text = inlineLines(cursor).join(' ');
      cursor.index++; // heading_close
      return [`${'#'.repeat(level)} ${text}`];
    }
    case 'blockquote_open':
      return renderBlocks(cursor, 'blockquote_close').map((line) => (line ? `> ${line}` : '>'));
    case 'bullet_list_open':
    case 'ordered_list_open':
      return renderList(cursor, token);
    case 'fence':
    case 'code_block':
      return codeBlock(token.content, token.type === 'fence' ? token.info : '');
    case 'hr':
      return ['---'];
    case 'table_open':
      return renderTable(cursor);
    case 'inline':
      return inline(token.children ?? [], true).split('\n');
    default:
      return undefined; // closing tokens of structures handled above, html_block (html is off)
  }
}

function inlineLines(cursor: Cursor): string[] {
  const token = cursor.tokens[cursor.index];
  if (token?.type !== 'inline') return [];
  cursor.index++;
  return inline(token.children ?? [], true).split('\n');
}

function renderList(cursor: Cursor, open: Token): string[] {
  const ordered = open.type === 'ordered_list_open';
  const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
  let number = Number(open.attrGet('start') ?? 1) || 1;
  const lines: string[] = [];
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index++] as Token;
    if (token.type === close) break;
    if (token.type !== 'list_item_open') continue;
    const first = cursor.tokens[cursor.index];
    if (lines.length && first?.type === 'paragraph_open' && !first.hidden) lines.push(''); // a loose list
    const marker = ordered ? `${number++}. ` : '- ';
    const indent = ' '.repeat(marker.length);
    const item = renderBlocks(cursor, 'list_item_close');
    item.forEach((line, index) => lines.push(index === 0 ? `${marker}${line}` : line ? `${indent}${line}` : ''));
    if (item.length === 0) lines.push(marker.trimEnd());
  }
  return lines;
}

function renderTable(cursor: Cursor): string[] {
  const rows: string[][] = [];
  const aligns: string[] = [];
  let row: string[] | undefined;
  let header = true;
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index++] as Token;
    if (token.type === 'table_close') break;
    if (token.type === 'tbody_open') header = false;
    if (token.type === 'tr_open') row = [];
    if (token.type === 'tr_close' && row) rows.push(row);
    if ((token.type === 'th_open' || token.type === 'td_open') && row) {
      if (header) aligns.push(String(token.attrGet('style') ?? ''));
      const cell = inlineLines(cursor).join(' ');
      row.push(cell);
    }
  }
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((cells) => cells.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, index) => cells[index] ?? '').join(' | ')} |`;
  const rule = Array.from({ length: width }, (_, index) => {
    const style = aligns[index] ?? '';
    return style.includes('center') ? ':---:' : style.includes('right') ? '---:' : style.includes('left') ? ':---' : '---';
  });
  return [line(rows[0] as string[]), `| ${rule.join(' | ')} |`, ...rows.slice(1).map(line)];
}

/** `file://` in code would still be a link in the editor (no escape works there): such code is shown as text. */
const FILE_ADDRESS = /file:\/\//i;

function codeBlock(content: string, info: string): string[] {
  const body = content.replace(/\n$/, '');
  if (FILE_ADDRESS.test(body)) return escapeDocumentText(body).split('\n').map((line) => `${line}  `);
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  const language = /^[\w+-]{1,20}/.exec(info.trim())?.[0] ?? '';
  return [`${fence}${language}`, ...body.split('\n'), fence];
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    run = text[index] === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

function codeSpan(content: string, inTable: boolean): string {
  if (FILE_ADDRESS.test(content)) return escapeDocumentText(content, false);
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const padded = content.startsWith('`') || content.endsWith('`') || /^ .* $/.test(content) ? ` ${content} ` : content;
  return `${fence}${inTable ? padded.replace(/\|/g, '\\|') : padded}${fence}`;
}

/** Inline tokens as Markdown; `\n` separates lines (soft and hard breaks). */
function inline(children: readonly Token[], inTable = false): string {
  let out = '';
  let atLineStart = true;
  /** Links open around the current token; the targets of those written as links (undefined: as text). */
  const links: (string | undefined)[] = [];
  /** The depth of an autolink written as `<target>`: its label (the address again) is not written. */
  let silentFrom = 0;
  for (const token of children) {
    if (silentFrom && token.type !== 'link_close') continue;
    switch (token.type) {
      case 'text':
      case 'text_special':
        out += escapeDocumentText(token.content, atLineStart, links.length === 0);
        break;
      case 'softbreak':
        out += '\n';
        atLineStart = true;
        continue;
      case 'hardbreak':
        out += '\\\n';
        atLineStart = true;
        continue;
      case 'code_inline':
        out += codeSpan(token.content, inTable);
        break;
      case 'em_open':
      case 'em_close':
        out += '*';
        break;
      case 'strong_open':
      case 'strong_close':
        out += '**';
        break;
      case 's_open':
      case 's_close':
        out += '~~';
        break;
      case 'link_open': {
        // Links do not nest: inside a label, a link is its text.
        const target = links.length === 0 ? checkedUrl(String(token.attrGet('href') ?? '')) : undefined;
        links.push(target);
        if (target && (token.markup === 'autolink' || token.markup === 'linkify') && /^https?:/.test(target)) {
          out += `<${target}>`;
          links[links.length - 1] = undefined;
          silentFrom = links.length;
        } else if (target) {
          out += '[';
        }
        break;
      }
      case 'link_close': {
        if (silentFrom === links.length) silentFrom = 0;
        const target = links.pop();
        if (target) out += `](<${target}>)`;
        break;
      }
      case 'image': {
        const alt = escapeDocumentText(`Image${token.content ? `: ${token.content}` : ''}`, false, false);
        const target = links.length === 0 ? checkedUrl(String(token.attrGet('src') ?? '')) : undefined;
        out += target && /^https?:/.test(target) ? `[${alt}](<${target}>)` : alt;
        break;
      }
      default:
        if (token.content) out += escapeDocumentText(token.content, atLineStart, links.length === 0);
    }
    atLineStart = false;
  }
  return out;
}
