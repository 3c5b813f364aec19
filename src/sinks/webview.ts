// The thread panel's page. It builds every element from data with textContent (no HTML but what
// DOMPurify returns, under a strict CSP), so markup is not the risk here; what is left are the
// display invariants for names, addresses and titles: visible in place of reordering characters,
// on one line, and short enough that no field can stall the page. Message bodies are not
// touched: they render with dir="auto" so right-to-left text reads right.
import { oneLine } from './text';

export const WEBVIEW_NAME_MAX = 200;
/**
 * The header shows the title in full up to here (the tab title is shorter, see title.ts): a few
 * lines, so the first messages stay on screen below even the longest title a service sends.
 */
export const WEBVIEW_TITLE_MAX = 500;

/** A name, an address, a label, a badge. */
export function webviewName(value: string): string {
  return oneLine(value, WEBVIEW_NAME_MAX);
}

/** The thread title in the panel's header, a subject line. */
export function webviewTitle(value: string): string {
  return oneLine(value, WEBVIEW_TITLE_MAX);
}
