// Threadline's language model tools, registered with VS Code (`vscode.lm.registerTool`; contributed
// in package.json, shown only once an account exists). Each checks its input, turns the call's
// cancellation into an abort of everything it started, honours the chat's token budget and
// counter (`tokenizationOptions`), and says in `prepareInvocation` what it is about to read.
import * as vscode from 'vscode';
import type { Clock } from '../clock';
import type { Instrumentation } from '../instrumentation';
import type { Logger } from '../logger';
import type { ServiceRegistry } from '../providers/registry';
import type { ThreadStore } from '../store/threadStore';
import { DEFAULT_TOOL_TOKENS, estimatedBudget, type TokenBudget } from './budget';
import { INPUT_SCHEMAS, TOOL_NAMES, parseInput, type ListInput, type LookupInput, type ReadInput, type SearchInput, type ToolName } from './inputs';
import { listThreads } from './listThreads';
import { lookupCustomer } from './lookupCustomer';
import { readThread, type ToolCall } from './readThread';
import type { AccountList } from './scope';
import type { ConversationSearch } from './search';
import { searchConversations } from './searchConversations';
import { listMessage, lookupMessage, readMessage, searchMessage } from './invocationMessages';

export interface ToolsDeps {
  store: ThreadStore;
  accounts: AccountList;
  services: ServiceRegistry;
  search: ConversationSearch;
  /** The clock the store polls on: a lookup's bounded wait runs on it too. */
  clock: Clock;
  log: Logger;
  instrumentation: Instrumentation;
}

/** The call's budget: the chat's own, or an estimate of DEFAULT_TOOL_TOKENS. */
function budgetOf(options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): TokenBudget {
  const given = options.tokenizationOptions;
  if (!given) return estimatedBudget(DEFAULT_TOOL_TOKENS);
  return { limit: Math.max(0, Math.floor(given.tokenBudget)), count: async (text) => given.countTokens(text, token) };
}

function tool<T>(deps: ToolsDeps, name: ToolName, run: (input: T, call: ToolCall) => Promise<string>, describe: (input: T) => string): vscode.LanguageModelTool<unknown> {
  const schema = INPUT_SCHEMAS[name] as unknown as Parameters<typeof parseInput<T>>[0];
  return {
    prepareInvocation(options) {
      const parsed = schema.safeParse(options.input);
      return { invocationMessage: parsed.success ? describe(parsed.data) : vscode.l10n.t('Reading Threadline conversations') };
    },
    async invoke(options, token) {
      const input = parseInput(schema, name, options.input);
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      if (token.isCancellationRequested) controller.abort();
      const started = Date.now();
      try {
        const text = await run(input, { signal: controller.signal, budget: budgetOf(options, token) });
        deps.instrumentation.toAssistant(text);
        deps.log.info(`${name}: ${text.length} characters in ${Date.now() - started} ms`);
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
      } catch (error) {
        if (controller.signal.aborted) {
          deps.log.info(`${name}: cancelled`);
          throw new vscode.CancellationError();
        }
        deps.log.warn(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      } finally {
        cancel.dispose();
      }
    },
  };
}

export function registerTools(deps: ToolsDeps): vscode.Disposable[] {
  return [
    vscode.lm.registerTool(TOOL_NAMES.search, tool<SearchInput>(deps, TOOL_NAMES.search, (input, call) => searchConversations(deps, input, call), searchMessage)),
    vscode.lm.registerTool(TOOL_NAMES.read, tool<ReadInput>(deps, TOOL_NAMES.read, (input, call) => readThread(deps, input, call), (input) => readMessage(deps, input))),
    vscode.lm.registerTool(TOOL_NAMES.lookup, tool<LookupInput>(deps, TOOL_NAMES.lookup, (input, call) => lookupCustomer(deps, input, call), (input) => lookupMessage(deps, input))),
    vscode.lm.registerTool(TOOL_NAMES.list, tool<ListInput>(deps, TOOL_NAMES.list, (input, call) => listThreads(deps, input, call), listMessage)),
  ];
}
