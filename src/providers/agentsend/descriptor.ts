// AgentSend as Threadline knows it: email inboxes for agents, paged by limit/offset with totals.
import { t } from '../../l10n';
import { parseThreadReference, plainKeyProblem } from '../shared';
import type { ServiceDescriptor } from '../types';
import { AgentSendProvider } from './client';

export const agentsend: ServiceDescriptor = {
  id: 'agentsend',
  name: 'AgentSend',
  detail: t('Email inboxes for agents: inboxes → threads → messages'),
  icon: 'mail',
  defaultBaseUrl: 'https://api.agentsend.io',
  keyLabel: 'AgentSend API key',
  keyPlaceholder: 'from the AgentSend dashboard',
  keyProblem: plainKeyProblem,
  options: [],
  containerNoun: { one: 'inbox', many: 'inboxes' },
  capabilities: {
    messagePaging: 'offset',
    filters: [], // the API documents no thread filters
    emailLookup: false,
    companyLookup: false,
    webLinks: false,
    processing: false,
    threadReference: { prompt: t('An AgentSend thread id'), parse: parseThreadReference },
  },
  create: (context) => new AgentSendProvider(context),
};
