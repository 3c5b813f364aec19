// Cattix imitation. Base `${url}/cattix`. Auth `Authorization: Bearer <token>`.
// Error bodies are FastAPI's (inferred: the reference looks FastAPI-generated, no error page was found):
// `{ detail: "…" }`, and 422 `{ detail: [{ type, loc, msg, input }] }` for query validation.
import { CATTIX_ASSISTANT_TYPES, cattixData } from './cattix-data';
import { driftEnums, driftItems, isRecord, renameKey } from './faults';
import { REASONS } from './http-util';
import { bearerToken } from './keys';
import type { DriftKind, ServiceHandler, ServiceRequest, ServiceResponse } from './types';

function detail(status: number, message: string, headers?: Record<string, string>): ServiceResponse {
  return headers ? { status, body: { detail: message }, headers } : { status, body: { detail: message } };
}

interface ValidationItem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

const ENUM_TEXT = CATTIX_ASSISTANT_TYPES.map((t) => `'${t}'`).join(', ').replace(/, ([^,]*)$/, ' or $1');

function intField(value: string | null, loc: (string | number)[], problems: ValidationItem[]): number | undefined {
  if (value === null) {
    problems.push({ type: 'missing', loc, msg: 'Field required', input: null });
    return undefined;
  }
  if (!/^\s*-?\d+\s*$/.test(value)) {
    problems.push({ type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: value });
    return undefined;
  }
  return Number(value);
}

export function createCattix(key: string): ServiceHandler {
  const data = cattixData();
  const json = {
    connections: JSON.stringify(data.companies),
  };

  return {
    id: 'cattix',
    mount: '/cattix',
    basePath: '',

    handle(request: ServiceRequest): ServiceResponse {
      const segments = request.segments;
      const [api, v1, area, ...rest] = segments;
      const connections = area === 'companies' && rest[0] === 'me' && ((rest.length === 2 && rest[1] === 'connections') || (rest.length === 3 && rest[2] === 'connections'));
      const threads = area === 'chat' && rest.length === 1 && rest[0] === 'threads';
      // FastAPI routes first, then the dependency that checks the token.
      if (api !== 'api' || v1 !== 'v1' || (!connections && !threads)) return detail(404, 'Not Found');
      if (request.method !== 'GET') return detail(405, 'Method Not Allowed', { allow: 'GET' });
      if (bearerToken(request.headers.authorization) !== key) {
        return detail(401, 'Could not validate credentials', { 'WWW-Authenticate': 'Bearer' });
      }

      if (connections) {
        if (rest.length === 2) return { status: 200, json: json.connections, shape: 'companies' };
        const problems: ValidationItem[] = [];
        const id = intField(rest[1] ?? null, ['path', 'company_id'], problems);
        if (problems.length > 0 || id === undefined) return { status: 422, body: { detail: problems } };
        const company = data.companies.find((c) => c.id === id);
        if (!company) return detail(404, 'Not Found');
        return { status: 200, body: company, shape: 'company' };
      }

      const problems: ValidationItem[] = [];
      const companyId = intField(request.query.get('company_id'), ['query', 'company_id'], problems);
      const assistantType = request.query.get('assistant_type');
      if (assistantType !== null && !(CATTIX_ASSISTANT_TYPES as readonly string[]).includes(assistantType)) {
        problems.push({ type: 'enum', loc: ['query', 'assistant_type'], msg: `Input should be ${ENUM_TEXT}`, input: assistantType, ctx: { expected: ENUM_TEXT } });
      }
      if (problems.length > 0 || companyId === undefined) return { status: 422, body: { detail: problems } };
      const list = data.threadsByCompany.get(companyId);
      if (!list) return detail(404, 'Not Found');
      const body = assistantType === null ? list : list.filter((t) => t.assistant.assistant_type === assistantType);
      return { status: 200, body, shape: 'threads' };
    },

    faultResponse(status: number): ServiceResponse {
      if (status === 401) return detail(401, 'Could not validate credentials', { 'WWW-Authenticate': 'Bearer' });
      return detail(status, REASONS[status] ?? 'Error');
    },

    drift(kind: DriftKind, body: unknown, shape: string): unknown {
      if (kind === 'drift-enum') return driftEnums(body, { assistant_type: 'budget_optimizer', status: 'TELEPORTED' });
      if (kind === 'drift') return Array.isArray(body) ? { results: body } : { result: body };
      if (shape === 'threads') driftItems(body, ['date_updated', 'updated_at'], 'thread_id');
      else if (shape === 'companies') driftItems(body, ['date_added', 'created'], 'id');
      else if (shape === 'company' && isRecord(body)) renameKey(body, 'date_added', 'created');
      return body;
    },

    commonHeaders: () => ({}),
    reset: () => undefined,
  };
}
