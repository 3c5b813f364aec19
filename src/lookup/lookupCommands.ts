// Command-palette lookups: a customer by email (every account whose service can look up by
// email, plus threads of any service already seen with that address), customers by company, and
// opening a thread by id or link. Each also takes its argument for scripts and keybindings.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { plural, relativeTime } from '../domain/format';
import type { Account, Thread, ThreadSummary } from '../domain/model';
import type { ThreadTarget } from '../domain/target';
import type { Logger } from '../logger';
import { NotFoundError, describeError, isAbortError } from '../http/errors';
import type { Confirmations } from '../confirmations';
import { SERVICES, serviceDescriptor } from '../providers/registry';
import { notice } from '../sinks/notification';
import { pickDescription, pickDetail, pickLabel } from '../sinks/quickPick';
import type { ThreadStore } from '../store/threadStore';
import { emailProblem } from '../domain/email';
import { isViewNode, scriptArgs } from '../ui/viewNode';
import { combineStatements, type AccountStatement } from './statements';

/** A progress notification already on screen, which a step of the lookup reports into. */
interface ProgressShown {
  progress: vscode.Progress<{ message?: string; increment?: number }>;
  token: vscode.CancellationToken;
}


export interface LookupDeps {
  store: ThreadStore;
  accounts: { list(): readonly Account[]; get(id: string): Account | undefined };
  /** Shows a thread in its panel. */
  openPanel: (target: ThreadTarget) => void;
  log: Logger;
  confirmations: Confirmations;
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
  const lookupAccounts = (only: string | undefined, can: 'emailLookup' | 'companyLookup') =>
    deps.accounts.list().filter((account) => (!only || account.id === only) && serviceDescriptor(account.service).capabilities[can]);

  async function lookUpByEmail(args?: unknown): Promise<LookupResult | undefined> {
    const given = args === undefined ? undefined : emailArgs.safeParse(args);
    if (given && !given.success) throw new Error('threadline.lookupByEmail takes an email address or {email, accountId?}');
    const scripted = given?.data;
    const email =
      typeof scripted === 'string'
        ? scripted
        : (scripted?.email ??
          (await vscode.window.showInputBox({
            title: vscode.l10n.t('Look Up Customer by Email'),
            prompt: vscode.l10n.t('The customer’s email address'),
            placeHolder: vscode.l10n.t('sarah@example.com'),
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? emailProblem(value) : undefined),
          })));
    if (email === undefined || !email.trim()) return undefined;
    const problem = emailProblem(email);
    if (problem) {
      // Never sent anywhere: checked before any request.
      void vscode.window.showWarningMessage(notice`${problem}.`);
      return { query: email, hits: [], statements: [problem], errors: [] };
    }
    const address = email.trim();
    const accountId = typeof scripted === 'object' ? scripted.accountId : undefined;
    const accounts = lookupAccounts(accountId, 'emailLookup');
    const result: LookupResult = { query: address, hits: [], statements: [], errors: [] };
    const hits: LookupHit[] = [];

    const openDirectly = !(typeof scripted === 'object' && scripted.open === false);
    // One notification for the whole lookup: the accounts asked, then — when the one customer
    // found is still being processed — the service's progress, in the same notification.
    const followed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true }, async (progress, token) => {
      progress.report({ message: notice`Looking up ${address}…` });
      if (accounts.length > 0) {
        const cancelled = await askEachAccount(accounts, result, vscode.l10n.t('No customer with this email'), token, async (account, signal) => {
          const thread = await deps.store.lookupByEmail(account.id, address, signal);
          hits.push({ account, summary: thread, thread });
        });
        if (cancelled) return 'cancelled' as const;
      }
      // Conversations any service already showed with this address (unless one account was named).
      const found = new Set(hits.map((hit) => `${hit.account.id}\u0000${hit.summary.threadId}`));
      for (const seen of accountId ? [] : deps.store.threadsWithAddress(address)) {
        const account = deps.accounts.get(seen.accountId);
        if (account && !found.has(`${account.id}\u0000${seen.summary.threadId}`)) hits.push({ account, summary: seen.summary });
      }
      const only = hits.length === 1 ? hits[0] : undefined;
      if (only && openDirectly && only.thread?.state === 'processing') return openHit(only, address, { progress, token });
      return undefined;
    });
    if (followed === 'cancelled') return { ...result, cancelled: true };
    result.hits = hits.map((hit) => ({
      accountId: hit.account.id,
      service: hit.account.service,
      threadId: hit.summary.threadId,
      title: hit.summary.title,
      seen: hit.thread === undefined,
    }));

    if (hits.length === 0) {
      if (accounts.length === 0) result.statements.push(vscode.l10n.t('None of your accounts can look customers up by email ({0} can), and no thread seen so far has this address.', emailLookupServices()));
      return reportNothingFound(result);
    }
    if (result.errors.length) void vscode.window.showWarningMessage(notice`Not every account could look up ${address}: ${result.errors}`);
    if (followed) {
      result.opened = followed;
      return result;
    }
    if (!openDirectly) return result;
    const chosen = hits.length === 1 ? hits[0] : await pick(hits, vscode.l10n.t('Conversations with {0}', pickLabel(address)), true);
    if (chosen === SHOW_CUSTOMER) {
      await vscode.commands.executeCommand('threadline.showCustomer', address);
      return result;
    }
    if (!chosen) return result;
    const opened = await openHit(chosen, address);
    if (opened === 'cancelled') return { ...result, cancelled: true };
    if (opened) result.opened = opened;
    return result;
  }

  /** Opens a hit; a customer the service is still processing is followed to completion first. */
  async function openHit(hit: LookupHit, email: string, shown?: ProgressShown): Promise<{ accountId: string; threadId: string } | 'cancelled' | undefined> {
    const target = { accountId: hit.account.id, threadId: hit.thread?.threadId ?? hit.summary.threadId, ...(hit.summary.containerId ? { containerId: hit.summary.containerId } : {}) };
    if (hit.thread?.state === 'processing') {
      const settled = await followProcessing(hit.account, email, target, shown);
      if (!settled) return 'cancelled';
      // Once processed the service may know the customer by a new id: name the thread by that.
      target.threadId = deps.store.serviceIdOf(target.accountId, target.threadId);
    }
    deps.openPanel(target);
    return target;
  }

  /**
   * Follows a processing customer through the store (the one polling policy), reporting into the
   * lookup's notification when it is still shown, or into one of its own; Cancel stops the
   * requests. Resolves with the thread once it settles.
   */
  async function followProcessing(account: Account, email: string, target: ThreadTarget, shown?: ProgressShown): Promise<Thread | undefined> {
    if (!shown) {
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true }, (progress, token) => followProcessing(account, email, target, { progress, token }));
    }
    const { progress, token } = shown;
    const service = serviceDescriptor(account.service).name;
    return new Promise<Thread | undefined>((resolve) => {
      let reported = 0;
      const report = () => {
        const record = deps.store.thread(target.accountId, target.threadId);
        const processing = record?.summary.state === 'processing';
        const value = processing ? (record.summary.progress?.percent ?? 0) : 100;
        // Once Thred says completed, the notification says so (not "processing: 100%") until it closes.
        progress.report({ increment: Math.max(0, value - reported), message: processing ? notice`${service} is processing ${email}: ${value}%` : notice`${service} has finished ${email}` });
        reported = Math.max(reported, value);
        return record;
      };
      const finish = (thread: Thread | undefined) => {
        watch.dispose();
        changes.dispose();
        cancel.dispose();
        resolve(thread);
      };
      const check = () => {
        const record = report();
        if (!record) return;
        if (record.followError !== undefined) {
          void vscode.window.showErrorMessage(notice`${service} lookup failed — ${describeError(record.followError)}`);
          finish(undefined);
        } else if (record.follow === 'gaveUp') {
          void vscode.window.showWarningMessage(notice`${service} is still processing ${email}. Look the customer up again later.`);
          finish(undefined);
        } else if (record.summary.state !== 'processing') {
          finish(record.thread ?? (record.summary as Thread));
        }
      };
      const watch = deps.store.watch(target);
      const changes = deps.store.onDidChange((change) => {
        if (change.kind === 'thread' && change.accountId === target.accountId && change.threadId === target.threadId) check();
      });
      const cancel = token.onCancellationRequested(() => finish(undefined));
      check();
    });
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
            title: vscode.l10n.t('Look Up Customers by Company'),
            prompt: vscode.l10n.t('The company name (or part of it)'),
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a company name')),
          })));
    if (!name?.trim()) return undefined;
    const accounts = lookupAccounts(typeof scripted === 'object' ? scripted.accountId : undefined, 'companyLookup');
    const result: LookupResult = { query: name.trim(), hits: [], statements: [], errors: [] };
    if (accounts.length === 0) {
      result.statements.push(vscode.l10n.t('None of your accounts can list customers by company ({0} can).', companyLookupServices()));
      void vscode.window.showInformationMessage(notice`${result.statements[0]}`);
      return result;
    }
    const hits: LookupHit[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: notice`Looking up ${name.trim()}…`, cancellable: true }, (_progress, token) =>
      askEachAccount(accounts, result, vscode.l10n.t('No customers found'), token, async (account, signal) => {
        const { threads } = await deps.store.byCompany(account.id, name.trim(), signal);
        hits.push(...threads.map((summary) => ({ account, summary })));
      }),
    );
    result.hits = hits.map((hit) => ({ accountId: hit.account.id, service: hit.account.service, threadId: hit.summary.threadId, title: hit.summary.title, seen: false }));
    if (hits.length === 0) return reportNothingFound(result);
    if (typeof scripted === 'object' || typeof scripted === 'string') return result;
    const chosen = await pick(hits, vscode.l10n.t('Customers at {0}', pickLabel(name.trim())));
    if (chosen) {
      const target = { accountId: chosen.account.id, threadId: chosen.summary.threadId };
      deps.openPanel(target);
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
        void vscode.window.showInformationMessage(vscode.l10n.t('Add an account first (Threadline: Add Account…).'));
        return undefined;
      }
      account =
        accounts.length === 1
          ? accounts[0]
          : (
              await vscode.window.showQuickPick(
                accounts.map((candidate) => ({ label: pickLabel(candidate.label), description: serviceDescriptor(candidate.service).name, account: candidate })),
                { title: vscode.l10n.t('Open Thread by ID'), placeHolder: vscode.l10n.t('Which account is the thread in?') },
              )
            )?.account;
      if (!account) return undefined;
      const reference = serviceDescriptor(account.service).capabilities.threadReference;
      input = await vscode.window.showInputBox({
        title: vscode.l10n.t('Open Thread by ID — {0}', pickLabel(account.label)),
        prompt: reference.prompt,
        ignoreFocusOut: true,
        validateInput: (value) => {
          const parsed = reference.parse(value);
          return 'problem' in parsed ? parsed.problem : undefined;
        },
      });
    }
    if (input === undefined || !account) return undefined;
    const parsed = serviceDescriptor(account.service).capabilities.threadReference.parse(input);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const target = { accountId: account.id, ...parsed };
    deps.openPanel(target);
    return { accountId: target.accountId, threadId: target.threadId };
  }

  return [
    vscode.commands.registerCommand('threadline.lookupByEmail', lookUpByEmail),
    vscode.commands.registerCommand('threadline.lookupByCompany', lookUpByCompany),
    vscode.commands.registerCommand('threadline.openThreadById', openThreadById),
    vscode.commands.registerCommand('threadline.clearRecentLookups', async (args?: unknown) => {
      // The "Recent lookups" row of one account, a script's {accountId}, or every account.
      const given = scriptArgs(z.object({ accountId: z.string() }), args);
      const accountId = isViewNode(args) ? args.accountOfRow() : given?.accountId;
      const account = accountId ? deps.accounts.get(accountId) : undefined;
      const count = deps.store.recentLookups.list(accountId).length;
      const lookups = plural(count, vscode.l10n.t('recent lookup'), vscode.l10n.t('recent lookups'));
      if (count === 0) {
        void vscode.window.showInformationMessage(account ? notice`${account.label} has no recent lookups to clear.` : vscode.l10n.t('There are no recent lookups to clear.'));
        return false;
      }
      const scripted = given !== undefined;
      const clear = await deps.confirmations.confirm(
        scripted,
        account ? notice`Clear the ${lookups} of ${account.label}?` : count === 1 ? vscode.l10n.t('Clear the recent lookup of every account?') : vscode.l10n.t('Clear all {0} recent lookups of every account?', count),
        vscode.l10n.t('The list of customers you looked up is deleted. The customers and their threads are not affected.'),
        vscode.l10n.t('Clear'),
      );
      if (!clear) return false;
      const cleared = await deps.store.recentLookups.clear(accountId);
      if (!scripted) {
        const what = plural(cleared, vscode.l10n.t('recent lookup'), vscode.l10n.t('recent lookups'));
        void vscode.window.showInformationMessage(account ? notice`Cleared ${what} of ${account.label}.` : vscode.l10n.t('Cleared {0} of every account.', what));
      }
      return true;
    }),
  ];
}

/**
 * Asks every account at once (the caller shows the notification; Cancel aborts every request).
 * A service's "not found" becomes a statement in its own words — said once when every account
 * said the same — and any other failure an error line; resolves true if cancelled.
 */
async function askEachAccount(
  accounts: readonly Account[],
  result: LookupResult,
  notFound: string,
  token: vscode.CancellationToken,
  ask: (account: Account, signal: AbortSignal) => Promise<void>,
): Promise<boolean> {
  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  const statements: AccountStatement[] = [];
  try {
    await Promise.all(
      accounts.map(async (account) => {
        try {
          await ask(account, controller.signal);
        } catch (error) {
          if (isAbortError(error)) return;
          if (error instanceof NotFoundError) statements.push({ account: account.label, message: error.serviceMessage ?? notFound });
          else result.errors.push(`${account.label}: ${describeError(error)}`);
        }
      }),
    );
  } finally {
    cancel.dispose();
  }
  result.statements.push(...combineStatements(statements, accounts.length));
  return token.isCancellationRequested;
}

/** Nothing to open: says what the services said, and what failed. */
function reportNothingFound(result: LookupResult): LookupResult {
  if (result.statements.length) void vscode.window.showInformationMessage(notice`${result.statements}`);
  if (result.errors.length) void vscode.window.showErrorMessage(notice`Lookup failed — ${result.errors}`);
  return result;
}

/** The services that can look customers up by email, for "(Thred can)". */
function emailLookupServices(): string {
  return SERVICES.all.filter((descriptor) => descriptor.capabilities.emailLookup).map((descriptor) => descriptor.name).join(', ') || 'none';
}

function companyLookupServices(): string {
  return SERVICES.all.filter((descriptor) => descriptor.capabilities.companyLookup).map((descriptor) => descriptor.name).join(', ') || 'none';
}

/** The pick's last item: every conversation of the customer, in every account (Show Customer). */
const SHOW_CUSTOMER = 'showCustomer';

async function pick(hits: LookupHit[], title: string, offerCustomer: true): Promise<LookupHit | typeof SHOW_CUSTOMER | undefined>;
async function pick(hits: LookupHit[], title: string): Promise<LookupHit | undefined>;
async function pick(hits: LookupHit[], title: string, offerCustomer = false): Promise<LookupHit | typeof SHOW_CUSTOMER | undefined> {
  const showCustomer = { label: vscode.l10n.t('$(account) Show Customer…'), description: '', detail: vscode.l10n.t('Every conversation with this address, in every account, by day'), hit: SHOW_CUSTOMER } as const;
  const picked = await vscode.window.showQuickPick<{ label: string; description: string; detail: string; hit: LookupHit | typeof SHOW_CUSTOMER }>(
    [...hits.map((hit) => ({
      label: pickLabel(hit.summary.title),
      description: pickDescription(`${serviceDescriptor(hit.account.service).name} · ${hit.account.label}`),
      detail: pickDetail(
        [hit.summary.status, hit.thread ? undefined : vscode.l10n.t('seen in Threadline'), relativeTime(hit.summary.updatedAt)].filter(Boolean).join(' · '),
      ),
      hit,
    })), ...(offerCustomer ? [showCustomer] : [])],
    { title, placeHolder: vscode.l10n.t('Open which conversation?'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.hit;
}
