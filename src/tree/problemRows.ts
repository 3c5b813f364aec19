// Turns a failure into the row the user can act on: sign-in and key rows for credential
// problems, an error row with Retry for everything else. Never a toast.
import type { Account } from '../domain/model';
import { MissingCredentialError, UnauthorizedError, type MissingCredential } from '../http/errors';
import { ActionNode, ErrorNode, type Reloadable } from './rows';
import type { TreeNode } from './treeNode';

/** The row that fixes each missing credential: its id suffix, label, command and icon. */
const FIXES: Record<MissingCredential, { suffix: string; label: string; command: string; title: string; icon: string }> = {
  key: { suffix: 'key', label: 'Key missing — Set API Key', command: 'threadline.setApiKey', title: 'Set API Key', icon: 'key' },
  originChanged: { suffix: 'origin', label: 'Base URL changed — confirm the key for it', command: 'threadline.confirmKeyOrigin', title: 'Confirm Key', icon: 'shield' },
  session: { suffix: 'signin', label: 'Signed out — Sign In to Tybrite', command: 'threadline.signInTybrite', title: 'Sign In', icon: 'sign-in' },
  customerId: { suffix: 'edit', label: 'Customer id missing — Edit Account', command: 'threadline.editAccount', title: 'Edit Account', icon: 'edit' },
};

/** A row that runs the fix for what the account lacks, on that account. */
export function credentialRow(owner: TreeNode, account: Account, missing: MissingCredential, hint: string, label = FIXES[missing].label): ActionNode {
  const fix = FIXES[missing];
  return new ActionNode(owner, `${owner.id}/${fix.suffix}`, label, { command: fix.command, title: fix.title, arguments: [{ accountId: account.id }] }, fix.icon, hint);
}

export function rowsForError(owner: TreeNode & Reloadable, account: Account, what: string, error: unknown): TreeNode[] {
  if (error instanceof MissingCredentialError) {
    // A key the service cannot accept (wrong kind, for instance) says why in the row itself.
    const label = error.missing === 'key' && error.detail ? `${error.describe()} — Set API Key` : undefined;
    return [credentialRow(owner, account, error.missing, error.describe(), label)];
  }
  if (error instanceof UnauthorizedError) {
    // The error (with Retry, for when the service comes round) and the likely fix beside it.
    const args = [{ accountId: account.id }];
    const fix =
      account.service === 'tybrite' && /session|token/i.test(error.serviceMessage ?? '')
        ? new ActionNode(owner, `${owner.id}/signin`, 'Sign In to Tybrite…', { command: 'threadline.signInTybrite', title: 'Sign In', arguments: args }, 'sign-in')
        : new ActionNode(owner, `${owner.id}/key`, 'Set API Key…', { command: 'threadline.setApiKey', title: 'Set API Key', arguments: args }, 'key');
    return [new ErrorNode(owner, what, error), fix];
  }
  return [new ErrorNode(owner, what, error)];
}
