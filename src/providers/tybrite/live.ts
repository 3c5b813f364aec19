// Tybrite's live feed (openapi.yaml, `GET /v1/messaging/threads/{id}/subscribe`): a WebSocket on
// the API's own origin that pushes `{type: "message.created", payload: {thread_id, message}}` for
// every new message and answers the text frame `ping` with `pong`. Opened with undici's WebSocket
// through the account's dispatcher (so the proxy and timeouts of every other request apply), the
// key and the customer credential sent as headers (the documented non-browser form), never in the
// URL, and only to the account's origin.
import { t } from '../../l10n';
import * as z from 'zod/mini';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../clock';
import type { MessageItem, ThreadRef } from '../../domain/model';
import { NetworkError, TimeoutError } from '../../http/errors';
import { apiUrl } from '../../http/origin';
import { undici } from '../../http/undici';
import { parseMessages } from '../shared';
import type { LiveEvents } from '../types';
import { toMessage } from './mapping';
import { messageSchema } from './schema';

/** How long the handshake may take before the attempt counts as failed. */
export const LIVE_OPEN_TIMEOUT_MS = 15_000;
/** A `ping` this often keeps an idle connection (and any proxy on the way) from timing out. */
export const LIVE_PING_INTERVAL_MS = 25_000;
/** Frames larger than this are not read (a message is small; the cap bounds parsing). */
const MAX_FRAME_CHARS = 1024 * 1024;

const frameSchema = z.object({
  type: z.string(),
  payload: z.optional(z.object({ thread_id: z.optional(z.string()), message: z.optional(z.unknown()) })),
});

/** The feed's URL: the thread's subscribe path on the account's origin, ws: or wss:. */
export function liveUrl(baseUrl: string, threadId: string): URL {
  const url = apiUrl(baseUrl, ['v1', 'messaging', 'threads', threadId, 'subscribe']);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/** Decodes one frame into new messages of this thread; anything else is ignored. */
export function decodeFrame(data: string, threadId: string): { items: MessageItem[]; unreadAdded: number } | undefined {
  if (data === 'pong' || data.length > MAX_FRAME_CHARS) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const frame = frameSchema.safeParse(json);
  if (!frame.success || frame.data.type !== 'message.created' || frame.data.payload?.thread_id !== threadId) return undefined;
  const raw = frame.data.payload.message;
  const items = parseMessages([raw], messageSchema, (message) => [toMessage(message)]);
  // Tybrite counts a customer's message as unread for the store (unread_count_store).
  const unreadAdded = items.filter((item) => item.type === 'message' && item.author.role === 'customer').length;
  return { items, unreadAdded };
}

export interface LiveConnection {
  url: URL;
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  clock: Clock;
}

/** One connection, as `ServiceProvider.subscribe` describes. */
export function holdLiveConnection(connection: LiveConnection, ref: ThreadRef, events: LiveEvents, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return resolve();
    const { WebSocket } = undici();
    const socket = new WebSocket(connection.url, { dispatcher: connection.dispatcher, headers: connection.headers });
    const timers = new AbortController();
    let opened = false;
    const stop = () => {
      timers.abort();
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
    };
    signal.addEventListener('abort', stop, { once: true });
    // A handshake that never completes (the socket that never opens) fails the attempt.
    connection.clock.sleep(LIVE_OPEN_TIMEOUT_MS, timers.signal).then(
      () => {
        if (!opened) {
          timers.abort();
          socket.close();
          finish(new TimeoutError({ service: 'Tybrite', detail: t('the live feed did not open') }));
        }
      },
      () => undefined,
    );
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      timers.abort();
      signal.removeEventListener('abort', stop);
      if (error && !signal.aborted) reject(error);
      else resolve();
    };
    socket.addEventListener('open', () => {
      opened = true;
      events.open();
      void (async () => {
        while (!timers.signal.aborted) {
          await connection.clock.sleep(LIVE_PING_INTERVAL_MS, timers.signal);
          if (socket.readyState === WebSocket.OPEN) socket.send('ping');
        }
      })().catch(() => undefined);
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const decoded = decodeFrame(event.data, ref.threadId);
      if (decoded && decoded.items.length) events.messages(decoded.items, { unreadAdded: decoded.unreadAdded });
    });
    socket.addEventListener('close', (event) => {
      finish(opened ? undefined : new NetworkError({ service: 'Tybrite', detail: t('the live feed refused the connection ({0})', event.code) }));
    });
    socket.addEventListener('error', () => undefined); // a close event follows
  });
}
