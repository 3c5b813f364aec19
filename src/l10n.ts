// Threadline's own words, localizable. In the extension `vscode.l10n.t` translates them
// (extension.ts installs it here); core code, which never imports vscode, calls `t` from this
// module. Messages use `{0}`-style placeholders as `vscode.l10n.t` does: the words stay one
// sentence for a translator, and values are filled in after translation.

export type L10nValue = string | number | boolean;
export type Translator = (message: string, args: readonly L10nValue[]) => string;

/** Fills `{0}`, `{1}`… with the values given, as written (English, or no translation found). */
export function fillIn(message: string, args: readonly L10nValue[]): string {
  return message.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

let translator: Translator = fillIn;

/** The extension's translator (`vscode.l10n.t`), or none (`fillIn`) under plain Node. */
export function useTranslator(next: Translator | undefined): void {
  translator = next ?? fillIn;
}

/** One message of Threadline's own, translated, with its values filled in. */
export function t(message: string, ...args: L10nValue[]): string {
  return translator(message, args);
}
