// A real HTTP proxy for unit tests: Debian's tinyproxy on loopback, on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitUntil } from '../../support/wait';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

export async function startTinyproxy(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-tinyproxy-'));
  const port = await freePort();
  const config = path.join(dir, 'tinyproxy.conf');
  fs.writeFileSync(config, [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 10', 'MaxClients 20', 'Allow 127.0.0.1', 'LogLevel Warning', ''].join('\n'));
  const child: ChildProcess = spawn('tinyproxy', ['-d', '-c', config], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`tinyproxy could not start (Debian package tinyproxy): ${error.message}`))),
  );
  const ready = waitUntil(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    'tinyproxy to listen',
  );
  await Promise.race([ready, failed]);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** This machine's address on a network (not loopback), where the proxy can reach a test server. */
export function networkAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
}
