// What each tool tells the user it is about to read (`prepareInvocation`), shown in the chat
// while it runs. Every value in it — a thread title from a service, a query or address from a
// model — goes through the notification sink: one line, short, never a link or an icon. No vscode here.
import { t } from '../l10n';
import type { ServiceRegistry } from '../providers/registry';
import type { ThreadStore } from '../store/threadStore';
import type { ListInput, LookupInput, ReadInput, SearchInput } from './inputs';
import { noticeText } from '../sinks/notification';
import { findAccount, type AccountList } from './scope';

export interface MessageDeps {
  store: ThreadStore;
  accounts: AccountList;
  services: ServiceRegistry;
}

export function searchMessage(input: SearchInput): string {
  return t('Searching Threadline conversations for “{0}”{1}{2}', noticeText(input.query), input.account ? t(' in {0}', noticeText(input.account)) : '', input.service ? ` (${noticeText(input.service)})` : '');
}

export function readMessage(deps: MessageDeps, input: ReadInput): string {
  const account = findAccount(deps.accounts, input.accountId);
  const title = account ? deps.store.titleOf(account.id, input.threadId) : undefined;
  const which = title ? `“${noticeText(title)}”` : t('thread {0}', noticeText(input.threadId));
  const range = input.range ? t(', messages {0}–{1}', input.range.from, input.range.to ?? 'on') : t(', its latest messages');
  return t('Reading {0}{1}{2}', which, account ? t(' in {0}', noticeText(account.label)) : '', range);
}

export function lookupMessage(deps: MessageDeps, input: LookupInput): string {
  const asked = deps.accounts
    .list()
    .filter((account) => deps.services.get(account.service).capabilities.emailLookup)
    .map((account) => noticeText(account.label));
  return t('Looking up {0}{1} the conversations Threadline has loaded', noticeText(input.email), asked.length ? t(' in {0} and', asked.join(', ')) : ' in');
}

export function listMessage(input: ListInput): string {
  return t('Listing recent threads{0}{1}', input.accountId ? t(' of {0}', noticeText(input.accountId)) : t(' of every account'), input.container ? t(' in {0}', noticeText(input.container)) : '');
}
