// @ts-check
// The offline VS Code: code-server from the npm registry (VS Code 1.100.3's server, workbench and
// extension host), installed once into a git-ignored cache folder and reused afterwards.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_TOOLS, ensureRequirements } from './prerequisites.mjs';
import { run, startGroup } from './processes.mjs';
import { withDeadline } from './wait.mjs';

export const CODE_SERVER_VERSION = '4.100.3'; // carries VS Code 1.100.3 and runs on Node 20
export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test');
const INSTALL_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const SERVER_MAIN = path.join(INSTALL_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const MARKER = path.join(INSTALL_DIR, '.installed');

// @vscode/ripgrep (nested in code-server) downloads rg from GitHub in its install step unless its
// cache already holds the archive. Both names come from that package's lib/postinstall.js and
// lib/download.js for the version code-server 4.100.3 pins.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGET = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[
  /** @type {'x64' | 'arm64'} */ (process.arch)
];

/** Returns the path of server-main.js, installing code-server first when the cache lacks it. */
export async function ensureCodeServer() {
  if (fs.existsSync(MARKER) && fs.existsSync(SERVER_MAIN)) {
    console.log(`Using cached code-server ${CODE_SERVER_VERSION} (${path.relative(REPO_ROOT, INSTALL_DIR)})`);
    return SERVER_MAIN;
  }
  if (process.platform !== 'linux' || !RIPGREP_TARGET) {
    throw new Error(`The offline host is set up for Linux x64/arm64 only; on ${process.platform}-${process.arch} use --electron.`);
  }
  ensureRequirements(BUILD_TOOLS);
  const started = Date.now();
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(REPO_ROOT, INSTALL_DIR)} (first run only, about a minute)…`);
  // Install next to the final folder and rename at the end, so an interrupted install is never reused.
  const staging = `${INSTALL_DIR}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tmp = path.join(staging, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  prepareRipgrepCache(tmp);
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({ name: 'threadline-test-host', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2),
  );
  const env = {
    ...process.env,
    TMPDIR: tmp, // where @vscode/ripgrep looks for its cached archive
    npm_config_unsafe_perm: 'true', // code-server's install script refuses root without it
    npm_config_yes: 'true', // a nested step runs `npx node-gyp` with no terminal to answer
    // code-server's own install script runs `npm install` in lib/vscode, whose native modules
    // must build; npm 11 would skip every dependency's install script without this.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const code = await run('npm', ['install', '--no-package-lock', '--omit=dev'], { cwd: staging, env });
  if (code !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`Installing code-server failed (npm exited ${code}); see the output above.`);
  }
  const vscodeModules = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  for (const needed of ['@vscode/ripgrep/bin/rg', 'node-pty/build/Release/pty.node']) {
    if (!fs.existsSync(path.join(vscodeModules, needed))) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new Error(`code-server installed without ${needed}; its native build or ripgrep step failed (see above).`);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(path.join(staging, '.installed'), `${new Date().toISOString()}\n`);
  fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
  fs.renameSync(staging, INSTALL_DIR);
  console.log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return SERVER_MAIN;
}

function prepareRipgrepCache(/** @type {string} */ tmp) {
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  fs.mkdirSync(cache, { recursive: true });
  const stage = fs.mkdtempSync(path.join(tmp, 'rg-'));
  fs.copyFileSync('/usr/bin/rg', path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const archive = path.join(cache, `ripgrep-${RIPGREP_RELEASE}-${RIPGREP_TARGET}.tar.gz`);
  execFileSync('tar', ['-czf', archive, '-C', stage, 'rg']);
  fs.rmSync(stage, { recursive: true, force: true });
}

/**
 * Starts the VS Code server on a free loopback port with fresh data folders.
 * @param {{ serverMain: string, env?: NodeJS.ProcessEnv, logFile: string, extensionsDir?: string, dataDir?: string, port?: number }} options
 * @returns {Promise<{ port: number, baseUrl: string, dataDir: string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ serverMain, env = {}, logFile, extensionsDir, dataDir, port: wantedPort = 0 }) {
  const root = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-host-'));
  const extensions = extensionsDir ?? path.join(root, 'extensions');
  for (const dir of ['server', 'user', 'extensions']) fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const { child, exited, stop } = startGroup(
    process.execPath,
    [
      serverMain,
      '--host', '127.0.0.1',
      '--port', String(wantedPort),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--server-data-dir', path.join(root, 'server'),
      '--user-data-dir', path.join(root, 'user'),
      '--extensions-dir', extensions,
    ],
    // THREADLINE_HOST_DATA lets the suite read the host's own logs (unhandled rejections).
    { env: { ...process.env, ...env, THREADLINE_HOST_DATA: root }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stopAndClean = async () => {
    await stop();
    log.end();
    if (!dataDir) fs.rmSync(root, { recursive: true, force: true });
  };
  const listening = new Promise((resolve, reject) => {
    let seen = '';
    const onData = (/** @type {Buffer} */ chunk) => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-4000);
      const match = /Extension host agent listening on (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk) => log.write(chunk));
    void exited.then(({ code }) => reject(new Error(`The VS Code server exited (${code}) before listening; see ${logFile}`)));
  });
  const port = await withDeadline(listening, 60_000)
    .then((found) => {
      if (found === undefined) throw new Error('The VS Code server did not start within 60 s');
      return found;
    })
    .catch(async (error) => {
      await stopAndClean();
      throw error;
    });
  return { port, baseUrl: `http://127.0.0.1:${port}`, dataDir: root, stop: stopAndClean };
}

/**
 * The workbench URL that opens `folder` and, when given, runs an extension under development and its suite.
 * Both paths go in the `payload` parameter as URIs of the server's own file system.
 * @param {{ port: number, folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (/** @type {string} */ file) => `vscode-remote://127.0.0.1:${port}${file}`;
  /** @type {[string, string][]} */
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Installs a .vsix into an extensions folder with the server's own CLI — the path users take.
 * @param {{ serverMain: string, vsix: string, extensionsDir: string }} options
 */
export async function installVsix({ serverMain, vsix, extensionsDir }) {
  const code = await run(process.execPath, [serverMain, '--accept-server-license-terms', '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    stdio: 'inherit',
  });
  if (code !== 0) throw new Error(`Installing ${vsix} into the host failed (exit ${code})`);
}
