// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Feature folders: each reads the store and the shared layers, never another feature. */
const FEATURES = ['tree', 'panel', 'lookup', 'threads', 'tools', 'search', 'customer'];
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

// Service text reaches VS Code's rendering surfaces only through src/sinks (SECURITY.md). These
// selectors catch the usual ways of building such a string by hand: a template literal or a
// concatenation that interpolates a plain value, handed straight to a
// notification, progress, status bar, quick pick, input box, tree item, hover or title.
// Tagged templates (`notice\`…\``) and calls (a sink) pass.
const RAW = ':matches(Identifier, MemberExpression, ConditionalExpression, LogicalExpression)';
const BUILT_BY_HAND = `:matches(TemplateLiteral:has(> ${RAW}), BinaryExpression[operator="+"])`;
const SINK_CALLS = '/^(show(Information|Warning|Error)Message|setStatusBarMessage|withProgress|report|showQuickPick|showInputBox|createQuickPick)$/';
const SINK_PROPERTIES = '/^(title|message|label|description|detail|placeHolder|prompt)$/';
const handBuiltSinkText = [
  {
    selector: `CallExpression[callee.property.name=/^(show(Information|Warning|Error)Message|setStatusBarMessage)$/] > ${BUILT_BY_HAND}.arguments:first-child`,
    message: 'Notification text from variables goes through notice`…` (src/sinks/notification.ts).',
  },
  {
    selector: `CallExpression[callee.property.name=${SINK_CALLS}] Property[key.name=${SINK_PROPERTIES}] > ${BUILT_BY_HAND}.value`,
    message: 'Progress, quick pick and input box text from variables goes through its sink (src/sinks/).',
  },
  {
    selector: `NewExpression[callee.property.name=/^(TreeItem|MarkdownString)$/] > ${BUILT_BY_HAND}.arguments:first-child`,
    message: 'Tree labels and hovers are built by src/sinks/treeLabel.ts and src/sinks/tooltip.ts.',
  },
  {
    selector: `CallExpression[callee.property.name=/^append(Markdown|Text)$/]`,
    message: 'Hovers are built whole by src/sinks/tooltip.ts.',
  },
  {
    selector: `AssignmentExpression[left.property.name=/^(title|description|tooltip|label)$/] > ${BUILT_BY_HAND}.right`,
    message: 'Tree item text and panel titles go through src/sinks/ (treeLabel, title).',
  },
];

// Every user-visible word of Threadline's own goes through `vscode.l10n.t` (or `t` from
// src/l10n.ts in core, src/webview/l10n.ts in the page; notice`…` translates its template), so a
// plain string literal or template in a place VS Code shows to users is an untranslated word.
const WORDS = '/[A-Za-z]{2}/';
const OWN_WORDS = `:matches(Literal[value=${WORDS}], TemplateLiteral:has(TemplateElement[value.cooked=${WORDS}]))`;
const untranslated = (message) => ({ selector: '', message: `${message} goes through vscode.l10n.t (core: t from src/l10n.ts), so it can be translated.` });
const untranslatedWords = [
  { ...untranslated('Notification and status bar text'), selector: `CallExpression[callee.property.name=/^(show(Information|Warning|Error)Message|setStatusBarMessage)$/] > ${OWN_WORDS}.arguments` },
  { ...untranslated('A label, description, detail, tooltip, title, prompt or placeholder'), selector: `Property[key.name=/^(label|description|detail|tooltip|title|placeHolder|placeholder|prompt|validationMessage|openLabel|saveLabel|invocationMessage)$/] > ${OWN_WORDS}.value` },
  { ...untranslated('A tree item label'), selector: `NewExpression[callee.property.name='TreeItem'] > ${OWN_WORDS}.arguments:first-child` },
  { ...untranslated('A tree item or view text'), selector: `AssignmentExpression[left.property.name=/^(label|description|tooltip|title|message|placeholder|prompt|validationMessage)$/] > ${OWN_WORDS}.right` },
];
const untranslatedPageWords = [
  { ...untranslated('Text the page shows'), selector: `CallExpression[callee.name='h'] > ${OWN_WORDS}.arguments:not(:first-child):not(:nth-child(2))` },
  { ...untranslated('A title, label or placeholder on the page'), selector: `Property[key.value=/^(title|aria-label|placeholder|alt)$/] > ${OWN_WORDS}.value, Property[key.name=/^(title|placeholder|text)$/] > ${OWN_WORDS}.value` },
  { ...untranslated('Text the page shows'), selector: `AssignmentExpression[left.property.name=/^(title|textContent|placeholder)$/] > ${OWN_WORDS}.right` },
];

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
    rules: { 'no-restricted-syntax': ['error', htmlSinks, serviceIds, ...handBuiltSinkText, ...untranslatedWords] },
  },
  {
    // The page's DOM has titles and labels of its own; the VS Code sink rules do not apply there.
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', htmlSinks, serviceIds, ...untranslatedPageWords] },
  },
  {
    // Service descriptors: names, option labels and prompts users read.
    files: ['src/providers/**'],
    rules: { 'no-restricted-syntax': ['error', ...untranslatedWords] },
  },
  {
    files: ['src/webview/sanitize.ts'],
    rules: { 'no-restricted-syntax': ['error', serviceIds] },
  },
  {
    // Provider, HTTP, store, domain and sink code runs under plain Node and in the sample server: no `vscode`.
    files: ['src/providers/**', 'src/http/**', 'src/store/**', 'src/domain/**', 'src/sample/**', 'src/markdown/**', 'src/sinks/**', 'src/l10n.ts', 'src/logger.ts', 'src/clock.ts', 'src/instrumentation.ts'],
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
