// Syntax highlighting of fenced code blocks in Markdown bodies. The highlighter is a separate
// script (dist/highlight.js) the page loads — with its own nonce, so the CSP stays nonce-only —
// the first time a rendered message has a code block; messages without code never pay for it.
// Highlighted code is built from the highlighter's token tree with text nodes: no markup strings.
import type { Token } from './highlighter';
import type { Page } from './state';

interface Highlighter {
  highlight(code: string, language: string | undefined): Token[];
}

/** Longest block highlighted: a larger one is shown plain (highlighting is not linear in every grammar). */
const MAX_CODE = 20_000;
/** The nonce the page's own script was loaded with, for the highlighter's script element. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

function highlighter(): Highlighter | undefined {
  return (globalThis as unknown as { threadlineHighlighter?: Highlighter }).threadlineHighlighter;
}

function build(tokens: readonly Token[]): Node[] {
  return tokens.map((token) => {
    if (token.type === 'text') return document.createTextNode(token.value);
    const span = document.createElement('span');
    // Only highlight.js's own class names (hljs-keyword…): nothing from the message.
    span.className = token.className.filter((name) => /^hljs-[\w-]+$/.test(name) || /^[\w-]+_$/.test(name)).join(' ');
    span.append(...build(token.children));
    return span;
  });
}

function languageOf(code: HTMLElement): string | undefined {
  const match = /(?:^|\s)language-([\w+#-]{1,30})(?:\s|$)/.exec(code.className);
  return match?.[1]?.toLowerCase();
}

function highlightBlock(code: HTMLElement): void {
  const tool = highlighter();
  const text = code.textContent ?? '';
  if (!tool || code.dataset['highlighted'] || text.length > MAX_CODE) return;
  code.dataset['highlighted'] = 'true';
  try {
    code.replaceChildren(...build(tool.highlight(text, languageOf(code))));
    code.classList.add('hljs');
  } catch {
    // an unknown grammar or a grammar error: the block stays plain text
  }
}

/** Highlights the fenced code blocks of a rendered message, loading the highlighter first if need be. */
export function highlightCodeIn(page: Page, element: HTMLElement): void {
  const blocks = Array.from(element.querySelectorAll<HTMLElement>('.body-markdown pre > code'));
  if (blocks.length === 0) return;
  const state = page.highlighter;
  if (state.state === 'ready') {
    blocks.forEach(highlightBlock);
    return;
  }
  if (state.state === 'failed') return;
  state.waiting.push(...blocks);
  if (state.state === 'loading') return;
  const source = page.app.dataset['highlighter'];
  if (!source) {
    state.state = 'failed';
    return;
  }
  state.state = 'loading';
  const script = document.createElement('script');
  script.nonce = nonce;
  script.src = source;
  script.onload = () => {
    state.state = highlighter() ? 'ready' : 'failed';
    // Blocks rendered meanwhile that are still on the page; the list may have dropped others.
    for (const block of state.waiting.splice(0)) if (block.isConnected) highlightBlock(block);
  };
  script.onerror = () => {
    state.state = 'failed';
    state.waiting.length = 0;
  };
  document.head.append(script);
}
