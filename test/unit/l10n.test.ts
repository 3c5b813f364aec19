// Localizable: the manifest's words live in package.nls.json, and Threadline's own messages are
// filled in after translation (placeholders, never concatenation).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fillIn, t, useTranslator } from '../../src/l10n';
import { notice } from '../../src/sinks/notification';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('localizable words', () => {
  afterEach(() => useTranslator(undefined));

  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1] as string));
    assert.ok(used.size > 50, `the manifest names ${used.size} keys`);
    assert.deepEqual([...used].filter((key) => nls[key] === undefined), [], 'keys without words');
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'words no key uses');
    // Titles users read in the palette are not left as literals beside the keys.
    const commands = (JSON.parse(manifest) as { contributes: { commands: { title: string }[] } }).contributes.commands;
    assert.deepEqual(commands.filter((command) => !/^%.+%$/.test(command.title)), []);
  });

  it('fills placeholders after translation, once, and leaves unknown ones as written', () => {
    assert.equal(fillIn('{1} before {0}', ['a', 'b']), 'b before a');
    assert.equal(fillIn('{0} and {1}', ['{1}', 'x']), '{1} and x', 'a value is not read again for placeholders');
    assert.equal(fillIn('{0} of {2}', [3]), '3 of {2}');
  });

  it('core messages and notice`…` go through the installed translator, with service text neutralised after', () => {
    const asked: string[] = [];
    useTranslator((message, args) => {
      asked.push(message);
      return fillIn(message.replace('Exporting', 'Exportiere'), args);
    });
    assert.equal(t('{0} answered {1}', 'AgentSend', 500), 'AgentSend answered 500');
    assert.equal(notice`Exporting “${'[x](command:evil)'}”`, 'Exportiere “[x] (command:evil)”');
    assert.deepEqual(asked, ['{0} answered {1}', 'Exporting “{0}”']);
  });
});
