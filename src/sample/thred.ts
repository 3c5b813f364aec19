// Thred imitation. Base `${url}/thred/v1`. Auth `Authorization: Bearer <key>`.
// Errors `{ error: "<label>", message: "<text>" }`; statuses implied by the labels.
import { driftEnums, driftItems, isRecord, renameKey } from './faults';
import { intParam } from './http-util';
import { bearerToken } from './keys';
import { THRED_IDS, THRED_PLATFORMS, thredCustomers, type ThredCustomer } from './thred-data';
import type { DriftKind, ServiceHandler, ServiceRequest, ServiceResponse } from './types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CUSTOMER_ID = /^cus_[A-Za-z0-9]{12}$/;
const LINK_BASE = 'https://app.thred.ai/share/';

function error(status: number, label: string, message: string): ServiceResponse {
  return { status, body: { error: label, message } };
}

const badRequest = (message: string) => error(400, 'Bad request', message);
const notFound = (message: string) => error(404, 'Not found', message);

const FAULT_ERRORS: Record<number, [string, string]> = {
  401: ['Unauthorized', 'Workspace ID not found in request'],
  403: ['Forbidden', "You don't have access to this customer"],
  404: ['Not found', 'Customer not found'],
  // Labels below are inferred (the docs show none for these statuses).
  429: ['Too many requests', 'Rate limit exceeded, please retry later'],
  500: ['Internal server error', 'Something went wrong'],
  502: ['Bad gateway', 'Upstream service error'],
  503: ['Service unavailable', 'Service temporarily unavailable'],
  504: ['Gateway timeout', 'Upstream service timed out'],
};

function full(c: ThredCustomer): Record<string, unknown> {
  return {
    status: 'completed',
    name: c.name,
    email: c.email,
    company: c.company,
    platform: c.platform,
    productsDiscussed: c.productsDiscussed,
    insights: c.insights,
    suggestions: c.suggestions,
    summary: c.summary,
    conversation: c.conversation,
    progress: 100,
    link: `${LINK_BASE}${c.shareToken ?? c.customerId}`,
  };
}

/** The shape `/recent` and `/by-company` use: like the docs' examples, without productsDiscussed/insights/suggestions. */
function brief(c: ThredCustomer): Record<string, unknown> {
  const { productsDiscussed: _products, insights: _insights, suggestions: _suggestions, ...rest } = full(c);
  return rest;
}

function inProgress(c: ThredCustomer, progress: number): Record<string, unknown> {
  return { status: 'processing', name: c.name, email: c.email, company: c.company, platform: c.platform, progress };
}

export function createThred(key: string): ServiceHandler {
  const customers = thredCustomers();
  let lookups = 0; // lookups of the processing customer (by email or id) on this server instance

  /** The processing customer's progress now, or undefined once completed. */
  const progressNow = (): number | undefined => {
    const steps = THRED_IDS.processingProgress;
    if (lookups >= steps.length + 1) return undefined;
    return steps[Math.max(0, lookups - 1)];
  };

  const lookup = (c: ThredCustomer): ServiceResponse => {
    if (c.noChat) return notFound('No chat data found for this customer');
    if (c.processing) {
      lookups++;
      const progress = progressNow();
      if (progress !== undefined) return { status: 200, body: inProgress(c, progress), shape: 'customer' };
    }
    return { status: 200, body: full(c), shape: 'customer' };
  };

  const listed = (c: ThredCustomer): Record<string, unknown> => {
    if (c.processing) {
      const progress = progressNow();
      if (progress !== undefined) return inProgress(c, progress);
    }
    return brief(c);
  };

  const recent = (query: URLSearchParams): ServiceResponse => {
    const limit = intParam(query, 'limit');
    if (!limit.ok || (limit.value !== undefined && limit.value < 1)) return badRequest('Limit must be a positive integer');
    const platformsRaw = query.get('platforms');
    let platforms: string[] | undefined;
    if (platformsRaw !== null && platformsRaw.trim() !== '') {
      platforms = platformsRaw.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
      const invalid = platforms.filter((p) => !(THRED_PLATFORMS as readonly string[]).includes(p));
      if (invalid.length > 0) return badRequest(`Invalid platform(s): ${invalid.join(', ')}. Must be one of: ${THRED_PLATFORMS.join(', ')}`);
    }
    const bound = (name: string): number | undefined | null => {
      const raw = query.get(name);
      if (raw === null || raw === '') return undefined;
      return /^\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : null;
    };
    const start = bound('startDate');
    const end = bound('endDate');
    if (start === null || end === null) return badRequest('startDate/endDate must be a valid unix timestamp (milliseconds)');
    const matching = customers.filter(
      (c) =>
        !c.noChat &&
        (platforms === undefined || platforms.includes(c.platform)) &&
        (start === undefined || c.timestampMs >= start) &&
        (end === undefined || c.timestampMs <= end),
    );
    const slice = limit.value === undefined ? matching : matching.slice(0, limit.value);
    if (slice.length === 0) return notFound('No customers found');
    return { status: 200, body: slice.map(listed), shape: 'recent' };
  };

  const byCompany = (query: URLSearchParams): ServiceResponse => {
    const name = query.get('name')?.trim();
    if (!name) return badRequest("Company name query parameter 'name' is required");
    const needle = name.toLowerCase();
    const results = customers.filter((c) => !c.noChat && c.company.toLowerCase().includes(needle));
    if (results.length === 0) return notFound('No customers found matching this company name');
    return { status: 200, body: { company: name, results: results.map(listed) }, shape: 'by-company' };
  };

  return {
    id: 'thred',
    mount: '/thred',
    basePath: '/v1',

    handle(request: ServiceRequest): ServiceResponse {
      if (bearerToken(request.headers.authorization) !== key) return error(401, 'Unauthorized', 'Workspace ID not found in request');
      const [v1, resource, sub, ...rest] = request.segments;
      if (v1 !== 'v1' || resource !== 'customers' || rest.length > 0) return notFound('Route not found');
      if (request.method !== 'GET') return { ...error(405, 'Method not allowed', `Cannot ${request.method} ${request.path}`), headers: { allow: 'GET' } };
      const q = request.query;
      if (sub === undefined) {
        const email = q.get('email')?.trim();
        if (!email) return badRequest('Email query parameter is required');
        if (!EMAIL.test(email)) return badRequest('Invalid email format');
        const customer = customers.find((c) => c.email.toLowerCase() === email.toLowerCase());
        if (!customer) return notFound('Customer not found with this email');
        return lookup(customer);
      }
      if (sub === 'recent') return recent(q);
      if (sub === 'by-company') return byCompany(q);
      if (!CUSTOMER_ID.test(sub)) return badRequest('Invalid customerId format');
      if (sub === THRED_IDS.otherWorkspace) return error(403, 'Forbidden', "You don't have access to this customer");
      const customer = customers.find((c) => c.customerId === sub);
      if (!customer) return notFound('Customer not found');
      return lookup(customer);
    },

    faultResponse(status: number): ServiceResponse {
      const [label, message] = FAULT_ERRORS[status] ?? ['Error', 'Error'];
      return error(status, label, message);
    },

    drift(kind: DriftKind, body: unknown, shape: string): unknown {
      if (kind === 'drift-enum') return driftEnums(body, { platform: 'grok', role: 'narrator' });
      const items = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body['results']) ? body['results'] : undefined;
      if (kind === 'drift') {
        // The envelope changes: `status` disappears; by-company's `results` becomes `customers`.
        for (const item of items ?? [body]) if (isRecord(item)) delete item['status'];
        if (shape === 'by-company' && isRecord(body)) renameKey(body, 'results', 'customers');
        return body;
      }
      if (items) driftItems(items, ['email', 'emailAddress'], 'link');
      else if (isRecord(body)) driftItems(body['conversation'], ['role', 'speaker'], 'content');
      return body;
    },

    commonHeaders: () => ({}),
    reset: () => {
      lookups = 0;
    },
  };
}
