// Checks on what Threadline hands an assistant (tool results, Copy for Chat), shared by the unit
// and integration suites: what a Markdown reader would make of it (every link and any raw HTML,
// found by parsing it with markdown-it the way a chat would render it), and whether all service
// text sits inside the customer-content block.
import MarkdownIt, { type Token } from 'markdown-it';

const reader = new MarkdownIt({ html: true, linkify: true });
// Every link form becomes a link token whatever its target, so a refused scheme is seen too.
reader.validateLink = () => true;

/** Links to anything but http, https and mailto, images, and raw HTML a Markdown reader would find. */
export function markdownHazards(text: string): string[] {
  const hazards: string[] = [];
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'html_inline' || token.type === 'html_block') hazards.push(`raw HTML ${JSON.stringify(token.content.slice(0, 60))}`);
      if (token.type === 'link_open') {
        const href = String(token.attrGet('href') ?? '');
        if (!/^(https?:|mailto:)/i.test(href)) hazards.push(`link to ${JSON.stringify(href.slice(0, 60))}`);
      }
      if (token.type === 'image') hazards.push(`image ${JSON.stringify(String(token.attrGet('src') ?? '').slice(0, 60))}`);
      if (token.children) walk(token.children);
    }
  };
  walk(reader.parse(text, {}));
  return hazards;
}

/** The block's boundary, the text before, inside and after it; undefined when there is no block. */
export function customerBlock(text: string): { boundary: string; before: string; inside: string; after: string } | undefined {
  const start = /^<<< BEGIN CUSTOMER CONTENT ([0-9a-f]{12}) >>>$/m.exec(text);
  if (!start) return undefined;
  const boundary = start[1] as string;
  const endLine = `\n<<< END CUSTOMER CONTENT ${boundary} >>>`;
  const end = text.indexOf(endLine);
  if (end < 0) return undefined;
  return { boundary, before: text.slice(0, start.index), inside: text.slice(start.index + start[0].length, end), after: text.slice(end + endLine.length) };
}
