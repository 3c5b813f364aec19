// Thred as Threadline knows it: AI-chat lead enrichment. Customers are looked up by email or
// company; one may stay "processing" while Thred enriches it.
import { t } from '../../l10n';
import { plainKeyProblem } from '../shared';
import type { ServiceDescriptor } from '../types';
import { THRED_FILTERS, ThredProvider } from './client';
import { customerIdFromLink } from './mapping';

export const thred: ServiceDescriptor = {
  id: 'thred',
  name: 'Thred',
  detail: t('AI-chat lead enrichment: recent customers, lookup by email or company'),
  icon: 'sparkle',
  defaultBaseUrl: 'https://api.thred.dev/v1',
  keyLabel: 'Thred API key',
  keyPlaceholder: 'your workspace API key',
  keyProblem: plainKeyProblem,
  options: [],
  containerNoun: { one: 'list', many: 'lists' },
  capabilities: {
    messagePaging: 'single',
    filters: THRED_FILTERS,
    emailLookup: true,
    companyLookup: true,
    webLinks: true,
    processing: true,
    threadReference: {
      prompt: t('A customer id or a Thred share link (https://app.thred.ai/share/…)'),
      parse: (input) => {
        const value = input.trim();
        if (!value) return { problem: 'Paste a customer id or a Thred share link' };
        if (/^https?:\/\//i.test(value)) {
          if (!URL.canParse(value)) return { problem: 'That link is not a valid URL' };
          const path = new URL(value).pathname;
          const id = customerIdFromLink(path);
          if (id) return { threadId: id };
          if (/\/share\/[^/]+/.test(path)) return { problem: 'That link has a malformed escape (%…); paste the customer id itself' };
          return { problem: 'A Thred link looks like https://app.thred.ai/share/<customerId>' };
        }
        if (/\s/.test(value)) return { problem: 'A customer id has no spaces' };
        if (value.length > 500) return { problem: 'That is too long to be a customer id' };
        return { threadId: value };
      },
    },
  },
  create: (context) => new ThredProvider(context),
};
