// Account definitions live in the user setting `threadline.accounts` (scope: application). A
// workspace can neither set nor override it: only the user (global) value is ever read, even if
// `inspect()` shows a workspace value.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Account } from '../domain/model';
import { baseUrlProblem } from '../http/origin';
import { summarizeIssues } from '../http/validation';
import { SERVICES } from '../providers/registry';

export const ACCOUNTS_SETTING = 'accounts';

export const optionValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/** A Tybrite customer session handed over by a script or the demo (stored in SecretStorage only). */
export const sessionInputSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.optional(z.string()),
  expiresAt: z.optional(z.number()),
});

export const accountSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  service: z.string().check(z.refine((value) => SERVICES.has(value), { message: vscode.l10n.t('not a service Threadline knows') })),
  label: z.string().check(z.minLength(1), z.maxLength(200)),
  baseUrl: z.string().check(z.refine((value) => baseUrlProblem(value) === undefined, { message: vscode.l10n.t('not a usable base URL') })),
  options: z._default(z.record(z.string(), optionValueSchema), {}),
});

export interface ReadResult {
  accounts: Account[];
  /** Entries that could not be used, with why (shown in the log). */
  problems: string[];
  /** True when a workspace tried to set accounts (and was ignored). */
  workspaceValueIgnored: boolean;
}

export function readAccounts(): ReadResult {
  const inspected = vscode.workspace.getConfiguration('threadline').inspect<unknown>(ACCOUNTS_SETTING);
  const workspaceValueIgnored = inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  const raw = inspected?.globalValue;
  const accounts: Account[] = [];
  const problems: string[] = [];
  if (raw !== undefined && !Array.isArray(raw)) {
    return { accounts, problems: ['threadline.accounts is not a list'], workspaceValueIgnored };
  }
  const seen = new Set<string>();
  (raw ?? []).forEach((entry, index) => {
    const parsed = accountSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(`threadline.accounts[${index}] was skipped: ${summarizeIssues(parsed.error, entry)}`);
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push(`threadline.accounts[${index}] was skipped: the id ${parsed.data.id} is used twice`);
      return;
    }
    seen.add(parsed.data.id);
    accounts.push(parsed.data);
  });
  return { accounts, problems, workspaceValueIgnored };
}

export async function writeAccounts(accounts: readonly Account[]): Promise<void> {
  await vscode.workspace
    .getConfiguration('threadline')
    .update(ACCOUNTS_SETTING, accounts.map(({ id, service, label, baseUrl, options }) => ({ id, service, label, baseUrl, options })), vscode.ConfigurationTarget.Global);
}
