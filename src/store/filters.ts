// Thread filters: those a service has as API parameters go to the server; the rest, and the
// text filter, apply to the threads already loaded.
import type { FilterDefinition, ThreadFilter, ThreadSummary } from '../domain/model';

export function serverFilter(filter: ThreadFilter, definitions: readonly FilterDefinition[], textOnServer = false): ThreadFilter {
  const out: ThreadFilter = {};
  if (textOnServer && filter.text?.trim()) out.text = filter.text.trim();
  for (const definition of definitions) {
    if (definition.appliesOn !== 'server') continue;
    const value = filter[definition.key];
    if (value !== undefined) (out as Record<string, unknown>)[definition.key] = value;
  }
  return out;
}

export function matchesLocally(thread: ThreadSummary, filter: ThreadFilter, definitions: readonly FilterDefinition[], textOnServer = false): boolean {
  for (const definition of definitions) {
    if (definition.appliesOn !== 'local') continue;
    const wanted = filter[definition.key];
    if (wanted === undefined) continue;
    switch (definition.key) {
      case 'status':
      case 'priority':
      case 'type':
        if ((thread[definition.key] ?? '').toLowerCase() !== String(wanted).toLowerCase()) return false;
        break;
      case 'archived':
        if (thread.badges.includes('archived') !== wanted) return false;
        break;
      case 'unread':
        if ((thread.unread ?? 0) > 0 !== wanted) return false;
        break;
      case 'read':
        if (((thread.unread ?? 0) === 0) !== wanted) return false;
        break;
      case 'escalated':
      case 'important':
        if (thread.badges.includes(definition.key) !== wanted) return false;
        break;
      // reaction and period describe what the service knows, not what a summary shows: server only.
    }
  }
  if (textOnServer) return true;
  const text = filter.text?.trim().toLowerCase();
  return !text || thread.title.toLowerCase().includes(text);
}

/**
 * The Threads view's own filter (its title bar's Filter…): every word, in any case, appears in
 * the thread's title or in the name or address of someone on it. Applied to what is loaded.
 */
export function matchesViewFilter(thread: ThreadSummary, text: string | undefined): boolean {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20);
  if (words.length === 0) return true;
  const haystack = [thread.title, ...thread.participants.flatMap((person) => [person.name ?? '', person.address ?? ''])].join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
