// The panel's HTML shell: the CSP exactly as specified, and a fresh nonce per render that the
// script tag carries. (That the browser enforces it is shown in the integration suite.)
import * as assert from 'node:assert/strict';
import { createNonce, renderPanelHtml } from '../../src/panel/html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';

function render(nonce: string, title = 'A thread') {
  return renderPanelHtml({
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
    highlighterUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/highlight.js',
    title,
  });
}

describe('panel HTML', () => {
  it('carries exactly the specified CSP', () => {
    const html = render('NONCE123');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src 'none'; img-src https://*.vscode-cdn.net data:; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; " +
        "script-src 'nonce-NONCE123'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'",
    );
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  });

  it('uses a different crypto nonce on every render, and the script tag carries it', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of [...nonces].slice(0, 5)) {
      assert.ok(nonce.length >= 24, 'at least 128 bits');
      const html = render(nonce);
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      assert.equal(scripts.length, 1, 'one script');
      assert.ok(scripts[0]?.includes(`nonce="${nonce}"`));
      assert.ok(html.includes(`script-src 'nonce-${nonce}'`));
    }
  });

  it('escapes the title and loads nothing inline', () => {
    const html = render('N', '</title><script>alert(1)</script>');
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('&lt;/title&gt;&lt;script&gt;'));
    assert.ok(!/<style|\sstyle=|\son\w+=/.test(html));
  });
});
