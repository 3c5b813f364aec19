// @ts-check
// How long Node takes to load a bundle — read, compile, evaluate its module scope — with a
// stand-in for the `vscode` module (nothing of VS Code runs): the bundle's own share of
// activation. Then its activate() with a stand-in context, no accounts: Threadline's own share
// of the rest. `node test/bench/bundle-load.cjs dist/extension.js` prints
// {"loadMs":…,"activateMs":…}.
const path = require('node:path');
const { installVscodeStandIn, standIn } = require('./vscode-stand-in.cjs');

installVscodeStandIn();
const started = process.hrtime.bigint();
const extension = require(path.resolve(process.argv[2] ?? 'dist/extension.js'));
const loaded = process.hrtime.bigint();
const memento = { get: () => undefined, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
const context = {
  extensionMode: 1, // Production: the bench's hosts run Threadline as a user would, bar the test hooks
  subscriptions: [],
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) },
  globalState: memento,
  workspaceState: memento,
  extensionUri: standIn,
  globalStorageUri: standIn,
  extension: { packageJSON: { version: '0.0.0' } },
};
extension.activate(context);
const activated = process.hrtime.bigint();
process.stdout.write(`${JSON.stringify({ loadMs: Number(loaded - started) / 1e6, activateMs: Number(activated - loaded) / 1e6 })}\n`);
// Whatever activate() started (timers, the stand-in's promises) is not waited for.
process.exit(0);
