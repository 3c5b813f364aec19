// @ts-check
// Builds the extension (Node, CommonJS) and the webview script (browser, IIFE) with its CSS.
//   node esbuild.js               development build (sourcemaps)
//   node esbuild.js --production  release build (minified, no sourcemaps)
//   node esbuild.js --watch       rebuild on change; errors printed for the problem matcher in .vscode/tasks.json
//   node esbuild.js --tests       bundles test/unit and test/integration into out/test instead
//   --outdir=DIR                  writes the bundles to DIR instead of dist (the size test builds in a temporary folder)
//   --metafile=FILE               writes esbuild's metafile of every bundle, merged, to FILE (what each output is made of)
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');
const option = (/** @type {string} */ name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const outdir = option('outdir') ?? 'dist';
const metafileOut = option('metafile');

/** Prints build errors as `file:line:col: error: text`, the format the watch task's problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        const where = location ? `${location.file}:${location.line}:${location.column}` : 'esbuild';
        console.error(`${where}: error: ${text}`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** @type {esbuild.BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
  legalComments: production ? 'none' : 'inline',
  metafile: metafileOut !== undefined,
};

/**
 * Modules the extension loads only when first needed, each its own file in dist/: the source
 * module required with `require('./<name>')` (from anywhere in src/), and the file it becomes.
 * In the extension's bundle that require() stays a require() of the file beside it; test bundles
 * (--tests) keep the module in place.
 */
const lazyModules = {
  undiciParts: { entry: 'src/http/undiciParts.ts', file: 'undici' },
  markdownItParts: { entry: 'src/sinks/markdownItParts.ts', file: 'markdown-it' },
  miniSearchParts: { entry: 'src/store/miniSearchParts.ts', file: 'minisearch' },
};

/** Leaves `require('./undiciParts')` and the like to run time, as `require('./undici.js')`. */
const lazyModulesPlugin = {
  name: 'lazy-modules',
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${Object.keys(lazyModules).join('|')})$`) }, (args) => {
      const lazy = lazyModules[/** @type {keyof typeof lazyModules} */ (args.path.slice(2))];
      if (args.kind !== 'require-call') return { errors: [{ text: `${args.path} is loaded lazily: require() it, do not import it` }] };
      return { path: `./${lazy.file}.js`, external: true };
    });
  },
};

/**
 * Every `import * as vscode from 'vscode'` in the extension reads one namespace object. Left to
 * itself, esbuild copies the whole API object onto a fresh object at each of the 30-odd modules that
 * import it (its __toESM), a few hundred property definitions each, at activation.
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * What undici's own files carry that Threadline never runs, left out of dist/undici.js (the
 * source in node_modules is untouched; test bundles keep undici whole):
 * - two builds of its HTTP parser (llhttp, WebAssembly as base64): the SIMD one is tried first and
 *   the plain one is the fallback. Only the plain one is kept — it runs on every CPU VS Code runs
 *   on — and it is kept Brotli-compressed (about a quarter of the size), inflated once on the
 *   first request; the SIMD stand-in throws, which undici catches and takes the fallback for.
 * - its HTTP/2 client: undici offers h2 only when a dispatcher sets `allowH2`, which
 *   src/http/proxy.ts never does, so every connection speaks HTTP/1.1.
 * test/unit/bundle.test.ts makes every kind of request Threadline makes through the built file.
 */
const undiciTrimPlugin = {
  name: 'undici-trim',
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp_simd-wasm\.js$/ }, () => ({
      contents: "throw new Error('the SIMD build of llhttp is left out of this bundle: undici falls back to the plain one')",
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]node_modules[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp-wasm\.js$/ }, (args) => {
      const wasm = /** @type {Buffer} */ (require(args.path));
      const packed = require('node:zlib').brotliCompressSync(wasm).toString('base64');
      return { contents: `module.exports = require('node:zlib').brotliDecompressSync(Buffer.from('${packed}', 'base64'))`, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]node_modules[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/ }, () => ({
      contents: "module.exports = function connectH2 () { throw new Error('HTTP/2 is left out of this bundle: no dispatcher sets allowH2') }",
      loader: 'js',
    }));
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...shared,
    entryPoints: { extension: 'src/extension.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...(shared.plugins ?? []), lazyModulesPlugin, vscodeOncePlugin],
  },
  {
    ...shared,
    entryPoints: Object.fromEntries(Object.values(lazyModules).map(({ entry, file }) => [file, entry])),
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [...(shared.plugins ?? []), undiciTrimPlugin],
  },
  {
    // The sample server: loaded by the extension only for "Try with Sample Data", and runnable
    // on its own (`node dist/sample-server.js --port 8080`) for the demo and benchmarks.
    ...shared,
    entryPoints: { 'sample-server': 'src/sample/cli.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...shared,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    // The Show Customer page: its own small script and stylesheet (text only, no Markdown or HTML).
    ...shared,
    entryPoints: { customer: 'src/webview/customerMain.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    // The syntax highlighter: its own file, loaded by the page only when a message has code.
    ...shared,
    entryPoints: { highlight: 'src/webview/highlighter.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

/** Every `*.test.ts` below a folder, as entry points keyed by their path without the extension. */
function testEntries(/** @type {string} */ dir) {
  /** @type {Record<string, string>} */
  const entries = {};
  if (!fs.existsSync(dir)) return entries;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.test.ts') || file === 'index.ts') {
      entries[path.join(dir, file).replace(/\.ts$/, '')] = path.join(dir, file);
    }
  }
  return entries;
}

if (withTests) {
  // Each test file is its own bundle so mocha can load it after setting up its globals.
  // mocha and vscode come from the host at run time; everything else is bundled.
  const testBuild = {
    ...shared,
    minify: false,
    sourcemap: /** @type {const} */ ('inline'),
    outdir: 'out',
    platform: /** @type {const} */ ('node'),
    format: /** @type {const} */ ('cjs'),
    target: 'node20',
    external: ['vscode', 'mocha', 'playwright-core'],
  };
  builds.splice(0, builds.length, {
    ...testBuild,
    entryPoints: { ...testEntries('test/unit'), ...testEntries('test/integration'), 'test/bench/node-bench': 'test/bench/node-bench.ts', 'test/bench/report': 'test/bench/report.ts' },
  });
}

async function main() {
  // Test bundles of files renamed or deleted since the last build would still be found and run.
  if (withTests && !watch) fs.rmSync(path.join(__dirname, 'out', 'test'), { recursive: true, force: true });
  // A release build starts from an empty folder: no source map or renamed bundle of an earlier
  // development build is left beside it (to be packaged or counted).
  if (production && !withTests && !watch) fs.rmSync(path.resolve(__dirname, outdir), { recursive: true, force: true });
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  let failed = false;
  /** @type {esbuild.Metafile} */
  const metafile = { inputs: {}, outputs: {} };
  for (const context of contexts) {
    try {
      const result = await context.rebuild();
      Object.assign(metafile.inputs, result.metafile?.inputs);
      Object.assign(metafile.outputs, result.metafile?.outputs);
    } catch {
      failed = true; // already printed by the plugin
    }
    await context.dispose();
  }
  if (failed) process.exit(1);
  if (metafileOut) fs.writeFileSync(metafileOut, JSON.stringify(metafile));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
