// The syntax highlighter, bundled on its own (dist/highlight.js) and loaded by the page only when
// a message has a fenced code block. lowlight (highlight.js's grammars) answers with a tree of
// tokens, not HTML, so the page builds the highlighted code from text nodes and class names.
import { common, createLowlight } from 'lowlight';

const lowlight = createLowlight(common);

/** A token tree: text, or a span with highlight.js class names around more tokens. */
export type Token = { type: 'text'; value: string } | { type: 'element'; className: string[]; children: Token[] };

interface HastNode {
  type: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

function tokens(nodes: readonly HastNode[] | undefined): Token[] {
  const out: Token[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'text') out.push({ type: 'text', value: node.value ?? '' });
    else if (node.type === 'element') {
      const className = Array.isArray(node.properties?.className) ? node.properties.className.filter((name): name is string => typeof name === 'string') : [];
      out.push({ type: 'element', className, children: tokens(node.children) });
    }
  }
  return out;
}

/** Highlights `code` as `language` where the grammar is known, otherwise by detection among the common ones. */
function highlight(code: string, language: string | undefined): Token[] {
  const tree = language && lowlight.registered(language) ? lowlight.highlight(language, code) : lowlight.highlightAuto(code);
  return tokens(tree.children as HastNode[]);
}

(globalThis as unknown as { threadlineHighlighter: unknown }).threadlineHighlighter = { highlight };
