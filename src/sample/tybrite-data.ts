// Tybrite ("Galactic Core") messaging sample data: customer Sarah with 25 threads covering every enum
// value, a 600-message thread, a hostile thread; customer Bob whose threads Sarah must not read.
// Built once per environment (`sandbox` for _test_ keys, `production` for _live_ keys): same ids and
// content, only the `environment` field differs.
import { CLOCK_END_MS, CLOCK_START_MS, DAY, HOUR, MINUTE, Rng, SARAH, at, iso, timeBetween } from './data';
import { XSS_PAYLOADS } from './xss';

export type TyEnvironment = 'production' | 'sandbox';

export const TY_THREAD_TYPES = ['general', 'order_inquiry', 'product_inquiry', 'support', 'complaint', 'delivery', 'return', 'refund', 'technical'] as const;
export const TY_STATUSES = ['active', 'resolved', 'closed', 'escalated', 'pending'] as const;
export const TY_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TY_MESSAGE_TYPES = ['text', 'image', 'file', 'product_link', 'order_update', 'system_notification'] as const;
export const TY_MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

type ThreadType = (typeof TY_THREAD_TYPES)[number];
type ThreadStatus = (typeof TY_STATUSES)[number];
type Priority = (typeof TY_PRIORITIES)[number];
type MessageType = (typeof TY_MESSAGE_TYPES)[number];
type MessageStatus = (typeof TY_MESSAGE_STATUSES)[number];
type Sender = 'customer' | 'store' | 'system';

export interface TyThread {
  id: string;
  customer_id: string | null;
  customer_name: string;
  customer_email: string;
  customer_phone: string | null;
  store_name: string;
  store_avatar: string | null;
  order_id: string | null;
  product_id: string | null;
  subject: string;
  thread_type: ThreadType;
  status: ThreadStatus;
  priority: Priority;
  last_message_at: string;
  last_message_by: Sender;
  unread_count_customer: number;
  unread_count_store: number;
  is_archived: boolean;
  is_muted: boolean;
  is_pinned: boolean;
  environment: TyEnvironment;
  created_at: string;
  updated_at: string;
}

export interface TyMessage {
  id: string;
  message_content: string;
  message_type: MessageType;
  sender_type: Sender;
  sender_id: string | null;
  sender_name: string | null;
  attachments: string[];
  metadata: Record<string, unknown>;
  message_status: MessageStatus;
  read_at: string | null;
  is_edited: boolean;
  is_deleted: boolean;
  edited_at: string | null;
  deleted_at: string | null;
  environment: TyEnvironment;
  created_at: string;
  updated_at: string;
}

export interface TyCustomer {
  id: string;
  email: string;
  name: string;
  password: string;
  /** The customer's id in the store's own identity provider (signed `x-external-auth` claims name it). */
  externalId: string;
}

export interface TybriteData {
  /** Per customer id: threads, pinned first then `last_message_at` descending. */
  threadsByCustomer: Map<string, TyThread[]>;
  threads: Map<string, TyThread>;
  /** Messages per thread id, oldest first. */
  messages: Map<string, TyMessage[]>;
}

export const TYBRITE_IDS = {
  sarahCustomerId: '5f3c2a91-7b4e-4d8a-9e61-0c2b7a9d4e13',
  bobCustomerId: 'b0b5e7a2-3c1d-4f6e-8a9b-2d4c6e8f0a13',
  bobLogin: { email: 'bob.martinez@example.test', password: 'sample-Bob-pass1' },
  sarahExternalId: 'auth0|sample-sarah-66a3f8c2',
  bobExternalId: 'auth0|sample-bob-9d1e0b7a',
  longThread: '7d2e9c41-6a3b-4f85-b0c2-600600600600',
  longThreadMessages: 600,
  hostileThread: '0badf00d-3c5e-4a7b-9d1f-6e6e6e6e6e6e',
  /** A Sarah thread that contains one soft-deleted (tombstone) message. */
  tombstoneThread: 'd31e7e0d-5b2a-4c88-9f14-7a0b3c5d8e21',
  /** One of Bob's threads: Sarah's token gets 403 on it. */
  bobThread: 'b0b7a11c-0d3e-4f5a-8b6c-9d0e1f2a3b4c',
  sarahThreads: 25,
  bobThreads: 4,
} as const;

export function tybriteCustomers(login: { email: string; password: string }): TyCustomer[] {
  return [
    { id: TYBRITE_IDS.sarahCustomerId, email: login.email, name: SARAH.name, password: login.password, externalId: TYBRITE_IDS.sarahExternalId },
    { id: TYBRITE_IDS.bobCustomerId, email: TYBRITE_IDS.bobLogin.email, name: 'Bob Martinez', password: TYBRITE_IDS.bobLogin.password, externalId: TYBRITE_IDS.bobExternalId },
  ];
}

interface Store {
  name: string;
  avatar: string | null;
  staff: { id: string; name: string }[];
}

const STORES: Store[] = [
  {
    name: 'Northwind Outfitters',
    avatar: 'https://cdn.tybrite-sample.example/stores/northwind-outfitters.png',
    staff: [
      { id: 'a1f0c3d2-1111-4e5f-9a0b-1c2d3e4f5a61', name: 'Jamie (Northwind)' },
      { id: 'a1f0c3d2-2222-4e5f-9a0b-1c2d3e4f5a62', name: 'Ruth (Northwind)' },
    ],
  },
  {
    name: 'Lumen Home Goods',
    avatar: null,
    staff: [{ id: 'b2e1d4c3-3333-4f60-8b1c-2d3e4f5a6b73', name: 'Oskar (Lumen)' }],
  },
  {
    name: 'Kestrel Electronics',
    avatar: 'https://cdn.tybrite-sample.example/stores/kestrel.png',
    staff: [{ id: 'c3f2e5d4-4444-4071-9c2d-3e4f5a6b7c84', name: 'Dee (Kestrel)' }],
  },
];

interface Turn {
  by: Sender;
  text: string;
  type?: MessageType;
}

interface Template {
  subject: string;
  turns: Turn[];
}

const TEMPLATES: Record<ThreadType, Template> = {
  general: {
    subject: 'Are you open on public holidays?',
    turns: [
      { by: 'customer', text: 'Hi! Is the flagship store open on Thanksgiving Day? I want to pick up an order.' },
      { by: 'store', text: "Hi Sarah, we're closed on Thanksgiving but open 8am–10pm on Friday. Your order will be waiting at the pickup counter." },
      { by: 'customer', text: 'Perfect, see you Friday.' },
    ],
  },
  order_inquiry: {
    subject: 'Can I add an item to order {order}?',
    turns: [
      { by: 'customer', text: 'I just placed order {order}. Can I still add a second pair of wool socks?' },
      { by: 'store', text: "It hasn't been packed yet, so yes. I've added the socks and charged the difference ($14.00) to the same card." },
      { by: 'system', text: 'Order {order} was updated: 1 item added.', type: 'order_update' },
      { by: 'customer', text: 'Thank you!' },
    ],
  },
  product_inquiry: {
    subject: 'Is the Trailblazer 40L backpack waterproof?',
    turns: [
      { by: 'customer', text: "Is the Trailblazer 40L fully waterproof or just water-resistant? I'm hiking in Scotland next month." },
      { by: 'store', text: 'It is water-resistant (PU-coated, taped seams on the main compartment). For Scottish weather I would add the rain cover:' },
      { by: 'store', text: 'Trailblazer rain cover (M)', type: 'product_link' },
      { by: 'customer', text: 'Great, I will get both.' },
    ],
  },
  support: {
    subject: "Can't sign in to my account",
    turns: [
      { by: 'customer', text: 'I keep getting "invalid credentials" even after resetting my password twice.' },
      { by: 'store', text: 'Sorry about that! It looks like your account was created with Google sign-in, so there is no password to reset. Please use "Continue with Google".' },
      { by: 'customer', text: 'That was it, I am in. Thanks!' },
    ],
  },
  complaint: {
    subject: 'Courier left my parcel in the rain',
    turns: [
      { by: 'customer', text: 'The courier left my parcel on the doorstep in the rain and the box was soaked. Photo attached.' },
      { by: 'customer', text: 'Photo of the parcel', type: 'image' },
      { by: 'store', text: "That's not acceptable, I'm sorry. I've reported it to the courier and added a $10 credit to your account. Is everything inside OK?" },
      { by: 'customer', text: 'The jacket is fine, just the box was ruined. Thanks for the credit.' },
    ],
  },
  delivery: {
    subject: 'Delivery window for order {order}',
    turns: [
      { by: 'customer', text: 'Can you tell me the delivery window for order {order}? I need to be home to sign for it.' },
      { by: 'system', text: 'Order {order} has shipped.', type: 'order_update' },
      { by: 'store', text: 'It is scheduled for Thursday between 9am and 1pm. You can also redirect it to a pickup point from the tracking page.' },
    ],
  },
  return: {
    subject: 'Return: hiking boots are a size too small',
    turns: [
      { by: 'customer', text: 'The Ridgeline boots (EU 39) are too small. Can I exchange them for a 40?' },
      { by: 'customer', text: 'Photo of the boots and the size label', type: 'image' },
      { by: 'store', text: "Of course. I've emailed you a prepaid return label; we'll ship the 40 as soon as the carrier scans the parcel." },
      { by: 'customer', text: 'Dropped it off at the post office today.' },
    ],
  },
  refund: {
    subject: 'Refund for order {order} not received',
    turns: [
      { by: 'customer', text: 'You confirmed my return two weeks ago but I still have not received the refund for order {order}.' },
      { by: 'store', text: 'I checked: the refund was issued on the 3rd. Here is the refund confirmation from our payment provider.' },
      { by: 'store', text: 'refund-confirmation.pdf', type: 'file' },
      { by: 'customer', text: 'Found it, my bank listed it under a different name. Thanks.' },
    ],
  },
  technical: {
    subject: 'App crashes when I open "My orders"',
    turns: [
      { by: 'customer', text: 'The iOS app crashes every time I tap "My orders". iPhone 13, iOS 18.1. Log attached.' },
      { by: 'customer', text: 'crash-log.txt', type: 'file' },
      { by: 'store', text: 'Thanks for the log! This is a known issue in app version 4.2.0; version 4.2.1 with the fix is rolling out today.' },
    ],
  },
};

interface ThreadPlan {
  id: string;
  customer: { id: string; name: string; email: string; phone: string | null };
  type: ThreadType;
  status: ThreadStatus;
  priority: Priority;
  archived: boolean;
  muted: boolean;
  pinned: boolean;
  unreadStore: number;
  unreadCustomer: number;
  start: number;
  tombstone?: boolean;
}

class Builder {
  private seq = 0;

  constructor(
    private readonly rng: Rng,
    private readonly env: TyEnvironment,
  ) {}

  messageId(): string {
    this.seq++;
    return this.rng.uuid();
  }

  metadataFor(type: MessageType, order: string, product: string, text: string): { attachments: string[]; metadata: Record<string, unknown> } {
    switch (type) {
      case 'image': {
        const name = this.rng.lowerId(12);
        return {
          attachments: [`https://cdn.tybrite-sample.example/uploads/${name}.jpg`],
          metadata: { mime_type: 'image/jpeg', width: 1536, height: 2048, size_bytes: 412_339 },
        };
      }
      case 'file': {
        const name = /^[\w.-]+\.\w{2,4}$/.test(text) ? text : 'invoice.pdf';
        return {
          attachments: [`https://cdn.tybrite-sample.example/files/${this.rng.lowerId(10)}/${name}`],
          metadata: { filename: name, mime_type: name.endsWith('.pdf') ? 'application/pdf' : 'text/plain', size_bytes: this.rng.int(2_000, 900_000) },
        };
      }
      case 'product_link':
        return {
          attachments: [],
          metadata: {
            product_id: product,
            title: 'Trailblazer rain cover (M)',
            url: `https://shop.northwind-sample.example/products/${product}`,
            price: 24.99,
            currency: 'USD',
            image_url: `https://cdn.tybrite-sample.example/products/${product}.jpg`,
          },
        };
      case 'order_update':
        return {
          attachments: [],
          metadata: { order_id: order, status: /shipped/.test(text) ? 'shipped' : 'processing', carrier: 'UPS', tracking_url: `https://track.ups-sample.example/?tracknum=1Z${this.rng.digits(16)}` },
        };
      case 'system_notification':
        return { attachments: [], metadata: { event: 'thread.status_changed' } };
      default:
        return { attachments: [], metadata: {} };
    }
  }

  message(plan: ThreadPlan, store: Store, turn: Turn, time: number, status: MessageStatus, order: string, product: string): TyMessage {
    const type: MessageType = turn.type ?? (turn.by === 'system' ? 'system_notification' : 'text');
    const { attachments, metadata } = this.metadataFor(type, order, product, turn.text);
    const staff = this.rng.pick(store.staff);
    const created = iso(time);
    return {
      id: this.messageId(),
      message_content: turn.text.replace(/\{order\}/g, order),
      message_type: type,
      sender_type: turn.by,
      sender_id: turn.by === 'customer' ? plan.customer.id : turn.by === 'store' ? staff.id : null,
      sender_name: turn.by === 'customer' ? plan.customer.name : turn.by === 'store' ? staff.name : null,
      attachments,
      metadata,
      message_status: status,
      read_at: status === 'read' ? iso(time + this.rng.int(1, 90) * MINUTE) : null,
      is_edited: false,
      is_deleted: false,
      edited_at: null,
      deleted_at: null,
      environment: this.env,
      created_at: created,
      updated_at: created,
    };
  }

  thread(plan: ThreadPlan, messages: TyMessage[], store: Store, subject: string, order: string | null, product: string | null): TyThread {
    const first = messages[0];
    const last = messages[messages.length - 1];
    if (!first || !last) throw new Error('tybrite sample thread without messages');
    return {
      id: plan.id,
      customer_id: plan.customer.id,
      customer_name: plan.customer.name,
      customer_email: plan.customer.email,
      customer_phone: plan.customer.phone,
      store_name: store.name,
      store_avatar: store.avatar,
      order_id: order,
      product_id: product,
      subject,
      thread_type: plan.type,
      status: plan.status,
      priority: plan.priority,
      last_message_at: last.created_at,
      last_message_by: last.sender_type,
      unread_count_customer: plan.unreadCustomer,
      unread_count_store: plan.unreadStore,
      is_archived: plan.archived,
      is_muted: plan.muted,
      is_pinned: plan.pinned,
      environment: this.env,
      created_at: first.created_at,
      updated_at: iso(Date.parse(last.created_at) + 2000),
    };
  }

  /** A thread from its type's template, plus status notifications. */
  templated(plan: ThreadPlan): { thread: TyThread; messages: TyMessage[] } {
    const template = TEMPLATES[plan.type];
    const store = this.rng.pick(STORES);
    const order = `ORD-${this.rng.int(20000, 89999)}`;
    const product = `prd_${this.rng.lowerId(10)}`;
    const turns: Turn[] = [...template.turns];
    if (plan.status === 'escalated') turns.push({ by: 'system', text: 'This conversation was escalated to a supervisor.' });
    if (plan.status === 'resolved') turns.push({ by: 'system', text: `${store.name} marked this conversation as resolved.` });
    if (plan.status === 'closed') turns.push({ by: 'system', text: 'This conversation was closed after 7 days without a reply.' });
    if (plan.status === 'pending') turns.push({ by: 'store', text: 'We are waiting for an update from the warehouse and will get back to you within 24 hours.' });
    if (plan.unreadStore > 0) {
      for (let i = 0; i < plan.unreadStore; i++) {
        turns.push({ by: 'customer', text: at(['Any update on this?', 'Hello? Still waiting to hear back.', 'Just checking in again.'], i) });
      }
    }
    const customerTurns = turns.filter((turn) => turn.by === 'customer').length;
    let customerSeen = 0;
    let time = plan.start;
    const messages: TyMessage[] = [];
    turns.forEach((turn, index) => {
      let status: MessageStatus = 'read';
      if (turn.by === 'customer') {
        customerSeen++;
        if (customerSeen > customerTurns - plan.unreadStore) status = 'delivered';
      } else if (turn.by === 'store') {
        status = index === turns.length - 1 && plan.unreadCustomer > 0 ? 'delivered' : this.rng.chance(0.15) ? 'sent' : 'read';
      } else {
        status = 'delivered';
      }
      messages.push(this.message(plan, store, turn, time, status, order, product));
      time += this.rng.int(4, 300) * MINUTE;
    });
    if (plan.priority === 'high') {
      const first = messages[0];
      if (first) {
        const editedAt = iso(Date.parse(first.created_at) + 2 * MINUTE);
        Object.assign(first, { message_content: `${first.message_content} (sorry, typo fixed)`, is_edited: true, edited_at: editedAt, updated_at: editedAt });
      }
    }
    if (plan.tombstone) {
      // The API excludes soft-deleted messages; the sample includes one tombstone to exercise the marker.
      const victim = messages[1];
      if (victim) {
        const deletedAt = iso(Date.parse(victim.created_at) + 3 * MINUTE);
        Object.assign(victim, { message_content: '', attachments: [], is_deleted: true, deleted_at: deletedAt, updated_at: deletedAt });
      }
    }
    const hasOrder = ['order_inquiry', 'delivery', 'refund', 'return', 'complaint'].includes(plan.type);
    const subject = template.subject.replace(/\{order\}/g, order);
    return { thread: this.thread(plan, messages, store, subject, hasOrder ? order : null, plan.type === 'product_inquiry' ? product : null), messages };
  }
}

const SARAH_CUSTOMER = { id: TYBRITE_IDS.sarahCustomerId, name: SARAH.name, email: SARAH.email, phone: SARAH.phone };
const BOB_CUSTOMER = { id: TYBRITE_IDS.bobCustomerId, name: 'Bob Martinez', email: TYBRITE_IDS.bobLogin.email, phone: null };

function longThread(builder: Builder, rng: Rng): { thread: TyThread; messages: TyMessage[] } {
  const store = at(STORES, 0);
  const plan: ThreadPlan = {
    id: TYBRITE_IDS.longThread,
    customer: SARAH_CUSTOMER,
    type: 'general',
    status: 'active',
    priority: 'normal',
    archived: false,
    muted: false,
    pinned: true,
    unreadStore: 0,
    unreadCustomer: 1,
    start: CLOCK_START_MS + 3 * HOUR,
  };
  const step = Math.floor((CLOCK_END_MS - DAY - plan.start) / TYBRITE_IDS.longThreadMessages);
  const items = ['trail mix', 'water filters', 'merino base layers', 'headlamps', 'first-aid kits', 'tent stakes', 'energy bars'];
  const messages: TyMessage[] = [];
  for (let i = 0; i < TYBRITE_IDS.longThreadMessages; i++) {
    const week = Math.floor(i / 4) + 1;
    const item = at(items, i);
    const order = `ORD-${30000 + week}`;
    let turn: Turn;
    switch (i % 4) {
      case 0:
        turn = { by: 'customer', text: `Week ${week}: please restock the TechCorp office kit: 12 × ${item}, same delivery address.` };
        break;
      case 1:
        turn = { by: 'store', text: `Got it, week ${week} is booked as order ${order}. Delivery on Tuesday.` };
        break;
      case 2:
        turn = { by: 'system', text: `Order ${order} has shipped.`, type: 'order_update' };
        break;
      default:
        turn = { by: 'customer', text: i % 40 === 3 ? 'Received, thanks! Could you send the invoice as a PDF this time?' : `Received week ${week}, thanks!` };
    }
    const status: MessageStatus = i === TYBRITE_IDS.longThreadMessages - 1 ? 'sent' : i % 97 === 50 ? 'failed' : 'read';
    const message = builder.message(plan, store, turn, plan.start + i * step + rng.int(0, 59) * 1000, status, order, 'prd_officekit01');
    if (i % 53 === 17 && turn.by !== 'system') {
      message.is_edited = true;
      message.edited_at = iso(Date.parse(message.created_at) + 5 * MINUTE);
      message.updated_at = message.edited_at;
      message.message_content += ' (edited: quantity changed to 14)';
    }
    messages.push(message);
  }
  return { thread: builder.thread(plan, messages, store, 'Weekly restock for the TechCorp office', null, null), messages };
}

function hostileThread(builder: Builder): { thread: TyThread; messages: TyMessage[] } {
  const store: Store = {
    name: '<script>window.__threadlineXss=1</script>Evil Store',
    avatar: 'javascript:window.__threadlineXss=1',
    staff: [{ id: 'e0e0e0e0-6666-4666-8666-666666666666', name: '<img src=x onerror="window.__threadlineXss=1">' }],
  };
  const plan: ThreadPlan = {
    id: TYBRITE_IDS.hostileThread,
    customer: SARAH_CUSTOMER,
    type: 'complaint',
    status: 'active',
    priority: 'urgent',
    archived: false,
    muted: false,
    pinned: false,
    unreadStore: 0,
    unreadCustomer: XSS_PAYLOADS.length,
    start: Date.UTC(2026, 10, 19, 18, 0, 0),
  };
  const messages = XSS_PAYLOADS.map((payload, i) =>
    builder.message(plan, store, { by: i % 3 === 2 ? 'customer' : 'store', text: payload }, plan.start + i * MINUTE, 'delivered', 'ORD-66666', 'prd_evil000001'),
  );
  return { thread: builder.thread(plan, messages, store, '<svg onload="window.__threadlineXss=1"> Important account notice', 'ORD-66666', null), messages };
}

function sortThreads(list: TyThread[]): void {
  list.sort((a, b) => {
    if (a.is_pinned !== b.is_pinned) return a.is_pinned ? -1 : 1;
    if (a.last_message_at !== b.last_message_at) return a.last_message_at < b.last_message_at ? 1 : -1;
    return a.id < b.id ? -1 : 1;
  });
}

function build(env: TyEnvironment): TybriteData {
  const rng = new Rng(0x7b817e);
  const builder = new Builder(rng, env);
  const threads = new Map<string, TyThread>();
  const messages = new Map<string, TyMessage[]>();
  const add = ({ thread, messages: list }: { thread: TyThread; messages: TyMessage[] }): void => {
    threads.set(thread.id, thread);
    messages.set(thread.id, list);
  };

  add(longThread(builder, rng));
  add(hostileThread(builder));
  const generated = TYBRITE_IDS.sarahThreads - 2;
  for (let i = 0; i < generated; i++) {
    const id = i === 4 ? TYBRITE_IDS.tombstoneThread : rng.uuid();
    add(
      builder.templated({
        id,
        customer: SARAH_CUSTOMER,
        type: at(TY_THREAD_TYPES, i),
        status: at(TY_STATUSES, i),
        priority: at(TY_PRIORITIES, i),
        archived: i % 6 === 5,
        muted: i % 7 === 4,
        pinned: i === 2 || i === 11,
        unreadStore: i % 4 === 1 ? 1 + (i % 3) : 0,
        unreadCustomer: i % 5 === 2 ? 1 : 0,
        start: timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - 3 * DAY),
        tombstone: i === 4,
      }),
    );
  }
  for (let i = 0; i < TYBRITE_IDS.bobThreads; i++) {
    add(
      builder.templated({
        id: i === 0 ? TYBRITE_IDS.bobThread : rng.uuid(),
        customer: BOB_CUSTOMER,
        type: at(['delivery', 'refund', 'product_inquiry', 'general'] as const, i),
        status: at(['active', 'resolved', 'pending', 'closed'] as const, i),
        priority: at(['normal', 'high', 'low', 'normal'] as const, i),
        archived: false,
        muted: false,
        pinned: false,
        unreadStore: i === 0 ? 1 : 0,
        unreadCustomer: 0,
        start: timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - 3 * DAY),
      }),
    );
  }
  const threadsByCustomer = new Map<string, TyThread[]>();
  for (const thread of threads.values()) {
    const key = thread.customer_id ?? '';
    const list = threadsByCustomer.get(key) ?? [];
    list.push(thread);
    threadsByCustomer.set(key, list);
  }
  for (const list of threadsByCustomer.values()) sortThreads(list);
  return { threadsByCustomer, threads, messages };
}

const cached = new Map<TyEnvironment, TybriteData>();

export function tybriteData(env: TyEnvironment): TybriteData {
  let data = cached.get(env);
  if (!data) {
    data = build(env);
    cached.set(env, data);
  }
  return data;
}
