// Command-palette lookups: a customer by email (every account whose service can look up by
// email, plus threads of any service already seen with that address), customers by company, and
// opening a thread by id or link. Each also takes its argument for scripts and keybindings.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { AccountStore } from '../accounts/accountStore';
import type { Clock } from '../clock';
import { SERVICE_NAMES, type Account, type Thread, type ThreadSummary } from '../domain/model';
import type { Logger } from '../http/client';
import { NotFoundError, describeError, isAbortError } from '../http/errors';
import type { ThreadPanelManager } from '../panel/panelManager';
import { THRED_PROCESSING_POLL as POLL } from '../providers/thred/client';
import { canLookUpByCompany, canLookUpByEmail } from '../providers/types';
import type { SourceRegistry } from '../sources';
import { emailProblem } from './emailAddress';
import { RecentLookupsNode, type RecentLookups } from './recentLookups';
import type { SeenThreads } from './seenThreads';
import { parseThreadReference } from './threadReference';


export interface LookupDeps {
  accounts: AccountStore;
  sources: SourceRegistry;
  panels: ThreadPanelManager;
  seen: SeenThreads;
  recent: RecentLookups;
  log: Logger;
  /** Paces the polling of a customer Thred is still processing. */
  clock: Clock;
}

/** One conversation a lookup found. */
export interface LookupHit {
  account: Account;
  summary: ThreadSummary;
  /** From the service's lookup itself (rather than from threads already seen). */
  thread?: Thread;
}

/** What a lookup command returns to scripts and tests. */
export interface LookupResult {
  query: string;
  hits: { accountId: string; service: string; threadId: string; title: string; seen: boolean }[];
  /** Plain statements from services ("Customer not found with this email"). */
  statements: string[];
  errors: string[];
  opened?: { accountId: string; threadId: string };
  cancelled?: boolean;
}

/**
 * An address, or {email, accountId?, open?}: with an account only that account is asked and its
 * hit opens directly; `open: false` returns what was found without opening or asking anything.
 */
const emailArgs = z.union([z.string(), z.object({ email: z.string(), accountId: z.optional(z.string()), open: z.optional(z.boolean()) })]);
const companyArgs = z.union([z.string(), z.object({ name: z.string(), accountId: z.optional(z.string()) })]);
const byIdArgs = z.object({ accountId: z.string(), id: z.string() });

export function registerLookupCommands(deps: LookupDeps): vscode.Disposable[] {
  const lookupAccounts = (only?: string, can: (account: Account) => boolean = (account) => canLookUpByEmail(deps.sources.get(account))) =>
    deps.accounts.list().filter((account) => (!only || account.id === only) && can(account));

  async function lookUpByEmail(args?: unknown): Promise<LookupResult | undefined> {
    const given = args === undefined ? undefined : emailArgs.safeParse(args);
    if (given && !given.success) throw new Error('threadline.lookupByEmail takes an email address or {email, accountId?}');
    const scripted = given?.data;
    const email =
      typeof scripted === 'string'
        ? scripted
        : (scripted?.email ??
          (await vscode.window.showInputBox({
            title: 'Look Up Customer by Email',
            prompt: 'The customer’s email address',
            placeHolder: 'sarah@example.com',
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? emailProblem(value) : undefined),
          })));
    if (email === undefined || !email.trim()) return undefined;
    const problem = emailProblem(email);
    if (problem) {
      // Never sent anywhere: checked before any request.
      void vscode.window.showWarningMessage(`${problem}.`);
      return { query: email, hits: [], statements: [problem], errors: [] };
    }
    const address = email.trim();
    const accountId = typeof scripted === 'object' ? scripted.accountId : undefined;
    const accounts = lookupAccounts(accountId);
    const result: LookupResult = { query: address, hits: [], statements: [], errors: [] };
    const hits: LookupHit[] = [];

    if (accounts.length > 0) {
      const cancelled = await askEachAccount(`Looking up ${address}…`, accounts, result, 'No customer with this email', async (account, signal) => {
        const source = deps.sources.get(account);
        if (!canLookUpByEmail(source)) return;
        const thread = await source.lookupByEmail(address, signal);
        hits.push({ account, summary: thread, thread });
        await deps.recent.add(address, account.id);
      });
      if (cancelled) return { ...result, cancelled: true };
    }

    // Conversations any service already showed with this address (unless one account was named).
    const found = new Set(hits.map((hit) => `${hit.account.id}\u0000${hit.summary.threadId}`));
    for (const seen of accountId ? [] : deps.seen.find(address)) {
      const account = deps.accounts.get(seen.accountId);
      if (account && !found.has(`${account.id}\u0000${seen.summary.threadId}`)) hits.push({ account, summary: seen.summary });
    }
    result.hits = hits.map((hit) => ({
      accountId: hit.account.id,
      service: hit.account.service,
      threadId: hit.summary.threadId,
      title: hit.summary.title,
      seen: hit.thread === undefined,
    }));

    if (hits.length === 0) {
      if (accounts.length === 0) result.statements.push('None of your accounts can look customers up by email (Thred can), and no thread seen so far has this address.');
      return reportNothingFound(result);
    }
    if (result.errors.length) void vscode.window.showWarningMessage(`Some accounts could not look ${address} up — ${result.errors.join(' · ')}`);
    if (typeof scripted === 'object' && scripted.open === false) return result;
    const chosen = hits.length === 1 ? hits[0] : await pick(hits, `Conversations with ${address}`);
    if (!chosen) return result;
    const opened = await openHit(chosen, address);
    if (opened === 'cancelled') return { ...result, cancelled: true };
    if (opened) result.opened = opened;
    return result;
  }

  /** Opens a hit; a Thred customer still being processed is followed to completion first. */
  async function openHit(hit: LookupHit, email: string): Promise<{ accountId: string; threadId: string } | 'cancelled' | undefined> {
    let thread = hit.thread;
    if (thread?.facts.service === 'thred' && thread.facts.processing) {
      thread = await followProcessing(hit.account, email, thread);
      if (!thread) return 'cancelled';
    }
    const target = { accountId: hit.account.id, threadId: thread?.threadId ?? hit.summary.threadId, ...(hit.summary.containerId ? { containerId: hit.summary.containerId } : {}) };
    deps.panels.open(target);
    return target;
  }

  /** Polls with backoff until Thred says completed; Cancel stops the requests. */
  async function followProcessing(account: Account, email: string, first: Thread): Promise<Thread | undefined> {
    const source = deps.sources.get(account);
    if (!canLookUpByEmail(source)) return first;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Thred is processing ${email}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let thread = first;
        let shown = 0;
        const report = (value: number) => {
          progress.report({ increment: Math.max(0, value - shown), message: `${value}%` });
          shown = Math.max(shown, value);
        };
        report(percent(thread));
        let wait: number = POLL.firstMs;
        try {
          while (thread.facts.service === 'thred' && thread.facts.processing) {
            await deps.clock.sleep(wait, controller.signal);
            wait = Math.min(POLL.maxMs, Math.round(wait * POLL.factor));
            thread = await source.lookupByEmail(email, controller.signal);
            report(percent(thread));
          }
          return thread;
        } catch (error) {
          if (isAbortError(error) || token.isCancellationRequested) return undefined;
          void vscode.window.showErrorMessage(`Thred lookup failed — ${describeError(error)}`);
          return undefined;
        }
      },
    );
  }

  async function lookUpByCompany(args?: unknown): Promise<LookupResult | undefined> {
    const given = args === undefined ? undefined : companyArgs.safeParse(args);
    if (given && !given.success) throw new Error('threadline.lookupByCompany takes a company name or {name, accountId?}');
    const scripted = given?.data;
    const name =
      typeof scripted === 'string'
        ? scripted
        : (scripted?.name ??
          (await vscode.window.showInputBox({
            title: 'Look Up Customers by Company',
            prompt: 'The company name (or part of it)',
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : 'Enter a company name'),
          })));
    if (!name?.trim()) return undefined;
    const accounts = lookupAccounts(typeof scripted === 'object' ? scripted.accountId : undefined, (account) => canLookUpByCompany(deps.sources.get(account)));
    const result: LookupResult = { query: name.trim(), hits: [], statements: [], errors: [] };
    if (accounts.length === 0) {
      result.statements.push('None of your accounts can list customers by company (Thred can).');
      void vscode.window.showInformationMessage(result.statements[0] as string);
      return result;
    }
    const hits: LookupHit[] = [];
    await askEachAccount(`Looking up ${name.trim()}…`, accounts, result, 'No customers found', async (account, signal) => {
      const source = deps.sources.get(account);
      if (!canLookUpByCompany(source)) return;
      const { threads } = await source.byCompany(name.trim(), signal);
      hits.push(...threads.map((summary) => ({ account, summary })));
    });
    for (const hit of hits) deps.seen.record(hit.account.id, [hit.summary]);
    result.hits = hits.map((hit) => ({ accountId: hit.account.id, service: hit.account.service, threadId: hit.summary.threadId, title: hit.summary.title, seen: false }));
    if (hits.length === 0) return reportNothingFound(result);
    if (typeof scripted === 'object' || typeof scripted === 'string') return result;
    const chosen = await pick(hits, `Customers at ${name.trim()}`);
    if (chosen) {
      const target = { accountId: chosen.account.id, threadId: chosen.summary.threadId };
      deps.panels.open(target);
      result.opened = target;
    }
    return result;
  }

  async function openThreadById(args?: unknown): Promise<{ accountId: string; threadId: string } | undefined> {
    const given = args === undefined ? undefined : byIdArgs.safeParse(args);
    if (given && !given.success) throw new Error('threadline.openThreadById takes {accountId, id}');
    let account: Account | undefined;
    let input: string | undefined;
    if (given?.data) {
      account = deps.accounts.get(given.data.accountId);
      if (!account) throw new Error(`No Threadline account ${given.data.accountId}`);
      input = given.data.id;
    } else {
      const accounts = deps.accounts.list();
      if (accounts.length === 0) {
        void vscode.window.showInformationMessage('Add an account first (Threadline: Add Account…).');
        return undefined;
      }
      account =
        accounts.length === 1
          ? accounts[0]
          : (
              await vscode.window.showQuickPick(
                accounts.map((candidate) => ({ label: candidate.label, description: SERVICE_NAMES[candidate.service], account: candidate })),
                { title: 'Open Thread by ID', placeHolder: 'Which account is the thread in?' },
              )
            )?.account;
      if (!account) return undefined;
      const service = account.service;
      input = await vscode.window.showInputBox({
        title: `Open Thread by ID — ${account.label}`,
        prompt: service === 'thred' ? 'A customer id or a Thred share link (https://app.thred.ai/share/…)' : `A ${SERVICE_NAMES[service]} thread id`,
        ignoreFocusOut: true,
        validateInput: (value) => {
          const parsed = parseThreadReference(service, value);
          return 'problem' in parsed ? parsed.problem : undefined;
        },
      });
    }
    if (input === undefined || !account) return undefined;
    const parsed = parseThreadReference(account.service, input);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const target = { accountId: account.id, ...parsed };
    deps.panels.open(target);
    return { accountId: target.accountId, threadId: target.threadId };
  }

  return [
    vscode.commands.registerCommand('threadline.lookupByEmail', lookUpByEmail),
    vscode.commands.registerCommand('threadline.lookupByCompany', lookUpByCompany),
    vscode.commands.registerCommand('threadline.openThreadById', openThreadById),
    vscode.commands.registerCommand('threadline.clearRecentLookups', (args?: unknown) => {
      // The "Recent lookups" row of one account (by type), a script's {accountId}, or every account.
      const accountId = args instanceof RecentLookupsNode ? args.accountId : z.object({ accountId: z.string() }).safeParse(args).data?.accountId;
      return deps.recent.clear(accountId);
    }),
  ];
}

/**
 * Asks every account at once under one cancellable notification. A service's "not found" becomes
 * a statement in its own words, any other failure an error line; resolves true if cancelled.
 */
async function askEachAccount(
  title: string,
  accounts: readonly Account[],
  result: LookupResult,
  notFound: string,
  ask: (account: Account, signal: AbortSignal) => Promise<void>,
): Promise<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    await Promise.all(
      accounts.map(async (account) => {
        try {
          await ask(account, controller.signal);
        } catch (error) {
          if (isAbortError(error)) return;
          if (error instanceof NotFoundError) result.statements.push(statement(account, accounts.length, error.serviceMessage ?? notFound));
          else result.errors.push(`${account.label}: ${describeError(error)}`);
        }
      }),
    );
    return token.isCancellationRequested;
  });
}

/** Nothing to open: says what the services said, and what failed. */
function reportNothingFound(result: LookupResult): LookupResult {
  if (result.statements.length) void vscode.window.showInformationMessage(result.statements.join(' · '));
  if (result.errors.length) void vscode.window.showErrorMessage(`Lookup failed — ${result.errors.join(' · ')}`);
  return result;
}

function percent(thread: Thread): number {
  return thread.facts.service === 'thred' ? (thread.facts.processing ? thread.facts.progress : 100) : 100;
}

/** A service's own words; prefixed with the account only when several were asked. */
function statement(account: Account, accountsAsked: number, message: string): string {
  return accountsAsked > 1 ? `${account.label}: ${message}` : message;
}

async function pick(hits: LookupHit[], title: string): Promise<LookupHit | undefined> {
  const picked = await vscode.window.showQuickPick(
    hits.map((hit) => ({
      label: hit.summary.title,
      description: `${SERVICE_NAMES[hit.account.service]} · ${hit.account.label}`,
      detail: [hit.summary.status, hit.thread ? undefined : 'seen in Threadline', hit.summary.updatedAt && new Date(hit.summary.updatedAt).toLocaleString()]
        .filter(Boolean)
        .join(' · '),
      hit,
    })),
    { title, placeHolder: 'Open which conversation?', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.hit;
}
