// Account commands. Each works interactively (QuickPick / InputBox) and also takes an argument
// object for scripted set-up, e.g. `threadline.addAccount` with {service, label, baseUrl, apiKey, options}.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { SERVICE_IDS, SERVICE_NAMES, type Account, type OptionValue, type ServiceId } from '../domain/model';
import { describeError } from '../http/errors';
import { baseUrlProblem, originOf } from '../http/origin';
import { summarizeIssues } from '../http/validation';
import { SERVICES, serviceDescriptor, type OptionDefinition } from '../providers/registry';
import { TybriteSource } from '../providers/tybrite/client';
import type { SourceRegistry } from '../sources';
import type { Logger } from '../http/client';
import { AccountNode } from '../tree/accountNode';
import { TreeNode } from '../tree/treeNode';
import { emailProblem } from '../lookup/emailAddress';
import { askModal } from '../modal';
import { optionValueSchema, sessionInputSchema } from './accountSettings';
import type { AccountStore } from './accountStore';

const addArgsSchema = z.object({
  service: z.enum(SERVICE_IDS),
  label: z.optional(z.string()),
  baseUrl: z.optional(z.string()),
  apiKey: z.optional(z.string()),
  options: z.optional(z.record(z.string(), optionValueSchema)),
  session: z.optional(sessionInputSchema),
  testConnection: z.optional(z.boolean()),
});

const accountArgsSchema = z.looseObject({ accountId: z.string() });
const editArgsSchema = z.object({
  accountId: z.string(),
  label: z.optional(z.string()),
  baseUrl: z.optional(z.string()),
  options: z.optional(z.record(z.string(), optionValueSchema)),
});
const keyArgsSchema = z.object({ accountId: z.string(), apiKey: z.optional(z.string()) });
const signInArgsSchema = z.object({ accountId: z.string(), email: z.optional(z.string()), password: z.optional(z.string()) });
const confirmArgsSchema = z.object({ accountId: z.string(), confirm: z.optional(z.boolean()) });

/**
 * What a script passed, or undefined when the command came from a row of the view or the
 * palette. A row is told apart by its type, never by the fields it happens to have.
 */
function scriptArgs<S extends z.ZodMiniType>(schema: S, args: unknown): z.output<S> | undefined {
  if (args instanceof TreeNode) return undefined;
  const parsed = schema.safeParse(args);
  return parsed.success ? parsed.data : undefined;
}

/** A script passed `{accountId}`: no confirmation dialogs. A tree row or the palette gets them. */
function isScriptedCall(args: unknown): boolean {
  return scriptArgs(accountArgsSchema, args) !== undefined;
}

/** Arguments given by a script, or nothing when the command was run by hand. */
function scripted<S extends z.ZodMiniType>(schema: S, args: unknown, command: string): z.output<S> | undefined {
  if (args === undefined || args === null) return undefined;
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    throw new Error(`${command}: ${summarizeIssues(parsed.error, args)}`);
  }
  return parsed.data;
}

export interface AccountCommandDeps {
  accounts: AccountStore;
  sources: SourceRegistry;
  log: Logger;
  /** Shows the account in the tree after it was added. */
  reveal: (accountId: string) => void;
}

export function registerAccountCommands(deps: AccountCommandDeps): vscode.Disposable[] {
  const { accounts } = deps;

  const pickAccount = async (args: unknown, placeHolder: string, only?: (account: Account) => boolean): Promise<Account | undefined> => {
    const accountId = args instanceof AccountNode ? args.accountId : scriptArgs(accountArgsSchema, args)?.accountId;
    if (accountId !== undefined) {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`No Threadline account ${accountId}`);
      return account;
    }
    const candidates = accounts.list().filter((account) => !only || only(account));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('Threadline has no matching account yet. Add one first.');
      return undefined;
    }
    if (candidates.length === 1) return candidates[0];
    const picked = await vscode.window.showQuickPick(
      candidates.map((account) => ({ label: account.label, description: SERVICE_NAMES[account.service], detail: originOf(account.baseUrl), account })),
      { placeHolder },
    );
    return picked?.account;
  };

  async function testConnection(account: Account, quiet: boolean): Promise<string> {
    const source = deps.sources.get(account);
    const run = async (signal?: AbortSignal) => source.testConnection(signal);
    const summary = quiet
      ? await run()
      : await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Testing ${account.label}…`, cancellable: true },
          (_progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return run(controller.signal);
          },
        );
    deps.log.info(`Connection test of ${account.label}: ${summary}`);
    return summary;
  }

  async function interactiveAdd(): Promise<Account | undefined> {
    const service = await vscode.window.showQuickPick(
      Object.values(SERVICES).map((descriptor) => ({ label: descriptor.name, detail: descriptor.detail, id: descriptor.id })),
      { placeHolder: 'Which service is the account on?', ignoreFocusOut: true, title: 'Add Threadline Account (1/4)' },
    );
    if (!service) return undefined;
    const descriptor = serviceDescriptor(service.id);
    const label = await vscode.window.showInputBox({
      title: 'Add Threadline Account (2/4)',
      prompt: 'A name for this account in the sidebar',
      value: descriptor.name,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'Enter a name'),
    });
    if (label === undefined) return undefined;
    const baseUrl = await vscode.window.showInputBox({
      title: 'Add Threadline Account (3/4)',
      prompt: `${descriptor.name} API base URL (the key is only ever sent here)`,
      value: descriptor.defaultBaseUrl,
      ignoreFocusOut: true,
      validateInput: (value) => baseUrlProblem(value.trim()),
    });
    if (baseUrl === undefined) return undefined;
    const apiKey = await askForKey(service.id, 'Add Threadline Account (4/4)');
    if (apiKey === undefined) return undefined;
    const options = await askForOptions(descriptor.options, {});
    if (options === undefined) return undefined;
    const account = await accounts.add({ service: service.id, label: label.trim(), baseUrl: baseUrl.trim(), apiKey, options });
    deps.reveal(account.id);
    if (account.service === 'tybrite') {
      const signIn = await vscode.window.showInformationMessage(
        `Tybrite needs the customer's session to read their threads. Sign in as the customer now?`,
        'Sign In',
        'Later',
      );
      if (signIn === 'Sign In') await signInTybrite(account, undefined);
    }
    await reportConnection(account);
    return account;
  }

  async function reportConnection(account: Account): Promise<void> {
    try {
      const summary = await testConnection(account, false);
      void vscode.window.showInformationMessage(`${account.label}: connected — ${summary}.`);
    } catch (error) {
      const choice = await vscode.window.showWarningMessage(`${account.label}: ${describeError(error)}`, 'Set API Key', 'Edit Account');
      if (choice === 'Set API Key') await vscode.commands.executeCommand('threadline.setApiKey', { accountId: account.id });
      if (choice === 'Edit Account') await vscode.commands.executeCommand('threadline.editAccount', { accountId: account.id });
    }
  }

  async function askForKey(service: ServiceId, title: string): Promise<string | undefined> {
    const descriptor = serviceDescriptor(service);
    const key = await vscode.window.showInputBox({
      title,
      prompt: `${descriptor.keyLabel} (kept in VS Code's secret storage)`,
      placeHolder: descriptor.keyPlaceholder,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => descriptor.keyProblem(value.trim()),
    });
    return key?.trim();
  }

  async function askForOptions(definitions: readonly OptionDefinition[], current: Record<string, OptionValue>): Promise<Record<string, OptionValue> | undefined> {
    const options: Record<string, OptionValue> = {};
    for (const option of definitions) {
      const existing = current[option.key] ?? option.defaultValue;
      if (option.kind === 'choice') {
        const picked = await vscode.window.showQuickPick(
          (option.choices ?? []).map((choice) => ({ label: choice, picked: choice === existing })),
          { placeHolder: option.prompt, title: option.label, ignoreFocusOut: true },
        );
        if (!picked) return undefined;
        options[option.key] = picked.label;
        continue;
      }
      const value = await vscode.window.showInputBox({
        title: option.label,
        prompt: option.prompt,
        value: Array.isArray(existing) ? existing.join(', ') : existing === undefined ? '' : String(existing),
        ignoreFocusOut: true,
        validateInput: (input) => {
          if (option.required && !input.trim()) return `${option.label} is required`;
          return input.trim() ? option.problem?.(input.trim()) : undefined;
        },
      });
      if (value === undefined) return undefined;
      if (value.trim()) {
        options[option.key] = option.kind === 'list' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value.trim();
      }
    }
    return options;
  }

  async function signInTybrite(account: Account, given: { email?: string | undefined; password?: string | undefined } | undefined): Promise<void> {
    const email =
      given?.email ??
      (await vscode.window.showInputBox({
        title: `Sign in to Tybrite — ${account.label}`,
        prompt: "The customer's email address",
        ignoreFocusOut: true,
        validateInput: (value) => emailProblem(value),
      }));
    if (email === undefined) return;
    const password =
      given?.password ??
      (await vscode.window.showInputBox({
        title: `Sign in to Tybrite — ${account.label}`,
        prompt: "The customer's password (sent to Tybrite only; not stored)",
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value ? undefined : 'Enter the password'),
      }));
    if (password === undefined) return;
    const source = deps.sources.get(account);
    if (!(source instanceof TybriteSource)) throw new Error(`${account.label} is not a Tybrite account`);
    const result = await source.signIn(email.trim(), password);
    await accounts.secrets.save(account, 'session', JSON.stringify(result.session));
    if (result.customerId && !account.options['customerId']) {
      await accounts.update(account.id, { options: { customerId: result.customerId } });
    }
    deps.log.info(`Signed in to Tybrite for ${account.label}`);
  }

  return [
    vscode.commands.registerCommand('threadline.addAccount', async (args?: unknown) => {
      const given = scripted(addArgsSchema, args, 'threadline.addAccount');
      if (!given) return (await interactiveAdd())?.id;
      const account = await accounts.add({
        service: given.service,
        ...(given.label !== undefined ? { label: given.label } : {}),
        ...(given.baseUrl !== undefined ? { baseUrl: given.baseUrl } : {}),
        ...(given.apiKey !== undefined ? { apiKey: given.apiKey } : {}),
        ...(given.options ? { options: given.options } : {}),
        ...(given.session ? { session: given.session } : {}),
      });
      if (given.testConnection) await testConnection(account, true);
      return account.id;
    }),

    vscode.commands.registerCommand('threadline.editAccount', async (args?: unknown) => {
      const given = scriptArgs(editArgsSchema, args);
      if (given && (given.label !== undefined || given.baseUrl !== undefined || given.options !== undefined)) {
        const changes: Partial<Pick<Account, 'label' | 'baseUrl' | 'options'>> = {};
        if (given.label !== undefined) changes.label = given.label;
        if (given.baseUrl !== undefined) changes.baseUrl = given.baseUrl;
        if (given.options !== undefined) changes.options = given.options;
        // A moved origin leaves the key unconfirmed: it is not sent until the user says so.
        return (await accounts.update(given.accountId, changes)).id;
      }
      const account = await pickAccount(args, 'Which account?');
      if (!account) return undefined;
      const descriptor = serviceDescriptor(account.service);
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'Label', description: account.label, field: 'label' as const },
          { label: 'Base URL', description: account.baseUrl, field: 'baseUrl' as const },
          ...(descriptor.options.length ? [{ label: 'Options', description: JSON.stringify(account.options), field: 'options' as const }] : []),
        ],
        { placeHolder: `Edit ${account.label}` },
      );
      if (!choice) return undefined;
      if (choice.field === 'label') {
        const label = await vscode.window.showInputBox({ prompt: 'Account name', value: account.label, validateInput: (value) => (value.trim() ? undefined : 'Enter a name') });
        if (label !== undefined) await accounts.update(account.id, { label: label.trim() });
      } else if (choice.field === 'baseUrl') {
        const baseUrl = await vscode.window.showInputBox({ prompt: `${descriptor.name} API base URL`, value: account.baseUrl, validateInput: (value) => baseUrlProblem(value.trim()) });
        if (baseUrl === undefined) return undefined;
        const updated = await accounts.update(account.id, { baseUrl: baseUrl.trim() });
        if (originOf(updated.baseUrl) !== originOf(account.baseUrl)) await confirmOrigin(updated, false);
      } else {
        const options = await askForOptions(descriptor.options, account.options);
        if (options) await accounts.update(account.id, { options });
      }
      return account.id;
    }),

    vscode.commands.registerCommand('threadline.removeAccount', async (args?: unknown) => {
      const account = await pickAccount(args, 'Remove which account?');
      if (!account) return false;
      if (!isScriptedCall(args)) {
        const answer = await askModal(`Remove ${account.label}?`, 'Its key and any session are deleted from VS Code’s secret storage.', 'Remove');
        if (answer !== 'Remove') return false;
      }
      await accounts.remove(account.id);
      deps.sources.forget(account.id);
      return true;
    }),

    vscode.commands.registerCommand('threadline.setApiKey', async (args?: unknown) => {
      const given = scriptArgs(keyArgsSchema, args);
      const account = await pickAccount(args, 'Set the key of which account?');
      if (!account) return false;
      const key = given?.apiKey !== undefined ? given.apiKey.trim() : await askForKey(account.service, `Set API Key — ${account.label}`);
      if (!key) return false;
      const problem = serviceDescriptor(account.service).keyProblem(key);
      if (problem) throw new Error(problem);
      await accounts.secrets.save(account, 'apiKey', key);
      deps.log.info(`Saved a new key for ${account.label}`);
      return true;
    }),

    vscode.commands.registerCommand('threadline.confirmKeyOrigin', async (args?: unknown) => {
      const account = await pickAccount(args, 'Confirm the key of which account?');
      if (!account) return false;
      return confirmOrigin(account, scriptArgs(confirmArgsSchema, args)?.confirm === true);
    }),

    vscode.commands.registerCommand('threadline.signInTybrite', async (args?: unknown) => {
      const given = scriptArgs(signInArgsSchema, args);
      const account = await pickAccount(args, 'Sign in for which Tybrite account?', (candidate) => candidate.service === 'tybrite');
      if (!account) return false;
      try {
        await signInTybrite(account, given);
        return true;
      } catch (error) {
        if (given?.password !== undefined) throw error;
        void vscode.window.showErrorMessage(`Sign-in failed: ${describeError(error)}`);
        return false;
      }
    }),

    vscode.commands.registerCommand('threadline.testConnection', async (args?: unknown) => {
      const account = await pickAccount(args, 'Test which account?');
      if (!account) return undefined;
      if (isScriptedCall(args)) return testConnection(account, true);
      await reportConnection(account);
      return undefined;
    }),
  ];

  async function confirmOrigin(account: Account, confirmed: boolean): Promise<boolean> {
    const state = await accounts.secrets.state(account, 'apiKey');
    if (state.status !== 'originChanged') return state.status === 'ok';
    if (!confirmed) {
      const answer = await askModal(
        `Send the key saved for ${state.savedFor} to ${originOf(account.baseUrl)}?`,
        'Only do this if the new address belongs to the same service. Otherwise enter a new key.',
        'Use Saved Key',
        'Enter New Key',
      );
      if (answer === 'Enter New Key') return (await vscode.commands.executeCommand<boolean>('threadline.setApiKey', { accountId: account.id })) ?? false;
      if (answer !== 'Use Saved Key') return false;
    }
    await accounts.secrets.rebind(account);
    deps.log.info(`Confirmed the saved key of ${account.label} for ${originOf(account.baseUrl)}`);
    return true;
  }
}
