// One line per test file on what the run has accumulated: files late in the run are much slower
// than alone, and this says what grew — in the extension host (heap, live handles such as timers
// and sockets, how busy its event loop was during the previous file) and in the workbench page
// (pages open, focus, and Chromium's counters after a full GC: documents, listeners, DOM nodes,
// JS heap). THREADLINE_STATE_EVERY_TEST=1 prints it before every test instead.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { bridge } from './bridge';
import { threadline } from './threadline';

export function runStateHooks(): Mocha.RootHookObject {
  let lastFile: string | undefined;
  let lastLoop = performance.eventLoopUtilization();
  return {
    async beforeEach(this: Mocha.Context) {
      const file = this.currentTest?.file;
      if (!file || (file === lastFile && !process.env['THREADLINE_STATE_EVERY_TEST'])) return;
      lastFile = file;
      const api = await threadline();
      const loop = performance.eventLoopUtilization(lastLoop);
      lastLoop = performance.eventLoopUtilization();
      const tabs = vscode.window.tabGroups.all.reduce((sum, group) => sum + group.tabs.length, 0);
      const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.().length ?? -1;
      const host = `host heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, ${handles} handles, event loop ${(loop.utilization * 100).toFixed(0)}% busy since the last file, ${tabs} tabs, ${api.accounts.list().length} accounts`;
      let page = '';
      if (bridge.available) {
        const metrics = await bridge.pageMetrics().catch(() => undefined);
        if (metrics) {
          page = `; page: ${metrics['Pages']} pages, visible ${metrics['Visible']}, focused ${metrics['Focused']}, ${metrics['Documents']} documents, ${metrics['Frames']} frames, ${metrics['JSEventListeners']} listeners, ${metrics['Nodes']} nodes, heap ${((metrics['JSHeapUsedSize'] ?? 0) / 1e6).toFixed(0)} MB`;
        }
      }
      console.log(`[threadline-test] state before ${file.split(/[\\/]/).slice(-1)[0]}: ${host}${page}`);
    },
  };
}
