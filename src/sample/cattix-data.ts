// Cattix sample data: three companies with their Google Ads customers and Business Profile locations,
// and eight assistant chat threads per company.
import { CLOCK_END_MS, CLOCK_START_MS, DAY, HOUR, Rng, at, isoNaive, isoSeconds, timeBetween } from './data';
import { XSS_PAYLOADS } from './xss';

export const CATTIX_ASSISTANT_TYPES = ['onboarding', 'general', 'market_analysis', 'campaign_creation'] as const;
export type AssistantType = (typeof CATTIX_ASSISTANT_TYPES)[number];

export interface GoogleAdsCustomer {
  id: number;
  date_added: string;
  date_updated: string;
  descriptive_name: string;
  currency_code: string;
  time_zone: string;
  status: string;
  manager: boolean;
  is_active: boolean;
  is_deleted: boolean;
}

export interface GoogleBusinessLocation {
  id: string;
  title: string;
  store_code: string;
  maps_uri: string;
  storefront_address: {
    region_code: string;
    language_code: string;
    postal_code: string;
    administrative_area: string;
    locality: string;
    sublocality: string;
    address_lines: string[];
  };
}

export interface Company {
  id: number;
  name: string;
  date_added: string;
  date_updated: string;
  google_ads_customers: GoogleAdsCustomer[];
  google_business_locations: GoogleBusinessLocation[];
}

export interface AssistantChatThread {
  thread_id: string;
  is_completed: boolean;
  date_added: string;
  date_updated: string;
  name: string | null;
  description: string | null;
  extra_data: Record<string, unknown>;
  google_ads_customer: GoogleAdsCustomer | null;
  google_ads_login_customer_id: number | null;
  google_business_location: GoogleBusinessLocation | null;
  assistant: { id: string; assistant_type: AssistantType; date_added: string; date_updated: string };
}

export interface CattixData {
  companies: Company[];
  /** Per company id, `date_updated` descending. */
  threadsByCompany: Map<number, AssistantChatThread[]>;
}

export const CATTIX_IDS = {
  companies: [101, 102, 103] as readonly number[],
  /** The thread whose name/description come from the XSS corpus (company 101). */
  hostileThread: 'thread_h0stileXss0000000000001',
  threadsPerCompany: 8,
} as const;

function adsCustomer(id: number, name: string, tz: string, status: string, manager: boolean, addedMs: number): GoogleAdsCustomer {
  return {
    id,
    date_added: isoSeconds(addedMs),
    date_updated: isoSeconds(addedMs + 9 * DAY + 3 * HOUR),
    descriptive_name: name,
    currency_code: 'USD',
    time_zone: tz,
    status,
    manager,
    is_active: status === 'ENABLED',
    is_deleted: false,
  };
}

function location(cid: string, title: string, code: string, address: GoogleBusinessLocation['storefront_address']): GoogleBusinessLocation {
  return { id: `locations/${cid}`, title, store_code: code, maps_uri: `https://maps.google.com/?cid=${cid}`, storefront_address: address };
}

const T0 = CLOCK_START_MS + 2 * HOUR;

const COMPANIES: Company[] = [
  {
    id: 101,
    name: 'Bluebird Bakery',
    date_added: isoNaive(T0, 412),
    date_updated: isoNaive(T0 + 40 * DAY, 88),
    google_ads_customers: [
      adsCustomer(4815162342, 'Bluebird Bakery – Search', 'America/Chicago', 'ENABLED', false, T0 + HOUR),
      adsCustomer(2718281828, 'Bluebird Bakery – Catering (old)', 'America/Chicago', 'CANCELED', false, T0 + 2 * HOUR),
    ],
    google_business_locations: [
      location('14126958712367894321', 'Bluebird Bakery – Downtown', 'BB-001', {
        region_code: 'US',
        language_code: 'en',
        postal_code: '78701',
        administrative_area: 'TX',
        locality: 'Austin',
        sublocality: 'Downtown',
        address_lines: ['512 Congress Ave', 'Suite 100'],
      }),
      location('9081726354453627180', 'Bluebird Bakery – South Lamar', 'BB-002', {
        region_code: 'US',
        language_code: 'en',
        postal_code: '78704',
        administrative_area: 'TX',
        locality: 'Austin',
        sublocality: 'South Lamar',
        address_lines: ['2201 S Lamar Blvd'],
      }),
    ],
  },
  {
    id: 102,
    name: 'Summit Dental Group',
    date_added: isoNaive(T0 + 3 * DAY, 5),
    date_updated: isoNaive(T0 + 52 * DAY, 731),
    google_ads_customers: [adsCustomer(3141592653, 'Summit Dental – Denver', 'America/Denver', 'ENABLED', false, T0 + 3 * DAY)],
    google_business_locations: [
      location('5550001112223334445', 'Summit Dental Group – Cherry Creek', 'SDG-DEN-1', {
        region_code: 'US',
        language_code: 'en',
        postal_code: '80206',
        administrative_area: 'CO',
        locality: 'Denver',
        sublocality: 'Cherry Creek',
        address_lines: ['250 Steele St', 'Floor 2'],
      }),
    ],
  },
  {
    id: 103,
    name: 'Nimbus Software',
    date_added: isoNaive(T0 + 20 * DAY, 990),
    date_updated: isoNaive(T0 + 20 * DAY, 990),
    google_ads_customers: [],
    google_business_locations: [],
  },
];

/** The manager (MCC) account used as login-customer-id for Summit Dental's ads account. */
const SUMMIT_MANAGER_ID = 9876543210;

const TOPICS: Record<AssistantType, { name: string; description: string; extra: Record<string, unknown> }[]> = {
  onboarding: [
    { name: 'Getting started', description: 'General onboarding: goals, budget and target area.', extra: {} },
    { name: 'Google Ads onboarding', description: 'Connect the Ads account, review conversion tracking and campaign structure.', extra: { step: 'conversion_tracking' } },
    { name: 'Business Profile onboarding', description: 'Review the Google Business Profile: hours, categories and photos.', extra: { step: 'categories' } },
  ],
  general: [
    { name: 'Why did CPC go up last week?', description: 'Questions about rising cost per click on branded search.', extra: {} },
    { name: 'Ideas for the holiday season', description: 'Brainstorm promotions for late November and December.', extra: { season: 'holidays-2026' } },
  ],
  market_analysis: [
    { name: 'Competitor analysis', description: 'Who bids on our keywords and how their ads position themselves.', extra: { radius_km: 15 } },
    { name: 'Local demand trends', description: 'Search demand by neighbourhood over the last 90 days.', extra: { period_days: 90 } },
  ],
  campaign_creation: [
    { name: 'Thanksgiving pre-order campaign', description: 'Search campaign for pie pre-orders, daily budget $45.', extra: { goal: 'LEADS', budget_daily: 45, keywords: ['thanksgiving pie austin', 'pie preorder'] } },
    { name: 'New patient special', description: 'Search + call ads for the new-patient cleaning offer.', extra: { goal: 'CALLS', budget_daily: 80 } },
  ],
};

function build(): CattixData {
  const rng = new Rng(0xca771);
  const assistants = new Map<AssistantType, AssistantChatThread['assistant']>();
  CATTIX_ASSISTANT_TYPES.forEach((type, i) => {
    assistants.set(type, { id: `asst_${rng.alnum(24)}`, assistant_type: type, date_added: isoSeconds(T0 - (30 - i) * DAY), date_updated: isoSeconds(T0 + i * DAY) });
  });
  const threadsByCompany = new Map<number, AssistantChatThread[]>();
  for (const company of COMPANIES) {
    const list: AssistantChatThread[] = [];
    for (let i = 0; i < CATTIX_IDS.threadsPerCompany; i++) {
      const type = at(CATTIX_ASSISTANT_TYPES, i);
      const assistant = assistants.get(type);
      if (!assistant) throw new Error('cattix sample: assistant missing');
      const topic = at(TOPICS[type], Math.floor(i / 4) + company.id);
      const ads = company.google_ads_customers.length > 0 && i % 3 !== 2 ? at(company.google_ads_customers, i) : null;
      const loc = company.google_business_locations.length > 0 && i % 2 === 1 ? at(company.google_business_locations, i) : null;
      const added = timeBetween(rng, CLOCK_START_MS + 5 * DAY, CLOCK_END_MS - 10 * DAY);
      const hostile = company.id === 101 && i === 5;
      const unnamed = company.id === 102 && i === 6;
      list.push({
        thread_id: hostile ? CATTIX_IDS.hostileThread : `thread_${rng.alnum(24)}`,
        is_completed: i % 3 === 0,
        date_added: isoSeconds(hostile ? Date.UTC(2026, 8, 1, 12) : added),
        date_updated: isoSeconds(hostile ? Date.UTC(2026, 8, 2, 12) : added + rng.int(1, 200) * HOUR),
        name: hostile ? '<img src=x onerror="window.__threadlineXss=1"> Campaign review' : unnamed ? null : topic.name,
        description: hostile ? XSS_PAYLOADS.join(' ') : unnamed ? null : topic.description,
        extra_data: ads ? { ...topic.extra, customer_id: ads.id } : { ...topic.extra },
        google_ads_customer: ads,
        google_ads_login_customer_id: ads ? (company.id === 102 ? SUMMIT_MANAGER_ID : null) : null,
        google_business_location: loc,
        assistant,
      });
    }
    list.sort((a, b) => (a.date_updated < b.date_updated ? 1 : a.date_updated > b.date_updated ? -1 : 0));
    threadsByCompany.set(company.id, list);
  }
  return { companies: COMPANIES, threadsByCompany };
}

let cached: CattixData | undefined;

export function cattixData(): CattixData {
  cached ??= build();
  return cached;
}
