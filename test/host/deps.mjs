// @ts-check
// `npm ci` when node_modules is missing or older than the lockfile, so the README's commands
// work on a fresh clone. Plain Node: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** @param {string} root */
export function ensureDependencies(root) {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const fresh = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return true;
  console.log('\n== dependencies: npm ci');
  return spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit' }).status === 0;
}
