// Search Conversations (issue 19), the way a user does it: the palette, typing words into the
// quick pick, choosing a result. The phrase of the sample data (SEARCH_PHRASE) is in message 9,000
// of AgentSend's 10,000-message thread and in one SiteGPT answer, and nowhere else.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENTSEND_IDS, SEARCH_PHRASE, SITEGPT_IDS } from '../../src/sample';
import { bridge } from './helpers/bridge';
import { eachTestOnACleanWorkbench, palette, quickInput } from './helpers/gestures';
import { addSampleAccounts, threadline, waitFor } from './helpers/threadline';

const LONG_PAGE = `[data-thread-id="${AGENTSEND_IDS.longThread}"]`;

describe('Search Conversations, by gesture', function () {
  this.timeout(180_000);
  let ids: Map<string, string>;
  const account = (service: string): string => ids.get(service) ?? assert.fail(`no ${service} account`);

  eachTestOnACleanWorkbench(async () => {
    ids = await addSampleAccounts(['agentsend', 'sitegpt']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('typing a phrase finds it in message 9,000 of the long AgentSend thread and in one SiteGPT answer; choosing the AgentSend hit opens the thread there, highlighted', async () => {
    const api = await threadline();
    // Set-up: the two threads are loaded (the long one whole), as reading them would.
    const long = { accountId: account('agentsend'), threadId: AGENTSEND_IDS.longThread, containerId: AGENTSEND_IDS.support };
    await api.store.openThread(long);
    await api.store.loadWholeThread(long);
    await api.store.openThread({ accountId: account('sitegpt'), threadId: SITEGPT_IDS.sarahThread });
    await api.conversationIndex.whenIdle();

    await palette.run('Threadline: Search Conversations…');
    await quickInput.waitOpen();
    await quickInput.type(SEARCH_PHRASE);
    const items = await waitFor(async () => {
      const listed = await quickInput.items().catch(() => []);
      return listed.length === 2 ? listed : undefined;
    }, 'two results');
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
    // The panel opens at message 9,000, its words highlighted and the current match there.
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
      'message 9,000 highlighted in the panel',
      90_000,
    );
    assert.equal(shown.current, 'msg_lh009000');
    assert.equal(shown.value, SEARCH_PHRASE);
    // Message 9,000 is on screen.
    const onScreen = await bridge.frameEvaluate<boolean>(LONG_PAGE, () => {
      const box = document.querySelector('.message[data-id="msg_lh009000"]')?.getBoundingClientRect();
      return box !== undefined && box.bottom > 0 && box.top < window.innerHeight;
    });
    assert.equal(onScreen.result, true, 'message 9,000 is in view');
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
