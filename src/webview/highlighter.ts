// The syntax highlighter, bundled on its own (dist/highlight.js) and loaded by the page only when
// a message has a fenced code block. lowlight (highlight.js's grammars) answers with a tree of
// tokens, not HTML, so the page builds the highlighted code from text nodes and class names.
import bash from 'highlight.js/lib/languages/bash';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

// What a support conversation plausibly quotes: the web's languages and formats, the shell, SQL,
// the common server languages, diffs and config files. lowlight's `common` set (37 grammars)
// doubled the file with grammars such as Arduino, SCSS, Less, Swift and VB.NET; a block in a
// language not listed here is shown as plain code (or detected among these).
const lowlight = createLowlight({ bash, csharp, css, diff, go, ini, java, javascript, json, markdown, php, plaintext, python, ruby, shell, sql, typescript, xml, yaml });

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
