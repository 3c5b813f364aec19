// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Feature folders: each reads the store and the shared layers, never another feature. */
const FEATURES = ['tree', 'panel', 'lookup', 'threads', 'markdown'];
const noVscode = { name: 'vscode', message: 'This layer never imports vscode; pass what it needs in.' };

/** A service named by its id outside src/providers/: a capability belongs on its descriptor. */
const serviceIds = {
  selector: "Literal[value=/^(agentsend|sitegpt|sitegpt-v2|tybrite|thred|cattix)$/]",
  message: 'Only src/providers/ (and the sample server) name a service. Declare what differs as a capability on the service descriptor.',
};

const htmlSinks = {
  selector:
    "AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(innerHTML|outerHTML)$/], CallExpression[callee.property.name='insertAdjacentHTML'], CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
  message: 'Raw HTML reaches the DOM only through src/webview/sanitize.ts (DOMPurify).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'test-artifacts/**', 'bench-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-syntax': ['error', htmlSinks],
    },
  },
  {
    // Tests hand functions to the page, where browser globals exist.
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error', // diagnostics go to the Threadline log channel
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use node:crypto (nonces, ids, jitter).' }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/webview/sanitize.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/providers/**', 'src/sample/**'],
    rules: { 'no-restricted-syntax': ['error', htmlSinks, serviceIds] },
  },
  {
    files: ['src/webview/sanitize.ts'],
    rules: { 'no-restricted-syntax': ['error', serviceIds] },
  },
  {
    // Provider, HTTP, store and domain code runs under plain Node and in the sample server: no `vscode`.
    files: ['src/providers/**', 'src/http/**', 'src/store/**', 'src/domain/**', 'src/sample/**', 'src/render/**', 'src/logger.ts', 'src/clock.ts', 'src/instrumentation.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  ...FEATURES.map((feature) => ({
    // A feature reads the store; what it needs of another feature is handed in by extension.ts.
    files: [`src/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FEATURES.filter((other) => other !== feature).map((other) => `../${other}/*`),
              message: `Features do not import each other: ${feature} gets what it needs from the store or through extension.ts.`,
            },
          ],
        },
      ],
    },
  })),
  {
    // The page bundle stays small and never holds provider or HTTP code.
    files: ['src/webview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode], patterns: [{ group: ['../providers/*', '../http/*', '../store/*', '../accounts/*'], message: 'The thread page gets data only through the protocol.' }] },
      ],
    },
  },
);
