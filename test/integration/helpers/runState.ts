// One line per test file on what the run has accumulated (extension host heap, open tabs,
// accounts, the workbench page's DOM and frames): files late in the run are much slower than
// alone, and this says what grew.
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { bridge } from './bridge';
import { threadline } from './threadline';

export function runStateHooks(): Mocha.RootHookObject {
  let lastFile: string | undefined;
  return {
    async beforeEach(this: Mocha.Context) {
      const file = this.currentTest?.file;
      if (!file || file === lastFile) return;
      lastFile = file;
      const api = await threadline();
      const tabs = vscode.window.tabGroups.all.reduce((sum, group) => sum + group.tabs.length, 0);
      const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
      const page = bridge.available
        ? await bridge
            .pageEvaluate(() => {
              const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
              return { nodes: document.getElementsByTagName('*').length, iframes: document.getElementsByTagName('iframe').length, heap: memory ? Math.round(memory.usedJSHeapSize / 1e6) : -1 };
            })
            .catch(() => undefined)
        : undefined;
      const pageText = page ? `, page ${page.nodes} elements, ${page.iframes} iframes, page heap ${page.heap} MB` : '';
      console.log(`[threadline-test] state before ${file.split(/[\\/]/).slice(-1)[0]}: host heap ${heapMb} MB, ${tabs} tabs, ${api.accounts.list().length} accounts${pageText}`);
    },
  };
}
