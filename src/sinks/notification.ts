// Notifications (show*Message), progress titles and messages, and status bar messages. VS Code
// turns `[label](command:…)` (also https: and file: targets) in a notification into a live
// link, and the status bar draws `$(icon)`. Service text reaches these surfaces only through
// `notice`, which keeps it on one line, short, visibly free of reordering characters, and never
// a link or an icon: a `]` is never followed directly by `(`, and `$(` loses its meaning.
import { t } from '../l10n';
import { capLength, oneLine } from './text';

/** The most characters one interpolated value may take in a notification. */
export const NOTICE_VALUE_MAX = 160;

/** One value from a service, made safe for a notification, progress title or status bar message. */
export function noticeText(value: string, max = NOTICE_VALUE_MAX): string {
  return capLength(defuse(oneLine(value, max)), max);
}

/** Breaks the link syntax `[label](target)` and the icon syntax `$(name)`, keeping the text readable. */
function defuse(text: string): string {
  return text.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

/**
 * A tagged template for notification text: the literal parts are Threadline's own words (one
 * message to translate, values as `{0}`, `{1}`…), every interpolated value goes through
 * noticeText (an array: each item, joined with " · ").
 *
 *   notice`Exporting “${thread.title}”`
 */
export function notice(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  const message = strings.reduce((text, part, index) => (index === 0 ? part : `${text}{${index - 1}}${part}`), '');
  return t(message, ...values.map((value) => (Array.isArray(value) ? value.map((item) => noticeText(String(item))).join(' · ') : noticeText(String(value)))));
}
