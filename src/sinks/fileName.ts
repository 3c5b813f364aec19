// File names made from service text: the suggested name of an export and the name of the
// Markdown document (its editor tab title). A name never climbs out of its folder, never
// starts with a dot, never holds a character a file system or a shell treats specially, and
// never reorders itself (`invoice‮gpj.exe`): such characters become `_`, visibly.
import { oneLine } from './text';

export const FILE_NAME_MAX = 80;

/** Path separators, characters Windows refuses, `#` and `%` (URI syntax), controls and bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\\/:*?"<>|#%\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFD]/g;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\.|$)/i;

/** A file name (without extension) for service text; `fallback` when nothing usable is left. */
export function safeFileName(value: string, fallback = 'thread', max = FILE_NAME_MAX): string {
  // Reordering characters first become the marker (oneLine), then `_` with the rest.
  let name = oneLine(value, max).replace(UNSAFE, '_');
  name = name.replace(/^[\s._]+/, '').replace(/[\s.]+$/, '');
  if (RESERVED.test(name)) name = `_${name}`;
  return name || fallback;
}
