// Turns a failure into the row the user can act on: sign-in and key rows for credential
// problems, an error row with Retry for everything else. Never a toast.
import type { Account } from '../domain/model';
import { MissingCredentialError, UnauthorizedError } from '../http/errors';
import { ActionNode, ErrorNode, type Reloadable } from './rows';
import type { TreeNode } from './treeNode';

export function rowsForError(owner: TreeNode & Reloadable, account: Account, what: string, error: unknown): TreeNode[] {
  const args = [{ accountId: account.id }];
  if (error instanceof MissingCredentialError) {
    if (error.detail?.startsWith('The saved key is for')) {
      return [new ActionNode(owner, `${owner.id}/origin`, 'Base URL changed — confirm the key for it', { command: 'threadline.confirmKeyOrigin', title: 'Confirm Key', arguments: args }, 'shield', error.describe())];
    }
    if (error.detail?.startsWith('Sign in')) {
      return [new ActionNode(owner, `${owner.id}/signin`, 'Signed out — Sign In to Tybrite', { command: 'threadline.signInTybrite', title: 'Sign In', arguments: args }, 'sign-in', error.describe())];
    }
    if (error.detail?.includes('customer id')) {
      return [new ActionNode(owner, `${owner.id}/edit`, 'Customer id missing — Edit Account', { command: 'threadline.editAccount', title: 'Edit Account', arguments: args }, 'edit', error.describe())];
    }
    return [new ActionNode(owner, `${owner.id}/key`, error.detail ? `${error.describe()} — Set API Key` : 'Key missing — Set API Key', { command: 'threadline.setApiKey', title: 'Set API Key', arguments: args }, 'key', error.describe())];
  }
  if (error instanceof UnauthorizedError) {
    // The error (with Retry, for when the service comes round) and the likely fix beside it.
    const fix =
      account.service === 'tybrite' && /session|token/i.test(error.serviceMessage ?? '')
        ? new ActionNode(owner, `${owner.id}/signin`, 'Sign In to Tybrite…', { command: 'threadline.signInTybrite', title: 'Sign In', arguments: args }, 'sign-in')
        : new ActionNode(owner, `${owner.id}/key`, 'Set API Key…', { command: 'threadline.setApiKey', title: 'Set API Key', arguments: args }, 'key');
    return [new ErrorNode(owner, what, error), fix];
  }
  return [new ErrorNode(owner, what, error)];
}
