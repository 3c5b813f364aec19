// The read-only Markdown document of a thread: a header block, one section per message, text
// from the service shown as written (never as HTML).
import * as assert from 'node:assert/strict';
import type { Message, Thread } from '../../src/domain/model';
import { escapeMarkdown, htmlToText, renderThreadMarkdown } from '../../src/render/markdownDocument';

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

describe('thread as Markdown', () => {
  it('has a header block and one section per message', () => {
    const doc = renderThreadMarkdown({ ...account, containerLabel: 'Acme Support' }, thread, [
      message({}),
      message({ id: 'm2', author: { role: 'agent', name: 'Ana' }, body: { kind: 'markdown', text: '**Sure** thing' } }),
      { type: 'unreadable', id: 'm3', problem: 'createdAt: missing (expected string)' },
    ]);
    assert.match(doc, /^# Order \\\*123\\\* \\<b\\>late\\<\/b\\>\n/);
    assert.match(doc, /\| Service \| AgentSend — Support \|/);
    assert.match(doc, /\| In \| Acme Support \|/);
    assert.match(doc, /\| Participants \| Sarah \\<sarah@example.com\\> \(customer\) \|/);
    assert.equal(doc.match(/^### /gm)?.length, 3);
    assert.match(doc, /### Sarah \\<sarah@example.com\\> \(customer\)/);
    assert.match(doc, /\*\*Sure\*\* thing/, 'Markdown bodies keep their formatting');
    assert.match(doc, /### Message 3 could not be read/);
  });

  it('shows raw HTML and Markdown syntax in text as text', () => {
    const doc = renderThreadMarkdown({ ...account, containerLabel: 'Acme Support' }, thread, [message({ body: { kind: 'text', text: '<script>alert(1)</script> *not bold* [x](javascript:alert(1))' } })]);
    assert.ok(!doc.includes('<script>'));
    assert.ok(doc.includes('\\<script\\>'));
    assert.ok(doc.includes('\\*not bold\\*'));
    assert.ok(doc.includes('\\[x\\]'));
  });

  it('escapes raw HTML inside Markdown bodies', () => {
    const doc = renderThreadMarkdown({ ...account, containerLabel: 'Acme Support' }, thread, [message({ body: { kind: 'markdown', text: 'Hi <img src=x onerror=alert(1)>' } })]);
    assert.ok(doc.includes('Hi \\<img src=x onerror=alert(1)>'));
  });

  it('reads email HTML as its text alternative, or as text stripped of tags', () => {
    assert.equal(htmlToText('<p>Hello<br>there</p><script>bad()</script><ul><li>one</li></ul>'), 'Hello\nthere\n• one');
    const doc = renderThreadMarkdown({ ...account, containerLabel: 'Acme Support' }, thread, [message({ body: { kind: 'html', html: '<p>Only <b>HTML</b></p>' } })]);
    assert.match(doc, /Only HTML/);
  });

  it('says plainly when a service publishes no message history', () => {
    const doc = renderThreadMarkdown(account, { ...thread, messagesUnavailable: 'Cattix publishes no API for this.' }, []);
    assert.match(doc, /> Cattix publishes no API for this\./);
    assert.ok(!doc.includes('## Conversation'));
  });

  it('escapes Markdown and entity syntax without touching ordinary punctuation', () => {
    assert.equal(escapeMarkdown('Hi. (ok) a_b &amp; 1. # x'), 'Hi. (ok) a\\_b &amp;amp; 1. # x');
    assert.equal(escapeMarkdown('# heading\n- item\n2. item'), '\\# heading\n\\- item\n2\\. item');
  });
});
