// One real activation per fresh extension host: loading the bundle and running activate(),
// timed from the first call. The suite entry reloads the window until there are enough.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

describe('activation (benchmark)', () => {
  it('measures bundle load plus activate() in a fresh extension host', async () => {
    const extension = vscode.extensions.getExtension('threadline.threadline');
    assert.ok(extension);
    assert.equal(extension.isActive, false, 'nothing activated Threadline before the measurement');
    const started = performance.now();
    await extension.activate();
    const ms = performance.now() - started;
    const file = path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', 'bench-activation.json');
    const runs = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as number[]) : [];
    runs.push(ms);
    fs.writeFileSync(file, JSON.stringify(runs));
    console.log(`[threadline-test] activation ${runs.length}: ${ms.toFixed(1)} ms`);
  });
});
