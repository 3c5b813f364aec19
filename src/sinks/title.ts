// Panel (webview tab) titles. A tab shows one line; the full title is in the panel's header.
import { oneLine } from './text';

export const PANEL_TITLE_MAX = 50;

export function panelTitle(value: string): string {
  return oneLine(value, PANEL_TITLE_MAX) || 'Thread';
}
