// Account commands. Each works interactively (QuickPick / InputBox) and also takes an argument
// object for scripted set-up, e.g. `threadline.addAccount` with {service, label, baseUrl, apiKey, options}.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Account, OptionValue, ServiceId } from '../domain/model';
import { SignInRefusedError, describeError } from '../http/errors';
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
import { BACK, inputStep, pickStep } from './multiStepInput';
import { accountAddress, accountPickTexts } from './identity';
import { optionValueSchema, sessionInputSchema } from './accountSettings';
import type { AccountStore } from './accountStore';
import { connectionFixes, fixAction } from './fixes';

const addArgsSchema = z.object({
  service: z.string().check(z.refine((value) => SERVICES.has(value), { message: vscode.l10n.t('one of {0}', SERVICES.ids().join(', ')) })),
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
  /** The address each account's customer last signed in with (this session only), to fill in again. */
  const signInEmails = new Map<string, string>();

  const pickAccount = async (args: unknown, placeHolder: string, only?: (account: Account) => boolean): Promise<Account | undefined> => {
    const accountId = isViewNode(args) ? args.accountOfRow() : scriptArgs(accountArgsSchema, args)?.accountId;
    if (accountId !== undefined) {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`No Threadline account ${accountId}`);
      return account;
    }
    const candidates = accounts.list().filter((account) => !only || only(account));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline has no matching account yet. Add one first.'));
      return undefined;
    }
    if (candidates.length === 1) return candidates[0];
    // Label, service and address, and what tells apart accounts that share all three.
    const texts = accountPickTexts(candidates);
    const picked = await vscode.window.showQuickPick(
      candidates.map((account, index) => ({ label: pickLabel(texts[index]?.label ?? account.label), description: pickDescription(texts[index]?.description ?? ''), detail: pickDetail(texts[index]?.detail ?? ''), account })),
      { placeHolder, matchOnDescription: true, matchOnDetail: true },
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

  /**
   * Add Account, step by step: the service, a name, the base URL, the key, then the service's
   * options. Every step has Back (the first excepted) and opens with what was typed before; the
   * account is saved only after the last step. A new account that would repeat one that exists
   * (same service, address, options and key) is refused at the key step, saying which it repeats.
   */
  async function interactiveAdd(): Promise<Account | undefined> {
    const title = vscode.l10n.t('Add Threadline Account');
    const draft: { service: ServiceId; label: string; baseUrl: string; apiKey: string; options: Record<string, OptionValue> } = {
      service: SERVICES.all[0]?.id ?? '',
      label: '',
      baseUrl: '',
      apiKey: '',
      options: {},
    };
    let keyProblem: string | undefined;
    let index = 0;
    for (;;) {
      const descriptor = serviceDescriptor(draft.service);
      const optionSteps = applicableOptions(descriptor.options, draft.options);
      const total = 4 + optionSteps.length;
      const position = { title, step: index + 1, totalSteps: total, back: index > 0 };
      if (index >= total) {
        // Every step answered: refuse a repeat of an existing account, back at the key step.
        const existing = await accounts.duplicateOf(draft);
        if (!existing) break;
        keyProblem = notice`“${existing.label}” already reads ${accountAddress(existing)} with this key${descriptor.options.length ? ' for the same customer' : ''}. Enter another key, or go Back to change the address.`;
        index = 3;
        continue;
      }
      let answer: string | typeof BACK | undefined;
      if (index === 0) {
        const items = SERVICES.all.map((service) => ({ label: service.name, description: service.variant, detail: service.detail, id: service.id }));
        const picked = await pickStep({ ...position, items, placeHolder: vscode.l10n.t('Which service is the account on?'), active: items.find((item) => item.id === draft.service && draft.label), matchOnDescription: true });
        if (picked !== undefined && picked !== BACK) {
          // A name or address left at the old service's default follows the new service.
          const previous = serviceDescriptor(draft.service);
          const next = serviceDescriptor(picked.id);
          if (!draft.label || draft.label === previous.name) draft.label = next.name;
          if (!draft.baseUrl || draft.baseUrl === previous.defaultBaseUrl) draft.baseUrl = next.defaultBaseUrl;
          if (picked.id !== draft.service) draft.options = {};
          draft.service = picked.id;
        }
        answer = picked === BACK ? BACK : picked?.id;
      } else if (index === 1) {
        const sameName = (value: string) => accounts.list().some((account) => account.service === draft.service && account.label.trim().toLowerCase() === value.trim().toLowerCase());
        answer = await inputStep({
          ...position,
          prompt: vscode.l10n.t('A name for this account in the sidebar'),
          value: draft.label,
          validate: (value) =>
            !value.trim()
              ? vscode.l10n.t('Enter a name')
              : sameName(value)
                ? { message: vscode.l10n.t('Another {0} account is called this; a different name tells them apart.', descriptor.name), severity: vscode.InputBoxValidationSeverity.Warning }
                : undefined,
        });
        if (typeof answer === 'string') draft.label = answer.trim();
      } else if (index === 2) {
        answer = await inputStep({ ...position, prompt: vscode.l10n.t('{0} API base URL (the key is only ever sent here)', pickLabel(descriptor.name)), value: draft.baseUrl, validate: (value) => baseUrlProblem(value.trim()) });
        if (typeof answer === 'string') draft.baseUrl = answer.trim();
      } else if (index === 3) {
        answer = await keyStep(draft.service, position, draft.apiKey, keyProblem, (key) => descriptor.keyBelongsTo?.(key) !== undefined);
        keyProblem = undefined;
        if (typeof answer === 'string') {
          draft.apiKey = answer;
          // A key of the service's other API (a SiteGPT v2 token for v0): offer that API instead.
          const other = descriptor.keyBelongsTo?.(answer);
          if (other) {
            const alternative = serviceDescriptor(other);
            const use = vscode.l10n.t('Use {0}', alternative.variant ?? alternative.name);
            const choice = await vscode.window.showInformationMessage(
              notice`That key looks like a ${alternative.name} ${alternative.variant ?? ''} token: ${alternative.detail}.`,
              use,
              vscode.l10n.t('Keep {0}', descriptor.variant ?? descriptor.name),
            );
            if (choice === use) {
              draft.baseUrl = alternativeBaseUrl(draft.baseUrl, descriptor.defaultBaseUrl, alternative.defaultBaseUrl);
              draft.service = alternative.id;
              draft.options = {};
              keyProblem = alternative.keyProblem(answer);
              if (keyProblem) continue; // the key step again, for a key of that API
            }
          }
        }
      } else {
        const option = optionSteps[index - 4] as OptionDefinition;
        answer = await optionStep(option, { ...position, title: `${title}: ${option.label}` }, draft.options[option.key] ?? option.defaultValue);
        if (answer !== undefined && answer !== BACK) setOption(draft.options, option, answer);
      }
      if (answer === undefined) return undefined; // Escape: nothing was saved yet
      index = answer === BACK ? index - 1 : index + 1;
    }
    const descriptor = serviceDescriptor(draft.service);
    const account = await accounts.add({ service: draft.service, label: draft.label, baseUrl: draft.baseUrl, apiKey: draft.apiKey, options: draft.options });
    deps.reveal(account.id);
    const customerCredential = descriptor.capabilities.customerCredential;
    if (customerCredential) {
      const action = customerCredential.input?.(account.options)?.label ?? vscode.l10n.t('Sign In');
      const signIn = await vscode.window.showInformationMessage(notice`${customerCredential.why} ${action} now?`, action, vscode.l10n.t('Later'));
      // Through the command: a refused sign-in is said as that, with Try Again, and the account stays.
      if (signIn === action) await vscode.commands.executeCommand('threadline.signInTybrite', { accountId: account.id });
    }
    await reportConnection(account);
    return account;
  }

  /** The key step: the saved key is never shown, so it opens empty unless coming back to it. */
  async function keyStep(
    service: ServiceId,
    position: { title: string; step?: number; totalSteps?: number; back: boolean },
    value: string,
    problem: string | undefined,
    acceptAnyway?: (key: string) => boolean,
  ): Promise<string | typeof BACK | undefined> {
    const descriptor = serviceDescriptor(service);
    const key = await inputStep({
      ...position,
      prompt: vscode.l10n.t('{0} (kept in VS Code\'s secret storage)', pickLabel(descriptor.keyLabel)),
      placeHolder: descriptor.keyPlaceholder,
      password: true,
      value,
      ...(problem ? { problem } : {}),
      validate: (input) => (acceptAnyway?.(input.trim()) ? undefined : descriptor.keyProblem(input.trim())),
    });
    return typeof key === 'string' ? key.trim() : key;
  }

  /** One option as a step (its title given): a pick of its choices, or a box checked as the option says. */
  async function optionStep(option: OptionDefinition, position: { title: string; step?: number; totalSteps?: number; back: boolean }, current: OptionValue | undefined): Promise<string | typeof BACK | undefined> {
    if (option.kind === 'choice') {
      const items = (option.choices ?? []).map((choice) => ({ label: option.choiceLabels?.[choice] ?? choice, description: option.choiceLabels?.[choice] ? choice : undefined, choice }));
      const picked = await pickStep({ ...position, items, placeHolder: option.prompt, active: items.find((item) => item.choice === current) });
      return picked === BACK || picked === undefined ? picked : picked.choice;
    }
    return inputStep({
      ...position,
      prompt: option.prompt,
      value: Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current),
      validate: (input) => {
        if (option.required && !input.trim()) return vscode.l10n.t('{0} is required', option.label);
        return input.trim() ? option.problem?.(input.trim()) : undefined;
      },
    });
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
      prompt: vscode.l10n.t('{0} (kept in VS Code\'s secret storage)', pickLabel(descriptor.keyLabel)),
      placeHolder: descriptor.keyPlaceholder,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (acceptAnyway?.(value.trim()) ? undefined : descriptor.keyProblem(value.trim())),
    });
    return key?.trim();
  }

  /**
   * Edit Account: one form listing every field with its value — name, base URL, key (never shown,
   * only whether one is saved) and each of the service's options in words. Picking a field asks
   * for it (Back returns to the form) and saves it at once; Escape closes the form, keeping what
   * was saved. Internal flags (the sample-data mark) are not fields.
   */
  async function editForm(accountId: string): Promise<string | undefined> {
    let lastField: string | undefined;
    for (;;) {
      const account = accounts.get(accountId);
      if (!account) return undefined;
      const descriptor = serviceDescriptor(account.service);
      const key = await accounts.secrets.state(account, 'apiKey');
      const keyText = key.status === 'ok' ? 'saved' : key.status === 'missing' ? vscode.l10n.t('not set') : notice`saved for ${key.savedFor} — not sent until confirmed`;
      type Field = vscode.QuickPickItem & { field: string; option?: OptionDefinition };
      const fields: Field[] = [
        { label: vscode.l10n.t('Name'), description: pickDescription(account.label), field: 'label' },
        { label: vscode.l10n.t('Base URL'), description: pickDescription(account.baseUrl), field: 'baseUrl' },
        { label: pickLabel(descriptor.keyLabel), description: keyText, field: 'key' },
        ...applicableOptions(descriptor.options, account.options).map((option) => ({
          label: pickLabel(option.label),
          description: pickDescription(optionText(option, account.options[option.key])),
          field: `option:${option.key}`,
          option,
        })),
      ];
      const title = vscode.l10n.t('Edit {0}', pickLabel(account.label));
      const picked = await pickStep({ title, back: false, items: fields, placeHolder: vscode.l10n.t('Pick a field to change (Escape when done)'), active: fields.find((field) => field.field === lastField) });
      if (picked === undefined || picked === BACK) return account.id;
      lastField = picked.field;
      const position = { title: `${title}: ${picked.label}`, back: true };
      let answer: string | typeof BACK | undefined;
      if (picked.field === 'label') {
        answer = await inputStep({ ...position, prompt: vscode.l10n.t('A name for this account in the sidebar'), value: account.label, validate: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a name')) });
        if (typeof answer === 'string' && answer.trim() !== account.label) await accounts.update(account.id, { label: answer.trim() });
      } else if (picked.field === 'baseUrl') {
        answer = await inputStep({ ...position, prompt: vscode.l10n.t('{0} API base URL (the key is only ever sent here)', pickLabel(descriptor.name)), value: account.baseUrl, validate: (value) => baseUrlProblem(value.trim()) });
        if (typeof answer === 'string' && answer.trim() !== account.baseUrl) {
          const updated = await accounts.update(account.id, { baseUrl: answer.trim() });
          if (originOf(updated.baseUrl) !== originOf(account.baseUrl)) await confirmOrigin(updated, false);
        }
      } else if (picked.field === 'key') {
        answer = await keyStep(account.service, position, '', undefined);
        if (typeof answer === 'string' && answer) {
          await accounts.secrets.save(account, 'apiKey', answer);
          deps.log.info(`Saved a new key for ${account.label}`);
        }
      } else if (picked.option) {
        const option = picked.option;
        answer = await optionStep(option, position, account.options[option.key] ?? option.defaultValue);
        if (typeof answer === 'string') {
          const options: Record<string, OptionValue> = {};
          setOption(options, option, answer);
          // Emptied: an option that had a value is cleared; one that had none stays unset.
          if (!(option.key in options) && account.options[option.key] !== undefined) options[option.key] = '';
          if (Object.keys(options).length > 0) await accounts.update(account.id, { options });
        }
      }
      if (answer === undefined) return account.id; // Escape: what was saved stays saved
    }
  }

  async function signInCustomer(account: Account, given: { email?: string | undefined; password?: string | undefined; credential?: string | undefined } | undefined): Promise<void> {
    const input = serviceDescriptor(account.service).capabilities.customerCredential?.input?.(account.options);
    if (input) {
      // A credential the user pastes (a secret to sign claims with, an IdP token), not a sign-in.
      const value =
        given?.credential ??
        (await vscode.window.showInputBox({
          title: `${pickLabel(input.label)} — ${pickLabel(account.label)}`,
          prompt: vscode.l10n.t('{0} (kept in VS Code\'s secret storage)', pickDetail(input.prompt)),
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
        title: vscode.l10n.t('Sign in to {0} — {1}', pickLabel(serviceDescriptor(account.service).name), pickLabel(account.label)),
        prompt: vscode.l10n.t('The customer\'s email address'),
        // After a refused sign-in (or to sign in again) the address is there already.
        value: signInEmails.get(account.id) ?? '',
        ignoreFocusOut: true,
        validateInput: (value) => emailProblem(value),
      }));
    if (email === undefined) return;
    const password =
      given?.password ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Sign in to {0} — {1}', pickLabel(serviceDescriptor(account.service).name), pickLabel(account.label)),
        prompt: vscode.l10n.t('The customer\'s password (sent to {0} only; not stored)', pickLabel(serviceDescriptor(account.service).name)),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value ? undefined : vscode.l10n.t('Enter the password')),
      }));
    if (password === undefined) return;
    const provider = deps.providers.get(account);
    if (!provider.signIn) throw new Error(`${account.label} does not sign customers in`);
    signInEmails.set(account.id, email.trim());
    const result = await provider.signIn(email.trim(), password);
    await accounts.secrets.save(account, 'session', JSON.stringify(result.session));
    if (result.customerId && !account.options['customerId']) {
      await accounts.update(account.id, { options: { customerId: result.customerId } });
    }
    deps.log.info(`Signed in the customer of ${account.label}`);
    if (given?.password === undefined) void vscode.window.showInformationMessage(notice`${account.label}: signed in to ${serviceDescriptor(account.service).name} as ${email.trim()}.`);
  }

  return [
    vscode.commands.registerCommand('threadline.addAccount', async (args?: unknown) => {
      const given = scripted(addArgsSchema, args, 'threadline.addAccount');
      if (!given) return (await interactiveAdd())?.id;
      const where = given.baseUrl && URL.canParse(given.baseUrl) ? originOf(given.baseUrl) : vscode.l10n.t('its default address');
      const added = await confirmations.confirm(
        true,
        notice`Add the ${serviceDescriptor(given.service).name} account “${given.label ?? serviceDescriptor(given.service).name}” at ${where}?`,
        vscode.l10n.t('A command asked to add this account, with a key it supplied. Threadline would then send it your lookups and read threads from that address. Only add it if you started this.'),
        vscode.l10n.t('Add Account'),
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
          vscode.l10n.t('A command asked for this change. Only continue if you started it.'),
          vscode.l10n.t('Change Account'),
        );
        if (!edit) return undefined;
        // A moved origin leaves the key unconfirmed: it is not sent until the user says so.
        const updated = await accounts.update(account.id, changes);
        if (!confirmations.argumentsTrusted && originOf(updated.baseUrl) !== originOf(account.baseUrl)) await confirmOrigin(updated, false);
        return updated.id;
      }
      const account = await pickAccount(args, vscode.l10n.t('Which account?'));
      if (!account) return undefined;
      return editForm(account.id);
    }),

    vscode.commands.registerCommand('threadline.removeAccount', async (args?: unknown) => {
      const account = await pickAccount(args, vscode.l10n.t('Remove which account?'));
      if (!account) return false;
      const remove = await confirmations.confirm(
        isScriptedCall(args),
        notice`Remove ${account.label}?`,
        vscode.l10n.t('Its key and any session are deleted from VS Code’s secret storage.'),
        vscode.l10n.t('Remove'),
      );
      if (!remove) return false;
      await accounts.remove(account.id);
      deps.providers.forget(account.id);
      return true;
    }),

    vscode.commands.registerCommand('threadline.setApiKey', async (args?: unknown) => {
      const given = scriptArgs(keyArgsSchema, args);
      const account = await pickAccount(args, vscode.l10n.t('Set the key of which account?'));
      if (!account) return false;
      const scriptedKey = given?.apiKey !== undefined;
      if (
        scriptedKey &&
        !(await confirmations.confirm(true, notice`Replace the key of ${account.label}?`, vscode.l10n.t('A command supplied a new key for this account; the saved one would be deleted. Only continue if you started this.'), vscode.l10n.t('Replace Key')))
      ) {
        return false;
      }
      const key = scriptedKey ? (given?.apiKey ?? '').trim() : await askForKey(account.service, vscode.l10n.t('Set API Key — {0}', pickLabel(account.label)));
      if (!key) return false;
      const problem = serviceDescriptor(account.service).keyProblem(key);
      if (problem) throw new Error(problem);
      await accounts.secrets.save(account, 'apiKey', key);
      deps.log.info(`Saved a new key for ${account.label}`);
      return true;
    }),

    vscode.commands.registerCommand('threadline.confirmKeyOrigin', async (args?: unknown) => {
      const account = await pickAccount(args, vscode.l10n.t('Confirm the key of which account?'));
      if (!account) return false;
      const given = scriptArgs(confirmArgsSchema, args);
      // `confirm: true` answers the question only in test runs; otherwise the user is asked.
      return confirmOrigin(account, given?.confirm === true && confirmations.argumentsTrusted);
    }),

    vscode.commands.registerCommand('threadline.signInTybrite', async (args?: unknown) => {
      const given = scriptArgs(signInArgsSchema, args);
      const account = await pickAccount(args, vscode.l10n.t('Sign in for which account?'), (candidate) => serviceDescriptor(candidate.service).capabilities.customerCredential !== undefined);
      if (!account) return false;
      if (
        given?.password !== undefined &&
        !(await confirmations.confirm(
          true,
          notice`Sign in to ${serviceDescriptor(account.service).name} for ${account.label} as ${given.email ?? 'the given customer'}?`,
          vscode.l10n.t('A command supplied these credentials; the saved session would be replaced. Only continue if you started this.'),
          vscode.l10n.t('Sign In'),
        ))
      ) {
        return false;
      }
      try {
        await signInCustomer(account, given);
        return true;
      } catch (error) {
        if (given?.password !== undefined) throw error;
        // A refused email or password is said as that, with the way back (the address kept).
        const again = error instanceof SignInRefusedError ? vscode.l10n.t('Try Again') : undefined;
        const message = again ? notice`${account.label}: ${describeError(error)}. Check the email address and password.` : notice`${account.label}: ${describeError(error)}`;
        const choice = await vscode.window.showErrorMessage(message, ...(again ? [again] : []));
        if (choice === again && again) return vscode.commands.executeCommand<boolean>('threadline.signInTybrite', { accountId: account.id });
        return false;
      }
    }),

    vscode.commands.registerCommand('threadline.testConnection', async (args?: unknown) => {
      const account = await pickAccount(args, vscode.l10n.t('Test which account?'));
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
        vscode.l10n.t('Only do this if the new address belongs to the same service. Otherwise enter a new key.'),
        vscode.l10n.t('Use Saved Key'),
        vscode.l10n.t('Enter New Key'),
      );
      if (answer === vscode.l10n.t('Enter New Key')) return (await vscode.commands.executeCommand<boolean>('threadline.setApiKey', { accountId: account.id })) ?? false;
      if (answer !== vscode.l10n.t('Use Saved Key')) return false;
    }
    await accounts.secrets.rebind(account);
    deps.log.info(`Confirmed the saved key of ${account.label} for ${originOf(account.baseUrl)}`);
    return true;
  }
}

/** The options asked for, given the values chosen so far (an external id only for signed claims). */
export function applicableOptions(definitions: readonly OptionDefinition[], values: Readonly<Record<string, OptionValue>>): OptionDefinition[] {
  return definitions.filter((option) => {
    if (!option.onlyWhen) return true;
    const other = definitions.find((candidate) => candidate.key === option.onlyWhen?.key);
    return String(values[option.onlyWhen.key] ?? other?.defaultValue ?? '') === option.onlyWhen.value;
  });
}

/** An option's value in words, as the form lists it: a choice by its label, a list joined, "not set". */
export function optionText(option: OptionDefinition, value: OptionValue | undefined): string {
  const shown = value ?? option.defaultValue;
  if (shown === undefined || shown === '' || (Array.isArray(shown) && shown.length === 0)) return vscode.l10n.t('not set');
  if (Array.isArray(shown)) return shown.join(', ');
  if (option.kind === 'choice') return option.choiceLabels?.[String(shown)] ?? String(shown);
  return String(shown);
}

/** Puts an answer into the options as the option's kind reads it (a list split at commas); an empty answer leaves the option out. */
function setOption(options: Record<string, OptionValue>, option: OptionDefinition, answer: string): void {
  if (!answer.trim()) {
    delete options[option.key];
    return;
  }
  options[option.key] = option.kind === 'list' ? answer.split(',').map((part) => part.trim()).filter(Boolean) : answer.trim();
}
