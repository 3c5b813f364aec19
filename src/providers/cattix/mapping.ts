// Cattix → the domain model.
import { t } from '../../l10n';
import type * as z from 'zod/mini';
import type { Container, Thread, ThreadCard, ThreadSummary } from '../../domain/model';
import { decodeWith, type Decoder } from '../../http/validation';
import { parseEach, toIso, webLink } from '../shared';
import { adsCustomerSchema, companiesSchema, companySchema, locationSchema, threadSchema, threadsSchema } from './schema';
import { plural } from '../../domain/format';

type CattixThread = z.output<typeof threadSchema>;

interface AdsCustomer {
  id: number;
  name?: string;
  currency?: string;
  timeZone?: string;
  status?: string;
  manager?: boolean;
  active?: boolean;
}

interface BusinessLocation {
  id: string;
  title?: string;
  storeCode?: string;
  mapsUrl?: string;
  address: string[];
}

export const NO_MESSAGES_NOTE =
  'Cattix publishes no API for reading a thread’s messages, so Threadline shows this thread’s details only.';

export function toContainer(company: z.output<typeof companySchema>): Container {
  const ads = company.google_ads_customers?.length ?? 0;
  const locations = company.google_business_locations?.length ?? 0;
  const parts = [ads ? `${plural(ads, t('Ads account'), t('Ads accounts'))}` : '', locations ? `${plural(locations, t('location'), t('locations'))}` : ''].filter(Boolean);
  return {
    kind: 'company',
    id: String(company.id),
    label: company.name?.trim() || t('Company {0}', company.id),
    ...(parts.length ? { description: parts.join(' · ') } : {}),
  };
}

function toAdsCustomer(customer: z.output<typeof adsCustomerSchema>): AdsCustomer {
  return {
    id: customer.id,
    ...(customer.descriptive_name ? { name: customer.descriptive_name } : {}),
    ...(customer.currency_code ? { currency: customer.currency_code } : {}),
    ...(customer.time_zone ? { timeZone: customer.time_zone } : {}),
    ...(customer.status ? { status: customer.status } : {}),
    ...(typeof customer.manager === 'boolean' ? { manager: customer.manager } : {}),
    ...(typeof customer.is_active === 'boolean' ? { active: customer.is_active } : {}),
  };
}

function toLocation(location: z.output<typeof locationSchema>): BusinessLocation {
  const address = location.storefront_address;
  const cityLine = [address?.postal_code, address?.locality, address?.administrative_area].filter(Boolean).join(' ');
  const mapsUrl = webLink(location.maps_uri);
  return {
    id: location.id,
    ...(location.title ? { title: location.title } : {}),
    ...(location.store_code ? { storeCode: location.store_code } : {}),
    ...(mapsUrl ? { mapsUrl } : {}),
    address: [...(address?.address_lines ?? []), ...(cityLine ? [cityLine] : []), ...(address?.region_code ? [address.region_code] : [])],
  };
}

const humanize = (value: string): string => value.replace(/_/g, ' ');

export function toSummary(thread: CattixThread, companyId: string): ThreadSummary {
  const createdAt = toIso(thread.date_added);
  const updatedAt = toIso(thread.date_updated) ?? createdAt;
  const type = thread.assistant?.assistant_type ?? undefined;
  return {
    threadId: thread.thread_id,
    containerId: companyId,
    title: thread.name?.trim() || (type ? t('{0} chat', humanize(type)) : t('Thread {0}', thread.thread_id.slice(0, 8))),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    status: thread.is_completed ? 'completed' : 'in progress',
    state: thread.is_completed ? 'done' : 'open',
    ...(type ? { type } : {}),
    badges: type ? [humanize(type)] : [],
    participants: [],
  };
}

/** The thread's details as the panel and the Markdown document show them. */
function detailsCard(thread: CattixThread, location: BusinessLocation | undefined): ThreadCard {
  const rows: { label: string; value: string; link?: { label: string; url: string } }[] = [];
  const type = thread.assistant?.assistant_type;
  if (type) rows.push({ label: t('Assistant'), value: humanize(type).toLowerCase() });
  rows.push({ label: t('Completion'), value: thread.is_completed ? 'Completed' : 'In progress' });
  if (thread.description) rows.push({ label: t('Description'), value: thread.description });
  if (thread.google_ads_customer) {
    const ads = toAdsCustomer(thread.google_ads_customer);
    rows.push({ label: t('Google Ads customer'), value: [ads.name, `#${ads.id}`, ads.currency, ads.timeZone, ads.status && humanize(ads.status).toLowerCase()].filter(Boolean).join(' · ') });
  }
  if (typeof thread.google_ads_login_customer_id === 'number') rows.push({ label: t('Ads login customer'), value: `#${thread.google_ads_login_customer_id}` });
  if (location) {
    rows.push({
      label: t('Business Profile location'),
      value: [location.title, ...location.address].filter(Boolean).join(', '),
      ...(location.mapsUrl ? { link: { label: t('Open in Maps'), url: location.mapsUrl } } : {}),
    });
  }
  return { kind: 'facts', id: 'details', title: t('Details'), rows };
}

export function toThread(thread: CattixThread, companyId: string): Thread {
  const summary = toSummary(thread, companyId);
  const location = thread.google_business_location ? toLocation(thread.google_business_location) : undefined;
  return {
    ...summary,
    participants: [{ role: 'bot', name: 'Cattix assistant' }],
    links: location?.mapsUrl ? [{ label: t('Business Profile location on Maps'), url: location.mapsUrl }] : [],
    cards: [detailsCard(thread, location)],
    messagesUnavailable: NO_MESSAGES_NOTE,
  };
}

export const decodeCompanies: Decoder<Container[]> = decodeWith(companiesSchema, (list) => parseEach(list, companySchema, toContainer).items);

/** The company's threads, each kept whole so a thread can be opened from the same list. */
export function decodeThreads(companyId: string): Decoder<{ summaries: ThreadSummary[]; threads: Thread[]; unreadable: number }> {
  return decodeWith(threadsSchema, (list) => {
    const { items, unreadable } = parseEach(list, threadSchema, (thread) => toThread(thread, companyId));
    return {
      summaries: items.map(({ links: _links, cards: _cards, messagesUnavailable: _note, ...summary }) => summary),
      threads: items,
      unreadable: unreadable.length,
    };
  });
}
