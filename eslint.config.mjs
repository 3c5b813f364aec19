// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // Provider, HTTP and domain code runs under plain Node and in the sample server: no `vscode`.
    files: ['src/providers/**', 'src/http/**', 'src/domain/**', 'src/sample/**', 'src/render/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer never imports vscode; pass what it needs in.' }] }],
    },
  },
);
