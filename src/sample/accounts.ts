import { TYBRITE_IDS } from './tybrite-data';
import type { SampleAccount, SampleKeys, ServiceId } from './types';

/** One provisioning record per service, pointing at a running sample server. */
export function sampleAccounts(server: { baseUrls: Record<ServiceId, string>; keys: SampleKeys }): SampleAccount[] {
  const { baseUrls, keys } = server;
  return [
    { service: 'agentsend', label: 'Sample AgentSend', baseUrl: baseUrls.agentsend, apiKey: keys.agentsend, options: {} },
    { service: 'sitegpt', label: 'Sample SiteGPT', baseUrl: baseUrls.sitegpt, apiKey: keys.sitegpt, options: {} },
    // The same chatbots through API v2 (served beside v0).
    { service: 'sitegpt-v2', label: 'Sample SiteGPT v2', baseUrl: baseUrls.sitegpt.replace(/\/api\/v0$/, '/api/v2'), apiKey: keys.sitegptV2, options: {} },
    {
      service: 'tybrite',
      label: 'Sample Tybrite',
      baseUrl: baseUrls.tybrite,
      apiKey: keys.tybrite,
      options: { customerId: TYBRITE_IDS.sarahCustomerId, customerName: 'Sarah Johnson', credentialHeader: 'x-auth-token' },
      session: { accessToken: keys.tybriteSession },
    },
    { service: 'thred', label: 'Sample Thred', baseUrl: baseUrls.thred, apiKey: keys.thred, options: {} },
    // No options: the account sees all of the user's companies.
    { service: 'cattix', label: 'Sample Cattix', baseUrl: baseUrls.cattix, apiKey: keys.cattix, options: {} },
  ];
}
