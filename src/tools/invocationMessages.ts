// What each tool tells the user it is about to read (`prepareInvocation`), shown in the chat
// while it runs. Every value in it — a thread title from a service, a query or address from a
// model — goes through the notification sink: one line, short, never a link or an icon. No vscode here.
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
  return `Searching Threadline conversations for “${noticeText(input.query)}”${input.account ? ` in ${noticeText(input.account)}` : ''}${input.service ? ` (${noticeText(input.service)})` : ''}`;
}

export function readMessage(deps: MessageDeps, input: ReadInput): string {
  const account = findAccount(deps.accounts, input.accountId);
  const title = account ? deps.store.titleOf(account.id, input.threadId) : undefined;
  const which = title ? `“${noticeText(title)}”` : `thread ${noticeText(input.threadId)}`;
  const range = input.range ? `, messages ${input.range.from}–${input.range.to ?? 'on'}` : ', its latest messages';
  return `Reading ${which}${account ? ` in ${noticeText(account.label)}` : ''}${range}`;
}

export function lookupMessage(deps: MessageDeps, input: LookupInput): string {
  const asked = deps.accounts
    .list()
    .filter((account) => deps.services.get(account.service).capabilities.emailLookup)
    .map((account) => noticeText(account.label));
  return `Looking up ${noticeText(input.email)}${asked.length ? ` in ${asked.join(', ')} and` : ' in'} the conversations Threadline has loaded`;
}

export function listMessage(input: ListInput): string {
  return `Listing recent threads${input.accountId ? ` of ${noticeText(input.accountId)}` : ' of every account'}${input.container ? ` in ${noticeText(input.container)}` : ''}`;
}
