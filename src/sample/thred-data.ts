// Thred sample data: enriched AI-chat leads ("customers"). No `id` field anywhere (like the docs); the
// customer id only shows inside `link`. The server keeps an internal timestamp per customer for
// `/customers/recent` filtering.
import { CLOCK_END_MS, CLOCK_START_MS, DAY, Rng, SARAH, at, timeBetween } from './data';
import { XSS_PAYLOADS } from './xss';

export type ThredPlatform = 'chatgpt' | 'gemini' | 'pplx' | 'claude';
export const THRED_PLATFORMS: readonly ThredPlatform[] = ['chatgpt', 'gemini', 'pplx', 'claude'];

export interface ThredTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ThredCustomer {
  customerId: string;
  /**
   * Internal: the last segment of this customer's share `link` when it is not the customer id
   * (the docs only show `/share/<customerId>`; a link that differs must not break opening).
   */
  shareToken?: string;
  /** Internal: Unix ms used by /recent's startDate/endDate and ordering. */
  timestampMs: number;
  /** Internal: not listed by /recent or /by-company, lookups answer "No chat data found". */
  noChat?: boolean;
  /** Internal: answers `processing` for its first lookups. */
  processing?: boolean;
  name: string;
  email: string;
  company: string;
  platform: ThredPlatform;
  productsDiscussed: string[];
  insights: { mainConcerns: string[]; buyingSignals: string[]; competitorsConsidered: string[] };
  suggestions: string[];
  summary: string;
  conversation: ThredTurn[];
}

/** Tom Becker's share link ends in this, not in his customer id. */
const THRED_SHARE_TOKEN = 'shr_7bK2TomBecker';

export const THRED_IDS = {
  /** A customer whose share link does not end in the customer id; his email opens him. */
  sharedOnly: THRED_SHARE_TOKEN,
  sharedOnlyEmail: 'tom@harborpine.example',
  sarah: 'cus_7Hq2LmX9pR4a',
  processing: 'cus_Pr0cessing01',
  processingEmail: 'processing@sample-thred.test',
  /** Progress reported by the processing customer's 1st, 2nd and 3rd lookups; the 4th is completed. */
  processingProgress: [10, 35, 70] as readonly number[],
  noChat: 'cus_N0chatData00',
  noChatEmail: 'nochat@sample-thred.test',
  hostile: 'cus_Ho5tile66666',
  hostileEmail: 'hostile@sample-thred.test',
  /** Exists in another workspace: 403 "You don't have access to this customer". */
  otherWorkspace: 'cus_OtherWrkspc1',
} as const;

interface Script {
  products: string[];
  concerns: string[];
  signals: string[];
  competitors: string[];
  suggestions: string[];
  summary: string;
  turns: string[];
}

const SCRIPTS: Script[] = [
  {
    products: ['Starter', 'Pro'],
    concerns: ['Implementation time', 'Integration with existing CRM'],
    signals: ['Asked about onboarding timeline', 'Mentioned a December go-live'],
    competitors: ['Zendesk', 'Freshdesk'],
    suggestions: ['Prioritize ROI proof points', 'Offer a guided two-week onboarding plan'],
    summary: 'Lead is evaluating integration depth and onboarding effort.',
    turns: [
      'We are a 40-person support team on Zendesk. Is Acme Helpdesk worth switching to?',
      'It depends on what is slowing you down. Acme Helpdesk is strongest on automation and AI-assisted replies; teams your size usually pick the Pro plan for its workflow builder and Salesforce sync.',
      'How quickly can your team implement this?',
      'We can usually launch in about two weeks: kickoff, SSO, importing macros, then a pilot with one team.',
      'Does it sync with HubSpot too, or only Salesforce?',
      'Both. The HubSpot sync is two-way for contacts and companies on Pro and above.',
    ],
  },
  {
    products: ['Enterprise', 'AI Assist add-on'],
    concerns: ['Data residency in the EU', 'SOC 2 and GDPR compliance'],
    signals: ['Requested a security questionnaire', 'Budget approved for Q1'],
    competitors: ['Intercom', 'Salesforce Service Cloud'],
    suggestions: ['Send the EU data residency whitepaper', 'Loop in the security team early'],
    summary: 'Enterprise buyer blocked mainly on compliance; budget is already approved.',
    turns: [
      'Which helpdesk tools can keep all customer data inside the EU?',
      'Several can. Acme Helpdesk Enterprise offers an EU region (Frankfurt) where data, backups and AI processing stay in the EU. Intercom and Salesforce also have EU hosting options with different add-on pricing.',
      'Does the AI Assist add-on send data to the US?',
      'On the EU region, AI Assist uses models hosted in the EU and does not retain prompts.',
      'We need SOC 2 Type II and a signed DPA before procurement.',
      'Both are available: the SOC 2 report under NDA from the trust portal and a standard DPA you can countersign.',
    ],
  },
  {
    products: ['Pro'],
    concerns: ['Price per seat', 'Annual commitment'],
    signals: ['Compared monthly vs annual pricing', 'Asked about nonprofit discounts'],
    competitors: ['Help Scout'],
    suggestions: ['Highlight the two free months on annual billing', 'Mention the nonprofit programme'],
    summary: 'Price-sensitive small team comparing Pro with Help Scout.',
    turns: [
      'Cheapest good helpdesk for a 6-person nonprofit team?',
      'Help Scout and Acme Helpdesk are both popular with small teams. Acme Pro is $39 per seat per month billed yearly, and registered nonprofits get 50% off.',
      'So about $117 a month for us with the discount?',
      'Yes: 6 seats × $39 × 50% ≈ $117 per month, billed annually.',
    ],
  },
  {
    products: ['Starter', 'AI Assist add-on'],
    concerns: ['Accuracy of AI-drafted replies'],
    signals: ['Wants a trial this week', 'Team lead already approved'],
    competitors: ['Zendesk AI', 'Gorgias'],
    suggestions: ['Offer a trial with their own help-center content', 'Share accuracy benchmarks'],
    summary: 'E-commerce support lead interested in AI replies; worried about hallucinations.',
    turns: [
      'Is AI auto-reply in helpdesks actually accurate for e-commerce questions like returns?',
      'When it is grounded in your own help-center articles, accuracy on policy questions is high; most tools, including Acme AI Assist and Gorgias, let you review drafts before sending.',
      'Can I try Acme with our Shopify store this week?',
      'Yes, there is a 14-day trial and a Shopify integration that imports orders so the AI can answer "where is my order" questions.',
    ],
  },
  {
    products: ['Enterprise'],
    concerns: ['Migration of 8 years of ticket history', 'Downtime during cutover'],
    signals: ['Asked for a migration quote', 'Timeline: before fiscal year end'],
    competitors: ['ServiceNow CSM'],
    suggestions: ['Propose a staged migration with a read-only archive', 'Share a reference customer of similar size'],
    summary: 'Large team worried about migrating historical tickets without downtime.',
    turns: [
      'How hard is it to migrate 2 million tickets from ServiceNow to another helpdesk?',
      'It is routine but needs planning. Acme Helpdesk offers assisted migrations: history is imported in the background while agents keep working, then a short cutover weekend.',
      'What does an assisted migration cost?',
      'It is included in Enterprise contracts above 100 seats; otherwise it is quoted per volume.',
    ],
  },
];

interface Seed {
  id?: string;
  shareToken?: string;
  name: string;
  email: string;
  company: string;
  platform: ThredPlatform;
  script: number;
  atMs?: number;
}

const SEEDS: Seed[] = [
  { id: THRED_IDS.sarah, name: SARAH.name, email: SARAH.email, company: SARAH.company, platform: 'chatgpt', script: 0, atMs: Date.UTC(2026, 10, 19, 15, 20) },
  { name: 'Daniel Okafor', email: 'daniel.okafor@techcorp.example', company: 'TechCorp', platform: 'claude', script: 1 },
  { name: 'Priya Raman', email: 'priya.raman@techcorp.example', company: 'TechCorp', platform: 'gemini', script: 3 },
  { name: 'Marco Rossi', email: 'marco@bellavista-foods.example', company: 'Bellavista Foods', platform: 'pplx', script: 3 },
  { name: 'Emily Chen', email: 'emily.chen@nimbushealth.example', company: 'Nimbus Health', platform: 'chatgpt', script: 1 },
  { name: 'Lukas Schmidt', email: 'l.schmidt@kraftwerk-logistik.example', company: 'Kraftwerk Logistik GmbH', platform: 'gemini', script: 4 },
  { name: 'Aisha Bello', email: 'aisha@sunrisefintech.example', company: 'Sunrise Fintech', platform: 'claude', script: 0 },
  { name: 'Tom Becker', email: 'tom@harborpine.example', company: 'Harbor & Pine Realty', platform: 'pplx', script: 2, shareToken: THRED_SHARE_TOKEN },
  { name: 'Sofia Alvarez', email: 'sofia.alvarez@verde-energy.example', company: 'Verde Energy', platform: 'chatgpt', script: 4 },
  { name: 'Kenji Watanabe', email: 'kenji@orbit-robotics.example', company: 'Orbit Robotics', platform: 'claude', script: 0 },
  { name: 'Hannah Lee', email: 'hannah.lee@maplelearning.example', company: 'Maple Learning', platform: 'gemini', script: 2 },
  { name: "Ryan O'Connor", email: 'ryan.oconnor@summitoutdoor.example', company: 'Summit Outdoor Co.', platform: 'pplx', script: 3 },
  { name: 'Zoë Müller-Łukasiewicz', email: 'zoe@cafe-umlaut.example', company: 'Café Ümlaut GmbH', platform: 'gemini', script: 2 },
];

function fromScript(rng: Rng, seed: Seed): ThredCustomer {
  const script = at(SCRIPTS, seed.script);
  return {
    customerId: seed.id ?? `cus_${rng.alnum(12)}`,
    ...(seed.shareToken ? { shareToken: seed.shareToken } : {}),
    timestampMs: seed.atMs ?? timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - DAY),
    name: seed.name,
    email: seed.email,
    company: seed.company,
    platform: seed.platform,
    productsDiscussed: [...script.products],
    insights: { mainConcerns: [...script.concerns], buyingSignals: [...script.signals], competitorsConsidered: [...script.competitors] },
    suggestions: [...script.suggestions],
    summary: script.summary,
    conversation: script.turns.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content })),
  };
}

function hostile(): ThredCustomer {
  return {
    customerId: THRED_IDS.hostile,
    timestampMs: Date.UTC(2026, 10, 18, 22, 0),
    name: 'Mallory <svg onload="window.__threadlineXss=1">',
    email: THRED_IDS.hostileEmail,
    company: 'Evil Corp <b>bold</b>',
    platform: 'chatgpt',
    productsDiscussed: ['<img src=x onerror="window.__threadlineXss=1">'],
    insights: {
      mainConcerns: ['<script>window.__threadlineXss=1</script>'],
      buyingSignals: ['[md js link](javascript:window.__threadlineXss=1)'],
      competitorsConsidered: ['<a href="command:workbench.action.terminal.new">command link</a>'],
    },
    suggestions: ['<iframe src="javascript:parent.__threadlineXss=1"></iframe>'],
    summary: XSS_PAYLOADS.slice(0, 6).join(' '),
    conversation: XSS_PAYLOADS.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content })),
  };
}

function processing(): ThredCustomer {
  const script = at(SCRIPTS, 4);
  return {
    customerId: THRED_IDS.processing,
    timestampMs: Date.UTC(2026, 10, 19, 23, 10),
    processing: true,
    name: 'Pat Pending',
    email: THRED_IDS.processingEmail,
    company: 'Slowpoke Analytics',
    platform: 'claude',
    productsDiscussed: ['Pro', 'Enterprise'],
    insights: { mainConcerns: ['Reporting depth'], buyingSignals: ['Asked for a demo'], competitorsConsidered: ['Zendesk'] },
    suggestions: ['Show the custom reports builder'],
    summary: 'Analytics team lead exploring reporting features; enrichment finished after a few polls.',
    conversation: script.turns.slice(0, 2).map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content })),
  };
}

function noChat(): ThredCustomer {
  return {
    customerId: THRED_IDS.noChat,
    timestampMs: Date.UTC(2026, 9, 1, 12, 0),
    noChat: true,
    name: 'Nora Chatless',
    email: THRED_IDS.noChatEmail,
    company: 'Quiet Co',
    platform: 'chatgpt',
    productsDiscussed: [],
    insights: { mainConcerns: [], buyingSignals: [], competitorsConsidered: [] },
    suggestions: [],
    summary: '',
    conversation: [],
  };
}

let cached: ThredCustomer[] | undefined;

/** All customers, most recent first. */
export function thredCustomers(): ThredCustomer[] {
  if (!cached) {
    const rng = new Rng(0x7e7ed);
    const list = [...SEEDS.map((seed) => fromScript(rng, seed)), hostile(), processing(), noChat()];
    list.sort((a, b) => b.timestampMs - a.timestampMs || (a.customerId < b.customerId ? -1 : 1));
    cached = list;
  }
  return cached;
}

