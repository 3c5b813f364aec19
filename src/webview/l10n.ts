// The page's own words, in the user's language: the host puts VS Code's translations for
// Threadline (`vscode.l10n.bundle`, none in English) on the page, and `t` reads them like
// `vscode.l10n.t` does — the same messages, `{0}` placeholders filled in after translation.
import { fillIn, type L10nValue } from '../l10n';

function readBundle(): Readonly<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(document.getElementById('app')?.dataset['l10n'] ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

let bundle: Readonly<Record<string, string>> | undefined;

export function t(message: string, ...args: L10nValue[]): string {
  bundle ??= readBundle();
  const translated = Object.hasOwn(bundle, message) ? bundle[message] : undefined;
  return fillIn(translated ?? message, args);
}
