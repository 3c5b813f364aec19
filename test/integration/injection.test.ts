// Issue 11's acceptance in the real host: the sample server's `inject` fault puts the injection
// corpus (command links in every Markdown form, reference links, autolinks, HTML, $(icons), bidi
// overrides, line breaks; a 1 MB string with `inject-huge`) into every free-text field of every
// service — titles, names, addresses, bodies, error messages — and each sink of SECURITY.md is
// driven with it: the tree, hovers, notifications and progress titles, quick picks, the panel's
// tab and header, the Markdown document (the editor's link provider) and its preview (its DOM),
// export names and files, the log. A command registered here as the sentinel must never run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HUGE_LENGTH, SENTINEL_COMMAND } from '../../src/sample/xss';
import { LOG_LINE_MAX } from '../../src/sinks/logLine';
import { NOTICE_VALUE_MAX } from '../../src/sinks/notification';
import { PANEL_TITLE_MAX } from '../../src/sinks/title';
import { TREE_DESCRIPTION_MAX, TREE_LABEL_MAX } from '../../src/sinks/treeLabel';
import type { ThreadNode } from '../../src/tree/threadNode';
import { bridge } from './helpers/bridge';
import { palette, quickInput, searchView } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccounts, childByLabel, children, labelOf, removeAllAccounts, threadline, waitFor, waitForPaint } from './helpers/threadline';

const SITEGPT_BOT = { threadId: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40', containerId: '412578301966815233' };
const AGENTSEND_THREAD = 'thr_htmlmail0001';
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/;
const MARKER = '\uFFFD';
const WEB = /^(https?|mailto)$/;

/** What the workbench page shows in its notification toasts (and the centre, when open). */
interface NotificationFacts {
  messages: string[];
  links: string[];
}
function readNotifications(): Promise<NotificationFacts> {
  return bridge.pageEvaluate<NotificationFacts>(() => {
    const messages = Array.from(document.querySelectorAll('.notification-list-item-message'));
    return {
      messages: messages.map((element) => element.textContent ?? ''),
      links: messages.flatMap((element) => Array.from(element.querySelectorAll('a')).map((link) => link.getAttribute('href') ?? link.textContent ?? '')),
    };
  });
}

describe('injected service text never becomes a command, markup or a request (issue 11)', function () {
  this.timeout(300_000);
  const executed: unknown[][] = [];
  let sentinel: vscode.Disposable | undefined;
  let ids: Map<string, string>;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-injection-'));
  const account = (service: string): string => ids.get(service) ?? assert.fail(`no ${service} account`);

  before(async () => {
    sentinel = vscode.commands.registerCommand(SENTINEL_COMMAND, (...args: unknown[]) => {
      executed.push(args);
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await removeAllAccounts();
    await sample.reset();
    await sample.setFaults([{ fault: 'inject' }]);
    ids = await addSampleAccounts();
  });

  after(async () => {
    await sample.reset();
    sentinel?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await removeAllAccounts();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('tree rows: injected names and titles are one short line with reordering characters shown, hovers inert', async () => {
    const api = await threadline();
    await vscode.commands.executeCommand('threadline.threads.focus');
    const agentsend = await childByLabel(undefined, 'Sample AgentSend');
    const containers = await children(agentsend);
    assert.ok(containers.length > 0);
    const container = containers[0] as (typeof containers)[number];
    await api.view.reveal(container, { expand: true, focus: false, select: false });
    const threads = (await children(container)).filter((node): node is ThreadNode => 'summary' in node);
    assert.ok(threads.length > 0, 'threads under the injected inbox');
    const summary = (threads[0] as ThreadNode).summary;
    assert.ok(summary.title.includes(`[Download invoice](command:${SENTINEL_COMMAND})`), 'the service really sent the corpus');
    const rows = await waitFor(async () => {
      const read = await bridge.pageEvaluate<{ label: string; description: string; icons: number }[]>(() =>
        Array.from(document.querySelectorAll('.pane-body .monaco-list-row')).map((row) => ({
          label: row.querySelector('.label-name')?.textContent ?? '',
          description: row.querySelector('.label-description')?.textContent ?? '',
          icons: row.querySelectorAll('.label-name .codicon, .label-description .codicon').length,
        })),
      );
      return read.some((row) => row.label.includes(MARKER)) ? read : undefined;
    }, 'injected rows in the Threads view');
    console.log(`[threadline-test] a tree row: ${JSON.stringify(rows.find((row) => row.label.includes(MARKER)))}`);
    for (const row of rows) {
      assert.ok(row.label.length <= TREE_LABEL_MAX && row.description.length <= TREE_DESCRIPTION_MAX, `capped: ${row.label.length}/${row.description.length}`);
      assert.ok(!REORDERING.test(row.label + row.description), `no reordering characters in ${row.label}`);
      assert.equal(row.icons, 0, `no icon drawn from text in ${row.label}`);
    }
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(threads[0] as ThreadNode), threads[0] as ThreadNode);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted && !tooltip.supportHtml && !tooltip.supportThemeIcons, 'an untrusted hover without HTML or icons');
    assert.ok(tooltip.value.includes('\\[Download invoice\\]\\(command\\:'), 'link syntax escaped in the hover');
  });

  it('a 1 MB title is cut in the tree and the tab, and the thread still opens', async () => {
    const api = await threadline();
    // The inbox's list takes the one huge answer (not a row's request for who wrote, /threads/…/messages).
    await sample.setFaults([{ service: 'agentsend', pathIncludes: '/inboxes/', fault: 'inject-huge', times: 1 }, { fault: 'inject' }]);
    const inbox = (await children(await childByLabel(undefined, 'Sample AgentSend')))[0];
    assert.ok(inbox);
    api.tree.refresh(inbox);
    const huge = await waitFor(async () => (await children(inbox)).find((node): node is ThreadNode => 'summary' in node && (node as ThreadNode).summary.title.length >= HUGE_LENGTH), 'a thread with a 1 MB title');
    assert.ok(labelOf(huge).length <= TREE_LABEL_MAX);
    // The thread itself (and its messages) with a 1 MB title too, for the panel.
    await sample.setFaults([{ service: 'agentsend', pathIncludes: `/threads/${huge.threadId}`, fault: 'inject-huge' }, { fault: 'inject' }]);
    await vscode.commands.executeCommand('threadline.openThread', { accountId: account('agentsend'), threadId: huge.threadId, containerId: huge.containerId });
    const panel = await waitFor(() => api.panels.get({ accountId: account('agentsend'), threadId: huge.threadId })?.view, 'the panel of the 1 MB title');
    assert.ok(panel.thread.title.length >= HUGE_LENGTH);
    // And the page shows it.
    await waitForPaint(huge.threadId);
    const tab = await waitFor(
      () => bridge.pageEvaluate<string>(() => document.querySelector('.tabs-container .tab.active .label-name')?.textContent ?? ''),
      'the active tab',
    );
    assert.ok(tab.length <= PANEL_TITLE_MAX, `tab title of ${tab.length} characters`);
    assert.ok(!REORDERING.test(tab));
    await sample.setFaults([{ fault: 'inject' }]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the panel: the tab title is one short line, the header shows reordering characters visibly', async () => {
    const api = await threadline();
    const target = { accountId: account('agentsend'), threadId: AGENTSEND_THREAD };
    await vscode.commands.executeCommand('threadline.openThread', target);
    const view = await waitFor(() => api.panels.get(target)?.view, 'the injected thread in the panel');
    assert.ok(view.thread.title.includes('\u202E'), 'the service sent a bidi override');
    const header = await waitFor(async () => {
      const read = await bridge.frameEvaluate<{ title: string; people: string }>(`[data-thread-id="${AGENTSEND_THREAD}"]`, () => ({
        title: document.querySelector('.thread-header h1')?.textContent ?? '',
        people: document.querySelector('.thread-header .people')?.textContent ?? '',
      }));
      return read.found && read.result?.title ? read.result : undefined;
    }, 'the panel header');
    assert.ok(header.title.includes(MARKER) && !REORDERING.test(header.title + header.people), 'the override is shown, not obeyed');
    const tab = await bridge.pageEvaluate<string>(() => document.querySelector('.tabs-container .tab.active .label-name')?.textContent ?? '');
    assert.ok(tab.length <= PANEL_TITLE_MAX && !REORDERING.test(tab) && !tab.includes('\n'), `tab: ${tab}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('notifications and progress titles carry no link: export progress, a service’s error message', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    // A thread the tree has loaded, so the export knows (and shows) its injected title.
    const inbox = (await children(await childByLabel(undefined, 'Sample AgentSend')))[0];
    assert.ok(inbox);
    const short = (await children(inbox)).find((node): node is ThreadNode => 'summary' in node && ((node as ThreadNode).summary.messageCount ?? 99) < 20);
    assert.ok(short, 'a short thread in the inbox');
    await sample.setLatency(1_500);
    const file = path.join(out, 'progress.md');
    const exporting = vscode.commands.executeCommand<string>('threadline.exportThread', { accountId: account('agentsend'), threadId: short.threadId, containerId: short.containerId, uri: file, format: 'md' });
    const progress = await waitFor(async () => {
      const facts = await readNotifications();
      return facts.messages.some((message) => message.startsWith('Exporting')) ? facts : undefined;
    }, 'the export progress notification');
    await sample.setLatency(0);
    assert.equal(await exporting, file);
    const title = progress.messages.find((message) => message.startsWith('Exporting')) ?? '';
    console.log(`[threadline-test] progress title: ${title.slice(0, 160)}`);
    assert.deepEqual(progress.links, [], 'no link in the progress notification');
    assert.ok(title.includes(`[Open] (command:${SENTINEL_COMMAND})`), 'link syntax shown as text');
    const quoted = title.slice(0, title.indexOf('”') + 1);
    assert.ok(quoted.length > 0 && quoted.length <= 'Exporting “”'.length + NOTICE_VALUE_MAX, `a title of ${quoted.length} characters`);
    // A service's own error message (Thred's 404 text, with the corpus) in an information message.
    const result = await vscode.commands.executeCommand<{ statements: string[] }>('threadline.lookupByEmail', { email: 'nobody@sample-thred.test', accountId: account('thred') });
    assert.ok(result.statements.some((statement) => statement.includes(`command:${SENTINEL_COMMAND}`)), 'the service message carried the corpus');
    const statement = await waitFor(async () => {
      const facts = await readNotifications();
      return facts.messages.some((message) => message.includes('Customer not found')) ? facts : undefined;
    }, 'the lookup notification');
    assert.deepEqual(statement.links, []);
    await vscode.commands.executeCommand('notifications.showList');
    const centre = await readNotifications();
    assert.ok(centre.messages.length >= 1);
    assert.deepEqual(centre.links, [], 'no link in any notification');
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('quick pick items show $(icon) as written, on one line', async () => {
    const picking = vscode.commands.executeCommand('threadline.lookupByCompany');
    await waitFor(() => bridge.pageEvaluate<boolean>(() => document.querySelector('.quick-input-widget')?.checkVisibility() ?? false), 'the input box');
    await bridge.keyboard([], 'TechCorp');
    await bridge.keyboard(['Enter']);
    const rows = await waitFor(async () => {
      const read = await bridge.pageEvaluate<{ label: string; description: string; icons: number }[]>(() =>
        Array.from(document.querySelectorAll('.quick-input-widget .monaco-list-row')).map((row) => ({
          label: row.querySelector('.label-name')?.textContent ?? '',
          description: row.querySelector('.label-description')?.textContent ?? '',
          icons: row.querySelectorAll('.label-name .codicon, .label-description .codicon').length,
        })),
      );
      return read.length > 0 && read.some((row) => row.label.includes('$(')) ? read : undefined;
    }, 'the customers in the quick pick');
    console.log(`[threadline-test] a quick pick row: ${JSON.stringify(rows[0])}`);
    for (const row of rows) {
      assert.equal(row.icons, 0, `no icon drawn in ${row.label}`);
      assert.ok(row.label.includes('$(alert)'), 'the icon syntax is shown as written');
      assert.ok(!REORDERING.test(row.label) && row.label.length <= 130, row.label);
    }
    await bridge.keyboard(['Escape']);
    await picking;
  });

  it('Search Conversations: titles, names and message text in its results show $(icon) and links as written, on one line', async () => {
    const api = await threadline();
    await api.store.openThread({ accountId: account('agentsend'), threadId: AGENTSEND_THREAD });
    await api.store.openThread({ accountId: account('sitegpt'), ...SITEGPT_BOT });
    await api.conversationIndex.whenIdle();
    await palette.run('Threadline: Search Conversations…');
    await quickInput.waitOpen();
    await quickInput.type('fdp exe');
    const rows = await waitFor(async () => {
      const read = await bridge.pageEvaluate<{ label: string; description: string; detail: string; icons: string[]; otherIcons: number }[]>(() =>
        Array.from(document.querySelectorAll('.quick-input-widget .monaco-list-row')).map((row) => {
          const lines = row.querySelectorAll('.quick-input-list-row');
          return {
            label: row.querySelector('.label-name')?.textContent ?? '',
            description: row.querySelector('.label-description')?.textContent ?? '',
            detail: lines[1]?.textContent ?? '',
            icons: Array.from(row.querySelectorAll('.label-name .codicon')).map((icon) => icon.className),
            otherIcons: row.querySelectorAll('.label-description .codicon').length + (lines[1]?.querySelectorAll('.codicon').length ?? 0),
          };
        }),
      );
      return read.length > 1 && read.some((row) => row.detail.includes('$(alert)')) ? read : undefined;
    }, 'injected conversations in the search results');
    console.log(`[threadline-test] a search result row: ${JSON.stringify(rows.find((row) => row.detail.includes('$(alert)')))}`);
    for (const row of rows) {
      // Threadline's own icon (message or thread) and none drawn from service text.
      assert.ok(row.icons.length === 1 && /codicon-comment(-discussion)?\b/.test(row.icons[0] ?? ''), `only Threadline's icon in ${row.label}: ${row.icons.join(', ')}`);
      assert.equal(row.otherIcons, 0, `no icon drawn in ${row.description} / ${row.detail}`);
      assert.ok(!REORDERING.test(row.label + row.description + row.detail), `no reordering characters in ${row.label}`);
      assert.ok(row.label.length <= 130 && row.description.length <= 130 && row.detail.length <= 250, `one short line: ${row.label.length}/${row.description.length}/${row.detail.length}`);
    }
    assert.ok(rows.some((row) => row.detail.includes(`[Open](command:${SENTINEL_COMMAND})`)), 'link syntax shown as text');
    await quickInput.dismiss();

    // The Search Results view keeps those results: rows are one short line, nothing drawn from
    // service text, and hovers are inert.
    await searchView.show();
    const viewRows = await searchView.waitForRows((drawn) => drawn.length > 2 && drawn.some((row) => row.label.includes(MARKER)), 'injected results in the Search Results view');
    console.log(`[threadline-test] a Search Results row: ${JSON.stringify(viewRows.find((row) => row.label.includes(MARKER)))}`);
    for (const row of viewRows) {
      assert.ok(row.label.length <= TREE_LABEL_MAX && row.description.length <= TREE_DESCRIPTION_MAX, `capped: ${row.label.length}/${row.description.length}`);
      assert.ok(!REORDERING.test(row.label + row.description), `no reordering characters in ${row.label}`);
      assert.ok(['search', 'comment', 'comment-discussion'].includes(row.icon), `Threadline's own icon: ${row.icon}`);
    }
    const iconsDrawn = await bridge.pageEvaluate<number>(() => document.querySelectorAll('.monaco-list[aria-label="Search Results"] .label-name .codicon, .monaco-list[aria-label="Search Results"] .label-description .codicon').length);
    assert.equal(iconsDrawn, 0, 'no icon drawn from text in the Search Results view');
    const hits = api.searchView.getChildren().filter((node) => node.kind === 'hit');
    const tooltips = hits.map((node) => api.searchView.getTreeItem(node).tooltip);
    assert.ok(tooltips.length > 1 && tooltips.every((tooltip) => tooltip instanceof vscode.MarkdownString && !tooltip.isTrusted && !tooltip.supportHtml && !tooltip.supportThemeIcons), 'untrusted hovers without HTML or icons');
    const hovers = tooltips.map((tooltip) => (tooltip as vscode.MarkdownString).value).join('\n');
    assert.ok(hovers.includes('\\[Open\\]\\(command\\:'), `link syntax escaped in the hovers: ${hovers.slice(0, 400)}`);
    // Every bracket, parenthesis and angle bracket of service text is escaped: no link, image or HTML can form.
    assert.doesNotMatch(hovers, /(^|[^\\])[<>[\]()]/, 'no unescaped link or HTML syntax in the hovers');
  });

  it('the Show Customer page: injected titles, labels and statuses are text — no element, link or image of their own, reordering shown', async () => {
    await vscode.commands.executeCommand('threadline.showCustomer', 'sarah.johnson@techcorp.example');
    const page = await waitFor(async () => {
      const read = await bridge.frameEvaluate<{ entries: number; tags: string[]; titles: string[]; links: number; images: number; xss: string }>('#app[data-email="sarah.johnson@techcorp.example"]', () => {
        const app = document.getElementById('app');
        return {
          entries: document.querySelectorAll('.entry').length,
          tags: [...new Set(Array.from(app?.querySelectorAll('*') ?? []).map((element) => element.tagName.toLowerCase()))].sort(),
          titles: Array.from(document.querySelectorAll('.entry .title')).map((title) => title.textContent ?? ''),
          links: document.querySelectorAll('#app a, #app [href]').length,
          images: document.querySelectorAll('#app img, #app svg, #app iframe, #app object, #app embed').length,
          xss: typeof (window as unknown as Record<string, unknown>)['__threadlineXss'],
        };
      });
      return read.result && read.result.entries > 0 ? read.result : undefined;
    }, 'the customer page', 60_000);
    console.log(`[threadline-test] customer page elements: ${page.tags.join(' ')}; a title: ${page.titles[0]?.slice(0, 120)}`);
    assert.deepEqual(page.tags.filter((tag) => !['h1', 'h2', 'p', 'button', 'section', 'div', 'ul', 'li', 'span', 'strong'].includes(tag)), [], 'only the page’s own elements');
    assert.equal(page.links, 0);
    assert.equal(page.images, 0);
    assert.equal(page.xss, 'undefined');
    assert.ok(page.titles.some((title) => title.includes(`[Open](command:${SENTINEL_COMMAND})`)), 'link syntax shown as text');
    assert.ok(page.titles.every((title) => !REORDERING.test(title)), 'reordering characters shown, not obeyed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Markdown document: the editor’s link provider finds no command:, vscode: or file: link, and opening every spot that names the sentinel runs nothing', async () => {
    const uriText = await vscode.commands.executeCommand<string>('threadline.openThreadAsMarkdown', { accountId: account('sitegpt'), ...SITEGPT_BOT });
    assert.ok(uriText);
    const uri = vscode.Uri.parse(uriText);
    assert.ok(!REORDERING.test(decodeURIComponent(uri.path)) && !uri.path.split('/').some((segment) => segment === '..' || segment.startsWith('.')), `document name ${uri.path}`);
    const editor = await waitFor(() => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri.toString()), 'the document');
    const text = editor.document.getText();
    assert.ok(text.includes(SENTINEL_COMMAND), 'the corpus reached the document');
    // Language features start asynchronously: wait until the link provider answers with the web links the document does have.
    const links = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
      return found.some((link) => link.target && WEB.test(link.target.scheme)) ? found : undefined;
    }, 'the document links', 30_000);
    // Ctrl+click and editor.action.openLink ran the attacker's command before: try it everywhere it is named.
    let tried = 0;
    for (let offset = text.indexOf(SENTINEL_COMMAND); offset >= 0 && tried < 40; offset = text.indexOf(SENTINEL_COMMAND, offset + 1)) {
      const position = editor.document.positionAt(offset + 3);
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('editor.action.openLink');
      tried++;
    }
    assert.ok(tried > 5, `${tried} places tried`);
    assert.deepEqual(executed, [], 'the sentinel never ran');
    const targets = links.map((link) => link.target?.toString(true) ?? `(unresolved at ${link.range.start.line})`);
    console.log(`[threadline-test] ${links.length} document links, schemes: ${[...new Set(links.map((link) => link.target?.scheme))].join(', ')}`);
    assert.deepEqual(
      links.filter((link) => !link.target || !WEB.test(link.target.scheme)).map((link) => `${link.target?.toString(true)} at ${link.range.start.line}`),
      [],
      targets.join('\n'),
    );
  });

  it('the Markdown preview holds only what Markdown produces, and no remote image', async () => {
    const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'threadline')?.document.uri;
    assert.ok(uri?.scheme === 'threadline', 'the document from the previous test is open');
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    const preview = await waitFor(async () => {
      const read = await bridge.frameEvaluate<{ outside: string[]; tags: string[]; images: string[]; links: string[]; styles: number; text: number }>('.code-line', () => {
        const root = document.querySelector('.markdown-body');
        // The preview's own: its script, the content, and an empty marker for the last line.
        const outside = Array.from(document.body.children)
          .filter((element) => element !== root && !(element.tagName === 'SCRIPT' && element.hasAttribute('nonce')))
          .map((element) => element.tagName.toLowerCase());
        const elements = root ? Array.from(root.querySelectorAll('*')).filter((element) => !element.matches('div.code-line:empty')) : [];
        return {
          outside,
          tags: [...new Set(elements.map((element) => element.tagName.toLowerCase()))].sort(),
          images: Array.from(document.querySelectorAll('img')).map((image) => image.getAttribute('src') ?? ''),
          links: Array.from(root?.querySelectorAll('a') ?? []).map((link) => link.getAttribute('href') ?? ''),
          styles: root ? root.querySelectorAll('style, link, script, iframe, object, embed, form, input, svg').length : -1,
          text: root?.textContent?.length ?? 0,
        };
      });
      return read.found && read.result && read.result.text > 1_000 && read.result.tags.includes('h3') ? read.result : undefined;
    }, 'the preview of the document', 30_000);
    console.log(`[threadline-test] preview elements: ${preview.tags.join(' ')}; ${preview.links.length} links`);
    assert.deepEqual(preview.outside, [], 'nothing beside the rendered Markdown');
    const markdownTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'strong', 'em', 's', 'del', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span']);
    assert.deepEqual(preview.tags.filter((tag) => !markdownTags.has(tag)), []);
    assert.equal(preview.styles, 0);
    assert.deepEqual(preview.images, [], 'no image at all, so no remote one');
    assert.deepEqual(preview.links.filter((href) => !/^(https?:|mailto:|#)/.test(href)), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports: the suggested file name is safe, and the written Markdown is as inert as the document', async () => {
    const saving = vscode.commands.executeCommand('threadline.exportThread', { accountId: account('agentsend'), threadId: AGENTSEND_THREAD });
    // The format is asked first; then the save dialog fills in its folder and the suggested name.
    assert.equal((await quickInput.waitOpen()).title, 'Export Thread');
    await quickInput.pick('Markdown');
    const suggested = await waitFor(async () => {
      const { title } = await quickInput.waitOpen();
      const value = await quickInput.value();
      return title === 'Export Thread as Markdown' && value.endsWith('.md') ? value : undefined;
    }, 'the save dialog with its suggested name');
    await quickInput.dismiss();
    assert.equal(await saving, undefined, 'nothing written without a name');
    const name = path.basename(suggested);
    console.log(`[threadline-test] suggested export name: ${name}`);
    assert.ok(name.endsWith('.md') && !name.startsWith('.') && name.length <= 84 && !REORDERING.test(name) && !/[\\/:*?"<>|]/.test(name), name);
    const file = path.join(out, 'export.md');
    await vscode.commands.executeCommand('threadline.exportThread', { accountId: account('sitegpt'), ...SITEGPT_BOT, uri: file, format: 'md' });
    const written = fs.readFileSync(file, 'utf8');
    assert.ok(written.includes(SENTINEL_COMMAND));
    assert.ok(!/\]\(\s*<?command:/i.test(written) && !/<command:/i.test(written) && !/<(img|style|a)\b/i.test(written), 'no live link or HTML in the file');
  });

  it('the log: one line per entry, capped, reordering characters shown', async () => {
    const api = await threadline();
    const lines = api.logLines();
    assert.ok(lines.some((line) => line.includes(MARKER) || line.includes('⏎')), 'injected text reached the log');
    for (const line of lines) {
      assert.ok(!/[\r\n\u2028\u2029]/.test(line) && !REORDERING.test(line), line.slice(0, 120));
      assert.ok(line.length <= LOG_LINE_MAX + '[debug] '.length, `${line.length} characters`);
    }
  });

  it('the sentinel command never ran', () => {
    assert.deepEqual(executed, []);
  });
});
