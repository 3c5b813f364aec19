// One tool result as text: Threadline's own words first (what this is), the notice, every piece
// of service text inside the customer-content block, then Threadline's notes (truncation, how to
// read more). Results are composed from items that a budget admits in order of importance but
// that read in their own order (a thread's latest messages are admitted first, shown oldest
// first). No vscode here.
import { customerContent, newBoundary, untrustedNotice } from '../markdown/assistantMarkdown';
import { cutToBudget, fitItems, type TokenBudget } from './budget';

export interface ResultParts {
  /** What the result is, in Threadline's words. */
  summary: string;
  /** Service text, already rendered through the assistant Markdown; inside the block. */
  content: readonly string[];
  /** Threadline's notes after the block. */
  notes: readonly string[];
}

export function composeResult(boundary: string, parts: ResultParts): string {
  const out = [parts.summary];
  if (parts.content.length) out.push('', untrustedNotice(boundary), '', customerContent(boundary, parts.content));
  if (parts.notes.length) out.push('', ...parts.notes);
  return `${out.join('\n')}\n`;
}

/**
 * An item of a result: the section it belongs to, its place there, and its text — rendered when
 * first read, so a budget that looks at 60 of 10,000 messages renders 60.
 */
export class ResultItem {
  private rendered: string | undefined;

  constructor(
    readonly section: number,
    readonly order: number,
    private readonly render: () => string,
  ) {}

  get text(): string {
    this.rendered ??= this.render();
    return this.rendered;
  }
}

/**
 * Content of the first `count` items (in admission order), laid out by section and place: a
 * blank line between blocks, a plain line break between the entries of a `lists` section.
 */
export function layOut(items: readonly ResultItem[], count: number, fixed: ReadonlyMap<number, string> = new Map(), lists: ReadonlySet<number> = new Set()): string[] {
  const chosen = items.slice(0, count);
  const sections = [...new Set([...fixed.keys(), ...chosen.map((item) => item.section)])].sort((a, b) => a - b);
  return sections.map((section) => {
    const entries = chosen
      .filter((item) => item.section === section)
      .sort((a, b) => a.order - b.order)
      .map((item) => item.text)
      .join(lists.has(section) ? '\n' : '\n\n');
    return [fixed.get(section), entries].filter(Boolean).join('\n\n');
  });
}

/**
 * The result with as many items as the budget admits. `parts(count)` gives the result's parts
 * with the first `count` items; when not even none fit, Threadline's own short statement does.
 */
export async function budgetedResult(
  items: readonly ResultItem[],
  parts: (count: number) => ResultParts,
  budget: TokenBudget,
  signal: AbortSignal,
): Promise<{ text: string; shown: number }> {
  const boundary = newBoundary();
  const fitted = await fitItems(items.length, (index) => (items[index] as ResultItem).text, (count) => composeResult(boundary, parts(count)), budget, signal);
  if (fitted) return { text: fitted.text, shown: fitted.count };
  const statement = `Threadline could not fit this result into the ${budget.limit}-token budget. Ask for less (a narrower query, a smaller range) or with a larger budget.`;
  return { text: await cutToBudget('', budget, statement), shown: 0 };
}
