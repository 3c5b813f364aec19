// SiteGPT → the domain model. A v0 "message" is a question/answer pair: it becomes up to two
// messages, the visitor's question and then the bot's (or a human agent's) answer.
import { t } from '../../l10n';
import type * as z from 'zod/mini';
import type { Container, Message, MessageItem, Participant, Source, Thread, ThreadState, ThreadSummary } from '../../domain/model';
import { BadRequestError, ForbiddenError, InvalidResponseError, NotFoundError, ServerError, UnauthorizedError } from '../../http/errors';
import { decodeWith, type Decoder, type DecodeContext } from '../../http/validation';
import { parseEach, parseMessages, snippet, toIso, webLink } from '../shared';
import {
  chatUserSchema,
  chatbotSchema,
  chatbotsSchema,
  errorBodySchema,
  messageSchema,
  threadDetailSchema,
  threadSummarySchema,
  threadSchema,
  threadsSchema,
} from './schema';

type ChatUser = z.output<typeof chatUserSchema>;

/**
 * SiteGPT can answer `success: false` in a 200 too; map its error codes to the typed errors.
 */
function failIfUnsuccessful(json: unknown, context: DecodeContext): void {
  const failure = errorBodySchema.safeParse(json);
  if (!failure.success) return;
  const code = failure.data.error?.code ?? '';
  const message = failure.data.error?.message || failure.data.message || undefined;
  const init = { service: context.service, ...(message ? { serviceMessage: message } : {}) };
  if (code === 'API_KEY_NOT_VALID') throw new UnauthorizedError({ ...init, status: 401 });
  if (code === 'CHATBOT_FETCH_FORBIDDEN') throw new ForbiddenError({ ...init, status: 403 });
  if (code.endsWith('_NOT_FOUND')) throw new NotFoundError({ ...init, status: 404 });
  if (code === 'REQUEST_VALIDATION_FAILED') throw new BadRequestError({ ...init, status: 400 });
  if (code) throw new ServerError({ ...init, detail: code });
  throw new InvalidResponseError({ service: context.service, detail: t('success is false without an error') });
}

function guarded<T>(decoder: Decoder<T>): Decoder<T> {
  return (json, context) => {
    failIfUnsuccessful(json, context);
    return decoder(json, context);
  };
}

export function toContainer(chatbot: z.output<typeof chatbotSchema>): Container {
  return {
    kind: 'chatbot',
    id: chatbot.id,
    label: chatbot.title?.trim() || t('Chatbot {0}', chatbot.id),
    ...(chatbot.description ? { description: snippet(chatbot.description, 60) } : {}),
  };
}

function customerOf(user: ChatUser): Participant {
  return { role: 'customer', ...(user?.name ? { name: user.name } : {}), ...(user?.email ? { address: user.email } : {}) };
}

function stateOf(summary: { escalated?: boolean | null; resolved?: boolean | null }): ThreadState {
  if (summary.resolved) return 'done';
  if (summary.escalated) return 'attention';
  return 'open';
}

export function toSummary(summary: z.output<typeof threadSummarySchema>, chatbotId: string): ThreadSummary {
  const createdAt = toIso(summary.startedAt);
  const updatedAt = toIso(summary.updatedAt) ?? createdAt;
  const question = summary.lastMessage?.question?.text;
  const user = summary.chatUser;
  const title = user?.name || user?.email || (question ? snippet(question) : `Conversation ${summary.threadId.slice(0, 8)}`);
  const badges = [summary.escalated && 'escalated', summary.important && 'important', summary.resolved && 'resolved'].filter(
    (badge): badge is string => typeof badge === 'string',
  );
  return {
    threadId: summary.threadId,
    containerId: chatbotId,
    title,
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    status: summary.resolved ? 'resolved' : summary.escalated ? 'escalated' : 'open',
    state: stateOf(summary),
    ...(typeof summary.totalMessages === 'number' ? { messageCount: summary.totalMessages } : {}),
    badges,
    participants: user?.email || user?.name ? [customerOf(user)] : [],
  };
}

function sourcesOf(raw: readonly unknown[] | null | undefined): Source[] {
  const sources: Source[] = [];
  for (const entry of raw ?? []) {
    if (typeof entry === 'string') {
      const url = webLink(entry);
      if (url) sources.push({ url });
    } else if (typeof entry === 'object' && entry !== null) {
      const record = entry as Record<string, unknown>;
      const candidate = [record['url'], record['link'], record['href'], record['source']].find((value) => typeof value === 'string');
      const url = webLink(candidate as string | undefined);
      const title = [record['title'], record['name']].find((value) => typeof value === 'string') as string | undefined;
      if (url) sources.push({ url, ...(title ? { title } : {}) });
    }
  }
  return sources;
}

/** One question/answer pair → the visitor's message and the answer, each only when present. */
export function toMessages(raw: z.output<typeof messageSchema>, user: ChatUser): Message[] {
  const out: Message[] = [];
  const question = raw.question?.text;
  if (question !== undefined && question !== null && raw.question) {
    const createdAt = toIso(raw.question.timestamp);
    out.push({
      type: 'message',
      id: `${raw.messageId}-q`,
      author: customerOf(user),
      ...(createdAt ? { createdAt } : {}),
      to: [],
      cc: [],
      body: { kind: 'text', text: question },
      attachments: [],
      sources: [],
    });
  }
  const answer = raw.answer?.text;
  if (answer !== undefined && answer !== null && raw.answer) {
    const createdAt = toIso(raw.answer.timestamp);
    const byHuman = raw.messageType === 'AGENT_MESSAGE';
    out.push({
      type: 'message',
      id: `${raw.messageId}-a`,
      author: byHuman ? { role: 'agent', name: 'Agent' } : { role: 'bot', name: 'AI assistant' },
      ...(createdAt ? { createdAt } : {}),
      to: [],
      cc: [],
      body: { kind: 'markdown', text: answer },
      attachments: [],
      sources: sourcesOf(raw.sources),
      ...(raw.reaction ? { reaction: raw.reaction } : {}),
      ...(!byHuman && raw.gptModel ? { model: raw.gptModel } : {}),
    });
  }
  return out;
}

export const decodeChatbots: Decoder<Container[]> = guarded(
  decodeWith(chatbotsSchema, (body) => parseEach(body.data.chatbots, chatbotSchema, toContainer).items),
);

export function decodeThreads(chatbotId: string): Decoder<{ items: ThreadSummary[]; unreadable: number; raw: number }> {
  return guarded(
    decodeWith(threadsSchema, (body) => {
      const { items, unreadable } = parseEach(body.data.threads, threadSummarySchema, (summary) => toSummary(summary, chatbotId));
      return { items, unreadable: unreadable.length, raw: body.data.threads.length };
    }),
  );
}

/**
 * A thread's details. `records`: the service's own messages — each a question/answer pair — which
 * is what its lists count (`totalMessages`), so the tree and the panel show the same number.
 */
export function toThread(detail: z.output<typeof threadDetailSchema>, chatbotId: string, messages: readonly MessageItem[], records = messages.length): Thread {
  const createdAt = toIso(detail.startedAt);
  const lastAt = messages.reduce<string | undefined>((latest, item) => {
    const at = item.type === 'message' ? item.createdAt : undefined;
    return at && (!latest || at > latest) ? at : latest;
  }, undefined);
  const updatedAt = lastAt ?? toIso(detail.updatedAt) ?? createdAt;
  const user = detail.chatUser;
  const firstQuestion = messages.find((item): item is Message => item.type === 'message' && item.author.role === 'customer');
  const title =
    user?.name || user?.email || (firstQuestion?.body.kind === 'text' ? snippet(firstQuestion.body.text) : `Conversation ${detail.threadId.slice(0, 8)}`);
  const agentJoined = messages.some((item) => item.type === 'message' && item.author.role === 'agent');
  return {
    threadId: detail.threadId,
    containerId: chatbotId,
    title,
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    state: 'open',
    messageCount: records,
    badges: detail.mode === 'AGENT' ? ['human agent'] : [],
    participants: [
      ...(user?.email || user?.name ? [customerOf(user)] : []),
      { role: 'bot', name: 'AI assistant' },
      ...(agentJoined ? [{ role: 'agent' as const, name: 'Agent' }] : []),
    ],
    links: [],
    cards: [],
  };
}

export function decodeThread(chatbotId: string): Decoder<{ thread: Thread; messages: MessageItem[] }> {
  return guarded(
    decodeWith(threadSchema, (body) => {
      const detail = body.data.thread;
      const messages = parseMessages(detail.messages ?? [], messageSchema, (raw) => toMessages(raw, detail.chatUser));
      return { thread: toThread(detail, detail.chatbotId ?? chatbotId, messages, (detail.messages ?? []).length), messages };
    }),
  );
}
