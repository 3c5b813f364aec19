// Thread filters: those a service has as API parameters go to the server; the rest, and the
// text filter, apply to the threads already loaded.
import type { FilterDefinition, ThreadFilter, ThreadSummary } from '../domain/model';

export function serverFilter(filter: ThreadFilter, definitions: readonly FilterDefinition[]): ThreadFilter {
  const out: ThreadFilter = {};
  for (const definition of definitions) {
    if (definition.appliesOn !== 'server') continue;
    const value = filter[definition.key];
    if (value !== undefined) (out as Record<string, unknown>)[definition.key] = value;
  }
  return out;
}

export function matchesLocally(thread: ThreadSummary, filter: ThreadFilter, definitions: readonly FilterDefinition[]): boolean {
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
    }
  }
  const text = filter.text?.trim().toLowerCase();
  return !text || thread.title.toLowerCase().includes(text);
}
