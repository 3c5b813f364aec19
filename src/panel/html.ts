// The panel's HTML shell. Everything visible is built by the page script from validated data;
// this document only loads that script (by nonce) and the stylesheet, under a strict CSP.
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
  /** webview.cspSource: where the bundled script, stylesheet and fonts come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The syntax highlighter, loaded by the page (with this nonce) only when a message has a code block. */
  highlighterUri: string;
  title: string;
  /** VS Code's translations of the page's words (`vscode.l10n.bundle`), none in English. */
  l10n?: Readonly<Record<string, string>>;
  /** The display language, for the page's `lang`. */
  language?: string;
  /** What the page says before its script runs. */
  loading?: string;
}

/** A fresh nonce for every render, from node:crypto. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderPanelHtml(options: ShellOptions): string {
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(options.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
<title>${escapeAttribute(options.title)}</title>
</head>
<body>
<main id="app" aria-live="polite" data-highlighter="${escapeAttribute(options.highlighterUri)}" data-l10n="${escapeAttribute(JSON.stringify(options.l10n ?? {}))}"><p class="status">${escapeAttribute(options.loading ?? 'Loading…')}</p></main>
<script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
