// SiteGPT as Threadline knows it: chatbots and their conversations (API v0).
import { t } from '../../l10n';
import { parseThreadReference, plainKeyProblem } from '../shared';
import { V2_TOKEN_PREFIX } from '../sitegpt-v2/schema';
import type { ServiceDescriptor } from '../types';
import { SITEGPT_FILTERS, SiteGptProvider } from './client';

export const sitegpt: ServiceDescriptor = {
  id: 'sitegpt',
  name: 'SiteGPT',
  variant: 'API v0',
  detail: t('Chatbot conversations (API v0 legacy key): chatbots → threads'),
  // v2 tokens are sgpt_… (the v0 key format is not documented, so only that prefix tells).
  keyBelongsTo: (key) => (key.trim().startsWith(V2_TOKEN_PREFIX) ? 'sitegpt-v2' : undefined),
  icon: 'hubot',
  defaultBaseUrl: 'https://sitegpt.ai/api/v0',
  keyLabel: 'SiteGPT API key',
  keyPlaceholder: 'Profile › API Access in SiteGPT',
  keyProblem: plainKeyProblem,
  options: [],
  containerNoun: { one: 'chatbot', many: 'chatbots' },
  capabilities: {
    messagePaging: 'single',
    filters: SITEGPT_FILTERS,
    emailLookup: false,
    companyLookup: false,
    webLinks: false,
    processing: false,
    threadReference: { prompt: t('A SiteGPT thread id'), parse: parseThreadReference },
  },
  create: (context) => new SiteGptProvider(context),
};
