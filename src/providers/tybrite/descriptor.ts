// Tybrite as Threadline knows it: one customer's store-messaging threads, read with the store's
// key plus that customer's own credential.
import { parseThreadReference } from '../shared';
import type { ServiceDescriptor } from '../types';
import { TYBRITE_FILTERS, TybriteProvider } from './client';
import { CREDENTIAL_HEADERS, tybriteKeyProblem } from './schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tybrite: ServiceDescriptor = {
  id: 'tybrite',
  name: 'Tybrite',
  detail: "Store messaging: one customer's threads (needs the customer's sign-in)",
  icon: 'package',
  defaultBaseUrl: 'https://api.tybritelabs.com',
  keyLabel: 'Tybrite API key',
  keyPlaceholder: 'tybrite_sk_live_… or tybrite_pk_test_…',
  keyProblem: tybriteKeyProblem,
  options: [
    {
      key: 'customerId',
      label: 'Customer id',
      prompt: 'The Tybrite customer whose threads this account reads (a UUID)',
      required: true,
      kind: 'string',
      problem: (value) => (UUID.test(value.trim()) ? undefined : 'A Tybrite customer id is a UUID'),
    },
    {
      key: 'customerName',
      label: 'Customer name',
      prompt: 'How the sidebar names this customer (optional)',
      required: false,
      kind: 'string',
    },
    {
      key: 'credentialHeader',
      label: 'Customer credential',
      prompt: 'How the customer proves ownership of the threads',
      required: true,
      kind: 'choice',
      choices: CREDENTIAL_HEADERS,
      defaultValue: 'x-auth-token',
    },
  ],
  containerNoun: { one: 'customer', many: 'customers' },
  capabilities: {
    messagePaging: 'cursor',
    filters: TYBRITE_FILTERS,
    emailLookup: false,
    companyLookup: false,
    webLinks: false,
    processing: false,
    customerCredential: {
      signInLabel: 'Sign In to Tybrite',
      why: "Tybrite needs the customer's session to read their threads.",
      rejected: (serviceMessage) => /session|token/i.test(serviceMessage ?? ''),
    },
    threadReference: { prompt: 'A Tybrite thread id', parse: parseThreadReference },
  },
  create: (context) => new TybriteProvider(context),
};
