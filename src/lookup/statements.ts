// What a lookup says when services answer in their own words ("Customer not found with this
// email"): each different answer once, naming the accounts only when they did not all say it.
// Pure (no vscode), unit-tested.

export interface AccountStatement {
  account: string;
  message: string;
}

/**
 * One line per distinct answer. When every account asked gave the same answer it is said once,
 * without names; otherwise each answer names the accounts that gave it.
 */
export function combineStatements(statements: readonly AccountStatement[], accountsAsked: number): string[] {
  const byMessage = new Map<string, string[]>();
  for (const { account, message } of statements) byMessage.set(message, [...(byMessage.get(message) ?? []), account]);
  return [...byMessage].map(([message, accounts]) => (accountsAsked <= 1 || accounts.length === accountsAsked ? message : `${accounts.join(', ')}: ${message}`));
}
