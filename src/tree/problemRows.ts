// Turns a failure into the row the user can act on: sign-in and key rows for credential
// problems, an error row with Retry for everything else. Never a toast.
import { t } from '../l10n';
import type { Account } from '../domain/model';
import { MissingCredentialError, UnauthorizedError, type MissingCredential } from '../http/errors';
import { serviceDescriptor } from '../providers/registry';
import { fixForError, type FailureScope } from '../accounts/fixes';
import { ActionNode, ErrorNode, type Reloadable } from './rows';
import type { TreeNode } from './treeNode';

interface Fix {
  suffix: string;
  label: string;
  command: string;
  title: string;
  icon: string;
}

/** The row that fixes each missing credential: its id suffix, label, command and icon. */
function fixFor(account: Account, missing: MissingCredential): Fix {
  switch (missing) {
    case 'key':
      return { suffix: 'key', label: t('Key missing — Set API Key'), command: 'threadline.setApiKey', title: t('Set API Key'), icon: 'key' };
    case 'originChanged':
      return { suffix: 'origin', label: t('Base URL changed — confirm the key for it'), command: 'threadline.confirmKeyOrigin', title: t('Confirm Key'), icon: 'shield' };
    case 'session': {
      const credential = serviceDescriptor(account.service).capabilities.customerCredential;
      const input = credential?.input?.(account.options);
      if (input) return { suffix: 'signin', label: t('Customer credential missing — {0}', input.label), command: 'threadline.signInTybrite', title: input.label, icon: 'key' };
      const signIn = credential?.signInLabel ?? t('Sign In');
      return { suffix: 'signin', label: t('Signed out — {0}', signIn), command: 'threadline.signInTybrite', title: t('Sign In'), icon: 'sign-in' };
    }
    case 'customerId':
      return { suffix: 'edit', label: t('Customer id missing — Edit Account'), command: 'threadline.editAccount', title: t('Edit Account'), icon: 'edit' };
  }
}

/** A row that runs the fix for what the account lacks, on that account. */
export function credentialRow(owner: TreeNode, account: Account, missing: MissingCredential, hint: string, label?: string): ActionNode {
  const fix = fixFor(account, missing);
  return new ActionNode(owner, `${owner.id}/${fix.suffix}`, label ?? fix.label, { command: fix.command, title: fix.title, arguments: [{ accountId: account.id }] }, fix.icon, hint);
}

/** The row's tooltip: why the account cannot make requests yet. */
function hintFor(account: Account, error: MissingCredentialError): string {
  if (error.missing === 'key' && !error.detail) return t('No key is saved for this account. Click to enter it.');
  if (error.missing === 'session') return serviceDescriptor(account.service).capabilities.customerCredential?.why ?? error.describe();
  return error.describe();
}

/**
 * The rows for a failed load: a credential fix, or the error (with Retry) and beside it the likely
 * fix. `scope` says where the request went: to the account's own address, where a 404 means the
 * base URL is wrong, or to one item under it.
 */
export function rowsForError(owner: TreeNode & Reloadable, account: Account, what: string, error: unknown, scope: FailureScope = 'item'): TreeNode[] {
  if (error instanceof MissingCredentialError) {
    // A key the service cannot accept (wrong kind, for instance) says why in the row itself.
    // So does a customer credential the service refused (an IdP token that got 401).
    const fix = fixFor(account, error.missing);
    const label = (error.missing === 'key' || error.missing === 'session') && error.detail ? `${error.describe()} — ${fix.title}` : undefined;
    return [credentialRow(owner, account, error.missing, hintFor(account, error), label)];
  }
  if (error instanceof UnauthorizedError) {
    // The error (with Retry, for when the service comes round) and the likely fix beside it.
    const args = [{ accountId: account.id }];
    const customerCredential = serviceDescriptor(account.service).capabilities.customerCredential;
    const fix = customerCredential?.rejected(error.serviceMessage)
      ? new ActionNode(owner, `${owner.id}/signin`, `${customerCredential.signInLabel}…`, { command: 'threadline.signInTybrite', title: t('Sign In'), arguments: args }, 'sign-in')
      : new ActionNode(owner, `${owner.id}/key`, t('Set API Key…'), { command: 'threadline.setApiKey', title: t('Set API Key'), arguments: args }, 'key');
    return [new ErrorNode(owner, what, error), fix];
  }
  if (fixForError(error, account, scope) === 'editAccount') {
    // A wrong base URL (404 at the account's address, a host that cannot be reached): the fix is there.
    const edit = new ActionNode(owner, `${owner.id}/edit`, t('Edit Account…'), { command: 'threadline.editAccount', title: t('Edit Account'), arguments: [{ accountId: account.id }] }, 'edit', t('Check the base URL of this account.'));
    return [new ErrorNode(owner, what, error), edit];
  }
  return [new ErrorNode(owner, what, error)];
}
