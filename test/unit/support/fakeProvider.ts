// A provider that answers from memory, for store tests: containers, pages of threads, and
// threads to open, each answer given by the test.
import type { Container, MessageItem, Page, Thread, ThreadSummary } from '../../../src/domain/model';
import type { ListThreadsOptions, OpenedThread, ServiceProvider } from '../../../src/providers/types';

export interface FakeAnswers {
  containers?: Container[];
  /** The page of a container's list for a cursor (undefined for the first page). */
  threads?: (containerId: string, cursor: string | undefined) => Page<ThreadSummary>;
  open?: (threadId: string) => OpenedThread;
  messages?: (threadId: string, cursor: string) => Page<MessageItem>;
}

export interface FakeProvider extends ServiceProvider {
  /** Every call, in order: `method:argument`. */
  readonly calls: string[];
}

export function fakeProvider(answers: FakeAnswers): FakeProvider {
  const calls: string[] = [];
  return {
    calls,
    listContainers: async () => {
      calls.push('listContainers');
      return answers.containers ?? [];
    },
    listThreads: async (container: Container, options: ListThreadsOptions) => {
      calls.push(`listThreads:${container.id}:${options.cursor ?? ''}`);
      return answers.threads?.(container.id, options.cursor) ?? { items: [] };
    },
    openThread: async (ref) => {
      calls.push(`openThread:${ref.threadId}`);
      if (!answers.open) throw new Error('no thread to open');
      return answers.open(ref.threadId);
    },
    listMessages: async (ref, cursor) => {
      calls.push(`listMessages:${ref.threadId}:${cursor}`);
      return answers.messages?.(ref.threadId, cursor) ?? { items: [] };
    },
    testConnection: async () => 'ok',
  };
}

export function summary(threadId: string, overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return { threadId, title: threadId, state: 'open', badges: [], participants: [], ...overrides };
}

export function thread(threadId: string, overrides: Partial<Thread> = {}): Thread {
  return { ...summary(threadId), links: [], cards: [], ...overrides };
}
