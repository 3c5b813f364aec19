// The file name Export suggests from a thread's title: accepted by Windows, macOS and Linux alike.
import * as assert from 'node:assert/strict';
import { exportFileName } from '../../src/threads/fileName';

describe('export file names', () => {
  it('drop separators, characters Windows forbids and control characters', () => {
    assert.equal(exportFileName('Re: invoice <#42> / "final"?', 'md'), 'Re invoice #42 final.md');
    assert.equal(exportFileName('a\u0000b\nc\td', 'json'), 'a b c d.json');
  });

  it('never end in a dot or space, never a reserved device name, never empty', () => {
    assert.equal(exportFileName('Done...  ', 'md'), 'Done.md');
    assert.equal(exportFileName('CON', 'md'), 'CON thread.md');
    assert.equal(exportFileName('???', 'json'), 'thread.json');
  });

  it('keep the name to 60 characters before the extension', () => {
    assert.equal(exportFileName('x'.repeat(100), 'md'), `${'x'.repeat(60)}.md`);
  });
});
