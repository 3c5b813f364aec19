// Account commands. Each works interactively (QuickPick / InputBox) and also takes an argument
// object for scripted set-up, e.g. `threadline.addAccount` with {service, label, baseUrl, apiKey, options}.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Account, OptionValue, ServiceId } from '../domain/model';
import { describeError } from '../http/errors';
import { baseUrlProblem, originOf } from '../http/origin';
import { summarizeIssues } from '../http/validation';
import { SERVICES, serviceDescriptor } from '../providers/registry';
import type { OptionDefinition } from '../providers/types';
import type { ProviderRegistry } from './providerRegistry';
import type { Logger } from '../logger';
import { isViewNode, scriptArgs } from '../ui/viewNode';
import { emailProblem } from '../domain/email';
import type { Confirmations } from '../confirmations';
import { notice } from '../sinks/notification';
import { pickDescription, pickDetail, pickLabel } from '../sinks/quickPick';
import { askModal } from '../modal';
import { optionValueSchema, sessionInputSchema } from './accountSettings';
import type { AccountStore } from './accountStore';
import { connectionFixes, fixAction } from './fixes';

const addArgsSchema = z.object({
  service: z.string().check(z.refine((value) => SERVICES.has(value), { message: `one of ${SERVICES.ids().join(', ')}` })),
  label: z.optional(z.string()),
  baseUrl: z.optional(z.string()),
  apiKey: z.optional(z.string()),
  options: z.optional(z.record(z.string(), optionValueSchema)),
  session: z.optional(sessionInputSchema),
  /** A pasted customer credential (HMAC secret, IdP token) for the account's credential mode. */
  customerCredential: z.optional(z.string()),
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
const signInArgsSchema = z.object({ accountId: z.string(), email: z.optional(z.string()), password: z.optional(z.string()), credential: z.optional(z.string()) });
const confirmArgsSchema = z.object({ accountId: z.string(), confirm: z.optional(z.boolean()) });

/**
 * The base URL for the other API of a service: its default for the default, and the same host
 * with the other API's path where the URL ends in this API's path (`…/api/v0` → `…/api/v2`).
 */
export function alternativeBaseUrl(current: string, ownDefault: string, otherDefault: string): string {
  if (current === ownDefault) return otherDefault;
  const own = new URL(ownDefault).pathname.replace(/\/+$/, '');
  const other = new URL(otherDefault).pathname.replace(/\/+$/, '');
  const trimmed = current.replace(/\/+$/, '');
  return own && trimmed.endsWith(own) ? `${trimmed.slice(0, -own.length)}${other}` : current;
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
  providers: ProviderRegistry;
  log: Logger;
  /** Shows the account in the tree after it was added. */
  reveal: (accountId: string) => void;
  /** Scripted arguments skip the dialogs only in test runs. */
  confirmations: Confirmations;
}

export function registerAccountCommands(deps: AccountCommandDeps): vscode.Disposable[] {
  const { accounts, confirmations } = deps;

  const pickAccount = async (args: unknown, placeHolder: string, only?: (account: Account) => boolean): Promise<Account | undefined> => {
    const accountId = isViewNode(args) ? args.accountOfRow() : scriptArgs(accountArgsSchema, args)?.accountId;
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
      candidates.map((account) => ({ label: pickLabel(account.label), description: serviceDescriptor(account.service).name, detail: pickDetail(originOf(account.baseUrl)), account })),
      { placeHolder },
    );
    return picked?.account;
  };

  async function testConnection(account: Account, quiet: boolean): Promise<string> {
    const provider = deps.providers.get(account);
    const run = async (signal?: AbortSignal) => provider.testConnection(signal);
    const summary = quiet
      ? await run()
      : await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: notice`Testing ${account.label}…`, cancellable: true },
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
      SERVICES.all.map((descriptor) => ({ label: descriptor.name, description: descriptor.variant, detail: descriptor.detail, id: descriptor.id })),
      { placeHolder: 'Which service is the account on?', ignoreFocusOut: true, title: 'Add Threadline Account (1/4)', matchOnDescription: true },
    );
    if (!service) return undefined;
    let descriptor = serviceDescriptor(service.id);
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
      prompt: `${pickLabel(descriptor.name)} API base URL (the key is only ever sent here)`,
      value: descriptor.defaultBaseUrl,
      ignoreFocusOut: true,
      validateInput: (value) => baseUrlProblem(value.trim()),
    });
    if (baseUrl === undefined) return undefined;
    let apiKey = await askForKey(service.id, 'Add Threadline Account (4/4)', (key) => descriptor.keyBelongsTo?.(key) !== undefined);
    if (apiKey === undefined) return undefined;
    let accountBaseUrl = baseUrl.trim();
    // A key of the service's other API (a SiteGPT v2 token for v0): offer that API instead.
    const other = descriptor.keyBelongsTo?.(apiKey);
    if (other) {
      const alternative = serviceDescriptor(other);
      const use = `Use ${alternative.variant ?? alternative.name}`;
      const choice = await vscode.window.showInformationMessage(
        notice`That key looks like a ${alternative.name} ${alternative.variant ?? ''} token: ${alternative.detail}.`,
        use,
        `Keep ${descriptor.variant ?? descriptor.name}`,
      );
      if (choice === use) {
        accountBaseUrl = alternativeBaseUrl(accountBaseUrl, descriptor.defaultBaseUrl, alternative.defaultBaseUrl);
        descriptor = alternative;
        const problem = alternative.keyProblem(apiKey);
        if (problem) apiKey = await askForKey(alternative.id, 'Add Threadline Account (4/4)');
        if (apiKey === undefined) return undefined;
      }
    }
    const options = await askForOptions(descriptor.options, {});
    if (options === undefined) return undefined;
    const account = await accounts.add({ service: descriptor.id, label: label.trim(), baseUrl: accountBaseUrl, apiKey, options });
    deps.reveal(account.id);
    const customerCredential = descriptor.capabilities.customerCredential;
    if (customerCredential) {
      const action = customerCredential.input?.(account.options)?.label ?? 'Sign In';
      const signIn = await vscode.window.showInformationMessage(notice`${customerCredential.why} ${action} now?`, action, 'Later');
      if (signIn === action) await signInCustomer(account, undefined);
    }
    await reportConnection(account);
    return account;
  }

  async function reportConnection(account: Account): Promise<void> {
    try {
      const summary = await testConnection(account, false);
      void vscode.window.showInformationMessage(notice`${account.label}: connected — ${summary}.`);
    } catch (error) {
      // The likely fix first: the key for a 401, the base URL for a 404 or an unreachable host.
      const actions = connectionFixes(error, account).map((fix) => fixAction(fix, account));
      const choice = await vscode.window.showWarningMessage(notice`${account.label}: ${describeError(error)}`, ...actions.map((action) => action.title));
      const chosen = actions.find((action) => action.title === choice);
      if (chosen) await vscode.commands.executeCommand(chosen.command, { accountId: account.id });
    }
  }

  async function askForKey(service: ServiceId, title: string, acceptAnyway?: (key: string) => boolean): Promise<string | undefined> {
    const descriptor = serviceDescriptor(service);
    const key = await vscode.window.showInputBox({
      title,
      prompt: `${pickLabel(descriptor.keyLabel)} (kept in VS Code's secret storage)`,
      placeHolder: descriptor.keyPlaceholder,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (acceptAnyway?.(value.trim()) ? undefined : descriptor.keyProblem(value.trim())),
    });
    return key?.trim();
  }

  async function askForOptions(definitions: readonly OptionDefinition[], current: Record<string, OptionValue>): Promise<Record<string, OptionValue> | undefined> {
    const options: Record<string, OptionValue> = {};
    for (const option of definitions) {
      if (option.onlyWhen && String(options[option.onlyWhen.key] ?? current[option.onlyWhen.key] ?? '') !== option.onlyWhen.value) continue;
      const existing = current[option.key] ?? option.defaultValue;
      if (option.kind === 'choice') {
        const picked = await vscode.window.showQuickPick(
          (option.choices ?? []).map((choice) => ({ label: option.choiceLabels?.[choice] ?? choice, description: option.choiceLabels?.[choice] ? choice : undefined, picked: choice === existing, choice })),
          { placeHolder: option.prompt, title: option.label, ignoreFocusOut: true },
        );
        if (!picked) return undefined;
        options[option.key] = picked.choice;
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

  async function signInCustomer(account: Account, given: { email?: string | undefined; password?: string | undefined; credential?: string | undefined } | undefined): Promise<void> {
    const input = serviceDescriptor(account.service).capabilities.customerCredential?.input?.(account.options);
    if (input) {
      // A credential the user pastes (a secret to sign claims with, an IdP token), not a sign-in.
      const value =
        given?.credential ??
        (await vscode.window.showInputBox({
          title: `${pickLabel(input.label)} — ${pickLabel(account.label)}`,
          prompt: `${pickDetail(input.prompt)} (kept in VS Code's secret storage)`,
          ...(input.placeholder ? { placeHolder: input.placeholder } : {}),
          password: true,
          ignoreFocusOut: true,
          validateInput: (text) => input.problem?.(text),
        }));
      if (value === undefined) return;
      const problem = input.problem?.(value);
      if (problem) throw new Error(problem);
      await accounts.secrets.save(account, 'session', input.encode(value));
      deps.log.info(`Saved the customer credential of ${account.label}`);
      return;
    }
    const email =
      given?.email ??
      (await vscode.window.showInputBox({
        title: `Sign in to ${pickLabel(serviceDescriptor(account.service).name)} — ${pickLabel(account.label)}`,
        prompt: "The customer's email address",
        ignoreFocusOut: true,
        validateInput: (value) => emailProblem(value),
      }));
    if (email === undefined) return;
    const password =
      given?.password ??
      (await vscode.window.showInputBox({
        title: `Sign in to ${pickLabel(serviceDescriptor(account.service).name)} — ${pickLabel(account.label)}`,
        prompt: `The customer's password (sent to ${pickLabel(serviceDescriptor(account.service).name)} only; not stored)`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value ? undefined : 'Enter the password'),
      }));
    if (password === undefined) return;
    const provider = deps.providers.get(account);
    if (!provider.signIn) throw new Error(`${account.label} does not sign customers in`);
    const result = await provider.signIn(email.trim(), password);
    await accounts.secrets.save(account, 'session', JSON.stringify(result.session));
    if (result.customerId && !account.options['customerId']) {
      await accounts.update(account.id, { options: { customerId: result.customerId } });
    }
    deps.log.info(`Signed in the customer of ${account.label}`);
  }

  return [
    vscode.commands.registerCommand('threadline.addAccount', async (args?: unknown) => {
      const given = scripted(addArgsSchema, args, 'threadline.addAccount');
      if (!given) return (await interactiveAdd())?.id;
      const where = given.baseUrl && URL.canParse(given.baseUrl) ? originOf(given.baseUrl) : 'its default address';
      const added = await confirmations.confirm(
        true,
        notice`Add the ${serviceDescriptor(given.service).name} account “${given.label ?? serviceDescriptor(given.service).name}” at ${where}?`,
        'A command asked to add this account, with a key it supplied. Threadline would then send it your lookups and read threads from that address. Only add it if you started this.',
        'Add Account',
      );
      if (!added) return undefined;
      const account = await accounts.add({
        service: given.service,
        ...(given.label !== undefined ? { label: given.label } : {}),
        ...(given.baseUrl !== undefined ? { baseUrl: given.baseUrl } : {}),
        ...(given.apiKey !== undefined ? { apiKey: given.apiKey } : {}),
        ...(given.options ? { options: given.options } : {}),
        ...(given.session ? { session: given.session } : {}),
        ...(given.customerCredential !== undefined ? { customerCredential: given.customerCredential } : {}),
      });
      if (given.testConnection) await testConnection(account, true);
      return account.id;
    }),

    vscode.commands.registerCommand('threadline.editAccount', async (args?: unknown) => {
      const given = scriptArgs(editArgsSchema, args);
      if (given && (given.label !== undefined || given.baseUrl !== undefined || given.options !== undefined)) {
        const account = accounts.get(given.accountId);
        if (!account) throw new Error(`No Threadline account ${given.accountId}`);
        const changes: Partial<Pick<Account, 'label' | 'baseUrl' | 'options'>> = {};
        if (given.label !== undefined) changes.label = given.label;
        if (given.baseUrl !== undefined) changes.baseUrl = given.baseUrl;
        if (given.options !== undefined) changes.options = given.options;
        const described = [
          changes.label !== undefined ? notice`name to “${changes.label}”` : '',
          changes.baseUrl !== undefined ? notice`base URL to ${changes.baseUrl}` : '',
          changes.options !== undefined ? 'options' : '',
        ].filter(Boolean);
        const edit = await confirmations.confirm(
          true,
          notice`Change ${account.label}: ${described}?`,
          'A command asked for this change. Only continue if you started it.',
          'Change Account',
        );
        if (!edit) return undefined;
        // A moved origin leaves the key unconfirmed: it is not sent until the user says so.
        const updated = await accounts.update(account.id, changes);
        if (!confirmations.argumentsTrusted && originOf(updated.baseUrl) !== originOf(account.baseUrl)) await confirmOrigin(updated, false);
        return updated.id;
      }
      const account = await pickAccount(args, 'Which account?');
      if (!account) return undefined;
      const descriptor = serviceDescriptor(account.service);
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'Label', description: pickDescription(account.label), field: 'label' as const },
          { label: 'Base URL', description: pickDescription(account.baseUrl), field: 'baseUrl' as const },
          ...(descriptor.options.length ? [{ label: 'Options', description: pickDescription(JSON.stringify(account.options)), field: 'options' as const }] : []),
        ],
        { placeHolder: `Edit ${pickLabel(account.label)}` },
      );
      if (!choice) return undefined;
      if (choice.field === 'label') {
        const label = await vscode.window.showInputBox({ prompt: 'Account name', value: account.label, validateInput: (value) => (value.trim() ? undefined : 'Enter a name') });
        if (label !== undefined) await accounts.update(account.id, { label: label.trim() });
      } else if (choice.field === 'baseUrl') {
        const baseUrl = await vscode.window.showInputBox({ prompt: `${pickLabel(descriptor.name)} API base URL`, value: account.baseUrl, validateInput: (value) => baseUrlProblem(value.trim()) });
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
      const remove = await confirmations.confirm(
        isScriptedCall(args),
        notice`Remove ${account.label}?`,
        'Its key and any session are deleted from VS Code’s secret storage.',
        'Remove',
      );
      if (!remove) return false;
      await accounts.remove(account.id);
      deps.providers.forget(account.id);
      return true;
    }),

    vscode.commands.registerCommand('threadline.setApiKey', async (args?: unknown) => {
      const given = scriptArgs(keyArgsSchema, args);
      const account = await pickAccount(args, 'Set the key of which account?');
      if (!account) return false;
      const scriptedKey = given?.apiKey !== undefined;
      if (
        scriptedKey &&
        !(await confirmations.confirm(true, notice`Replace the key of ${account.label}?`, 'A command supplied a new key for this account; the saved one would be deleted. Only continue if you started this.', 'Replace Key'))
      ) {
        return false;
      }
      const key = scriptedKey ? (given?.apiKey ?? '').trim() : await askForKey(account.service, `Set API Key — ${pickLabel(account.label)}`);
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
      const given = scriptArgs(confirmArgsSchema, args);
      // `confirm: true` answers the question only in test runs; otherwise the user is asked.
      return confirmOrigin(account, given?.confirm === true && confirmations.argumentsTrusted);
    }),

    vscode.commands.registerCommand('threadline.signInTybrite', async (args?: unknown) => {
      const given = scriptArgs(signInArgsSchema, args);
      const account = await pickAccount(args, 'Sign in for which account?', (candidate) => serviceDescriptor(candidate.service).capabilities.customerCredential !== undefined);
      if (!account) return false;
      if (
        given?.password !== undefined &&
        !(await confirmations.confirm(
          true,
          notice`Sign in to ${serviceDescriptor(account.service).name} for ${account.label} as ${given.email ?? 'the given customer'}?`,
          'A command supplied these credentials; the saved session would be replaced. Only continue if you started this.',
          'Sign In',
        ))
      ) {
        return false;
      }
      try {
        await signInCustomer(account, given);
        return true;
      } catch (error) {
        if (given?.password !== undefined) throw error;
        void vscode.window.showErrorMessage(notice`Sign-in failed: ${describeError(error)}`);
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
        notice`Send the key saved for ${state.savedFor} to ${originOf(account.baseUrl)}?`,
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
