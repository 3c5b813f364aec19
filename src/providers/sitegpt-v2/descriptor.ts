// SiteGPT through API v2 ("recommended for new integrations"): the same chatbots and
// conversations as v0, with scoped sgpt_ tokens, cursor paging, server-side filters and search.
// A descriptor of its own rather than a mode of the v0 one: the key format, base path, envelope,
// paging, filters, search and what a conversation shows all differ, and a descriptor's
// capabilities are what every view reads, so each stays true for every account that has it.
import { t } from '../../l10n';
import { parseThreadReference } from '../shared';
import type { ServiceDescriptor } from '../types';
import { SITEGPT_V2_FILTERS, SiteGptV2Provider } from './client';
import { siteGptV2KeyProblem } from './schema';

export const sitegptV2: ServiceDescriptor = {
  id: 'sitegpt-v2',
  name: 'SiteGPT',
  variant: 'API v2',
  detail: t('Chatbot conversations (API v2, sgpt_ tokens): server-side filters and search'),
  icon: 'hubot',
  defaultBaseUrl: 'https://sitegpt.ai/api/v2',
  keyLabel: 'SiteGPT API v2 token',
  keyPlaceholder: 'sgpt_… (SiteGPT › Agents)',
  keyProblem: siteGptV2KeyProblem,
  options: [],
  containerNoun: { one: 'chatbot', many: 'chatbots' },
  capabilities: {
    messagePaging: 'none',
    filters: SITEGPT_V2_FILTERS,
    emailLookup: false,
    companyLookup: false,
    webLinks: false,
    processing: false,
    textSearch: 'server',
    threadReference: { prompt: t('A SiteGPT conversation id'), parse: parseThreadReference },
  },
  create: (context) => new SiteGptV2Provider(context),
};
