// `node dist/sample-server.js [--port N] [--host H] [--control]`: starts the sample server, prints ONE
// JSON line `{"url":…,"baseUrls":…,"accounts":[…]}` to stdout, and closes cleanly on SIGINT/SIGTERM.
// `url` carries the server's random token; `--control` serves the control API below it.
// Loaded with require() (the extension's "Try with Sample Data"), it only exports the server.
import { startSampleServer } from './server';

export { startSampleServer } from './server';
export { sampleAccounts } from './accounts';

function parseArgs(argv: string[]): { port?: number; host?: string; control?: boolean } | string {
  const out: { port?: number; host?: string; control?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (name === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) return '--port needs a number between 0 and 65535';
      out.port = port;
    } else if (name === '--host') {
      const host = value();
      if (!host) return '--host needs a value';
      out.host = host;
    } else if (name === '--control') {
      out.control = true;
    } else if (name === '--help' || name === '-h') {
      return 'usage: sample-server [--port N] [--host 127.0.0.1] [--control]';
    } else {
      return `unknown argument ${arg}`;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    process.exitCode = 2;
    return;
  }
  const server = await startSampleServer(args);
  const info = server.control.info();
  process.stdout.write(`${JSON.stringify({ url: info.url, baseUrls: info.baseUrls, accounts: info.accounts })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`sample server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
