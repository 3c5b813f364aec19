// The provider, HTTP, domain, rendering, sink and sample-server layers run under plain Node: none of
// them may import vscode (they are tested here, outside VS Code, and reused by the sample server).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LAYERS = ['src/providers', 'src/http', 'src/store', 'src/domain', 'src/markdown', 'src/sample', 'src/sinks'];
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

describe('layering', () => {
  for (const layer of LAYERS) {
    it(`nothing under ${layer} imports vscode`, () => {
      const files = sourceFiles(layer);
      assert.ok(files.length > 0, `${layer} has source files`);
      const offenders = files.filter((file) => IMPORTS_VSCODE.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
      assert.deepEqual(offenders, []);
    });
  }

  it('the check recognises an import of vscode', () => {
    assert.ok(IMPORTS_VSCODE.test("import * as vscode from 'vscode';"));
    assert.ok(IMPORTS_VSCODE.test("const vscode = require('vscode');"));
    assert.ok(!IMPORTS_VSCODE.test("import * as z from 'zod/mini';"));
  });
});
