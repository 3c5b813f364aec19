// A minimal WebSocket server side (RFC 6455) for the sample server's live feeds: the handshake,
// text frames out, and client frames in (text, ping, close). No extensions, no fragmentation
// (the sample's clients send small single frames). Plain Node, no dependency.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A client frame larger than this ends the connection (the feeds only expect `ping`). */
const MAX_CLIENT_FRAME = 64 * 1024;

export interface LiveSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** Cuts the TCP connection without a close frame (a dropped network). */
  drop(): void;
  readonly closed: boolean;
}

export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && typeof req.headers['sec-websocket-key'] === 'string';
}

/** Refuses an upgrade with an ordinary HTTP answer, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = length;
  else if (length < 65536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Completes the handshake and returns the connection; `onText` gets each text frame the client sends. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, onText: (text: string, live: LiveSocket) => void, onClose: () => void): LiveSocket {
  const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}${GUID}`).digest('base64');
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
  let closed = false;
  let buffer = Buffer.alloc(0);
  const finish = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const live: LiveSocket = {
    send(text) {
      if (!closed) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
    },
    close(code = 1000, reason = '') {
      if (closed) return;
      const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
      payload.writeUInt16BE(code, 0);
      payload.write(reason, 2);
      socket.end(frame(0x8, payload));
      finish();
    },
    drop() {
      socket.destroy();
      finish();
    },
    get closed() {
      return closed;
    },
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const opcode = (buffer[0] as number) & 0x0f;
      const masked = ((buffer[1] as number) & 0x80) !== 0;
      let length = (buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (length > MAX_CLIENT_FRAME) return live.drop();
      const maskOffset = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (buffer[maskOffset + (i % 4)] as number);
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x1) onText(payload.toString('utf8'), live);
      else if (opcode === 0x8) return live.close(1000);
      else if (opcode === 0x9) socket.write(frame(0xa, payload));
    }
  });
  socket.on('close', finish);
  socket.on('error', finish);
  return live;
}
