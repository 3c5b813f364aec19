// At the end of the run: no test key anywhere it must not be — settings, globalState, the disk cache,
// workspaceState, the log channel, any HTML or message handed to a webview, any tool result or
// text copied for an assistant — and the capture server the hostile workspace pointed at never saw one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { capture, sample } from '../helpers/sample';
import { threadline } from '../helpers/threadline';

describe('secrets audit at the end of the run', () => {
  it('finds no key in settings, state, the log, webview traffic, assistants\' results, or at the capture server', async () => {
    const api = await threadline();
    const accounts = await sample.accounts();
    const keys = accounts.flatMap((account) => [account.apiKey, account.session?.accessToken].filter((value): value is string => Boolean(value)));
    assert.ok(keys.length >= 6);
    const places: [string, string][] = [];
    const host = JSON.parse(fs.readFileSync(path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', 'host.json'), 'utf8')) as { userDataDir: string };
    for (const file of fs.readdirSync(host.userDataDir, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.json')) places.push([`user data: ${file}`, fs.readFileSync(path.join(host.userDataDir, file), 'utf8')]);
    }
    const workspace = process.env['THREADLINE_TEST_WORKSPACE'] ?? '';
    for (const file of fs.readdirSync(workspace, { recursive: true, encoding: 'utf8' })) {
      if (fs.statSync(path.join(workspace, file)).isFile()) places.push([`workspace: ${file}`, fs.readFileSync(path.join(workspace, file), 'utf8')]);
    }
    // The disk cache of conversations (threadline.cache.persist), whatever it holds now.
    const cache = api.conversationCache.directory;
    if (cache && fs.existsSync(cache)) {
      for (const file of fs.readdirSync(cache)) places.push([`conversation cache: ${file}`, fs.readFileSync(path.join(cache, file), 'utf8')]);
    }
    places.push(['configuration', JSON.stringify(vscode.workspace.getConfiguration('threadline'))]);
    places.push(['globalState', JSON.stringify(api.globalState.keys().map((key) => [key, api.globalState.get(key)]))]);
    places.push(['workspaceState', JSON.stringify(api.workspaceState.keys().map((key) => [key, api.workspaceState.get(key)]))]);
    places.push(['log channel', api.logLines().join('\n')]);
    for (const [where, text] of places) {
      for (const key of keys) assert.ok(!text.includes(key), `a test key (${key.slice(0, 5)}…) is in ${where}`);
    }
    const webview = api.webviewAudit();
    console.log(`[threadline-test] secrets audit: ${places.length} places and ${Math.round(webview.inspectedBytes / 1024)} KB of webview HTML and messages searched`);
    assert.ok(webview.inspectedBytes > 100_000, 'the webview traffic of the run was inspected');
    assert.deepEqual(webview.leaks, []);
    const assistant = api.assistantAudit();
    console.log(`[threadline-test] secrets audit: ${assistant.results} tool results and copies for chat (${Math.round(assistant.inspectedBytes / 1024)} KB) searched`);
    // With hosts side by side, this host's run hands assistants something only if it ran the tools' tests.
    const ranHere = (process.env['THREADLINE_TEST_FILES_HERE'] ?? 'tools.test.js').split(',');
    if (ranHere.includes('tools.test.js')) assert.ok(assistant.results > 0, 'what the run handed to assistants was inspected');
    assert.deepEqual(assistant.leaks, []);
    const captured = await capture.requests();
    const withKey = captured.filter((request) => keys.some((key) => JSON.stringify(request.headers).includes(key) || JSON.stringify(request.query).includes(key)));
    assert.deepEqual(withKey, [], 'the capture server received no request carrying a key');
  });
});
