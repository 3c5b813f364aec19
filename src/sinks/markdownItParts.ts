// markdown-it for the Markdown document sink, on its own: the release build makes this module
// dist/markdown-it.js, required by markdownDocument.ts on first use (see esbuild.js).
import MarkdownIt from 'markdown-it';

export { MarkdownIt };
