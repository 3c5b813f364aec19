// Quick pick items (label, description, detail) and input box titles and prompts. VS Code draws
// `$(icon)` in all of them; `\$(` shows the text as written. Service text is one line, short and
// visibly free of reordering characters.
import { oneLine } from './text';

export const PICK_LABEL_MAX = 120;
export const PICK_DETAIL_MAX = 240;

function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** A quick pick label or an input box title from service text. */
export function pickLabel(value: string): string {
  return escapeIcons(oneLine(value, PICK_LABEL_MAX));
}

/** A quick pick description. */
export function pickDescription(value: string): string {
  return escapeIcons(oneLine(value, PICK_LABEL_MAX));
}

/** A quick pick detail line. */
export function pickDetail(value: string): string {
  return escapeIcons(oneLine(value, PICK_DETAIL_MAX));
}
