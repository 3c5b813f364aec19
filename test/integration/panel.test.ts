// The thread panel in the real host: a thread of every service, read back from the webview's DOM
// through Playwright; the page's buttons and keys as a reader uses them (search, Reload, the
// failure page's fix, Retry after a failed page, Copy, Link, Load image); the XSS corpus, the
// CSP at work, and a 10,000-message thread. Panels are opened with command arguments (set-up);
// opening them by gesture is proved in the tree and lookup suites.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { editor, quickInput, statusBar, threadPage, webview } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccount, addSampleAccounts, cleanSlate, threadline } from './helpers/threadline';
import { untilWithWaitsSkipped } from './helpers/time';
import { waitUntil } from '../support/wait';

const IDS = {
  agentsendHtml: 'thr_htmlmail0001',
  agentsendAttachments: 'thr_attachments01',
  agentsendHostile: 'thr_hostile0001',
  agentsendLong: 'thr_longhistory0001',
  sitegptDocs: '412578301966815233',
  sitegptSarah: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40',
  sitegptHostile: 'e5c0ffee-0bad-4bad-8bad-0000000bad01',
  tybriteCustomer: '5f3c2a91-7b4e-4d8a-9e61-0c2b7a9d4e13',
  tybriteHostile: '0badf00d-3c5e-4a7b-9d1f-6e6e6e6e6e6e',
  tybriteTombstone: 'd31e7e0d-5b2a-4c88-9f14-7a0b3c5d8e21',
  thredSarah: 'cus_7Hq2LmX9pR4a',
  thredHostile: 'cus_Ho5tile66666',
  thredProcessing: 'cus_Pr0cessing01',
  cattixHostile: 'thread_h0stileXss0000000000001',
};

interface PageFacts {
  service: string;
  title: string;
  messages: number;
  roles: string[];
  kinds: string[];
  types: string[];
  deliveries: string[];
  badges: string[];
  cards: string[];
  note: string;
  text: string;
}

/** What the thread page shows, read from its DOM in the webview frame. */
function readPage(threadId: string): Promise<PageFacts> {
  return waitUntil(async () => {
    const found = await bridge.frameEvaluate<PageFacts>(`[data-thread-id="${threadId}"]`, () => {
      const all = (selector: string, attribute: string) =>
        [...new Set(Array.from(document.querySelectorAll(selector)).map((element) => element.getAttribute(attribute) ?? ''))].sort();
      return {
        service: document.querySelector('.thread-header')?.getAttribute('data-service') ?? '',
        title: document.querySelector('.thread-header h1')?.textContent ?? '',
        messages: document.querySelectorAll('.message').length,
        roles: all('.message .role', 'data-role'),
        kinds: all('.message', 'data-kind'),
        types: all('.message [data-type]', 'data-type'),
        deliveries: all('.message [data-delivery]', 'data-delivery'),
        badges: all('.thread-header [data-badge]', 'data-badge'),
        cards: all('[data-card]', 'data-card'),
        note: document.querySelector('.note')?.textContent ?? '',
        text: document.body.innerText,
      };
    });
    return found.found && found.result && found.result.messages + found.result.cards.length > 0 ? found.result : undefined;
  }, `the page of ${threadId}`);
}

describe('the thread panel', function () {
  this.timeout(180_000);
  let ids: Map<string, string>;
  const account = (service: string): string => ids.get(service) ?? assert.fail(`no ${service} account`);

  /** Opens a thread (set-up, by command arguments) and reads its page. */
  async function open(service: string, threadId: string, containerId?: string): Promise<PageFacts> {
    await vscode.commands.executeCommand('threadline.openThread', { accountId: account(service), threadId, ...(containerId ? { containerId } : {}) });
    return readPage(threadId);
  }

  before(async () => {
    await cleanSlate();
    ids = await addSampleAccounts();
  });
  afterEach(async () => {
    await sample.clearFaults();
    if (await quickInput.isOpen()) await quickInput.dismiss();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(cleanSlate);

  describe('a thread of every service', () => {
    it('AgentSend: an HTML email thread with roles, delivery status and attachments, titled on its tab', async () => {
      const facts = await open('agentsend', IDS.agentsendHtml);
      assert.equal(facts.service, 'agentsend');
      assert.equal(await editor.activeTab(), facts.title.length > 50 ? `${facts.title.slice(0, 49)}…` : facts.title);
      assert.ok(facts.roles.includes('customer') && facts.roles.includes('agent'), `roles ${facts.roles.join(',')}`);
      assert.ok(facts.kinds.includes('html'));
      assert.ok(facts.deliveries.length > 0, 'delivery status badges');
      await bridge.screenshot('panel-agentsend');
      const files = await open('agentsend', IDS.agentsendAttachments);
      assert.match(files.text, /\.pdf/);
      assert.match(files.text, /KB|MB/);
    });

    it('SiteGPT: the visitor, the bot and sources, reaction and model', async () => {
      const facts = await open('sitegpt', IDS.sitegptSarah, IDS.sitegptDocs);
      assert.equal(facts.service, 'sitegpt');
      assert.ok(facts.roles.includes('customer') && facts.roles.includes('bot'));
      assert.ok(facts.kinds.includes('markdown') && facts.kinds.includes('text'));
      assert.match(facts.text, /Sources:/);
      assert.match(facts.text, /model /);
      await bridge.screenshot('panel-sitegpt');
    });

    it('Tybrite: status / priority / type badges and each message type drawn its own way', async () => {
      const api = await threadline();
      const tybrite = api.accounts.get(account('tybrite'));
      assert.ok(tybrite);
      const threads = (await api.sources.get(tybrite).listThreads({ kind: 'customer', id: IDS.tybriteCustomer, label: '' }, {})).items;
      const special = new Set([IDS.tybriteHostile, IDS.tybriteTombstone]);
      const byType = (type: string) => threads.find((thread) => thread.type === type && !special.has(thread.threadId))?.threadId ?? assert.fail(`no ${type} thread`);
      const product = await open('tybrite', byType('product_inquiry'));
      assert.ok(product.badges.includes('status') && product.badges.includes('type'));
      assert.ok(product.types.includes('product_link'));
      await bridge.screenshot('panel-tybrite');
      assert.ok((await open('tybrite', byType('order_inquiry'))).types.includes('order_update'));
      const complaint = await open('tybrite', byType('complaint'));
      assert.ok(complaint.types.includes('image'));
      assert.match(complaint.text, /Load image/, 'a remote image is a click-to-load placeholder');
      assert.ok((await open('tybrite', byType('refund'))).types.includes('file'));
      const tombstone = await open('tybrite', IDS.tybriteTombstone);
      assert.match(tombstone.text, /This message was deleted/);
      assert.ok(tombstone.deliveries.some((status) => ['sent', 'delivered', 'read', 'failed'].includes(status)));
    });

    it('Thred: the insights card above the conversation', async () => {
      const facts = await open('thred', IDS.thredSarah);
      assert.deepEqual(facts.cards, ['thred-insights']);
      assert.match(facts.text, /Insights/);
      assert.match(facts.text, /Products discussed|Main concerns|Suggestions/);
      assert.ok(facts.roles.includes('customer') && facts.roles.includes('bot'));
      await bridge.screenshot('panel-thred');
    });

    it('Thred: a customer still being processed shows a progress bar that follows the API to completed', async () => {
      await sample.reset();
      await vscode.commands.executeCommand('threadline.openThread', { accountId: account('thred'), threadId: IDS.thredProcessing });
      // The page of a customer still being processed has no thread yet: it is found by its card.
      await webview('[data-card="thred-progress"]').waitFor('[role="progressbar"]');
      // Every value the bar shows until the insights replace it; the panel's polling waits are
      // moved over on the extension's clock.
      const shown: number[] = [];
      await untilWithWaitsSkipped(async () => {
        const frames = await bridge.allFrames<{ value: string | null; done: boolean }>((id: string) => ({
          value: document.querySelector('[data-card="thred-progress"] [role="progressbar"]')?.getAttribute('aria-valuenow') ?? null,
          done: document.querySelector(`[data-thread-id="${id}"] [data-card="thred-insights"], [data-thread-id="${id}"][data-card="thred-insights"]`) !== null || (document.querySelector(`[data-thread-id="${id}"]`) !== null && document.querySelector('[data-card="thred-insights"]') !== null),
        }), IDS.thredProcessing);
        for (const frame of frames) {
          const value = frame.result?.value;
          if (value !== null && value !== undefined && Number(value) !== shown.at(-1)) shown.push(Number(value));
        }
        return frames.some((frame) => frame.result?.done);
      }, 'the insights once Thred has completed');
      assert.ok(shown.length > 0, 'a progress bar was shown while processing');
      assert.ok(shown.every((value) => [10, 35, 70].includes(value)), `the API's percentages: ${shown.join(', ')}`);
      assert.deepEqual(shown, [...shown].sort((a, b) => a - b), 'never going back');
      assert.deepEqual((await readPage(IDS.thredProcessing)).cards, ['thred-insights']);
    });

    it('Cattix: a details card and the plain note that there is no message history', async () => {
      const facts = await open('cattix', IDS.cattixHostile, '101');
      assert.deepEqual(facts.cards, ['cattix-details']);
      assert.match(facts.note, /Cattix publishes no API for reading a thread’s messages/);
      assert.equal(facts.messages, 0);
      assert.match(facts.text, /Completion/);
      await bridge.screenshot('panel-cattix');
    });
  });

  it('opens one panel per thread, and opening it again brings that panel forward', async () => {
    const first = await open('agentsend', IDS.agentsendHtml);
    await open('agentsend', IDS.agentsendAttachments);
    await open('agentsend', IDS.agentsendHtml);
    assert.equal(await editor.activeTab(), first.title.length > 50 ? `${first.title.slice(0, 49)}…` : first.title);
    const tabs = await bridge.locator<string[]>('.part.editor .tab .label-name', 'allInnerTexts');
    assert.equal(tabs.filter((tab) => tab === (first.title.length > 50 ? `${first.title.slice(0, 49)}…` : first.title)).length, 1, `tabs: ${tabs.join(' | ')}`);
  });

  describe('the page’s controls', () => {
    it('search counts every loaded message, not only those on screen, and steps through the matches', async () => {
      await open('agentsend', IDS.agentsendLong);
      const page = threadPage(IDS.agentsendLong);
      // The first page holds parts 1–50 of the export; the customer asked "(orders placed on
      // 2013-01-0N)" for parts 1 to 9: nine messages, most of them below the first screen.
      await page.type('.search', '(orders placed on 2013-01-0');
      await waitUntil(async () => (await page.text('.search-count')) === '1 of 9', 'the first of nine matches');
      assert.ok((await page.count('.message')) < 100, 'the list draws only what is on screen');
      await page.press('.search', 'Enter');
      await waitUntil(async () => (await page.text('.search-count')) === '2 of 9', 'the next match (Enter)');
      await page.click('[data-action="search-next"]');
      await waitUntil(async () => (await page.text('.search-count')) === '3 of 9', 'the next match (↓)');
      await page.click('[data-action="search-previous"]');
      await waitUntil(async () => (await page.text('.search-count')) === '2 of 9', 'the previous match (↑)');
      const current = await page.evaluateAll('.message.search-current', (elements) => elements.map((element) => element.textContent ?? ''));
      assert.equal(current.length, 1);
      assert.match(current[0] ?? '', /Please send part 2 of 5000 of our order history export \(orders placed on 2013-01-02\)/);
      await page.type('.search', 'no message says this');
      await waitUntil(async () => (await page.text('.search-count')) === '0 matches', 'no match');
    });

    it('keyboard: the arrow keys move between messages', async () => {
      await open('agentsend', IDS.agentsendHtml);
      const page = threadPage(IDS.agentsendHtml);
      await page.click('.message >> nth=0');
      await page.press('.message >> nth=0', 'ArrowDown');
      await bridge.keyboard(['ArrowDown']);
      const focused = await bridge.frameEvaluate<string | null>(page.frame, () => (document.activeElement as HTMLElement | null)?.getAttribute('data-index') ?? null);
      assert.equal(focused.result, '2');
    });

    it('Reload asks the service again and shows the thread again', async () => {
      await open('agentsend', IDS.agentsendHtml);
      await sample.clearRequests();
      await threadPage(IDS.agentsendHtml).click('.toolbar [data-action="reload"]');
      await waitUntil(async () => (await sample.requests()).some((request) => request.path.startsWith(`/threads/${IDS.agentsendHtml}`)), 'the thread to be asked for again');
      assert.ok((await readPage(IDS.agentsendHtml)).messages > 0);
    });

    it('a failure page offers the fix: Set API Key… asks for the key, and the thread appears', async () => {
      const agentsend = await sample.account('agentsend');
      const keyless = await addSampleAccount('agentsend', 'Keyless Panel', { apiKey: undefined as unknown as string });
      await vscode.commands.executeCommand('threadline.openThread', { accountId: keyless, threadId: IDS.agentsendHtml });
      const failure = await waitUntil(async () => {
        const read = await bridge.frameEvaluate<string>('.failure', () => document.querySelector('.failure')?.textContent ?? '');
        return read.found ? read.result : undefined;
      }, 'the failure page');
      assert.match(failure, /No key is saved for this AgentSend account/);
      const page = threadPage(IDS.agentsendHtml);
      await bridge.locator('[data-action="fix-account"]', 'click', [], { frame: '.failure' });
      assert.match((await quickInput.waitOpen()).title, /^Set API Key — Keyless Panel/);
      await quickInput.type(agentsend.apiKey);
      await quickInput.accept();
      await page.waitFor('.message');
    });

    it('a page that failed to load offers Retry, which carries on where it stopped', async () => {
      await sample.setFaults([{ service: 'agentsend', pathIncludes: 'offset=100', fault: '500' }]);
      await open('agentsend', IDS.agentsendLong);
      const page = threadPage(IDS.agentsendLong);
      await waitUntil(async () => {
        await page.evaluateAll('body', () => window.scrollTo(0, document.body.scrollHeight));
        return (await page.count('.status-row.failed [data-action="retry-more"]')) > 0;
      }, 'the failed page and its Retry');
      assert.match(await page.text('.status-row.failed'), /Couldn’t load more messages — AgentSend answered 500/);
      await sample.clearFaults();
      await page.click('.status-row.failed [data-action="retry-more"]');
      await waitUntil(async () => {
        await page.evaluateAll('body', () => window.scrollTo(0, document.body.scrollHeight));
        const positions = await page.evaluateAll('.message', (elements) => elements.map((element) => Number(element.getAttribute('aria-posinset'))));
        return Math.max(0, ...positions) > 100;
      }, 'messages past the first page');
      assert.equal(await page.count('.status-row.failed'), 0);
    });

    it('Copy and Link on a message put its text, or a link to it, on the clipboard', async () => {
      await open('agentsend', IDS.agentsendLong);
      const page = threadPage(IDS.agentsendLong);
      await page.click('.message >> nth=0 >> [data-action="copy"]');
      await statusBar.waitFor(/^Copied the message$/);
      assert.match(await vscode.env.clipboard.readText(), /Please send part 1 of 5000 of our order history export/);
      await page.click('.message >> nth=0 >> [data-action="link"]');
      await statusBar.waitFor(/^Copied a link to the message$/);
      const link = await vscode.env.clipboard.readText();
      assert.ok(link.includes('thr_longhistory0001') && link.includes('msg_lh000001'), `a link to the thread and the message: ${link}`);
    });

    it('Load image turns the placeholder into the picture, or says why it could not', async () => {
      const api = await threadline();
      const tybrite = api.accounts.get(account('tybrite'));
      assert.ok(tybrite);
      const threads = (await api.sources.get(tybrite).listThreads({ kind: 'customer', id: IDS.tybriteCustomer, label: '' }, {})).items;
      const complaint = threads.find((thread) => thread.type === 'complaint' && thread.threadId !== IDS.tybriteHostile)?.threadId ?? assert.fail('no complaint thread');
      await open('tybrite', complaint);
      const page = threadPage(complaint);
      await page.click('.remote-image >> nth=0');
      await waitUntil(async () => {
        const loaded = await page.count('img.loaded-image');
        const said = await page.evaluateAll('.remote-image', (buttons) => buttons.map((button) => button.textContent ?? ''));
        return loaded > 0 || said.some((text) => /^Couldn’t load the image: .+/.test(text));
      }, 'the picture, or why it could not be loaded');
    });
  });

  it('runs no payload of the XSS corpus, in any body kind, and opens only http/https/mailto links', async () => {
    const api = await threadline();
    const consoleStart = (await bridge.console()).total;
    const hostile: [string, string, string?][] = [
      ['agentsend', IDS.agentsendHostile],
      ['sitegpt', IDS.sitegptHostile, IDS.sitegptDocs],
      ['tybrite', IDS.tybriteHostile],
      ['thred', IDS.thredHostile],
      ['cattix', IDS.cattixHostile, '101'],
    ];
    const kinds = new Set<string>();
    for (const [service, threadId, containerId] of hostile) {
      const facts = await open(service, threadId, containerId);
      for (const kind of facts.kinds) kinds.add(kind);
      const selector = `[data-thread-id="${threadId}"]`;
      // Click every link the sanitizer left, as a reader would.
      const count = await bridge.frameEvaluate<number>(selector, () => document.querySelectorAll('#app a').length);
      for (let index = 0; index < (count.result ?? 0); index++) {
        await bridge.frameClick(selector, `#app a >> nth=${index}`);
      }
      const left = await bridge.frameEvaluate<{ hrefs: string[]; scripts: number; handlers: number; iframes: number; styles: number }>(selector, () => ({
        hrefs: Array.from(document.querySelectorAll('#app a[href]')).map((a) => a.getAttribute('href') ?? ''),
        scripts: document.querySelectorAll('#app script').length,
        handlers: Array.from(document.querySelectorAll('#app *')).filter((element) => Array.from(element.attributes).some((attribute) => attribute.name.startsWith('on'))).length,
        iframes: document.querySelectorAll('#app iframe, #app object, #app embed, #app form, #app meta, #app style').length,
        styles: document.querySelectorAll('#app .message [style]').length,
      }));
      assert.ok(left.result, 'read the hostile page');
      assert.deepEqual(left.result.hrefs.filter((href) => !/^(https?:|mailto:)/i.test(href)), [], `${service}: only safe links remain`);
      assert.equal(left.result.scripts, 0, `${service}: no script elements`);
      assert.equal(left.result.handlers, 0, `${service}: no event handler attributes`);
      assert.equal(left.result.iframes, 0, `${service}: no iframe/object/embed/form/meta/style`);
      assert.equal(left.result.styles, 0, `${service}: no inline styles from messages`);
      if (service === 'tybrite') assert.match(facts.text, /<\/script>/, 'markup in plain text is shown as text');
    }
    assert.ok(kinds.has('text') && kinds.has('markdown') && kinds.has('html'), `every body kind was fed: ${[...kinds].join(', ')}`);
    // The sentinel the payloads try to set stays unset in every frame and the workbench.
    const frames = await bridge.allFrames<string>(() => typeof (window as unknown as Record<string, unknown>)['__threadlineXss']);
    assert.ok(frames.length >= 3, 'the workbench and the webview frames');
    assert.deepEqual(
      frames.filter((frame) => frame.result !== 'undefined' && !frame.error),
      [],
      'the sentinel stays unset in every frame',
    );
    const opened = api.externalOpens();
    assert.deepEqual(opened.filter((uri) => !/^(https?:|mailto:)/i.test(uri)), [], `only http/https/mailto reached openExternal: ${opened.join(' ')}`);
    const lines = (await bridge.console(consoleStart)).lines;
    const violations = lines.filter((line) => /Content Security Policy|Refused to/i.test(line));
    console.log(`[threadline-test] XSS corpus: ${opened.length} links reached openExternal (all http/https/mailto); ${violations.length} CSP violation reports`);
    const rejected = api.panels.all().flatMap((panel) => panel.received.filter((entry) => !entry.accepted));
    assert.deepEqual(rejected, [], 'every message from the page matched the protocol');
  });

  it('the page’s CSP is enforced: a script without the nonce does not run, a remote image is not fetched', async () => {
    await open('agentsend', IDS.agentsendHtml);
    const page = threadPage(IDS.agentsendHtml);
    const policy = await page.evaluateAll('meta[http-equiv="Content-Security-Policy"]', (metas) => metas.map((meta) => meta.getAttribute('content') ?? ''));
    assert.equal(policy.length, 1);
    assert.match(policy[0] ?? '', /^default-src 'none'; .*script-src 'nonce-[A-Za-z0-9+/=]{24,}'/);
    // What injected markup would try, done from inside the page.
    await page.evaluateAll('body', () => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__cspProbe = "ran"';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'https://example.com/tracking-pixel.png';
      document.body.append(image);
    });
    const violations = await waitUntil(async () => {
      const [seen] = await page.evaluateAll('body', () => [(window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []]);
      return seen && seen.includes('script-src-elem') && seen.includes('img-src') ? seen : undefined;
    }, 'the browser to report both as violations');
    assert.ok(violations.length >= 2);
    const [ran] = await page.evaluateAll('body', () => [String((window as unknown as { __cspProbe?: string }).__cspProbe)]);
    assert.equal(ran, 'undefined', 'the script without the nonce did not run');
  });

  it('opens the 10,000-message thread drawing at most 2,000 message elements, even with every page loaded', async () => {
    await open('agentsend', IDS.agentsendLong);
    const page = threadPage(IDS.agentsendLong);
    // A reader scrolling to the end: the page loads each next page as the end comes near.
    const [result] = await page.evaluateAll('body', async () => {
      let maxElements = 0;
      // Scroll to the end, then wait for the page to change (a page arriving, rows redrawn).
      const changed = () =>
        new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve();
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
      while (!document.querySelector('.status-row.end')) {
        const next = changed();
        window.scrollTo(0, document.body.scrollHeight);
        await next;
        maxElements = Math.max(maxElements, document.querySelectorAll('.message').length);
      }
      return [{ maxElements, end: document.querySelector('.status-row.end')?.textContent ?? '' }];
    });
    assert.ok(result);
    console.log(`[threadline-test] scrolled to the end of all 10,000; at most ${result.maxElements} message elements in the DOM`);
    assert.match(result.end, /^10000 messages · end of thread$/);
    assert.ok(result.maxElements <= 2_000, `message elements: ${result.maxElements}`);
  });
});
