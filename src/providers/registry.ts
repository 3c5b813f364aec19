// What Threadline knows about each service before talking to it: its default base URL, how its
// key looks, which options an account takes, and how to build its adapter.
import type { OptionValue, ServiceId } from '../domain/model';
import { SERVICE_NAMES } from '../domain/model';
import { AgentSendSource } from './agentsend/client';
import { CattixSource } from './cattix/client';
import { SiteGptSource } from './sitegpt/client';
import { ThredSource } from './thred/client';
import { TybriteSource } from './tybrite/client';
import { CREDENTIAL_HEADERS, tybriteKeyProblem } from './tybrite/schema';
import type { SourceContext, ThreadSource } from './types';

export interface OptionDefinition {
  key: string;
  label: string;
  prompt: string;
  required: boolean;
  kind: 'string' | 'list' | 'choice';
  choices?: readonly string[];
  defaultValue?: OptionValue;
  problem?: (value: string) => string | undefined;
}

export interface ServiceDescriptor {
  id: ServiceId;
  name: string;
  /** One line for the service picker. */
  detail: string;
  defaultBaseUrl: string;
  keyLabel: string;
  keyPlaceholder: string;
  /** Why a key cannot be right for this service (checked before saving or sending it). */
  keyProblem: (key: string) => string | undefined;
  options: readonly OptionDefinition[];
  /** What the tree calls this service's containers. */
  containerNoun: string;
  create: (context: SourceContext) => ThreadSource;
}

const plainKeyProblem = (key: string): string | undefined => {
  if (!key.trim()) return 'Enter the key';
  if (/\s/.test(key.trim())) return 'A key has no spaces';
  if (key.trim().length < 8) return 'That is too short to be a key';
  return undefined;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SERVICES: Record<ServiceId, ServiceDescriptor> = {
  agentsend: {
    id: 'agentsend',
    name: SERVICE_NAMES.agentsend,
    detail: 'Email inboxes for agents: inboxes → threads → messages',
    defaultBaseUrl: 'https://api.agentsend.io',
    keyLabel: 'AgentSend API key',
    keyPlaceholder: 'from the AgentSend dashboard',
    keyProblem: plainKeyProblem,
    options: [],
    containerNoun: 'inbox',
    create: (context) => new AgentSendSource(context),
  },
  sitegpt: {
    id: 'sitegpt',
    name: SERVICE_NAMES.sitegpt,
    detail: 'Chatbot conversations (API v0): chatbots → threads',
    defaultBaseUrl: 'https://sitegpt.ai/api/v0',
    keyLabel: 'SiteGPT API key',
    keyPlaceholder: 'Profile › API Access in SiteGPT',
    keyProblem: plainKeyProblem,
    options: [],
    containerNoun: 'chatbot',
    create: (context) => new SiteGptSource(context),
  },
  tybrite: {
    id: 'tybrite',
    name: SERVICE_NAMES.tybrite,
    detail: "Store messaging: one customer's threads (needs the customer's sign-in)",
    defaultBaseUrl: 'https://api.tybritelabs.com',
    keyLabel: 'Tybrite API key',
    keyPlaceholder: 'tybrite_sk_live_… or tybrite_pk_test_…',
    keyProblem: tybriteKeyProblem,
    options: [
      {
        key: 'customerId',
        label: 'Customer id',
        prompt: 'The Tybrite customer whose threads this account reads (a UUID)',
        required: true,
        kind: 'string',
        problem: (value) => (UUID.test(value.trim()) ? undefined : 'A Tybrite customer id is a UUID'),
      },
      {
        key: 'customerName',
        label: 'Customer name',
        prompt: 'How the sidebar names this customer (optional)',
        required: false,
        kind: 'string',
      },
      {
        key: 'credentialHeader',
        label: 'Customer credential',
        prompt: 'How the customer proves ownership of the threads',
        required: true,
        kind: 'choice',
        choices: CREDENTIAL_HEADERS,
        defaultValue: 'x-auth-token',
      },
    ],
    containerNoun: 'customer',
    create: (context) => new TybriteSource(context),
  },
  thred: {
    id: 'thred',
    name: SERVICE_NAMES.thred,
    detail: 'AI-chat lead enrichment: recent customers, lookup by email or company',
    defaultBaseUrl: 'https://api.thred.dev/v1',
    keyLabel: 'Thred API key',
    keyPlaceholder: 'your workspace API key',
    keyProblem: plainKeyProblem,
    options: [],
    containerNoun: 'list',
    create: (context) => new ThredSource(context),
  },
  cattix: {
    id: 'cattix',
    name: SERVICE_NAMES.cattix,
    detail: 'Marketing-assistant chat threads per company (details only)',
    defaultBaseUrl: 'https://api.cattix.com',
    keyLabel: 'Cattix access token',
    keyPlaceholder: 'OAuth access token',
    keyProblem: plainKeyProblem,
    options: [
      {
        key: 'companyIds',
        label: 'Companies',
        prompt: 'Only these company ids, comma-separated (leave empty for all)',
        required: false,
        kind: 'list',
        problem: (value) => (value.split(',').every((id) => !id.trim() || /^\d+$/.test(id.trim())) ? undefined : 'Company ids are numbers'),
      },
    ],
    containerNoun: 'company',
    create: (context) => new CattixSource(context),
  },
};

export function serviceDescriptor(service: ServiceId): ServiceDescriptor {
  return SERVICES[service];
}
