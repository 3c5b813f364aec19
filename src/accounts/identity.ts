// Telling accounts apart: when a new account would only repeat one that exists (the same service,
// address, options and key), and how pickers name accounts so that two of the same name can be
// told apart. Pure (no vscode): unit-tested under Node.
import type { Account, OptionValue } from '../domain/model';
import { serviceDescriptor } from '../providers/registry';

/** The base URL as compared: no trailing slash, the scheme and host in lower case. */
export function comparableBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  if (!URL.canParse(trimmed)) return trimmed;
  const url = new URL(trimmed);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

/** The options the service defines (internal flags such as the sample-data mark left out), as compared. */
function serviceOptions(service: string, options: Readonly<Record<string, OptionValue>>): string {
  const values = serviceDescriptor(service).options.map((option) => [option.key, options[option.key] ?? option.defaultValue ?? '']);
  return JSON.stringify(values);
}

/**
 * Whether two accounts would read the same data the same way: the same service, base URL and
 * service options (for Tybrite, the same customer). The key is compared by the caller.
 */
export function sameConnection(a: Pick<Account, 'service' | 'baseUrl' | 'options'>, b: Pick<Account, 'service' | 'baseUrl' | 'options'>): boolean {
  return a.service === b.service && comparableBaseUrl(a.baseUrl) === comparableBaseUrl(b.baseUrl) && serviceOptions(a.service, a.options) === serviceOptions(b.service, b.options);
}

/** Where an account reads from, for a picker's detail line: host and path, without the scheme. */
export function accountAddress(account: Pick<Account, 'baseUrl'>): string {
  return comparableBaseUrl(account.baseUrl).replace(/^https?:\/\//, '');
}

export interface AccountPickText {
  label: string;
  description: string;
  detail: string;
}

/**
 * How a picker names each account: its label, its service and where it reads from. Accounts that
 * would still read the same add what tells them apart — their customer, or failing that their id.
 * The text is service and user text: the caller passes each part through the quick-pick sink.
 */
export function accountPickTexts(accounts: readonly Account[]): AccountPickText[] {
  const base = accounts.map((account) => {
    const descriptor = serviceDescriptor(account.service);
    return { label: account.label, description: descriptor.variant ? `${descriptor.name} ${descriptor.variant}` : descriptor.name, detail: accountAddress(account) };
  });
  const key = (text: AccountPickText) => `${text.label.toLowerCase()}\u0000${text.description}\u0000${text.detail}`;
  return base.map((text, index) => {
    const same = base.filter((other) => key(other) === key(text)).length;
    if (same < 2) return text;
    const account = accounts[index] as Account;
    const customer = account.options['customerName'] ?? account.options['customerId'];
    const extra = typeof customer === 'string' && customer ? customer : account.id;
    const stillSame = base.some((other, otherIndex) => otherIndex !== index && key(other) === key(text) && (accounts[otherIndex]?.options['customerName'] ?? accounts[otherIndex]?.options['customerId']) === customer);
    return { ...text, detail: `${text.detail} · ${stillSame ? account.id : extra}` };
  });
}
