// Cattix marketing-assistant threads (providers.md §2; seeds/001). Companies are the containers;
// a thread's details come from the company's thread list. Cattix publishes no message endpoint.
import * as z from 'zod/mini';
import { optionalBoolean, optionalNumber, optionalString } from '../shared';

export const ASSISTANT_TYPES = ['onboarding', 'general', 'market_analysis', 'campaign_creation'] as const;

export const adsCustomerSchema = z.object({
  id: z.number(),
  descriptive_name: optionalString,
  currency_code: optionalString,
  time_zone: optionalString,
  status: optionalString,
  manager: optionalBoolean,
  is_active: optionalBoolean,
  is_deleted: optionalBoolean,
});

export const locationSchema = z.object({
  id: z.string(),
  title: optionalString,
  store_code: optionalString,
  maps_uri: optionalString,
  storefront_address: z.nullish(
    z.object({
      region_code: optionalString,
      postal_code: optionalString,
      administrative_area: optionalString,
      locality: optionalString,
      sublocality: optionalString,
      address_lines: z.nullish(z.array(z.string())),
    }),
  ),
});

export const companySchema = z.object({
  id: z.int(),
  name: optionalString,
  date_added: optionalString,
  date_updated: optionalString,
  google_ads_customers: z.nullish(z.array(z.unknown())),
  google_business_locations: z.nullish(z.array(z.unknown())),
});

export const threadSchema = z.object({
  thread_id: z.string(),
  is_completed: z.boolean(),
  date_added: z.string(),
  date_updated: z.string(),
  name: optionalString,
  description: optionalString,
  // Objects the older API generation required and the newer one may null: read leniently.
  google_ads_customer: z.catch(z.nullish(adsCustomerSchema), null),
  google_ads_login_customer_id: optionalNumber,
  google_business_location: z.catch(z.nullish(locationSchema), null),
  assistant: z.catch(z.nullish(z.object({ id: optionalString, assistant_type: optionalString })), null),
});

export const companiesSchema = z.array(z.unknown());
export const threadsSchema = z.array(z.unknown());

/** FastAPI-style `{detail: string | [{loc, msg}]}` (inferred: the reference looks FastAPI-generated). */
export function cattixErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const first = detail[0] as { msg?: unknown; loc?: unknown } | undefined;
    if (first && typeof first.msg === 'string') {
      const where = Array.isArray(first.loc) ? first.loc.filter((part) => part !== 'body' && part !== 'query').join('.') : '';
      return where ? `${where}: ${first.msg}` : first.msg;
    }
  }
  return undefined;
}
