// A sixth service that exists only in tests, written the way a real one is added: a folder with
// its descriptor (and here a provider answering from memory). Nothing else in Threadline names it.
import { parseThreadReference, plainKeyProblem } from '../../../../src/providers/shared';
import type { ServiceDescriptor } from '../../../../src/providers/types';
import { fakeProvider, summary, thread } from '../fakeProvider';

export const parrot: ServiceDescriptor = {
  id: 'parrot',
  name: 'Parrot',
  detail: 'A service that repeats what it is told (tests only)',
  icon: 'comment',
  defaultBaseUrl: 'https://api.parrot.example',
  keyLabel: 'Parrot key',
  keyPlaceholder: 'parrot_…',
  keyProblem: plainKeyProblem,
  options: [],
  containerNoun: { one: 'perch', many: 'perches' },
  capabilities: {
    messagePaging: 'single',
    filters: [],
    emailLookup: false,
    companyLookup: false,
    webLinks: false,
    processing: false,
    threadReference: { prompt: 'A Parrot thread id', parse: parseThreadReference },
  },
  create: () =>
    fakeProvider({
      containers: [{ kind: 'inbox', id: 'perch-1', label: 'Main perch' }],
      threads: () => ({ items: [summary('squawk-1', { title: 'Polly wants a cracker', participants: [{ role: 'customer', address: 'polly@parrot.example' }] })] }),
      open: (threadId) => ({
        thread: thread(threadId, { title: 'Polly wants a cracker', cards: [{ kind: 'facts', id: 'details', title: 'Details', rows: [{ label: 'Feathers', value: 'green' }] }] }),
        messages: { items: [{ type: 'message', id: 'm1', author: { role: 'customer', name: 'Polly' }, to: [], cc: [], body: { kind: 'text', text: 'Squawk' }, attachments: [], sources: [] }] },
      }),
    }),
};
