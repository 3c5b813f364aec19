import { TYBRITE_IDS } from './tybrite-data';
import type { SampleAccount, SampleKeys, ServiceId } from './types';

/** One provisioning record per service, pointing at a running sample server. */
export function sampleAccounts(server: { baseUrls: Record<ServiceId, string>; keys: SampleKeys }): SampleAccount[] {
  const { baseUrls, keys } = server;
  return [
    { service: 'agentsend', label: 'Sample AgentSend', baseUrl: baseUrls.agentsend, apiKey: keys.agentsend, options: {} },
    { service: 'sitegpt', label: 'Sample SiteGPT', baseUrl: baseUrls.sitegpt, apiKey: keys.sitegpt, options: {} },
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

/**
 * Accounts for the other API of a service the sample server also speaks (SiteGPT v2, over the
 * same chatbots): not among the one-per-service sample accounts, for tests that ask for them.
 */
export function sampleVariantAccounts(server: { baseUrls: Record<ServiceId, string>; keys: SampleKeys }): SampleAccount[] {
  const { baseUrls, keys } = server;
  return [{ service: 'sitegpt-v2', label: 'Sample SiteGPT v2', baseUrl: baseUrls.sitegpt.replace(/\/api\/v0$/, '/api/v2'), apiKey: keys.sitegptV2, options: {} }];
}
