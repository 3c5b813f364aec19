// Cattix as Threadline knows it: marketing-assistant chats per company. Cattix publishes no
// message endpoint, so threads show their details only.
import { t } from '../../l10n';
import { parseThreadReference, plainKeyProblem } from '../shared';
import type { ServiceDescriptor } from '../types';
import { CATTIX_FILTERS, CattixProvider } from './client';

export const cattix: ServiceDescriptor = {
  id: 'cattix',
  name: 'Cattix',
  detail: t('Marketing-assistant chat threads per company (details only)'),
  icon: 'graph-line',
  defaultBaseUrl: 'https://api.cattix.com',
  keyLabel: 'Cattix access token',
  keyPlaceholder: 'OAuth access token',
  keyProblem: plainKeyProblem,
  options: [
    {
      key: 'companyIds',
      label: t('Companies'),
      prompt: t('Only these company ids, comma-separated (leave empty for all)'),
      required: false,
      kind: 'list',
      problem: (value) => (value.split(',').every((id) => !id.trim() || /^\d+$/.test(id.trim())) ? undefined : 'Company ids are numbers'),
    },
  ],
  containerNoun: { one: 'company', many: 'companies' },
  capabilities: {
    messagePaging: 'none',
    filters: CATTIX_FILTERS,
    emailLookup: false,
    companyLookup: false,
    webLinks: false,
    processing: false,
    threadReference: { prompt: t('A Cattix thread id'), parse: parseThreadReference },
  },
  create: (context) => new CattixProvider(context),
};
