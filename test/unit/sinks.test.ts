// The neutralisers, one per kind of VS Code surface (SECURITY.md): what each does to hostile text,
// and the display invariants they share (issue 14): reordering characters shown, invisible ones
// dropped, one line where the surface shows one, and a length cap with an ellipsis.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { INJECTION_PAYLOADS, XSS_PAYLOADS, injectionText } from '../../src/sample';
import { safeFileName } from '../../src/sinks/fileName';
import { LOG_LINE_MAX, logLine } from '../../src/sinks/logLine';
import { NOTICE_VALUE_MAX, notice, noticeText } from '../../src/sinks/notification';
import { PICK_DETAIL_MAX, PICK_LABEL_MAX, pickDescription, pickDetail, pickLabel } from '../../src/sinks/quickPick';
import { ELLIPSIS, MARKER, capLength, oneLine, visibleText } from '../../src/sinks/text';
import { PANEL_TITLE_MAX, panelTitle } from '../../src/sinks/title';
import { markdownLiteral, tooltipMarkdown } from '../../src/sinks/tooltip';
import { TREE_DESCRIPTION_MAX, TREE_LABEL_MAX, treeDescription, treeLabel, treeTooltipText } from '../../src/sinks/treeLabel';
import { WEBVIEW_NAME_MAX, webviewName, webviewTitle } from '../../src/sinks/webview';

const HOSTILE = [...XSS_PAYLOADS, ...INJECTION_PAYLOADS, injectionText(), 'x'.repeat(1024 * 1024)];
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/;
const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;

/**
 * VS Code's own pattern for links in notification and progress text
 * (src/vs/base/common/linkedText.ts): a `[label](target)` whose target starts like this.
 */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** VS Code's pattern for `$(icon)` in labels (src/vs/base/common/iconLabels.ts), unescaped. */
const ICON = /(?<!\\)\$\([a-z0-9-]+(?:~[a-z0-9-]+)?\)/i;

describe('display invariants shared by every sink', () => {
  it('shows reordering characters as a visible marker and drops invisible ones', () => {
    assert.equal(visibleText('invoice\u202Egpj.exe'), `invoice${MARKER}gpj.exe`);
    assert.equal(visibleText('\u2066iso\u2069 zero\u200Bwidth\uFEFF soft\u00ADhyphen'), `${MARKER}iso${MARKER} zerowidth softhyphen`);
    assert.equal(visibleText('bell\u0007 nul\u0000'), `bell${MARKER} nul${MARKER}`);
    assert.equal(visibleText('crlf\r\nline\u2028sep'), 'crlf\nline\nsep');
    assert.equal(visibleText('emoji 👨‍👩‍👧 and ZWNJ می‌خواهم'), 'emoji 👨‍👩‍👧 and ZWNJ می‌خواهم', 'joiners that scripts and emoji need stay');
    assert.equal(visibleText('שלום עולם — مرحبا'), 'שלום עולם — مرحبا', 'right-to-left text itself is untouched');
  });

  it('puts text on one line and caps it with an ellipsis, never splitting a surrogate pair', () => {
    assert.equal(oneLine('  a\n\tb  \r\n c ', 20), 'a b c');
    assert.equal(oneLine('abcdef', 4), `abc${ELLIPSIS}`);
    assert.equal(capLength('ab😀cd', 4), `ab${ELLIPSIS}`);
    assert.equal(oneLine('x'.repeat(1024 * 1024), 10), `${'x'.repeat(9)}${ELLIPSIS}`);
    // Cut before cleaning: the ellipsis shows even when what is left is short.
    assert.equal(oneLine(`a${'\u200B'.repeat(10_000)}b`, 5), `a${ELLIPSIS}`);
  });

  it('every sink keeps every payload one line, bounded, and free of reordering and invisible characters', () => {
    const sinks: [string, (value: string) => string, number][] = [
      ['noticeText', noticeText, NOTICE_VALUE_MAX],
      ['pickLabel', pickLabel, PICK_LABEL_MAX + 40],
      ['pickDescription', pickDescription, PICK_LABEL_MAX + 40],
      ['pickDetail', pickDetail, PICK_DETAIL_MAX + 80],
      ['treeLabel', treeLabel, TREE_LABEL_MAX],
      ['treeDescription', treeDescription, TREE_DESCRIPTION_MAX],
      ['panelTitle', panelTitle, PANEL_TITLE_MAX],
      ['safeFileName', (value) => safeFileName(value), 80],
      ['logLine', logLine, LOG_LINE_MAX],
      ['webviewName', webviewName, WEBVIEW_NAME_MAX],
    ];
    for (const [name, sink, max] of sinks) {
      for (const payload of HOSTILE) {
        const shown = sink(payload);
        const where = `${name}(${JSON.stringify(payload.slice(0, 60))})`;
        assert.ok(shown.length <= max, `${where} is ${shown.length} long`);
        assert.ok(!LINE_BREAK.test(shown), `${where} has a line break`);
        assert.ok(!REORDERING.test(shown) && !INVISIBLE.test(shown), `${where} hides characters`);
      }
    }
  });
});

describe('notification and progress text', () => {
  it('never holds a link VS Code would render, whatever the value', () => {
    for (const payload of HOSTILE) {
      const text = notice`Exporting “${payload}”`;
      assert.deepEqual([...text.matchAll(NOTIFICATION_LINK)].map((match) => match[0]), [], JSON.stringify(payload.slice(0, 80)));
      assert.ok(!/\$\(/.test(text), 'no icon syntax');
    }
  });

  it('keeps the text readable: brackets stay, the link is broken between `]` and `(`', () => {
    assert.equal(noticeText('[Download invoice](command:x)'), '[Download invoice] (command:x)');
    assert.equal(noticeText('$(alert) urgent'), '$ (alert) urgent');
    assert.equal(noticeText('[a]\u200B(command:x)'), '[a] (command:x)', 'an invisible character cannot keep the link together');
    assert.equal(notice`Exported ${3} messages to ${'[x](file:///etc)'}.`, 'Exported 3 messages to [x] (file:///etc).');
    assert.equal(notice`Failed — ${['one [a](command:x)', 'two']}`, 'Failed — one [a] (command:x) · two');
  });

  it('caps each value, not Threadline’s own words', () => {
    const text = notice`Exporting “${'t'.repeat(10_000)}” — done`;
    assert.ok(text.endsWith(`${ELLIPSIS}” — done`));
    assert.equal(text.length, 'Exporting “” — done'.length + NOTICE_VALUE_MAX);
  });
});

describe('quick pick items and input titles', () => {
  it('shows $(icon) as written instead of drawing it', () => {
    assert.equal(pickLabel('$(alert) Urgent $(loading~spin)'), '\\$(alert) Urgent \\$(loading~spin)');
    assert.equal(pickDetail('a\nb $(x)'), 'a b \\$(x)');
    for (const payload of HOSTILE) assert.ok(!ICON.test(pickLabel(payload)), JSON.stringify(payload.slice(0, 60)));
  });
});

describe('Markdown tooltips', () => {
  const render = (source: string) => new MarkdownIt({ html: false, linkify: false }).render(source);

  it('renders every payload as the literal text, never a link, an image or markup', () => {
    for (const payload of HOSTILE.slice(0, -1)) {
      const html = render(tooltipMarkdown([{ text: payload, strong: true }, { text: payload }]));
      assert.ok(!/<a |<img |<code|<em>|<h\d|<li|<blockquote|<table/.test(html), `${JSON.stringify(payload.slice(0, 60))} → ${html.slice(0, 200)}`);
    }
    assert.equal(render(tooltipMarkdown([{ text: 'Order *1* [x](command:y)', strong: true }, { text: 'a\nb' }])), '<p><strong>Order *1* [x](command:y)</strong></p>\n<p>a b</p>\n');
  });

  it('escapes every ASCII punctuation character, so none can start syntax', () => {
    assert.equal(markdownLiteral('a_b #1 <x> $(i)'), 'a\\_b \\#1 \\<x\\> \\$\\(i\\)');
  });
});

describe('tree rows, tab titles, the panel', () => {
  it('cuts labels and titles with an ellipsis; the full text stays in the tooltip', () => {
    const title = `Invoice ${'long '.repeat(100)}`;
    assert.equal(treeLabel(title).length, TREE_LABEL_MAX);
    assert.ok(treeLabel(title).endsWith(ELLIPSIS));
    assert.equal(panelTitle(title).length, PANEL_TITLE_MAX);
    assert.ok(treeTooltipText(title).startsWith(title.trim()));
    assert.equal(treeTooltipText('line 1\nline\u202E 2'), `line 1\nline${MARKER} 2`, 'plain-text tooltips keep their lines');
    assert.equal(panelTitle('   '), 'Thread');
    assert.equal(webviewTitle('Sub\u202Eject\nline'), `Sub${MARKER}ject line`);
  });
});

describe('file names from service text', () => {
  it('never leaves its folder, hides itself or reorders its extension', () => {
    assert.equal(safeFileName('../../.ssh/authorized_keys'), 'ssh_authorized_keys');
    assert.equal(safeFileName('..'), 'thread');
    assert.equal(safeFileName('.bashrc'), 'bashrc');
    assert.equal(safeFileName('invoice\u202Egpj.exe'), 'invoice_gpj.exe');
    assert.equal(safeFileName('a/b\\c:d*e?f"g<h>i|j#k%l'), 'a_b_c_d_e_f_g_h_i_j_k_l');
    assert.equal(safeFileName('CON'), '_CON');
    assert.equal(safeFileName('nul.txt'), '_nul.txt');
    assert.equal(safeFileName('trailing dots...  '), 'trailing dots');
    assert.equal(safeFileName(''), 'thread');
    assert.equal(safeFileName('x'.repeat(500)).length, 80);
  });
});

describe('log lines', () => {
  it('cannot forge a line of their own: line breaks are shown, not made', () => {
    assert.equal(logLine('Couldn\'t load Bob\n[error] key leaked'), "Couldn't load Bob ⏎ [error] key leaked");
    assert.equal(logLine('a\u202Eb'), `a${MARKER}b`);
    assert.equal(logLine('x'.repeat(LOG_LINE_MAX * 3)).length, LOG_LINE_MAX);
  });
});
