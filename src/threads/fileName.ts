// A file name for an exported thread, from its title (service text): safe on every OS.

/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A file name from a thread's title that every OS accepts: no path separators, no characters
 * Windows forbids, no control characters, no trailing dots or spaces, not a reserved device name,
 * at most 60 characters before the extension.
 */
export function exportFileName(title: string, extension: 'md' | 'json'): string {
  let base = title
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)
    .replace(/[. ]+$/, '')
    .replace(/^[. ]+/, '');
  if (!base || RESERVED.test(base)) base = base ? `${base} thread` : 'thread';
  return `${base}.${extension}`;
}
