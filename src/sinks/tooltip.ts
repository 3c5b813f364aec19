// Markdown tooltips (tree rows). The MarkdownString is created untrusted, without HTML and
// without theme icons; the source it gets is built here, where every character of service text
// that Markdown could read as syntax is escaped, so a name can neither link, format nor embed.
import { oneLine } from './text';

export const TOOLTIP_LINE_MAX = 2_000;

export interface TooltipLine {
  text: string;
  /** Threadline's emphasis (a title), never the service's. */
  strong?: boolean;
}

/** Every ASCII punctuation character, which CommonMark lets a backslash escape. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Service text as literal Markdown: one line, each punctuation character escaped. */
export function markdownLiteral(value: string, max = TOOLTIP_LINE_MAX): string {
  return oneLine(value, max).replace(PUNCTUATION, '\\$&');
}

/** The Markdown source of a tooltip: one paragraph per line. */
export function tooltipMarkdown(lines: readonly TooltipLine[]): string {
  return lines.map((line) => (line.strong ? `**${markdownLiteral(line.text)}**` : markdownLiteral(line.text))).join('\n\n');
}
