// One real activation per fresh extension host: loading the bundle and running activate(),
// timed from the call — and beside it the activation floor, a trivial extension (nothing to
// load, an activate() that returns) activated the same way in the same host: what VS Code itself
// costs. The two go first in turn from one host to the next. The suite entry reloads the window
// until there are enough.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const THREADLINE = 'threadline.threadline';
/** test/fixtures/activation-floor, installed for this suite by the launcher. */
const FLOOR = 'threadline-tests.threadline-activation-floor';

interface Activations {
  threadline: number[];
  floor: number[];
}

async function activationMs(id: string): Promise<number> {
  const extension = vscode.extensions.getExtension(id);
  const installed = () => vscode.extensions.all.map((other) => other.id).filter((other) => !other.startsWith('vscode.'));
  assert.ok(extension, `${id} is installed (installed: ${installed().join(', ')})`);
  assert.equal(extension.isActive, false, `nothing activated ${id} before the measurement`);
  const started = performance.now();
  await extension.activate();
  return performance.now() - started;
}

describe('activation (benchmark)', () => {
  it('measures bundle load plus activate() in a fresh extension host, beside the activation floor', async () => {
    const file = path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', 'bench-activation.json');
    const runs: Activations = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Activations) : { threadline: [], floor: [] };
    const floorFirst = runs.threadline.length % 2 === 1;
    const first = await activationMs(floorFirst ? FLOOR : THREADLINE);
    const second = await activationMs(floorFirst ? THREADLINE : FLOOR);
    runs.threadline.push(floorFirst ? second : first);
    runs.floor.push(floorFirst ? first : second);
    fs.writeFileSync(file, JSON.stringify(runs));
    console.log(`[threadline-test] activation ${runs.threadline.length}: Threadline ${runs.threadline.at(-1)?.toFixed(1)} ms, the floor ${runs.floor.at(-1)?.toFixed(1)} ms`);
  });
});
