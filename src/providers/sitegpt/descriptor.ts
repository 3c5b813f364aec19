// SiteGPT as Threadline knows it: chatbots and their conversations (API v0).
import { parseThreadReference, plainKeyProblem } from '../shared';
import type { ServiceDescriptor } from '../types';
import { SITEGPT_FILTERS, SiteGptProvider } from './client';

export const sitegpt: ServiceDescriptor = {
  id: 'sitegpt',
  name: 'SiteGPT',
  detail: 'Chatbot conversations (API v0): chatbots → threads',
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
    threadReference: { prompt: 'A SiteGPT thread id', parse: parseThreadReference },
  },
  create: (context) => new SiteGptProvider(context),
};
