import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';

const EXTENSION_ID = 'threadline.threadline';

describe('Threadline in a real VS Code', () => {
  it('runs inside VS Code and names the host', () => {
    console.log(`[threadline-test] host: VS Code ${vscode.version}, appHost ${vscode.env.appHost}, appName ${vscode.env.appName}`);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('contributes the Threadline container and Threads view, and focusing the view shows it', async () => {
    await vscode.commands.executeCommand('threadline.threads.focus');
    const visible = await bridge.pageEvaluate(() => {
      const header = document.querySelector('.composite.title h2');
      return header?.textContent ?? '';
    });
    assert.match(String(visible), /threadline/i);
  });

  it('Show Log opens the Threadline output channel', async () => {
    await vscode.commands.executeCommand('threadline.showLog');
    await waitFor(async () => {
      const text = await bridge.pageEvaluate(() => document.querySelector('.panel .monaco-select-box, .panel select')?.getAttribute('title') ?? document.querySelector('.panel')?.textContent ?? '');
      return /Threadline/.test(String(text));
    }, 'the Output panel to show the Threadline channel');
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}
