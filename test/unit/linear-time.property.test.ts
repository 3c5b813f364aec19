// Every function that reads service text runs in time linear in its input: 10× the input takes
// well under 20× the time, on the shapes that make backtracking patterns quadratic (`<` runs,
// whitespace and line-break runs, unclosed tags and comments, deep nesting, long words before a
// colon) and on shapes fast-check builds from those pieces. This is a ratio, not a time limit:
// each side is the fastest of several samples, each sample runs the function until a few
// milliseconds have passed, so a busy machine slows both sides alike. A quadratic function
// shows ~100× here (htmlToText and escapeMarkdown did, before issue 11).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Message, Thread } from '../../src/domain/model';
import { decodeEntities, htmlToText } from '../../src/markdown/htmlText';
import { renderThreadMarkdown } from '../../src/markdown/render';
import { safeFileName } from '../../src/sinks/fileName';
import { documentMarkdown, documentParagraphs, escapeDocumentText } from '../../src/sinks/markdownDocument';
import { logLine } from '../../src/sinks/logLine';
import { oneLine, visibleText } from '../../src/sinks/text';
import { markdownLiteral } from '../../src/sinks/tooltip';

const SMALL = 1_000;
const GROWTH = 10;
/** A linear function stays far below this for 10× the input; a quadratic one is near 100. */
const MAX_RATIO = 20;

const origin = { serviceName: 'SiteGPT', accountLabel: 'Bot' };
const thread = (title: string): Thread => ({ threadId: 't', title, state: 'open', badges: [], participants: [], links: [], cards: [] });
const message = (kind: 'text' | 'markdown', text: string): Message => ({ type: 'message', id: 'm', author: { role: 'bot', name: text.slice(0, 200) }, to: [], cc: [], body: { kind, text }, attachments: [], sources: [] });

/** The text functions, each without its output cap where it has one, so the work itself is measured. */
const FUNCTIONS: [string, (input: string) => unknown][] = [
  ['htmlToText', htmlToText],
  ['decodeEntities', decodeEntities],
  ['escapeDocumentText', (input) => escapeDocumentText(input)],
  ['documentParagraphs', documentParagraphs],
  ['documentMarkdown (markdown-it, written out again)', documentMarkdown],
  ['renderThreadMarkdown', (input) => renderThreadMarkdown(origin, thread(input), [message('text', input), message('markdown', input)])],
  ['visibleText', visibleText],
  ['oneLine', (input) => oneLine(input, input.length)],
  ['markdownLiteral (tooltips)', (input) => markdownLiteral(input, input.length)],
  ['safeFileName', (input) => safeFileName(input, 'x', input.length)],
  ['logLine', logLine],
];

/** Shapes that are quadratic for the usual patterns. */
const SHAPES = [
  '<', '<script', ' \n', '<a ', '<a title="', '<!--', '<![CDATA[', '</', '[', '[a](', '![', '*a', '_a ', '**', '> ', '- ', '1. ', '    ',
  '&#', '&amp', '&', '\\', '`', '``a', 'http://a', 'https:', 'file:', 'a', 'a:', '\u202E', '\u200B', '|a', '~~a', '<http://', '\t\n', '\r\n', '$(', '](',
];

const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Milliseconds per call: the function runs until at least `minMs` have passed. */
function perCall(run: () => unknown, minMs = 3): number {
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    run();
    calls++;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return elapsed / calls;
}

function fastest(run: () => unknown, samples = 3): number {
  let best = Infinity;
  for (let sample = 0; sample < samples; sample++) best = Math.min(best, perCall(run));
  return best;
}

/**
 * The growth of the time from SMALL to GROWTH×SMALL characters of `unit`, the best of up to ten
 * measurements: only a ratio over the limit is measured again, and a pause (a garbage collection,
 * another process) rarely lands on ten in a row, while a quadratic function fails every one.
 */
function growth(fn: (input: string) => unknown, unit: string): number {
  const small = repeatTo(unit, SMALL);
  const large = repeatTo(unit, SMALL * GROWTH);
  let best = Infinity;
  for (let attempt = 0; attempt < 10 && best >= MAX_RATIO; attempt++) {
    best = Math.min(best, fastest(() => fn(large)) / fastest(() => fn(small)));
  }
  return best;
}

describe('text functions run in linear time (ratio of times, not a time limit)', function () {
  this.timeout(180_000);

  for (const [name, fn] of FUNCTIONS) {
    it(`${name}: 10× the input takes under ${MAX_RATIO}× the time on every adversarial shape`, () => {
      const slow: string[] = [];
      for (const unit of SHAPES) {
        const ratio = growth(fn, unit);
        if (ratio >= MAX_RATIO) slow.push(`${JSON.stringify(unit)} ×${ratio.toFixed(1)}`);
      }
      assert.deepEqual(slow, []);
    });
  }

  it('the same holds for shapes built from those pieces (fast-check)', () => {
    const unit = fc
      .array(fc.constantFrom(...SHAPES, 'x', ' ', '\n', '"', "'", '=', '>', ')', ':', '/', '#', '.'), { minLength: 2, maxLength: 6 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(unit, fc.constantFrom(...FUNCTIONS), (shape, [, fn]) => growth(fn, shape) < MAX_RATIO),
      { numRuns: 25 },
    );
  });

  it('the repro inputs of issue 11 are handled at their full size', () => {
    // 280 KB of `<script` took 16.7 s before; 80 KB of space-newline took 11.1 s.
    const started = performance.now();
    htmlToText('<script'.repeat(40_000));
    documentParagraphs(' \n'.repeat(40_000));
    escapeDocumentText(' \n'.repeat(40_000));
    // Reported, not asserted: a time limit would depend on the machine.
    console.log(`      (both repro inputs: ${Math.round(performance.now() - started)} ms)`);
    assert.ok(growth(htmlToText, '<script') < MAX_RATIO && growth(documentParagraphs, ' \n') < MAX_RATIO);
  });
});
