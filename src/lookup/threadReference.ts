// "Open Thread by ID…": what the user pasted — an id, or a link that carries one — as a thread
// reference. Only link shapes a service documents are read (Thred's share links), plus the API
// paths Threadline itself calls; nothing else is guessed.
import type { ServiceId, ThreadRef } from '../domain/model';
import { customerIdFromLink } from '../providers/thred/mapping';

export function parseThreadReference(service: ServiceId, input: string): ThreadRef | { problem: string } {
  const value = input.trim();
  if (!value) return { problem: 'Paste a thread id or a link to the thread' };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { problem: 'That link is not a valid URL' };
    }
    if (service === 'thred') {
      const id = customerIdFromLink(url.pathname);
      return id ? { threadId: id } : { problem: 'A Thred link looks like https://app.thred.ai/share/<customerId>' };
    }
    const segments = url.pathname.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
    const after = (name: string) => {
      const index = segments.lastIndexOf(name);
      return index >= 0 ? segments[index + 1] : undefined;
    };
    const threadId = after('threads') ?? url.searchParams.get('thread_id') ?? undefined;
    if (!threadId) return { problem: 'No thread id found in that link; paste the id itself' };
    const containerId = after('chatbots') ?? url.searchParams.get('company_id') ?? undefined;
    return { threadId, ...(containerId ? { containerId } : {}) };
  }
  if (/\s/.test(value)) return { problem: 'A thread id has no spaces' };
  if (value.length > 500) return { problem: 'That is too long to be a thread id' };
  return { threadId: value };
}
