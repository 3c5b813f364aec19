// @ts-check
// A stand-in for the `vscode` module, so a bundle can be loaded (and activate() run) in bare Node
// with nothing of VS Code running: a plain object with every name VS Code's API exports (read
// from its typings), and anything read, called or constructed from those is the stand-in again.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const typings = fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
const apiNames = [...new Set([...typings.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((match) => /** @type {string} */ (match[1])))];

/** @type {any} */
const standIn = new Proxy(function () {}, {
  // Not a thenable nor iterable (awaiting or spreading it must not hang or loop); as a primitive, empty.
  get: (target, property) => {
    if (property === Symbol.toPrimitive) return (/** @type {string} */ hint) => (hint === 'number' ? 0 : '');
    if (property === 'then' || typeof property === 'symbol') return Reflect.get(target, property);
    return property === '__esModule' ? false : standIn;
  },
  apply: () => standIn,
  construct: () => standIn,
  // The bundle copies the module's own names onto its import (esbuild's __toESM).
  ownKeys: (target) => [...Reflect.ownKeys(target), ...apiNames.filter((name) => !Reflect.has(target, name))],
  getOwnPropertyDescriptor: (target, property) => Reflect.getOwnPropertyDescriptor(target, property) ?? { configurable: true, enumerable: true, writable: true, value: standIn },
});

/** The module itself: a plain object with every name of the API, as VS Code's is. */
const api = Object.fromEntries(apiNames.map((name) => [name, standIn]));

/** From now on, `require('vscode')` gives the stand-in. */
function installVscodeStandIn() {
  const moduleApi = /** @type {{ _load: (request: string, ...rest: unknown[]) => unknown }} */ (/** @type {unknown} */ (Module));
  const load = moduleApi._load;
  moduleApi._load = function (request, ...rest) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
}

module.exports = { installVscodeStandIn, standIn };
