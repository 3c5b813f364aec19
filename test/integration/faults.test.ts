// The sample server's faults in the tree and in the panel, as the user meets them: the
// container's inline Refresh shows an error row naming the service and the problem, clicking
// that row retries; the thread page shows what went wrong, and its Reload button recovers.
// Every fault runs against AgentSend; each other service meets the faults that take a path of
// their own (a rate limit with its time, a deadline, a changed response, a 404 — an empty list
// for Thred). How each service maps every fault to an error is proven in plain Node
// (test/unit/providers.test.ts); the tree and the panel word every error the same way. Time runs on the extension's clock: a hanging request reaches its deadline
// when the test moves the clock, and retry waits are moved over — no real seconds waited.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { threadsView, webview } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccounts, cleanSlate, threadline } from './helpers/threadline';
import { passAnswerDeadline, skipShortWait, untilWithWaitsSkipped } from './helpers/time';
import { waitUntil } from '../support/wait';

type Service = 'agentsend' | 'sitegpt' | 'tybrite' | 'thred' | 'cattix';

const SERVICES: { service: Service; name: string; account: string; container: string; listPath: string; thread: { threadId: string; containerId?: string }; threadPath: string }[] = [
  { service: 'agentsend', name: 'AgentSend', account: 'Sample AgentSend', container: 'Acme Sales', listPath: '/inboxes/inb_sales/threads', thread: { threadId: 'thr_htmlmail0001' }, threadPath: '/threads/thr_htmlmail0001' },
  { service: 'sitegpt', name: 'SiteGPT', account: 'Sample SiteGPT', container: 'Pricing Bot', listPath: '/threads?', thread: { threadId: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40', containerId: '412578301966815233' }, threadPath: '/threads/3b1f6c2e' },
  { service: 'tybrite', name: 'Tybrite', account: 'Sample Tybrite', container: 'Sarah Johnson', listPath: '/messaging/threads?', thread: { threadId: '7d2e9c41-6a3b-4f85-b0c2-600600600600' }, threadPath: '/threads/7d2e9c41' },
  // Opening a Thred customer asks /customers/{id}, and on a 400 or 404 /customers?email=: both are faulted.
  { service: 'thred', name: 'Thred', account: 'Sample Thred', container: 'Recent customers', listPath: '/customers/recent', thread: { threadId: 'cus_7Hq2LmX9pR4a' }, threadPath: '/customers' },
  { service: 'cattix', name: 'Cattix', account: 'Sample Cattix', container: 'Summit Dental Group', listPath: '/chat/threads', thread: { threadId: 'thread_h0stileXss0000000000001', containerId: '101' }, threadPath: '/chat/threads' },
];

/** Each fault, and how the message must read (for the service named). */
const FAULTS: { fault: string; reads: (name: string) => RegExp }[] = [
  { fault: '429:120', reads: (name) => new RegExp(`${name} is limiting requests \\(429\\) until`) },
  { fault: '500', reads: (name) => new RegExp(`${name} answered 500`) },
  { fault: '503', reads: (name) => new RegExp(`${name} answered 503`) },
  { fault: 'hang', reads: (name) => new RegExp(`${name} did not answer in time`) },
  { fault: 'truncate', reads: (name) => new RegExp(`Couldn't reach ${name}( at [^:]+:\\d+)?: the (connection was cut|answer ended early)|${name} sent a response Threadline couldn't read`) },
  { fault: 'invalid-json', reads: (name) => new RegExp(`${name} sent a response Threadline couldn't read: the body is not valid JSON`) },
  { fault: 'drift', reads: (name) => new RegExp(`${name} sent a response Threadline couldn't read: .+`) },
  { fault: '401', reads: (name) => new RegExp(`${name} did not accept the key \\(401\\)`) },
  { fault: '403', reads: (name) => new RegExp(`${name} refused access \\(403\\)`) },
  { fault: '404', reads: (name) => new RegExp(`${name} found nothing there \\(404\\)`) },
];

/** The faults each service other than AgentSend meets here. */
const DISTINCT_PATHS = new Set(['429:120', 'hang', 'drift', '404']);

/**
 * Waits for a state after a request that meets `fault`: a request that hangs is brought to its
 * deadline once the server holds it; retry waits are moved over as they start.
 */
async function afterFault<T>(fault: string, pathIncludes: string, check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  if (fault === 'hang') {
    await waitUntil(async () => (await sample.requests()).some((request) => request.fault === 'hang' && request.path.includes(pathIncludes.replace(/\?$/, ''))), 'the request the server holds');
    await passAnswerDeadline();
  }
  return untilWithWaitsSkipped(check, what);
}

describe('faults, for every service, in the tree and the panel', function () {
  this.timeout(120_000);

  before(async () => {
    await cleanSlate();
    await addSampleAccounts();
    await threadsView.show();
  });
  afterEach(() => sample.clearFaults());
  after(cleanSlate);

  for (const entry of SERVICES) {
    describe(entry.name, () => {
      const container = threadsView.row(entry.container);
      const threadRows = (rows: { icon: string }[]) => rows.length > 0 && rows.every((row) => row.icon !== 'error');
      const page = webview(`[data-thread-id="${entry.thread.threadId}"]`);
      const failurePage = webview('.failure');

      before(async () => {
        await threadsView.collapseAll();
        await threadsView.row(entry.account).expand();
        await container.expand();
        const accountId = (await threadline()).accounts.list().find((account) => account.service === entry.service)?.id;
        await vscode.commands.executeCommand('threadline.openThread', { accountId, ...entry.thread });
        await page.waitFor('.thread-header, [data-card]');
      });
      after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

      for (const { fault, reads } of FAULTS.filter(({ fault }) => entry.service === 'agentsend' || DISTINCT_PATHS.has(fault))) {
        it(`tree: ${fault} shows what went wrong; clicking the error row retries`, async () => {
          await sample.clearRequests();
          await sample.setFaults([{ service: entry.service, pathIncludes: entry.listPath, fault }]);
          await container.inlineAction('Refresh');
          if (entry.service === 'thred' && fault === '404') {
            // Thred answers "No customers found" as a 404: for its recent list that is an empty list.
            await afterFault(fault, entry.listPath, async () => (await container.childrenNow())?.[0]?.label === 'No threads', 'No threads');
            await sample.clearFaults();
            await container.inlineAction('Refresh');
          } else {
            const [error] = await afterFault(
              fault,
              entry.listPath,
              async () => {
                const rows = await container.childrenNow();
                return rows?.[0]?.icon === 'error' ? rows : undefined;
              },
              'the error row',
            );
            assert.match(error?.label ?? '', new RegExp(`^Couldn't load threads — ${reads(entry.name).source}`));
            assert.equal(error?.description, 'Retry');
            await sample.clearFaults();
            await threadsView.row(error?.label ?? '').clickUntil(async () => {
              if (threadRows((await container.childrenNow()) ?? [])) return true;
              await skipShortWait(); // a retry's wait ends at once, as in untilWithWaitsSkipped
              return false;
            }, 'the threads after Retry');
          }
          await untilWithWaitsSkipped(async () => threadRows((await container.childrenNow()) ?? []), 'the threads after Retry');
        });

        it(`panel: ${fault} shows what went wrong; the page’s Reload recovers`, async () => {
          await sample.clearRequests();
          await sample.setFaults([{ service: entry.service, pathIncludes: entry.threadPath, fault }]);
          await page.click('.toolbar [data-action="reload"]');
          const shown = await afterFault(
            fault,
            entry.threadPath,
            async () => {
              const read = await bridge.frameEvaluate<string>('.failure', () => document.querySelector('.failure')?.textContent ?? '');
              return read.found ? read.result : undefined;
            },
            'the failure page',
          );
          assert.match(shown, reads(entry.name));
          await sample.clearFaults();
          await failurePage.click('[data-action="reload"]');
          await untilWithWaitsSkipped(async () => (await page.count('.thread-header')) > 0 || (await page.count('[data-card]')) > 0, 'the thread after Reload');
        });
      }
    });
  }
});
