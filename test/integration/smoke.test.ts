// Threadline in a real VS Code: it activates, its view opens from the activity bar, and Show Log
// from the view's "…" menu opens its output channel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { threadsView, waitForOutputChannel } from './helpers/gestures';
import { EXTENSION_ID, cleanSlate } from './helpers/threadline';

describe('Threadline in a real VS Code', () => {
  before(cleanSlate);
  after(cleanSlate);

  it('runs inside VS Code 1.100 and activates', async () => {
    console.log(`[threadline-test] host: VS Code ${vscode.version}, appHost ${vscode.env.appHost}, appName ${vscode.env.appName}`);
    assert.match(vscode.version, /^1\.1\d\d\.\d+/);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('opens the Threads view from its activity bar icon, with the welcome text while there is no account', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await threadsView.show();
    assert.match(await threadsView.welcomeText(), /Threadline shows conversation threads from AgentSend, SiteGPT, Tybrite, Thred and Cattix/);
  });

  it('Show Log, from the view’s “…” menu, shows the Threadline output channel', async () => {
    await threadsView.show();
    await threadsView.moreActions('Show Log');
    await waitForOutputChannel('Threadline');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
