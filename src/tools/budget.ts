// How much an assistant's tool may return. A chat gives each tool call a token budget and the
// model's own counter (`tokenizationOptions`); the result must fit it, measured by that counter.
// Without one, a conservative estimate stands in. Results are built from items in the order the
// reader wants them (the latest messages, the best hits); `fitItems` finds how many fit with a
// handful of counts, never one count per item — a count may be a round trip to the model's
// tokenizer, and a thread may have 10,000 messages. No vscode here: it is tested under Node.

export interface TokenBudget {
  /** The most tokens the result may take. */
  readonly limit: number;
  /** Tokens in a text, as the consumer counts them. */
  count(text: string): Promise<number>;
}

/** Roughly four characters a token in English prose; escaped Markdown runs denser, hence 3.5. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

/** A budget counted by the estimate, where the caller gave no counter. */
export function estimatedBudget(limit: number): TokenBudget {
  return { limit, count: async (text) => estimateTokens(text) };
}

/** Tool results without a budget from the chat: about 8,000 tokens. */
export const DEFAULT_TOOL_TOKENS = 8_000;
/** "Copy Thread for Chat": about 32,000 tokens, what common chat assistants take in one paste. */
export const COPY_FOR_CHAT_TOKENS = 32_000;

/** The most counts one fit makes (each may be a round trip). */
const MAX_COUNTS = 12;

export interface Fitted {
  /** How many items made it in. */
  count: number;
  text: string;
  /** Tokens of `text` by the budget's counter. */
  tokens: number;
}

/**
 * The most items, taken in order, whose composed result fits the budget, with the result.
 * `compose(n)` builds the whole result with the first n items (n = 0 included); `item(i)` is
 * item i's own text, used only to estimate. Undefined when not even `compose(0)` fits.
 */
export async function fitItems(
  total: number,
  item: (index: number) => string,
  compose: (count: number) => string,
  budget: TokenBudget,
  signal?: AbortSignal,
): Promise<Fitted | undefined> {
  // First guess by the estimate, reading items only until they would overflow it.
  let estimated = estimateTokens(compose(0));
  let guess = 0;
  while (guess < total) {
    const next = estimated + estimateTokens(item(guess)) + 1;
    if (next > budget.limit) break;
    estimated = next;
    guess++;
  }
  let fits: Fitted | undefined;
  /** The fewest items known not to fit. */
  let overflows = total + 1;
  for (let round = 0; round < MAX_COUNTS; round++) {
    signal?.throwIfAborted();
    const text = compose(guess);
    const tokens = await budget.count(text);
    if (tokens <= budget.limit) {
      if (!fits || guess > fits.count) fits = { count: guess, text, tokens };
    } else {
      overflows = Math.min(overflows, guess);
    }
    const low = fits?.count ?? -1;
    if (overflows - low <= 1 || (fits && fits.count === total)) break;
    guess = nextGuess(low, overflows, guess, tokens, budget.limit, total);
  }
  if (!fits && overflows > 0) {
    // Every count so far overflowed: the last word is whether nothing at all fits.
    const text = compose(0);
    const tokens = await budget.count(text);
    if (tokens <= budget.limit) fits = { count: 0, text, tokens };
  }
  return fits;
}

/** Where to count next: the last guess scaled by how far its count was from the limit, or halfway. */
function nextGuess(low: number, overflows: number, last: number, tokens: number, limit: number, total: number): number {
  /** The most items not yet known to overflow. */
  const upper = Math.min(overflows - 1, total);
  const scaled = tokens > 0 ? Math.floor((last * limit) / tokens) : upper;
  if (scaled > low && scaled <= upper && scaled !== last) return scaled;
  return Math.max(low + 1, Math.floor((low + 1 + upper) / 2));
}

/**
 * Text cut to fit the budget (a last resort for a result whose smallest form overflows): the
 * longest prefix that fits, found by halving, ending with a note that it was cut.
 */
export async function cutToBudget(text: string, budget: TokenBudget, note: string): Promise<string> {
  let low = 0;
  let high = text.length;
  let best = note;
  if ((await budget.count(note)) > budget.limit) return '';
  for (let round = 0; round < MAX_COUNTS && low < high; round++) {
    const middle = Math.ceil((low + high) / 2);
    const candidate = `${text.slice(0, middle)}\n${note}`;
    if ((await budget.count(candidate)) <= budget.limit) {
      low = middle;
      best = candidate;
    } else {
      high = middle - 1;
    }
  }
  return best;
}
