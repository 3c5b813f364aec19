import { t } from '../l10n';
// What counts as an email address worth sending to a service: checked before anything is sent
// (as the user types a lookup, and on what an assistant's tool is given), so an invalid address
// never reaches the network.
const PATTERN = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/;

export function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (!email) return t('Enter an email address');
  if (email.length > 254) return t('That is too long to be an email address');
  if (!PATTERN.test(email) || email.includes('..')) return t('Enter a full address, such as sarah@example.com');
  return undefined;
}
