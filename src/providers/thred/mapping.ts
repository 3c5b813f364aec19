// Thred → the domain model.
import { t } from '../../l10n';
import type * as z from 'zod/mini';
import type { Message, MessageItem, Thread, ThreadCard, ThreadSummary } from '../../domain/model';
import { decodeWith, type Decoder } from '../../http/validation';
import { parseEach, parseMessages, webLink } from '../shared';
import { byCompanySchema, conversationEntrySchema, customerSchema, recentSchema } from './schema';

type Customer = z.output<typeof customerSchema>;

/** Prefix of thread ids for customers whose id Thred has not revealed yet (no `link`). */
export const EMAIL_REF_PREFIX = 'email:';

/** The customer id out of a share link `https://app.thred.ai/share/<customerId>`. */
export function customerIdFromLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  const match = /\/share\/([^/?#\s]+)/.exec(link);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined; // a malformed escape (`%E0%A4%A`): no id can be read from it
  }
}

export function threadIdOf(customer: Customer): string {
  return customerIdFromLink(customer.link) ?? `${EMAIL_REF_PREFIX}${customer.email}`;
}

export function toSummary(customer: Customer): ThreadSummary {
  const processing = customer.status === 'processing';
  const webUrl = webLink(customer.link);
  return {
    threadId: threadIdOf(customer),
    title: customer.name?.trim() || customer.email,
    status: customer.status,
    state: processing ? 'processing' : customer.status === 'completed' ? 'done' : 'unknown',
    ...(customer.platform ? { type: customer.platform } : {}),
    ...(Array.isArray(customer.conversation) ? { messageCount: customer.conversation.length } : {}),
    badges: customer.platform ? [customer.platform] : [],
    ...(processing ? { progress: { percent: Math.max(0, Math.min(100, Math.round(customer.progress ?? 0))), label: t('Thred is processing this customer') } } : {}),
    participants: [{ role: 'customer', ...(customer.name ? { name: customer.name } : {}), address: customer.email }],
    ...(webUrl ? { webUrl } : {}),
  };
}

/** Thred's insights as a card above the conversation. */
function insightsCard(customer: Customer): ThreadCard {
  const lists = [
    { title: t('Products discussed'), items: customer.productsDiscussed ?? [] },
    { title: t('Main concerns'), items: customer.insights?.mainConcerns ?? [] },
    { title: t('Buying signals'), items: customer.insights?.buyingSignals ?? [] },
    { title: t('Competitors considered'), items: customer.insights?.competitorsConsidered ?? [] },
    { title: t('Suggestions'), items: customer.suggestions ?? [] },
  ];
  const footnote = [customer.company, customer.platform && `via ${customer.platform}`].filter(Boolean).join(' · ');
  return { kind: 'lists', id: 'insights', title: t('Insights'), ...(customer.summary ? { summary: customer.summary } : {}), lists, ...(footnote ? { footnote } : {}) };
}

export function toMessages(customer: Customer, threadId: string): MessageItem[] {
  return parseMessages(customer.conversation ?? [], conversationEntrySchema, (entry, index): Message[] => {
    const byCustomer = entry.role === 'user';
    return [
      {
        type: 'message',
        id: `${threadId}#${index}`,
        author: byCustomer
          ? { role: 'customer', ...(customer.name ? { name: customer.name } : {}), address: customer.email }
          : { role: entry.role === 'assistant' ? 'bot' : 'system', name: customer.platform ? `AI assistant (${customer.platform})` : 'AI assistant' },
        to: [],
        cc: [],
        // The customer's own words stay plain; the AI's answers are Markdown.
        body: byCustomer ? { kind: 'text', text: entry.content } : { kind: 'markdown', text: entry.content },
        attachments: [],
        sources: [],
      },
    ];
  });
}

export function toThread(customer: Customer): { thread: Thread; messages: MessageItem[] } {
  const summary = toSummary(customer);
  const messages = toMessages(customer, summary.threadId);
  const webUrl = summary.webUrl;
  return {
    thread: {
      ...summary,
      participants: [...summary.participants, { role: 'bot', name: 'AI assistant' }],
      links: webUrl ? [{ label: t('Open in Thred'), url: webUrl }] : [],
      // While Thred is still processing, what it has is partial: the progress card stands in.
      cards: customer.status === 'processing' ? [] : [insightsCard(customer)],
    },
    messages,
  };
}

export const decodeCustomer: Decoder<{ thread: Thread; messages: MessageItem[] }> = decodeWith(customerSchema, toThread);

export const decodeRecent: Decoder<{ items: ThreadSummary[]; unreadable: number; raw: number }> = decodeWith(recentSchema, (list) => {
  const { items, unreadable } = parseEach(list, customerSchema, toSummary);
  return { items, unreadable: unreadable.length, raw: list.length };
});

export const decodeByCompany: Decoder<{ company: string; threads: ThreadSummary[] }> = decodeWith(byCompanySchema, (body) => ({
  company: body.company ?? '',
  threads: parseEach(body.results, customerSchema, toSummary).items,
}));
