// Every fault of the sample server, for every service, in the tree and in the panel: a clear
// message naming the service and the problem, Retry that recovers once the fault clears, and no
// unhandled rejection anywhere.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { addSampleAccounts, childByLabel, children, labelOf, removeAllAccounts, threadline, waitFor } from './helpers/threadline';

type Service = 'agentsend' | 'sitegpt' | 'tybrite' | 'thred' | 'cattix';

const SERVICES: { service: Service; name: string; account: string; container: string; listPath: string; thread: { threadId: string; containerId?: string }; threadPath: string }[] = [
  { service: 'agentsend', name: 'AgentSend', account: 'Sample AgentSend', container: 'Acme Sales', listPath: '/inboxes/inb_sales/threads', thread: { threadId: 'thr_htmlmail0001' }, threadPath: '/threads/thr_htmlmail0001' },
  { service: 'sitegpt', name: 'SiteGPT', account: 'Sample SiteGPT', container: 'Pricing Bot', listPath: '/threads?', thread: { threadId: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40', containerId: '412578301966815233' }, threadPath: '/threads/3b1f6c2e' },
  { service: 'tybrite', name: 'Tybrite', account: 'Sample Tybrite', container: 'Sarah Johnson', listPath: '/messaging/threads?', thread: { threadId: '7d2e9c41-6a3b-4f85-b0c2-600600600600' }, threadPath: '/threads/7d2e9c41' },
  // Opening a Thred customer asks /customers/{id}, and on a 400 or 404 /customers?email=: both are faulted.
  { service: 'thred', name: 'Thred', account: 'Sample Thred', container: 'Recent customers', listPath: '/customers/recent', thread: { threadId: 'cus_7Hq2LmX9pR4a' }, threadPath: '/customers' },
  { service: 'cattix', name: 'Cattix', account: 'Sample Cattix', container: 'Summit Dental Group', listPath: '/chat/threads', thread: { threadId: 'thread_h0stileXss0000000000001', containerId: '101' }, threadPath: '/chat/threads' },
];

/** Each fault, and how the message must read (S = the service's name). */
const FAULTS: { fault: string; reads: (name: string) => RegExp }[] = [
  { fault: '429:120', reads: (name) => new RegExp(`${name} is limiting requests \\(429\\) until`) },
  { fault: '500', reads: (name) => new RegExp(`${name} answered 500`) },
  { fault: '503', reads: (name) => new RegExp(`${name} answered 503`) },
  { fault: 'hang', reads: (name) => new RegExp(`${name} did not answer in time`) },
  { fault: 'truncate', reads: (name) => new RegExp(`Couldn't reach ${name}: the (connection was cut|answer ended early)|${name} sent a response Threadline couldn't read`) },
  { fault: 'invalid-json', reads: (name) => new RegExp(`${name} sent a response Threadline couldn't read: the body is not valid JSON`) },
  { fault: 'drift', reads: (name) => new RegExp(`${name} sent a response Threadline couldn't read: .+`) },
  { fault: '401', reads: (name) => new RegExp(`${name} did not accept the key \\(401\\)`) },
  { fault: '403', reads: (name) => new RegExp(`${name} refused access \\(403\\)`) },
  { fault: '404', reads: (name) => new RegExp(`${name} found nothing there \\(404\\)`) },
];

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

describe('faults, for every service, in the tree and the panel', function () {
  this.timeout(600_000);
  const config = () => vscode.workspace.getConfiguration('threadline');

  before(async () => {
    process.on('unhandledRejection', onRejection);
    await removeAllAccounts();
    await sample.reset();
    await addSampleAccounts();
    // Hangs end at the shortest timeout the setting allows.
    await config().update('requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    await sample.clearFaults();
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const entry of SERVICES) {
    describe(entry.name, () => {
      for (const { fault, reads } of FAULTS) {
        it(`tree: ${fault} shows what went wrong, and Retry recovers`, async () => {
          const api = await threadline();
          const container = await childByLabel(await childByLabel(undefined, entry.account), entry.container);
          await sample.setFaults([{ service: entry.service, pathIncludes: entry.listPath, fault }]);
          api.tree.refresh(container);
          const rows = await children(container);
          const first = labelOf(rows[0] as TreeNode);
          if (entry.service === 'thred' && fault === '404') {
            // Thred answers "No customers found" as a 404: for its recent list that is an empty list.
            assert.equal(first, 'No threads');
          } else {
            assert.match(first, new RegExp(`^Couldn't load threads — ${reads(entry.name).source}`), first);
            assert.equal((rows[0] as TreeNode).toTreeItem().command?.command, 'threadline.retry');
          }
          await sample.clearFaults();
          const retry = (rows[0] as TreeNode).toTreeItem().command;
          if (retry?.command === 'threadline.retry') await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
          else api.tree.refresh(container);
          const recovered = await children(container);
          assert.ok(recovered.some((node) => node.id.includes('/t:')), `threads again after Retry: ${recovered.map(labelOf).join(' | ')}`);
        });

        it(`panel: ${fault} shows what went wrong, and Reload recovers`, async () => {
          const api = await threadline();
          const accountId = api.accounts.list().find((account) => account.service === entry.service)?.id ?? '';
          const target = { accountId, ...entry.thread };
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
          await sample.setFaults([{ service: entry.service, pathIncludes: entry.threadPath, fault }]);
          await vscode.commands.executeCommand('threadline.openThread', target);
          const panel = api.panels.get(target);
          assert.ok(panel);
          const message = await waitFor(() => panel.failureMessage, 'the failure', 30_000);
          assert.match(message, reads(entry.name));
          const shown = await waitFor(async () => {
            const read = await bridge.frameEvaluate<string>('.failure', () => document.querySelector('.failure')?.textContent ?? '');
            return read.found ? read.result : undefined;
          }, 'the failure page');
          assert.ok(shown.includes(entry.name), `the page names ${entry.name}: ${shown}`);
          await sample.clearFaults();
          await bridge.frameClick('.failure', '[data-action="reload"]');
          await waitFor(() => panel.view, 'the thread after Reload', 30_000);
          assert.equal(panel.failureMessage, undefined);
        });
      }
    });
  }

  it('no promise rejection went unhandled, in this extension host or in its log', () => {
    assert.deepEqual(rejections.map(String), []);
    const root = process.env['THREADLINE_HOST_DATA'];
    if (!root) return; // desktop VS Code keeps its logs elsewhere; the listener above still counts
    const logs = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => /exthost.*\.log$/i.test(file));
    assert.ok(logs.length > 0, 'found the extension host log');
    const unhandled = logs.flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .filter((line) => /unhandled|rejected promise not handled/i.test(line) && /threadline/i.test(line)),
    );
    assert.deepEqual(unhandled, []);
  });
});
