// @ts-check
// The Debian packages the test host needs, how to tell whether each is there, and installing
// the missing ones when this process may (root with apt-get); otherwise saying exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * @typedef {{ what: string, present: () => boolean, debianPackage: string }} Requirement
 */

const onPath = (/** @type {string} */ command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const exists = (/** @type {string} */ file) => fs.existsSync(file);

/** Tools and headers code-server's native modules are built with on first install. */
export const BUILD_TOOLS = /** @type {Requirement[]} */ ([
  { what: 'a C++ compiler (g++)', present: () => onPath('g++'), debianPackage: 'build-essential' },
  { what: 'make', present: () => onPath('make'), debianPackage: 'build-essential' },
  { what: 'python3 (node-gyp)', present: () => onPath('python3'), debianPackage: 'python3' },
  { what: 'pkg-config', present: () => onPath('pkg-config'), debianPackage: 'pkg-config' },
  { what: 'gssapi/gssapi.h (kerberos module)', present: () => exists('/usr/include/gssapi/gssapi.h'), debianPackage: 'libkrb5-dev' },
  { what: 'libsecret headers', present: () => exists('/usr/include/libsecret-1/libsecret/secret.h'), debianPackage: 'libsecret-1-dev' },
  { what: 'X11 headers', present: () => exists('/usr/include/X11/Xlib.h'), debianPackage: 'libx11-dev' },
  { what: 'xkbfile headers', present: () => exists('/usr/include/X11/extensions/XKBfile.h'), debianPackage: 'libxkbfile-dev' },
  // @vscode/ripgrep would download rg from GitHub; we hand it Debian's binary instead.
  { what: 'ripgrep (rg)', present: () => exists('/usr/bin/rg'), debianPackage: 'ripgrep' },
]);

export const CHROMIUM_PATH = process.env['THREADLINE_CHROMIUM'] ?? '/usr/bin/chromium';

export const BROWSER = /** @type {Requirement[]} */ ([
  { what: `Chromium (${CHROMIUM_PATH})`, present: () => exists(CHROMIUM_PATH), debianPackage: 'chromium' },
  // Fonts so that screenshots show text rather than boxes.
  { what: 'a font (DejaVu)', present: () => exists('/usr/share/fonts/truetype/dejavu'), debianPackage: 'fonts-dejavu-core' },
]);

export const PROXY = /** @type {Requirement[]} */ ([
  { what: 'tinyproxy (proxy tests)', present: () => onPath('tinyproxy'), debianPackage: 'tinyproxy' },
]);

/**
 * Makes sure every requirement is met. Installs what is missing with apt-get when running as root
 * (set THREADLINE_NO_APT=1 to forbid that); otherwise throws with the exact command to run.
 * @param {Requirement[]} requirements
 */
export function ensureRequirements(requirements) {
  let missing = requirements.filter((requirement) => !requirement.present());
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((requirement) => requirement.debianPackage))];
  const canInstall =
    process.getuid?.() === 0 && onPath('apt-get') && process.env['THREADLINE_NO_APT'] !== '1';
  if (canInstall) {
    console.log(`Installing Debian packages: ${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
    } catch {
      // fall through to the message below
    }
    missing = requirements.filter((requirement) => !requirement.present());
    if (missing.length === 0) return;
  }
  const lines = missing.map((requirement) => `  - ${requirement.what}: Debian package ${requirement.debianPackage}`);
  throw new Error(
    `Missing on this machine:\n${lines.join('\n')}\n` +
      `Install them with:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
  );
}
