// Which fix to offer first for a failure: the key for a 401, the sign-in for a refused customer
// credential, the account's base URL for a 404 at the account's own address or a host that cannot
// be reached. Pure (no vscode), so the notification, the tree's rows and the thread page offer the
// same fix, and unit tests check the choice.
import { t } from '../l10n';
import type { Account } from '../domain/model';
import { InvalidResponseError, MissingCredentialError, NetworkError, NotFoundError, TimeoutError, UnauthorizedError, type MissingCredential } from '../http/errors';
import { serviceDescriptor } from '../providers/registry';

export type AccountFix = 'setApiKey' | 'signIn' | 'confirmKey' | 'editAccount';

/**
 * Where the request went: to the account's own address (its containers, a connection test),
 * where a 404 or an unreadable answer means the base URL is wrong; or to one item under it (a
 * container's threads, a thread), where a 404 means only that item is not there.
 */
export type FailureScope = 'account' | 'item';

const FOR_MISSING: Record<MissingCredential, AccountFix> = { key: 'setApiKey', originChanged: 'confirmKey', session: 'signIn', customerId: 'editAccount' };

/** The fix to offer first for `error`, or undefined when no change to the account would help. */
export function fixForError(error: unknown, account: Account, scope: FailureScope): AccountFix | undefined {
  if (error instanceof MissingCredentialError) return FOR_MISSING[error.missing];
  if (error instanceof UnauthorizedError) return serviceDescriptor(account.service).capabilities.customerCredential?.rejected(error.serviceMessage) ? 'signIn' : 'setApiKey';
  if (error instanceof NetworkError) return 'editAccount';
  if (error instanceof TimeoutError && error.detail === 'no connection') return 'editAccount';
  if (scope === 'account' && (error instanceof NotFoundError || error instanceof InvalidResponseError)) return 'editAccount';
  return undefined;
}

/** The button or row text of each fix, and the command that carries it out on the account. */
export function fixAction(fix: AccountFix, account: Account): { title: string; command: string } {
  switch (fix) {
    case 'setApiKey':
      return { title: t('Set API Key'), command: 'threadline.setApiKey' };
    case 'signIn':
      return { title: serviceDescriptor(account.service).capabilities.customerCredential?.signInLabel ?? t('Sign In'), command: 'threadline.signInTybrite' };
    case 'confirmKey':
      return { title: t('Confirm Key'), command: 'threadline.confirmKeyOrigin' };
    case 'editAccount':
      return { title: t('Edit Account'), command: 'threadline.editAccount' };
  }
}

/**
 * The buttons of a failed connection test, the likely fix first. Edit Account is always there
 * (every value of the account can be corrected in it); Set API Key where the key may be at fault.
 */
export function connectionFixes(error: unknown, account: Account): AccountFix[] {
  const first = fixForError(error, account, 'account');
  if (first === undefined) return ['editAccount', 'setApiKey'];
  return first === 'editAccount' ? [first] : [first, 'editAccount'];
}
