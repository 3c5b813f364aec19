// @ts-check
// How long Node takes to load a bundle — read, compile, evaluate its module scope — with a
// stand-in for the `vscode` module (nothing of VS Code runs): the bundle's own share of
// activation. `node test/bench/bundle-load.cjs dist/extension.js` prints the milliseconds.
const Module = require('node:module');
const path = require('node:path');

/**
 * Any property of it is itself, and so is calling it. Its prototype answers the same: esbuild's
 * CommonJS-to-ESM wrapper copies only a module's own properties and inherits the rest from the
 * module's prototype, so `vscode.l10n.t(…)` at module scope finds the stand-in there.
 * @type {any}
 */
const standIn = new Proxy(function () {}, {
  get: (_target, property) => (property === '__esModule' ? false : standIn),
  apply: () => standIn,
  construct: () => standIn,
  getPrototypeOf: () => inherited,
});
const inherited = new Proxy({}, { get: (_target, property) => (property === '__esModule' ? false : standIn) });
const moduleApi = /** @type {{ _load: (request: string, ...rest: unknown[]) => unknown }} */ (/** @type {unknown} */ (Module));
const load = moduleApi._load;
moduleApi._load = function (request, ...rest) {
  return request === 'vscode' ? standIn : load.call(this, request, ...rest);
};
const started = process.hrtime.bigint();
require(path.resolve(process.argv[2] ?? 'dist/extension.js'));
process.stdout.write(`${Number(process.hrtime.bigint() - started) / 1e6}\n`);
