// Lines of the Threadline log. Service text (names, error messages) must not be able to forge a
// line of its own, hide in the log or fill it: every line break becomes a visible `⏎`, reordering
// and control characters become the marker, and a line is capped.
import { capLength, visibleText } from './text';

export const LOG_LINE_MAX = 4_000;

export function logLine(message: string): string {
  const bounded = message.length > LOG_LINE_MAX + 1 ? message.slice(0, LOG_LINE_MAX + 1) : message;
  return capLength(visibleText(bounded).replace(/\n/g, ' ⏎ '), LOG_LINE_MAX);
}
