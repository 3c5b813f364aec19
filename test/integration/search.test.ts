// Search Conversations (issue 19), the way a user does it: the palette, typing words into the
// quick pick, choosing a result. The phrase of the sample data (SEARCH_PHRASE) is in message 9,000
// of AgentSend's 10,000-message thread and in one SiteGPT answer, and nowhere else.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENTSEND_IDS, SEARCH_PHRASE, SITEGPT_IDS } from '../../src/sample';
import { bridge } from './helpers/bridge';
import { eachTestOnACleanWorkbench, palette, quickInput, searchView, threadPage } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccounts, threadline, waitFor } from './helpers/threadline';

const LONG_PAGE = `[data-thread-id="${AGENTSEND_IDS.longThread}"]`;

/** Waits until the long thread's panel shows a current search match, and says where and for what. */
async function currentMatch(): Promise<{ count: string; current: string | null; value: string; onScreen: boolean }> {
  const shown = await waitFor(
    async () => {
      const read = await bridge.frameEvaluate<{ count: string; current: string | null; value: string }>(LONG_PAGE, () => {
        const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('threadline-search-current');
        const range = highlight ? [...highlight][0] : undefined;
        return {
          count: document.querySelector('.search-count')?.textContent ?? '',
          current: (range?.startContainer.parentElement?.closest('.message') as HTMLElement | null)?.getAttribute('data-id') ?? null,
          value: document.querySelector<HTMLInputElement>('input.search')?.value ?? '',
        };
      });
      return read.result?.current ? read.result : undefined;
    },
    'a search match highlighted in the panel',
    90_000,
  );
  const onScreen = await bridge.frameEvaluate<boolean>(LONG_PAGE, (id) => {
    const box = document.querySelector(`.message[data-id="${String(id)}"]`)?.getBoundingClientRect();
    return box !== undefined && box.bottom > 0 && box.top < window.innerHeight;
  }, shown.current);
  return { ...shown, onScreen: onScreen.result === true };
}

describe('Search Conversations, by gesture', function () {
  this.timeout(180_000);
  let ids: Map<string, string>;
  const account = (service: string): string => ids.get(service) ?? assert.fail(`no ${service} account`);
  /** Set-up: the two threads that hold the phrase are loaded (the long one whole), as reading them would, and indexed. */
  const loadBothThreads = async () => {
    const api = await threadline();
    const long = { accountId: account('agentsend'), threadId: AGENTSEND_IDS.longThread, containerId: AGENTSEND_IDS.support };
    await api.store.openThread(long);
    await api.store.loadWholeThread(long);
    await api.store.openThread({ accountId: account('sitegpt'), threadId: SITEGPT_IDS.sarahThread });
    await api.conversationIndex.whenIdle();
  };

  eachTestOnACleanWorkbench(async () => {
    ids = await addSampleAccounts(['agentsend', 'sitegpt']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The Search Results view keeps results while the window lives: each test starts without.
    await vscode.commands.executeCommand('threadline.clearSearchResults');
  });

  it('typing a phrase finds it in message 9,000 of the long AgentSend thread and in one SiteGPT answer; choosing the AgentSend hit opens the thread there, highlighted', async () => {
    await loadBothThreads();

    await palette.run('Threadline: Search Conversations…');
    await quickInput.waitOpen();
    await quickInput.type(SEARCH_PHRASE);
    const items = await waitFor(async () => {
      const listed = await quickInput.items().catch(() => []);
      // Typing lands a key at a time: wait for the results of the whole phrase.
      return listed.length === 2 && listed.every((item) => item.detail.includes('matched: checksum, manifest, mismatch')) ? listed : undefined;
    }, 'two results for the whole phrase');
    const { title } = await quickInput.waitOpen();
    console.log(`[threadline-test] search results: ${title}; ${JSON.stringify(items)}`);
    assert.match(title, /2 messages in 2 threads/);
    const agentsend = items.find((item) => item.description.startsWith('AgentSend'));
    const sitegpt = items.find((item) => item.description.startsWith('SiteGPT'));
    assert.ok(agentsend && sitegpt, `one hit per service: ${items.map((item) => item.description).join(' | ')}`);
    // Service, account, author; the words in context and which words matched.
    assert.match(agentsend.label, /Order history export/);
    assert.match(agentsend.description, /^AgentSend · Sample AgentSend · \S+@\S+ · /);
    assert.match(agentsend.detail, /checksum manifest mismatch.*matched: checksum, manifest, mismatch/);
    assert.match(sitegpt.detail, /checksum manifest mismatch/);

    await quickInput.pick(/Order history export/);
    // The panel opens at message 9,000, its words highlighted and the current match there, on screen.
    const shown = await currentMatch();
    assert.equal(shown.current, 'msg_lh009000');
    assert.equal(shown.value, SEARCH_PHRASE);
    assert.equal(shown.onScreen, true, 'message 9,000 is in view');
  });

  it('the Search Results view keeps what the quick pick found, with the exact counts; a click on a result opens message 9,000 highlighted; Clear Results empties it', async () => {
    await loadBothThreads();
    await searchView.show();
    assert.match(await searchView.welcomeText(), /No search yet/);

    // The view's title icon runs the quick pick; typing replaces the view's results.
    await searchView.titleAction('Search Conversations…');
    await quickInput.waitOpen();
    await quickInput.type(SEARCH_PHRASE);
    await waitFor(async () => {
      const listed = await quickInput.items().catch(() => []);
      return listed.length === 2 && listed.every((item) => item.detail.includes('matched: checksum, manifest, mismatch')) ? true : undefined;
    }, 'two results for the whole phrase in the quick pick');
    await quickInput.dismiss();

    const rows = await searchView.waitForRows((drawn) => drawn.length === 3 && drawn[0]?.label === `“${SEARCH_PHRASE}”`, 'the query and its two results');
    console.log(`[threadline-test] Search Results rows: ${JSON.stringify(rows.map((row) => [row.label, row.description]))}`);
    assert.equal(rows[0]?.label, `“${SEARCH_PHRASE}”`);
    assert.equal(rows[0]?.description, '2 messages in 2 threads');
    const agentsend = rows.find((row) => row.label.startsWith('AgentSend'));
    const sitegpt = rows.find((row) => row.label.startsWith('SiteGPT'));
    assert.ok(agentsend && sitegpt, `one row per service: ${rows.map((row) => row.label).join(' | ')}`);
    assert.match(agentsend.label, /^AgentSend · Sample AgentSend · Order history export/);
    assert.match(agentsend.description, /^\S+@\S+ · .* · matched: checksum, manifest, mismatch$/);
    assert.match(sitegpt.description, /matched: checksum, manifest, mismatch$/);
    assert.equal(agentsend.icon, 'comment');
    assert.match(await searchView.header(), /2 messages in 2 threads/, 'the counts in the view’s header');

    // A click on the AgentSend row does what choosing it in the quick pick does.
    await searchView.row(/^AgentSend · Sample AgentSend · Order history export/).click();
    const shown = await currentMatch();
    assert.equal(shown.current, 'msg_lh009000');
    assert.equal(shown.value, SEARCH_PHRASE);
    assert.equal(shown.onScreen, true, 'message 9,000 is in view');

    // The results stay until Clear Results (its title icon) empties the view.
    assert.equal((await searchView.rows()).length, 3, 'the results are still there after opening one');
    await searchView.titleAction('Clear Results');
    await searchView.waitForRows((drawn) => drawn.length === 0, 'no rows after Clear Results');
    assert.match(await searchView.welcomeText(), /No search yet/);
  });

  it('asks SiteGPT API v2’s own search too: conversations never loaded are found, said to be found by SiteGPT, and the one picked opens', async () => {
    const v2 = (await addSampleAccounts(['sitegpt-v2'])).get('sitegpt-v2') ?? assert.fail('a v2 account');
    const api = await threadline();
    // Words in one SiteGPT answer (and in an AgentSend message this test never loads): few enough
    // results for the quick pick to draw them all.
    const words = SEARCH_PHRASE;
    // What SiteGPT finds for these words, asked the same way through the provider: the first page of each chatbot.
    const provider = api.providers.get(api.accounts.get(v2) ?? assert.fail('the v2 account'));
    const bots = await provider.listContainers();
    const expected = (await Promise.all(bots.map((bot) => provider.listThreads(bot, { filter: { text: words } })))).flatMap((page) => page.items);
    assert.ok(expected.length > 0, 'the sample data has conversations with these words');
    await sample.clearRequests();

    await palette.run('Threadline: Search Conversations…');
    await quickInput.waitOpen();
    await quickInput.type(words);
    const found = await waitFor(async () => {
      const listed = await quickInput.items().catch(() => []);
      const byService = listed.filter((item) => item.detail.includes('found by SiteGPT’s own search'));
      return byService.length === expected.length ? byService : undefined;
    }, `the ${expected.length} conversations SiteGPT found`);
    const { title } = await quickInput.waitOpen();
    assert.match(title, new RegExp(`${expected.length} threads? found by the services’ own search`));
    assert.deepEqual(found.map((item) => item.label.trim()).sort(), expected.map((summary) => summary.title).sort());
    assert.ok(found.every((item) => item.description.startsWith('SiteGPT · Sample SiteGPT v2 · thread')), found.map((item) => item.description).join(' | '));
    // SiteGPT was asked with the words as typed, once per chatbot (and nothing while the query was too short to send).
    const sent = (await sample.requests()).filter((request) => request.query['query'] !== undefined);
    assert.equal(sent.filter((request) => request.query['query'] === words).length, bots.length);
    assert.ok(sent.every((request) => (request.query['query'] ?? '').length >= 3), sent.map((request) => request.query['query']).join(' | '));

    const chosen = expected.find((summary) => expected.filter((other) => other.title === summary.title).length === 1) ?? assert.fail('a conversation with a title of its own');
    await quickInput.pick(chosen.title);
    await threadPage(chosen.threadId).waitFor('.thread-header');
  });

  it('a word no conversation has finds nothing; the start of the last word is enough', async () => {
    const api = await threadline();
    await api.store.openThread({ accountId: account('sitegpt'), threadId: SITEGPT_IDS.sarahThread });
    await api.conversationIndex.whenIdle();
    await palette.run('Threadline: Search Conversations…');
    await quickInput.waitOpen();
    await quickInput.type('zzyzx-nowhere');
    await waitFor(async () => /nothing found/.test((await quickInput.waitOpen()).title), 'nothing found');
    await quickInput.type('checksum manif');
    const items = await waitFor(async () => {
      const listed = await quickInput.items().catch(() => []);
      return listed.length === 1 ? listed : undefined;
    }, 'the prefix finds the SiteGPT answer');
    assert.match(items[0]?.description ?? '', /^SiteGPT/);
    await quickInput.dismiss();
  });
});
