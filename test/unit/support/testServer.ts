// A tiny scripted HTTP server on loopback for HTTP-core tests: each request is answered by
// the next handler in the script (the last one repeats), and every request is recorded.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface ScriptedServer {
  url: string;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; time: number }[];
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** `host`: where to listen (default loopback; the proxy tests need an address that is not). */
export async function startScriptedServer(host = '127.0.0.1'): Promise<ScriptedServer> {
  let handlers: Handler[] = [];
  let index = 0;
  const sockets = new Set<Socket>();
  const requests: ScriptedServer['requests'] = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, time: Date.now() });
    const handler = handlers[Math.min(index, handlers.length - 1)];
    index++;
    if (handler) handler(request, response);
    else response.writeHead(500).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    requests,
    script(...next) {
      handlers = next;
      index = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

export const hang: Handler = () => {
  // never answers
};

export const reset: Handler = (request) => {
  request.socket.destroy();
};
