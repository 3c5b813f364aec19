// Plurals are never made by appending "s" ("Couldn't load inboxs"): every count names both forms
// (`plural(n, 'inbox', 'inboxes')`, a descriptor's `containerNoun {one, many}`), and no source
// file builds one with `n === 1 ? '' : 's'`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plural } from '../../src/domain/format';
import { SERVICES } from '../../src/providers/registry';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const APPENDED_S = /\?\s*(['"`])\1\s*:\s*(['"`])s\2/;

describe('plurals', () => {
  it('plural() uses the form it is given', () => {
    assert.equal(plural(1, 'inbox', 'inboxes'), '1 inbox');
    assert.equal(plural(3, 'inbox', 'inboxes'), '3 inboxes');
    assert.equal(plural(0, 'company', 'companies'), '0 companies');
  });

  it('every service names its containers in both forms, the plural not just a trailing s', () => {
    for (const descriptor of SERVICES.all) {
      const { one, many } = descriptor.containerNoun;
      assert.ok(one && many && one !== many, `${descriptor.id}: ${one} / ${many}`);
    }
    const agentsend = SERVICES.all.find((descriptor) => descriptor.containerNoun.one === 'inbox');
    assert.equal(agentsend?.containerNoun.many, 'inboxes');
  });

  it('no source file appends "s" to make a plural', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => APPENDED_S.test(fs.readFileSync(path.join(ROOT, 'src', file), 'utf8')));
    assert.deepEqual(files, []);
  });

  it('the check finds an appended s', () => {
    assert.ok(APPENDED_S.test("`${n} inbox${n === 1 ? '' : 's'}`"));
    assert.ok(!APPENDED_S.test("plural(n, 'inbox', 'inboxes')"));
  });
});
