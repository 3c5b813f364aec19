// The read-only Markdown document of a thread: a header block, one section per message, text
// from the service shown as written (never as HTML), bot Markdown kept but with links only to
// http, https and mailto. "What the preview gets" is checked by parsing the document the way VS
// Code's preview does (markdown-it with raw HTML on).
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Message, Thread } from '../../src/domain/model';
import { htmlToText, renderThreadMarkdown } from '../../src/markdown/render';
import { INJECTION_PAYLOADS, XSS_PAYLOADS } from '../../src/sample';
import { DOCUMENT_BODY_MAX, checkedUrl, documentLine, documentMarkdown, documentParagraphs, escapeDocumentText } from '../../src/sinks/markdownDocument';

const account = { serviceName: 'AgentSend', accountLabel: 'Support' };
const thread: Thread = {
  threadId: 'thr_1',
  containerId: 'inb_1',
  title: 'Order *123* <b>late</b>',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
  state: 'open',
  status: 'open',
  badges: ['important'],
  participants: [{ role: 'customer', name: 'Sarah', address: 'sarah@example.com' }],
  links: [{ label: 'Open', url: 'https://example.com/t/1' }],
  cards: [],
};
const message = (overrides: Partial<Message>): Message => ({
  type: 'message',
  id: 'm1',
  author: { role: 'customer', name: 'Sarah', address: 'sarah@example.com' },
  createdAt: '2026-11-01T10:00:00.000Z',
  to: [],
  cc: [],
  body: { kind: 'text', text: 'Hello' },
  attachments: [],
  sources: [],
  ...overrides,
});
const bot = (text: string): Message => message({ author: { role: 'bot' }, body: { kind: 'markdown', text } });

/** What VS Code's Markdown preview would make of a document: every link, image and raw HTML piece. */
const preview = new MarkdownIt({ html: true, linkify: true });
function previewOf(markdown: string) {
  const links: string[] = [];
  const images: string[] = [];
  const html: string[] = [];
  const tags = new Set<string>();
  const walk = (tokens: ReturnType<typeof preview.parse>) => {
    for (const token of tokens) {
      if (token.type === 'link_open') links.push(String(token.attrGet('href')));
      if (token.type === 'image') images.push(String(token.attrGet('src')));
      if (token.type === 'html_inline' || token.type === 'html_block') html.push(token.content);
      if (token.tag) tags.add(token.tag);
      if (token.children) walk(token.children);
    }
  };
  walk(preview.parse(markdown, {}));
  return { links, images, html, tags };
}
const webLinksOnly = (links: string[]) => links.filter((href) => !/^(https?|mailto):/i.test(href));

/**
 * The patterns a regex-based link finder uses (VS Code's Markdown language service reads links
 * this way, not all of them honouring escapes, and the editor finds file:// in any text).
 */
function naiveLinkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of markdown.matchAll(/\]\(\s*<?([^\s)>]*)/g)) targets.push(match[1] ?? '');
  for (const match of markdown.matchAll(/^\s*\[[^\]]*\]:\s*<?(\S*?)>?(?:\s|$)/gm)) targets.push(match[1] ?? '');
  for (const match of markdown.matchAll(/<([a-z][a-z0-9+.-]*:[^\s>]*)>/gi)) targets.push(match[1] ?? '');
  for (const match of markdown.matchAll(/<[a-z][^>]*\s(?:href|src)\s*=\s*["']?([^"'\s>]*)/gi)) targets.push(match[1] ?? '');
  for (const match of markdown.matchAll(/\bfile:\/\/\S*/gi)) targets.push(match[0]);
  return targets.filter((target) => !/^(https?|mailto):/i.test(target));
}

describe('thread as Markdown', () => {
  it('opens with a clean header table: no empty row, each flag once', () => {
    const doc = renderThreadMarkdown(account, { ...thread, type: 'chatgpt', priority: 'high', badges: ['chatgpt', 'high', 'pinned', 'pinned'] }, []);
    const table = doc.split('\n').filter((line) => line.startsWith('|'));
    assert.equal(table[0], '| Service | AgentSend — Support |', 'the first fact heads the table');
    assert.equal(table[1], '|---|---|');
    assert.deepEqual(table.filter((line) => /^\|\s*\|\s*\|$/.test(line)), [], 'no empty row');
    assert.equal(doc.match(/chatgpt/g)?.length, 1, 'the platform said once');
    assert.match(doc, /\| Flags \| pinned \|/);
  });

  it('has a header block and one section per message', () => {
    const doc = renderThreadMarkdown({ ...account, containerLabel: 'Acme Support' }, thread, [
      message({}),
      message({ id: 'm2', author: { role: 'agent', name: 'Ana' }, body: { kind: 'markdown', text: '**Sure** thing' } }),
      { type: 'unreadable', id: 'm3', problem: 'createdAt: missing (expected string)' },
    ]);
    assert.match(doc, /^# Order \\\*123\\\* &lt;b&gt;late&lt;\/b&gt;\n/);
    assert.match(doc, /\| Service \| AgentSend — Support \|/);
    assert.match(doc, /\| In \| Acme Support \|/);
    assert.match(doc, /\| Participants \| Sarah &lt;sarah@example\.com&gt; \(customer\) \|/);
    assert.equal(doc.match(/^### /gm)?.length, 3);
    assert.match(doc, /### Sarah &lt;sarah@example\.com&gt; \(customer\)/);
    assert.match(doc, /\*\*Sure\*\* thing/, 'Markdown bodies keep their formatting');
    assert.match(doc, /### Message 3 could not be read/);
  });

  it('shows raw HTML and Markdown syntax in text as text', () => {
    const doc = renderThreadMarkdown(account, thread, [message({ body: { kind: 'text', text: '<script>alert(1)</script> *not bold* [x](javascript:alert(1))' } })]);
    assert.ok(!doc.includes('<script>'));
    assert.ok(doc.includes('&lt;script&gt;'));
    assert.ok(doc.includes('\\*not bold\\*'));
    assert.ok(doc.includes('&#91;x&#93;(javascript\\:alert(1))'));
    const seen = previewOf(doc);
    assert.deepEqual(seen.html, []);
    assert.deepEqual(webLinksOnly(seen.links), []);
  });

  it('keeps no command: link from a bot answer (issue 11, repro 1)', () => {
    const doc = renderThreadMarkdown(account, thread, [bot('[Open](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%22%7D)')]);
    assert.deepEqual(webLinksOnly(previewOf(doc).links), []);
    assert.deepEqual(naiveLinkTargets(doc), []);
    assert.match(doc, /^Open$/m, 'the label stays, as text');
  });

  it('gives the preview no raw HTML, no style and no remote image (issue 11, repro 3)', () => {
    const doc = renderThreadMarkdown(account, thread, [bot('\\<img src=x onerror=alert(1)> \\<style>body{display:none}</style> ![](https://tracker.example/p.gif)')]);
    const seen = previewOf(doc);
    assert.deepEqual(seen.html, []);
    assert.deepEqual(seen.images, []);
    assert.ok(seen.links.includes('https://tracker.example/p.gif'), 'the image became a link');
  });

  it('keeps bot formatting: headings, emphasis, lists, quotes, code, tables, web links', () => {
    const source = [
      '## Steps',
      '',
      'Go to **Settings** and _Billing_, then ~~old~~ [the portal](https://billing.example/portal?a=1&b=2).',
      '',
      '1. First',
      '2. Second with `code`',
      '   - nested',
      '',
      '> A quote',
      '',
      '```js',
      'const x = 1;',
      '```',
      '',
      '| Plan | Price |',
      '|---|---:|',
      '| Pro | $20 |',
      '',
      'Mail <help@example.com> or see <https://docs.example/a_b>.',
    ].join('\n');
    const doc = documentMarkdown(source);
    const again = preview.render(doc);
    for (const tag of ['<h2>', '<strong>Settings</strong>', '<em>Billing</em>', '<s>old</s>', '<ol>', '<li>First</li>', '<code>code</code>', '<blockquote>', '<pre><code class="language-js">', '<table>', '<th>Plan</th>', '<td style="text-align:right">$20</td>']) {
      assert.ok(again.includes(tag), `${tag} in ${again}`);
    }
    assert.deepEqual(previewOf(doc).links, ['https://billing.example/portal?a=1&b=2', 'mailto:help@example.com', 'https://docs.example/a_b']);
  });

  it('keeps only http, https and mailto targets in every link form, and images become links', () => {
    const cases: [string, string[]][] = [
      ['[a](command:x) [b](vscode://x) [c](file:///etc/passwd) [d](javascript:alert(1)) [e](data:text/html,x)', []],
      ['[ref][r] [collapsed][] [shortcut]\n\n[r]: command:x\n[collapsed]: command:x\n[shortcut]: command:x', []],
      ['<command:x> <vscode://x> <file:///x> <https://ok.example/>', ['https://ok.example/']],
      ['[[inner](command:x)](https://ok.example/)', ['https://ok.example/']],
      ['![alt](https://img.example/a.png) ![cmd](command:x) ![data](data:image/png;base64,AAAA)', ['https://img.example/a.png']],
      ['[ok](https://ok.example/a) [mail](mailto:a@b.example) [upper](HTTPS://OK.EXAMPLE)', ['https://ok.example/a', 'mailto:a@b.example', 'https://ok.example/']],
      // Raw HTML is text; an address in it is an ordinary (https) link.
      ['<a href="command:x">html</a> <img src="https://tracker.example/p.gif">', ['https://tracker.example/p.gif']],
    ];
    for (const [source, expected] of cases) {
      const doc = documentMarkdown(source);
      const seen = previewOf(doc);
      assert.deepEqual(seen.links, expected, `${source}\n→ ${doc}`);
      assert.deepEqual(seen.images, [], source);
      assert.deepEqual(seen.html, [], source);
      assert.deepEqual(naiveLinkTargets(doc), [], `${source}\n→ ${doc}`);
    }
  });

  it('turns every payload of both corpora, in every kind of body and field, into inert text', () => {
    const payloads = [...XSS_PAYLOADS, ...INJECTION_PAYLOADS];
    const hostile = payloads.join('\n\n');
    const doc = renderThreadMarkdown(
      { serviceName: hostile, accountLabel: hostile, containerLabel: hostile },
      {
        ...thread,
        title: hostile,
        participants: [{ role: 'customer', name: hostile, address: hostile }],
        links: [{ label: hostile, url: 'command:x' }],
        badges: [hostile],
        state: 'processing',
        progress: { percent: 40, label: hostile },
        cards: [
          { kind: 'lists', id: 'insights', title: hostile, summary: hostile, lists: [{ title: hostile, items: [hostile, hostile] }], footnote: hostile },
          { kind: 'facts', id: 'details', title: hostile, rows: [{ label: hostile, value: hostile, link: { label: hostile, url: 'command:x' } }] },
        ],
      },
      [
        bot(hostile),
        message({ subject: hostile, to: [hostile], body: { kind: 'text', text: hostile }, attachments: [{ name: hostile, url: 'command:x' }], sources: [{ url: 'file:///etc/passwd', title: hostile }] }),
        message({ body: { kind: 'html', html: hostile } }),
        { type: 'unreadable', problem: hostile },
      ],
    );
    const seen = previewOf(doc);
    assert.deepEqual(webLinksOnly(seen.links), []);
    assert.deepEqual(seen.images, []);
    assert.deepEqual(seen.html, []);
    assert.deepEqual(naiveLinkTargets(doc), []);
    assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/.test(doc), 'no reordering or invisible characters');
    const allowedTags = new Set(['h1', 'h2', 'h3', 'p', 'strong', 'em', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
    assert.deepEqual([...seen.tags].filter((tag) => !allowedTags.has(tag)), []);
  });

  it('escapes backslashes so an escaped bracket cannot turn into live HTML', () => {
    const doc = documentMarkdown('\\<img src=x> \\\\<b>x</b>');
    assert.deepEqual(previewOf(doc).html, []);
    assert.ok(!doc.includes('<'));
  });

  it('breaks non-web schemes in text, so the editor finds no file:// or command: link', () => {
    assert.equal(escapeDocumentText('see file:///etc/passwd and command:foo.bar'), 'see file\\:///etc/passwd and command\\:foo.bar');
    assert.equal(escapeDocumentText('Note: 10:30, re: x'), 'Note: 10:30, re: x');
    assert.equal(escapeDocumentText('https://example.com/a_b?x=1.'), '<https://example.com/a_b?x=1>.');
    assert.equal(escapeDocumentText('mailto:a@b.example'), 'mailto:a@b.example');
    // Code cannot be escaped: code holding a file:// address is shown as text instead.
    assert.deepEqual(naiveLinkTargets(documentMarkdown('```\ncat file:///etc/passwd\n```\n\n`file:///x`')), []);
  });

  it('escapes what would be syntax at the start of a line, and drops the indent that would make code', () => {
    assert.equal(documentParagraphs('# not heading\n    indented\n1986. a year\n- dash\n+ plus\n= equals'), '\\# not heading  \nindented  \n1986\\. a year  \n\\- dash  \n\\+ plus  \n\\= equals');
    assert.equal(escapeDocumentText('Hi. (ok) a_b &amp; 1. # x'), 'Hi. (ok) a\\_b &amp;amp; 1. # x');
  });

  it('shows reordering characters visibly and keeps lines to one in headings and cells', () => {
    assert.equal(documentLine('invoice\u202Egpj.exe\nsecond'), 'invoice\uFFFDgpj.exe second');
  });

  it('cuts a body at DOCUMENT_BODY_MAX and says so', () => {
    const doc = documentParagraphs('a'.repeat(DOCUMENT_BODY_MAX + 10));
    assert.ok(doc.length < DOCUMENT_BODY_MAX + 200);
    assert.match(doc, /10 more characters are in the panel and the JSON export/);
  });

  it('checks link targets: web schemes only, written so no reader misparses them', () => {
    assert.equal(checkedUrl('https://x.example/a b(c)<d>'), 'https://x.example/a%20b%28c%29%3Cd%3E');
    assert.equal(checkedUrl('command:foo'), undefined);
    assert.equal(checkedUrl('/relative'), undefined);
    assert.equal(checkedUrl('https://'), undefined);
    assert.equal(checkedUrl('mailto:a@b.example'), 'mailto:a@b.example');
  });

  it('reads email HTML as its text alternative, or as text stripped of tags', () => {
    assert.equal(htmlToText('<p>Hello<br>there</p><script>bad()</script><ul><li>one</li></ul>'), 'Hello\nthere\n\n• one');
    assert.equal(htmlToText('<div title=">">a &amp; b &lt;c&gt; &#x41; &bogus;</div><!-- c --><STYLE>p{}</style>x'), 'a & b <c> A &bogus;\nx');
    assert.equal(htmlToText('unclosed <script>alert(1) and more'), 'unclosed');
    assert.equal(htmlToText('a < b and c<3'), 'a < b and c<3');
    const doc = renderThreadMarkdown(account, thread, [message({ body: { kind: 'html', html: '<p>Only <b>HTML</b></p>' } })]);
    assert.match(doc, /Only HTML/);
  });

  it('says plainly when a service publishes no message history', () => {
    const doc = renderThreadMarkdown(account, { ...thread, messagesUnavailable: 'Cattix publishes no API for this.' }, []);
    assert.match(doc, /> Cattix publishes no API for this\./);
    assert.ok(!doc.includes('## Conversation'));
  });

  it('says why the messages stopped when paging ended early', () => {
    const doc = renderThreadMarkdown(account, thread, [message({})], 'Stopped after 3 pages: the service kept returning the same page of messages.');
    assert.match(doc, /> Stopped after 3 pages: the service kept returning the same page of messages\./);
  });
});
