// @ts-check
// How long Node takes to load a bundle — read, compile, evaluate its module scope — with a
// stand-in for the `vscode` module (nothing of VS Code runs): the bundle's own share of
// activation. `node test/bench/bundle-load.cjs dist/extension.js` prints the milliseconds.
const Module = require('node:module');
const path = require('node:path');

/** @type {any} */
const standIn = new Proxy(function () {}, {
  get: (_target, property) => (property === '__esModule' ? false : standIn),
  apply: () => standIn,
  construct: () => standIn,
});
const moduleApi = /** @type {{ _load: (request: string, ...rest: unknown[]) => unknown }} */ (/** @type {unknown} */ (Module));
const load = moduleApi._load;
moduleApi._load = function (request, ...rest) {
  return request === 'vscode' ? standIn : load.call(this, request, ...rest);
};
const started = process.hrtime.bigint();
require(path.resolve(process.argv[2] ?? 'dist/extension.js'));
process.stdout.write(`${Number(process.hrtime.bigint() - started) / 1e6}\n`);
