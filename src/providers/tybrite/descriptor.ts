// Tybrite as Threadline knows it: one customer's store-messaging threads, read with the store's
// key plus that customer's own credential.
import { t } from '../../l10n';
import { parseThreadReference } from '../shared';
import type { ServiceDescriptor } from '../types';
import { MAX_CLAIM_LIFETIME_SECONDS } from './claim';
import { TYBRITE_FILTERS, TybriteProvider } from './client';
import { CREDENTIAL_LABELS, credentialInput } from './credentials';
import { CREDENTIAL_HEADERS, customerCredentialRejected, tybriteKeyProblem } from './schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tybrite: ServiceDescriptor = {
  id: 'tybrite',
  name: 'Tybrite',
  detail: t('Store messaging: one customer\'s threads (needs the customer\'s sign-in)'),
  icon: 'package',
  defaultBaseUrl: 'https://api.tybritelabs.com',
  keyLabel: 'Tybrite API key',
  keyPlaceholder: 'tybrite_sk_live_… or tybrite_pk_test_…',
  keyProblem: tybriteKeyProblem,
  options: [
    {
      key: 'customerId',
      label: t('Customer id'),
      prompt: t('The Tybrite customer whose threads this account reads (a UUID)'),
      required: true,
      kind: 'string',
      problem: (value) => (UUID.test(value.trim()) ? undefined : 'A Tybrite customer id is a UUID'),
    },
    {
      key: 'customerName',
      label: t('Customer name'),
      prompt: t('How the sidebar names this customer (optional)'),
      required: false,
      kind: 'string',
    },
    {
      key: 'credentialHeader',
      label: t('Customer credential'),
      prompt: t('How Threadline proves it may read the customer\'s threads (store staff use a signed external id)'),
      required: true,
      kind: 'choice',
      choices: CREDENTIAL_HEADERS,
      choiceLabels: CREDENTIAL_LABELS,
      defaultValue: 'x-auth-token',
    },
    {
      key: 'externalId',
      label: t('External id'),
      prompt: t('The customer\'s id in the store\'s own identity provider (their Tybrite external_id)'),
      required: true,
      kind: 'string',
      onlyWhen: { key: 'credentialHeader', value: 'x-external-auth' },
      problem: (value) => (value.trim() && value.length <= 500 ? undefined : 'Enter the external id'),
    },
    {
      key: 'claimLifetimeSeconds',
      label: t('Claim lifetime (seconds)'),
      prompt: t('How long each signed claim is valid, 1–{0} (default 240; a fresh one is signed for every request)', MAX_CLAIM_LIFETIME_SECONDS),
      required: false,
      kind: 'string',
      onlyWhen: { key: 'credentialHeader', value: 'x-external-auth' },
      problem: (value) => {
        const seconds = Number(value);
        return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_CLAIM_LIFETIME_SECONDS ? undefined : `A whole number of seconds from 1 to ${MAX_CLAIM_LIFETIME_SECONDS}`;
      },
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
    liveUpdates: true,
    // unread_count_store on every thread of the list (providers.md §4).
    unreadCounts: true,
    customerCredential: {
      signInLabel: 'Sign In to Tybrite',
      why: "Tybrite needs the customer's own credential (a session, a claim signed with the store's HMAC secret, or an IdP token) to read their threads.",
      rejected: customerCredentialRejected,
      input: credentialInput,
    },
    threadReference: { prompt: t('A Tybrite thread id'), parse: parseThreadReference },
  },
  create: (context) => new TybriteProvider(context),
};
