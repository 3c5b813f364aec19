// AgentSend sample data: four inboxes, realistic support/sales threads, a 2,400-thread bulk inbox and
// a 10,000-message thread generated lazily by index. Built once per process (immutable, shared by
// every server instance).
import { CLOCK_END_MS, CLOCK_START_MS, DAY, HOUR, MINUTE, Rng, SARAH, SEARCH_PHRASE, at, hashUnit, iso, makePerson, timeBetween } from './data';
import { XSS_PAYLOADS, allPayloads } from './xss';

export type AsDirection = 'inbound' | 'outbound';
export type AsStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'bounced' | 'complained' | 'received';

export interface AsInbox {
  id: string;
  address: string;
  displayName: string;
  domainId: string | null;
  status: 'active' | 'suspended' | 'deleted';
  dailySendLimit: number;
  sendsToday: number;
  totalSent: number;
  bounceCount: number;
  complaintCount: number;
  createdAt: string;
}

export interface AsThread {
  id: string;
  inboxId: string;
  subject: string;
  messageCount: number;
  lastMessageAt: string;
  createdAt: string;
}

export interface AsAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface AsMessage {
  id: string;
  inboxId: string;
  threadId: string;
  direction: AsDirection;
  fromAddress: string;
  toAddresses: string[];
  ccAddresses: string[];
  subject: string;
  bodyText?: string;
  bodyHtml?: string;
  delivery: 'email' | 'dry-run';
  status: AsStatus;
  attachments: AsAttachment[];
  messageIdHeader: string;
  createdAt: string;
}

export interface AsThreadRecord {
  thread: AsThread;
  /** Messages `[offset, offset + limit)`, oldest first. */
  messages(offset: number, limit: number): AsMessage[];
}

export interface AgentSendData {
  inboxes: AsInbox[];
  /** Thread ids per inbox, `lastMessageAt` descending. */
  threadsByInbox: Map<string, AsThread[]>;
  threads: Map<string, AsThreadRecord>;
}

/** Ids the tests and the UI rely on. */
export const AGENTSEND_IDS = {
  support: 'inb_support',
  sales: 'inb_sales',
  bulk: 'inb_bulk',
  empty: 'inb_empty',
  sarahThread: 'thr_sarahjohnson01',
  htmlThread: 'thr_htmlmail0001',
  attachmentsThread: 'thr_attachments01',
  ccThread: 'thr_ccaddresses01',
  hostileThread: 'thr_hostile0001',
  longThread: 'thr_longhistory0001',
  longThreadMessages: 10_000,
  bulkThreads: 2_400,
} as const;

const SUPPORT_ADDRESS = 'support@acme-sample.example';
const SALES_ADDRESS = 'sales@acme-sample.example';
const BULK_ADDRESS = 'acme-notify@agentsend.io';

const INBOXES: AsInbox[] = [
  {
    id: AGENTSEND_IDS.support,
    address: SUPPORT_ADDRESS,
    displayName: 'Acme Support',
    domainId: 'dom_acmesample01',
    status: 'active',
    dailySendLimit: 1000,
    sendsToday: 137,
    totalSent: 48211,
    bounceCount: 212,
    complaintCount: 9,
    createdAt: '2026-09-01T08:00:00.000Z',
  },
  {
    id: AGENTSEND_IDS.sales,
    address: SALES_ADDRESS,
    displayName: 'Acme Sales',
    domainId: 'dom_acmesample01',
    status: 'active',
    dailySendLimit: 500,
    sendsToday: 18,
    totalSent: 3904,
    bounceCount: 41,
    complaintCount: 2,
    createdAt: '2026-09-01T08:05:12.000Z',
  },
  {
    id: AGENTSEND_IDS.bulk,
    address: BULK_ADDRESS,
    displayName: 'Bulk notifications',
    domainId: null,
    status: 'active',
    dailySendLimit: 10000,
    sendsToday: 2291,
    totalSent: 731554,
    bounceCount: 6120,
    complaintCount: 188,
    createdAt: '2026-09-01T09:30:00.000Z',
  },
  {
    id: AGENTSEND_IDS.empty,
    address: 'empty-sample@agentsend.io',
    displayName: 'Empty inbox',
    domainId: null,
    status: 'suspended',
    dailySendLimit: 100,
    sendsToday: 0,
    totalSent: 0,
    bounceCount: 0,
    complaintCount: 0,
    createdAt: '2026-09-02T10:00:00.000Z',
  },
];

interface Conversation {
  subject: string;
  /** Alternating customer / agent turns, customer first. `{first}`, `{order}`, `{agent}` are filled in. */
  turns: string[];
}

const AGENTS = ['Maya', 'Jordan', 'Priya', 'Tomás', 'Alex'];

const SUPPORT_CONVERSATIONS: Conversation[] = [
  {
    subject: 'Order #{order} arrived damaged',
    turns: [
      'Hi,\n\nMy order #{order} arrived today and the ceramic pour-over set inside was cracked. The box looked fine from the outside. Could you send a replacement?\n\nThanks,\n{first}',
      "Hi {first},\n\nI'm sorry the set arrived broken. I've created a replacement for order #{order}; it ships tomorrow and you'll get tracking by email. There's no need to send the damaged one back.\n\nBest,\n{agent}\nAcme Support",
      'That was fast, thank you! Tracking just came through.',
      "Glad to hear it, {first}. I'll close this ticket, but just reply here if anything else comes up.\n\n{agent}",
    ],
  },
  {
    subject: "Can't reset my password",
    turns: [
      'The reset link in your email says it has expired, even though I clicked it straight away. I have tried three times now.',
      "Hi {first},\n\nSome corporate mail scanners open links before you do, which uses up the one-time token. I've sent a fresh link that stays valid for 30 minutes; please copy it into a private browser window.\n\n{agent}",
      'Copying it into a private window worked. Thanks!',
    ],
  },
  {
    subject: 'Invoice shows the wrong VAT number',
    turns: [
      'Hello, our October invoice lists VAT number DE 811 907 980 but ours is DE 811 907 981. Our accounts team cannot book it like this. Can you reissue it?',
      'Hi {first},\n\nThanks for catching that. I have updated the VAT number on your account and reissued the October invoice; the corrected PDF is in your billing portal now. Future invoices will use the new number.\n\n{agent}',
    ],
  },
  {
    subject: 'Question about switching to the annual plan',
    turns: [
      'If we switch from monthly to annual in the middle of a billing cycle, do we lose the days we already paid for?',
      "Hi {first},\n\nNo, you won't lose anything: we prorate the remaining days of your current month and credit them against the first annual invoice. The annual plan also comes with two months free.\n\n{agent}",
      'Perfect, switching now.',
    ],
  },
  {
    subject: 'Do you ship to Canada?',
    turns: [
      "I'd like to order two of the travel kettles but I'm in Vancouver. Do you ship there, and are there customs fees?",
      "Hi {first},\n\nWe do! Orders to Canada ship with DHL Express in 3–5 business days. Duties are included in the price you see at checkout, so there's nothing extra to pay on delivery.\n\n{agent}",
    ],
  },
  {
    subject: 'Charged twice for order #{order}',
    turns: [
      'My card statement shows two charges of $84.00 for order #{order}. I only placed one order.',
      "Hi {first},\n\nYou're right, the payment went through twice after a timeout at checkout. I've refunded the duplicate charge; depending on your bank it takes 3–10 business days to show up.\n\n{agent}",
      'I can see the refund as pending. Thanks for sorting it out so quickly.',
    ],
  },
  {
    subject: 'API returning 429 since this morning',
    turns: [
      'Since about 08:00 UTC our integration gets HTTP 429 on almost every call to /v2/orders, even though we send maybe 20 requests a minute. Did something change?',
      "Hi {first},\n\nWe rolled out per-endpoint limits this morning and your key was put on the default tier by mistake. I've restored your previous limit (600 requests/minute). Please also make sure your client honours the Retry-After header.\n\n{agent}",
      'Confirmed, the errors stopped. We will add Retry-After handling too.',
      'Great. Closing this one, {first}.\n\n{agent}',
    ],
  },
  {
    subject: 'Change delivery address for order #{order}',
    turns: [
      'I just placed order #{order} and realised it goes to my old address. The new one is 12 Harbour Street, Apt 4B, Portland, ME 04101.',
      "Hi {first},\n\nCaught it in time: the order hadn't left the warehouse yet, so I've updated the address. You'll get a new confirmation email in a few minutes.\n\n{agent}",
    ],
  },
  {
    subject: 'Feature request: dark mode for the dashboard',
    turns: [
      'We use the dashboard on a wall monitor in our ops room at night. Any plans for a dark mode?',
      "Hi {first},\n\nThanks for the suggestion. Dark mode is on our roadmap for Q1; I've added your vote and a note about the wall-monitor use case. In the meantime, the browser's forced dark mode works reasonably well with our charts.\n\n{agent}",
    ],
  },
  {
    subject: 'Please cancel my subscription',
    turns: [
      "We're closing the shop at the end of the month, so please cancel our subscription before the next renewal on the 28th.",
      "Hi {first},\n\nSorry to see you go, and best of luck with what comes next. I've cancelled the subscription; your account stays active until the 28th and you can export your data any time before then.\n\n{agent}",
      'Thank you for all the help over the years.',
    ],
  },
  {
    subject: 'Where is my order #{order}?',
    turns: [
      "Order #{order} was supposed to arrive on Monday. Tracking hasn't updated in four days.",
      "Hi {first},\n\nI checked with the carrier: the parcel was held at their Memphis hub because of a damaged label. They've relabelled it and it is back in transit, expected Thursday.\n\n{agent}",
      'It arrived today. Thanks for chasing it.',
    ],
  },
  {
    subject: 'Two-factor codes not arriving by SMS',
    turns: [
      "I'm not receiving the SMS login codes anymore. My number hasn't changed (+44 7700 900123).",
      "Hi {first},\n\nOur SMS provider had a delivery problem with some UK carriers yesterday; it's fixed now. If a code still doesn't arrive, you can switch to an authenticator app under Settings → Security.\n\n{agent}",
    ],
  },
  {
    subject: 'Bulk discount for 50 seats?',
    turns: [
      'We are rolling the tool out to our whole support team, around 50 people. Is there a volume discount?',
      "Hi {first},\n\nYes: from 25 seats the price drops to $14 per seat per month, and from 50 seats to $12. I've copied our sales team so they can send you a formal quote.\n\n{agent}",
    ],
  },
  {
    subject: 'Webhook deliveries failing with 410 Gone',
    turns: [
      'Our webhook endpoint logs show your deliveries getting 410 responses from our side since we moved to the new URL. How do we update it?',
      'Hi {first},\n\nA 410 tells us to stop retrying, so the old endpoint was disabled. Add the new URL under Settings → Webhooks and press "Send test event"; deliveries resume immediately after a 2xx.\n\n{agent}',
      'Updated and the test event went through. All good.',
    ],
  },
  {
    subject: 'Data export request (GDPR)',
    turns: [
      'Under Article 15 GDPR I would like a copy of all personal data you hold about me.',
      "Hi {first},\n\nOf course. I've started the export; you'll receive a download link within 48 hours. The link is valid for 7 days and requires you to sign in.\n\n{agent}",
      'Received it, thank you.',
    ],
  },
];

const SALES_CONVERSATIONS: Conversation[] = [
  {
    subject: 'Demo request for our support team',
    turns: [
      "Hi, we're a 40-person support team currently on Zendesk. Could we book a 30-minute demo next week?",
      'Hi {first},\n\nHappy to! Here is my calendar link with slots on Tuesday and Wednesday: https://cal.acme-sample.example/{agent}. I will tailor the demo to a Zendesk migration.\n\n{agent}, Account Executive',
      'Booked Wednesday 15:00 CET. Looking forward to it.',
    ],
  },
  {
    subject: 'Pricing for 200 seats',
    turns: [
      'Can you share enterprise pricing for roughly 200 seats with SSO and audit logs?',
      'Hi {first},\n\nFor 200 seats with SSO (SAML/OIDC) and audit logs, our Enterprise tier comes to $9.50 per seat per month on an annual contract. I have attached a quote valid for 30 days.\n\n{agent}',
    ],
  },
  {
    subject: 'Security questionnaire (CAIQ) for procurement',
    turns: [
      'Our procurement team needs the CAIQ v4 questionnaire and your latest SOC 2 Type II report before we can proceed.',
      'Hi {first},\n\nBoth are available in our trust portal: https://trust.acme-sample.example. The SOC 2 report needs a quick NDA click-through. Let me know if your team has follow-up questions.\n\n{agent}',
      'Got them, thanks. Legal will review this week.',
    ],
  },
  {
    subject: 'Extending our trial by two weeks',
    turns: [
      'Our pilot got delayed by a holiday week. Could you extend the trial by 14 days?',
      'Hi {first},\n\nDone: your trial now runs until the end of the month. I will check in halfway through to see how the pilot is going.\n\n{agent}',
    ],
  },
  {
    subject: 'Renewal quote for next year',
    turns: [
      'Our contract renews in December. Could you send the renewal quote with the same seat count?',
      'Hi {first},\n\nAttached is the renewal quote for 85 seats at your current rate; I also included an option for a two-year term with a 10% discount.\n\n{agent}',
      'We will go with the two-year option. PO to follow.',
    ],
  },
  {
    subject: 'Partnership inquiry',
    turns: [
      'We build onboarding software for e-commerce brands and see a lot of overlap with your customers. Open to a referral partnership?',
      'Hi {first},\n\nDefinitely interested. Our partnerships lead will reach out to set up an intro call; in the meantime, here is our partner programme overview: https://acme-sample.example/partners.\n\n{agent}',
    ],
  },
];

const BULK_SUBJECTS = [
  'Your weekly usage report',
  'Invoice INV-2026-{n} is ready',
  'Your password was changed',
  'New sign-in from Chrome on macOS',
  'Your data export is ready',
  'Shipment {n} is out for delivery',
  'Payment receipt for order #{n}',
  'Reminder: your trial ends in 3 days',
];

const BULK_STATUSES: AsStatus[] = ['delivered', 'delivered', 'delivered', 'sent', 'delivered', 'bounced', 'delivered', 'complained', 'failed', 'queued', 'sending'];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function messageIdHeader(rng: Rng, domain: string): string {
  return `<${rng.lowerId(16)}.${rng.lowerId(6)}@${domain}>`;
}

function textToHtml(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph) => `<p>${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

interface MessageDraft {
  direction: AsDirection;
  counterpart: string;
  subject: string;
  bodyText?: string;
  bodyHtml?: string;
  status?: AsStatus;
  delivery?: 'email' | 'dry-run';
  cc?: string[];
  to?: string[];
  attachments?: AsAttachment[];
  at: number;
}

function buildMessage(rng: Rng, inbox: AsInbox, threadId: string, draft: MessageDraft, id?: string): AsMessage {
  const outbound = draft.direction === 'outbound';
  const domain = (outbound ? inbox.address : draft.counterpart).split('@')[1] ?? 'example.com';
  return {
    id: id ?? `msg_${rng.lowerId(22)}`,
    inboxId: inbox.id,
    threadId,
    direction: draft.direction,
    fromAddress: outbound ? inbox.address : draft.counterpart,
    toAddresses: draft.to ?? (outbound ? [draft.counterpart] : [inbox.address]),
    ccAddresses: draft.cc ?? [],
    subject: draft.subject,
    ...(draft.bodyText !== undefined ? { bodyText: draft.bodyText } : {}),
    ...(draft.bodyHtml !== undefined ? { bodyHtml: draft.bodyHtml } : {}),
    delivery: draft.delivery ?? 'email',
    status: draft.status ?? (outbound ? 'delivered' : 'received'),
    attachments: draft.attachments ?? [],
    messageIdHeader: messageIdHeader(rng, domain),
    createdAt: iso(draft.at),
  };
}

function staticRecord(inbox: AsInbox, id: string, messages: AsMessage[]): AsThreadRecord {
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (!first || !last) throw new Error(`sample thread ${id} has no messages`);
  return {
    thread: {
      id,
      inboxId: inbox.id,
      subject: first.subject,
      messageCount: messages.length,
      lastMessageAt: last.createdAt,
      createdAt: first.createdAt,
    },
    messages: (offset, limit) => messages.slice(offset, offset + limit),
  };
}

/** Draws a conversation into a thread: `count` turns from `conversation`, spaced minutes to hours apart. */
function conversationThread(
  rng: Rng,
  inbox: AsInbox,
  conversation: Conversation,
  start: number,
  outboundStatuses: AsStatus[],
): AsThreadRecord {
  const person = makePerson(rng);
  const values = { first: person.first, order: String(rng.int(100200, 189999)), agent: rng.pick(AGENTS) };
  const subject = fill(conversation.subject, values);
  const count = rng.int(1, conversation.turns.length);
  const id = `thr_${rng.lowerId(20)}`;
  let time = start;
  const messages: AsMessage[] = [];
  for (let i = 0; i < count; i++) {
    const direction: AsDirection = i % 2 === 0 ? 'inbound' : 'outbound';
    const text = fill(at(conversation.turns, i), values);
    const status: AsStatus = direction === 'inbound' ? 'received' : (outboundStatuses.shift() ?? (rng.chance(0.85) ? 'delivered' : 'sent'));
    const draft: MessageDraft = {
      direction,
      counterpart: person.email,
      subject: i === 0 ? subject : `Re: ${subject}`,
      bodyText: text,
      status,
      at: time,
    };
    if (direction === 'outbound' && rng.chance(0.5)) draft.bodyHtml = textToHtml(text);
    if (direction === 'outbound' && rng.chance(0.08)) draft.delivery = 'dry-run';
    messages.push(buildMessage(rng, inbox, id, draft));
    time += rng.int(8 * MINUTE, 20 * HOUR);
  }
  return staticRecord(inbox, id, messages);
}

const HTML_EMAIL = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>.muted{color:#6b7280}td{padding:4px 8px}</style></head>
<body style="font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#111">
<img src="https://cdn.acme-sample.example/brand/logo-email.png" alt="Acme" width="120" height="32">
<h2 style="color:#1d4ed8;margin:16px 0 8px">Your Q3 invoice breakdown</h2>
<p>Hi Daniel,</p>
<p>As requested, here is the breakdown of invoice <strong>INV-2026-0931</strong> by workspace:</p>
<table style="border-collapse:collapse;border:1px solid #d1d5db" cellpadding="0" cellspacing="0">
  <thead><tr style="background:#f3f4f6"><th align="left">Workspace</th><th align="right">Seats</th><th align="right">Amount</th></tr></thead>
  <tbody>
    <tr><td>Support EU</td><td align="right">24</td><td align="right">$336.00</td></tr>
    <tr><td>Support US</td><td align="right">31</td><td align="right">$434.00</td></tr>
    <tr><td>Escalations</td><td align="right">6</td><td align="right">$84.00</td></tr>
    <tr style="font-weight:bold"><td>Total</td><td align="right">61</td><td align="right">$854.00</td></tr>
  </tbody>
</table>
<p class="muted" style="font-size:12px">Prices exclude VAT. <a href="https://billing.acme-sample.example/invoices/INV-2026-0931">View the invoice online</a>.</p>
<blockquote style="border-left:3px solid #d1d5db;margin:12px 0;padding-left:10px;color:#4b5563">
  On Tue, Nov 17, 2026 at 09:12, Daniel Okafor &lt;daniel.okafor@techcorp.example&gt; wrote:<br>
  Could you split the Q3 invoice by workspace? Finance wants to charge each team separately.
</blockquote>
<p>Best regards,<br>Maya<br><span class="muted">Acme Billing Support</span></p>
<img src="https://track.mailer-sample.example/open.gif?m=8842" width="1" height="1" alt="">
</body></html>`;

const HTML_REPLY = `<div dir="ltr"><p>Thanks Maya, that's exactly what finance needed.</p>
<p>One question: <em>Escalations</em> should be billed to the <b>Support EU</b> cost centre. Can you note that on the next invoice?</p>
<div class="gmail_quote"><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">
<h2>Your Q3 invoice breakdown</h2><p>As requested, here is the breakdown…</p></blockquote></div></div>`;

function specialThreads(rng: Rng): Map<string, AsThreadRecord> {
  const support = at(INBOXES, 0);
  const out = new Map<string, AsThreadRecord>();
  const base = Date.UTC(2026, 10, 18, 9, 0, 0);

  // Sarah Johnson, the person who appears in every service.
  {
    const id = AGENTSEND_IDS.sarahThread;
    const subject = 'Integration timeline for the TechCorp rollout';
    const turns = [
      'Hi team,\n\nWe signed last week and want to go live across TechCorp by mid-December. How quickly can your team implement the helpdesk integration, and what do you need from us?\n\nBest,\nSarah Johnson\nHead of Customer Operations, TechCorp',
      "Hi Sarah,\n\nWelcome aboard! A standard rollout takes about two weeks: a kickoff call, SSO setup, importing your macros, then a pilot with one team. From your side we need an admin for SSO and a CSV export of your current tickets.\n\nBest,\nMaya\nAcme Support",
      'Two weeks works. Our IT admin (Daniel Okafor) will handle SSO; I have copied him. Can we do the kickoff on Monday?',
      'Monday 10:00 PT is booked, invite sent to you and Daniel. Talk soon!\n\nMaya',
    ];
    const messages = turns.map((text, i) =>
      buildMessage(rng, support, id, {
        direction: i % 2 === 0 ? 'inbound' : 'outbound',
        counterpart: SARAH.email,
        subject: i === 0 ? subject : `Re: ${subject}`,
        bodyText: text,
        cc: i >= 2 ? ['daniel.okafor@techcorp.example'] : [],
        at: base + 9 * HOUR + i * 47 * MINUTE,
      }),
    );
    out.set(id, staticRecord(support, id, messages));
  }

  // HTML email bodies: tables, inline styles, a quoted reply, remote images (one a tracking pixel).
  {
    const id = AGENTSEND_IDS.htmlThread;
    const subject = 'Q3 invoice split by workspace';
    const counterpart = 'daniel.okafor@techcorp.example';
    const messages = [
      buildMessage(rng, support, id, {
        direction: 'inbound',
        counterpart,
        subject,
        bodyText: 'Could you split the Q3 invoice by workspace? Finance wants to charge each team separately.',
        at: base - 20 * HOUR,
      }),
      buildMessage(rng, support, id, {
        direction: 'outbound',
        counterpart,
        subject: `Re: ${subject}`,
        bodyText: 'Hi Daniel, as requested, here is the breakdown of invoice INV-2026-0931 by workspace: Support EU 24 seats $336.00; Support US 31 seats $434.00; Escalations 6 seats $84.00; total 61 seats $854.00.',
        bodyHtml: HTML_EMAIL,
        at: base - 2 * HOUR,
      }),
      // HTML only: no bodyText at all.
      buildMessage(rng, support, id, {
        direction: 'inbound',
        counterpart,
        subject: `Re: ${subject}`,
        bodyHtml: HTML_REPLY,
        at: base + 3 * HOUR,
      }),
    ];
    out.set(id, staticRecord(support, id, messages));
  }

  // Attachments: pdf, png, csv.
  {
    const id = AGENTSEND_IDS.attachmentsThread;
    const subject = 'Chargeback evidence for order #184422';
    const counterpart = 'finance@greenleaf.example';
    const messages = [
      buildMessage(rng, support, id, {
        direction: 'inbound',
        counterpart,
        subject,
        bodyText: 'Hello, the bank opened a chargeback on order #184422. Attached is the dispute letter and a screenshot of the customer portal. Can you send your delivery proof?',
        attachments: [
          { id: 'att_disputeletter01', filename: 'dispute-letter-184422.pdf', contentType: 'application/pdf', size: 184_322 },
          { id: 'att_portalscreen001', filename: 'portal screenshot.png', contentType: 'image/png', size: 1_048_576 },
        ],
        at: base - 30 * HOUR,
      }),
      buildMessage(rng, support, id, {
        direction: 'outbound',
        counterpart,
        subject: `Re: ${subject}`,
        bodyText: 'Hi, attached is the carrier export with the signed delivery scan (row 14) and the signed proof of delivery.',
        attachments: [
          { id: 'att_carrierexport01', filename: 'carrier-export-2026-11.csv', contentType: 'text/csv', size: 52_114 },
          { id: 'att_podsigned000001', filename: 'proof-of-delivery.pdf', contentType: 'application/pdf', size: 96_870 },
        ],
        at: base - 26 * HOUR,
      }),
      buildMessage(rng, support, id, {
        direction: 'inbound',
        counterpart,
        subject: `Re: ${subject}`,
        bodyText: 'Perfect, submitted to the bank. Thanks!',
        at: base - 25 * HOUR,
      }),
    ];
    out.set(id, staticRecord(support, id, messages));
  }

  // Cc addresses on several messages.
  {
    const id = AGENTSEND_IDS.ccThread;
    const subject = 'Escalation: outage report for Northstar account';
    const counterpart = 'ops-lead@northstar.example';
    const messages = [
      buildMessage(rng, support, id, {
        direction: 'inbound',
        counterpart,
        subject,
        bodyText: 'Our dashboards were unreachable between 02:10 and 02:55 UTC. Please send an incident report; I have copied our CTO and account manager.',
        cc: ['cto@northstar.example', 'account-manager@acme-sample.example'],
        at: base - 8 * HOUR,
      }),
      buildMessage(rng, support, id, {
        direction: 'outbound',
        counterpart,
        subject: `Re: ${subject}`,
        bodyText: 'Apologies for the disruption. A failed certificate rotation on one load balancer caused the outage; the full incident report is attached to our status page. Keeping everyone in copy.',
        cc: ['cto@northstar.example', 'account-manager@acme-sample.example', 'incident-review@acme-sample.example'],
        at: base - 6 * HOUR,
      }),
    ];
    out.set(id, staticRecord(support, id, messages));
  }

  // HOSTILE: bodies and subject from the XSS corpus.
  {
    const id = AGENTSEND_IDS.hostileThread;
    const subject = `Re: your invoice <img src=x onerror="window.__threadlineXss=1">`;
    const counterpart = 'attacker@evil.example';
    const messages = XSS_PAYLOADS.map((payload, i) =>
      buildMessage(rng, support, id, {
        direction: i % 2 === 0 ? 'inbound' : 'outbound',
        counterpart,
        subject: i === 0 ? subject : `Re: ${subject}`,
        bodyText: payload,
        bodyHtml: `<p>Payload ${i + 1}:</p>\n${payload}`,
        at: base - 12 * HOUR + i * MINUTE,
      }),
    );
    messages.push(
      buildMessage(rng, support, id, {
        direction: 'inbound',
        counterpart,
        subject: `Re: ${subject}`,
        bodyText: allPayloads('\n'),
        bodyHtml: allPayloads('<br>'),
        at: base - 12 * HOUR + XSS_PAYLOADS.length * MINUTE,
      }),
    );
    out.set(id, staticRecord(support, id, messages));
  }

  out.set(AGENTSEND_IDS.longThread, longThread(support));
  return out;
}

// ---- the 10,000-message thread, generated by index ----

const LONG_START = CLOCK_START_MS + 6 * HOUR;
const LONG_STEP_MS = 687_000; // 10,000 messages end on 2026-11-19
const LONG_CUSTOMER = 'records@harborpine.example';
/** Message 9,000 (index 8,999) holds the phrase one SiteGPT answer holds too (SEARCH_PHRASE). */
const SEARCH_MESSAGE_INDEX = 8_999;

function longMessage(inbox: AsInbox, index: number, count: number): AsMessage {
  const inbound = index % 2 === 0;
  const part = Math.floor(index / 2) + 1;
  const total = count / 2;
  const day = new Date(Date.UTC(2013, 0, 1) + (part - 1) * DAY).toISOString().slice(0, 10);
  const orders = 40 + Math.floor(hashUnit(7, index) * 260);
  const status: AsStatus = inbound ? 'received' : index % 1000 === 499 ? 'failed' : 'delivered';
  const message: AsMessage = {
    id: `msg_lh${String(index + 1).padStart(6, '0')}`,
    inboxId: inbox.id,
    threadId: AGENTSEND_IDS.longThread,
    direction: inbound ? 'inbound' : 'outbound',
    fromAddress: inbound ? LONG_CUSTOMER : inbox.address,
    toAddresses: [inbound ? inbox.address : LONG_CUSTOMER],
    ccAddresses: [],
    subject: index === 0 ? 'Order history export' : 'Re: Order history export',
    bodyText: inbound
      ? `Please send part ${part} of ${total} of our order history export (orders placed on ${day}).`
      : `Here is part ${part} of ${total}: ${orders} orders placed on ${day}. The CSV is available in your export folder for 7 days.${index === SEARCH_MESSAGE_INDEX ? ` The first run of this part stopped on a ${SEARCH_PHRASE}, so it was generated again.` : ''}`,
    delivery: 'email',
    status,
    attachments: [],
    messageIdHeader: `<lh${String(index + 1).padStart(6, '0')}.${inbound ? 'harborpine.example' : 'acme-sample.example'}>`,
    createdAt: iso(LONG_START + index * LONG_STEP_MS),
  };
  return message;
}

/**
 * The long thread of the support inbox, generated by index: `count` messages (10,000 on the
 * server; the benchmark builds 100,000 the same way, longThreadOf).
 */
function longThread(inbox: AsInbox, count: number = AGENTSEND_IDS.longThreadMessages): AsThreadRecord {
  const cache = new Map<number, AsMessage>();
  const get = (index: number): AsMessage => {
    let message = cache.get(index);
    if (!message) {
      message = longMessage(inbox, index, count);
      cache.set(index, message);
    }
    return message;
  };
  return {
    thread: {
      id: AGENTSEND_IDS.longThread,
      inboxId: inbox.id,
      subject: 'Order history export',
      messageCount: count,
      lastMessageAt: iso(LONG_START + (count - 1) * LONG_STEP_MS),
      createdAt: iso(LONG_START),
    },
    messages: (offset, limit) => {
      const out: AsMessage[] = [];
      for (let i = offset; i < Math.min(count, offset + limit); i++) out.push(get(i));
      return out;
    },
  };
}

/** The long thread with `count` messages, as the server would serve it (for the benchmark: no HTTP). */
export function longThreadOf(count: number): AsThreadRecord {
  return longThread(at(INBOXES, 0), count);
}

// ---- the bulk inbox: 2,400 one-message threads, generated by index ----

const BULK_START = CLOCK_START_MS + 2 * HOUR;
const BULK_STEP_MS = Math.floor((CLOCK_END_MS - 2 * DAY - BULK_START) / AGENTSEND_IDS.bulkThreads);

function bulkMessage(inbox: AsInbox, index: number): AsMessage {
  const n = 1000 + index;
  const subject = fill(at(BULK_SUBJECTS, index), { n: String(n) });
  const recipient = `customer${String((index * 7919) % 5000).padStart(4, '0')}@mail.example`;
  const dryRun = index % 50 === 7;
  return {
    id: `msg_bulk${String(index + 1).padStart(5, '0')}`,
    inboxId: inbox.id,
    threadId: `thr_bulk${String(index + 1).padStart(5, '0')}`,
    direction: 'outbound',
    fromAddress: inbox.address,
    toAddresses: [recipient],
    ccAddresses: [],
    subject,
    bodyText: `${subject}.\n\nThis is an automated message from Acme. You can change your notification settings at https://acme-sample.example/settings/notifications.`,
    delivery: dryRun ? 'dry-run' : 'email',
    status: dryRun ? 'sent' : at(BULK_STATUSES, Math.floor(hashUnit(11, index) * BULK_STATUSES.length)),
    attachments: [],
    messageIdHeader: `<bulk${n}@agentsend.io>`,
    createdAt: iso(BULK_START + index * BULK_STEP_MS),
  };
}

function bulkThreads(inbox: AsInbox): AsThreadRecord[] {
  const out: AsThreadRecord[] = [];
  for (let index = 0; index < AGENTSEND_IDS.bulkThreads; index++) {
    const createdAt = iso(BULK_START + index * BULK_STEP_MS);
    let message: AsMessage | undefined;
    out.push({
      thread: {
        id: `thr_bulk${String(index + 1).padStart(5, '0')}`,
        inboxId: inbox.id,
        subject: fill(at(BULK_SUBJECTS, index), { n: String(1000 + index) }),
        messageCount: 1,
        lastMessageAt: createdAt,
        createdAt,
      },
      messages: (offset, limit) => {
        if (offset > 0 || limit < 1) return [];
        message ??= bulkMessage(inbox, index);
        return [message];
      },
    });
  }
  return out;
}

function byRecency(a: AsThread, b: AsThread): number {
  return a.lastMessageAt < b.lastMessageAt ? 1 : a.lastMessageAt > b.lastMessageAt ? -1 : a.id < b.id ? -1 : 1;
}

function build(): AgentSendData {
  const rng = new Rng(0xa6e5e7d);
  const [support, sales, bulk] = [at(INBOXES, 0), at(INBOXES, 1), at(INBOXES, 2)];
  const threads = new Map<string, AsThreadRecord>();
  const threadsByInbox = new Map<string, AsThread[]>();
  for (const inbox of INBOXES) threadsByInbox.set(inbox.id, []);
  const add = (record: AsThreadRecord): void => {
    threads.set(record.thread.id, record);
    threadsByInbox.get(record.thread.inboxId)?.push(record.thread);
  };

  for (const record of specialThreads(rng).values()) add(record);
  // Every outbound status shows up in the first generated support threads.
  const statuses: AsStatus[] = ['queued', 'sending', 'sent', 'failed', 'bounced', 'complained', 'delivered'];
  for (let i = 0; i < 39; i++) {
    const start = timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - 4 * DAY);
    const conversation = at(SUPPORT_CONVERSATIONS, i);
    // The first seven threads each get one forced status on their first outbound reply, and at least two turns.
    const forced = i < statuses.length ? [at(statuses, i)] : [];
    let record = conversationThread(rng, support, conversation, start, forced);
    while (forced.length > 0) record = conversationThread(rng, support, conversation, start, forced);
    add(record);
  }
  for (let i = 0; i < 12; i++) {
    const start = timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - 3 * DAY);
    add(conversationThread(rng, sales, at(SALES_CONVERSATIONS, i), start, []));
  }
  for (const record of bulkThreads(bulk)) add(record);
  for (const list of threadsByInbox.values()) list.sort(byRecency);
  return { inboxes: INBOXES, threadsByInbox, threads };
}

let cached: AgentSendData | undefined;

export function agentSendData(): AgentSendData {
  cached ??= build();
  return cached;
}
