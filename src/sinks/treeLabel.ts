// Tree rows: labels, descriptions and plain-text tooltips. VS Code shows them as text (no
// Markdown, no icons), so what is left to enforce are the display invariants: one line, a length
// that cannot stall the view (the full text is in the tooltip and the panel), and no character
// that reorders or hides text.
import { oneLine, visibleLines } from './text';

export const TREE_LABEL_MAX = 200;
export const TREE_DESCRIPTION_MAX = 120;
export const TREE_TOOLTIP_MAX = 2_000;

export function treeLabel(value: string): string {
  return oneLine(value, TREE_LABEL_MAX);
}

export function treeDescription(value: string): string {
  return oneLine(value, TREE_DESCRIPTION_MAX);
}

/** A plain-text tooltip (not Markdown): line breaks kept. */
export function treeTooltipText(value: string): string {
  return visibleLines(value, TREE_TOOLTIP_MAX);
}
