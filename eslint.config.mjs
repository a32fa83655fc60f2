// ESLint with typescript-eslint's type-aware rules (recommendedTypeChecked) over everything
// `tsconfig.json` compiles. `npm test` runs it as its first level (test/lint/run.ts), so a
// floating promise, a promise where a callback's result is ignored, or any other finding
// counts as a failed test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of src and which may import which (docs/development.md draws the same map). Each
// entry names a folder and the folders it must not import; `vscode` is refused everywhere but the
// editor glue. A flat config's later block replaces an earlier one's rule for the same file, so
// every file of src falls in exactly one block here.
const FOLDERS = ['text', 'config', 'catalog', 'validation', 'language', 'upsun', 'kafka', 'connections', 'schemas', 'messageView', 'topicsFile', 'explorer', 'cli', 'vscode', 'webview'];
const below = (...allowed) => FOLDERS.filter((f) => !allowed.includes(f));
const LAYERS = [
  { folder: 'text', mayImport: [] },
  { folder: 'config', mayImport: ['text'] },
  { folder: 'catalog', mayImport: ['text', 'config'] },
  { folder: 'validation', mayImport: ['text', 'config', 'catalog'] },
  { folder: 'language', mayImport: ['text', 'config', 'catalog', 'validation', 'upsun'] },
  { folder: 'upsun', mayImport: ['text', 'config', 'kafka'] },
  { folder: 'kafka', mayImport: ['text', 'config'] },
  { folder: 'connections', mayImport: ['text', 'config', 'kafka'] },
  { folder: 'schemas', mayImport: ['text', 'kafka'] },
  { folder: 'messageView', mayImport: ['text', 'kafka', 'schemas'] },
  { folder: 'topicsFile', mayImport: ['text', 'config', 'validation', 'kafka'] },
  { folder: 'explorer', mayImport: ['text', 'config', 'catalog', 'validation', 'language', 'upsun', 'kafka', 'connections'] },
  { folder: 'cli', mayImport: ['text', 'config', 'catalog', 'validation', 'language', 'upsun', 'kafka', 'connections', 'schemas', 'messageView', 'topicsFile'] },
  { folder: 'vscode', mayImport: below('cli', 'webview'), allowVscode: true },
];
/** The import strings that reach src/<folder> from a file `depth` folders below src/<layer>/. */
const reach = (folder, depth) => {
  const up = '../'.repeat(depth + 1);
  return [`${up}${folder}`, `${up}${folder}/**`];
};
const DEPTHS = [0, 1, 2, 3];
// Only src/kafka/kafkajs reaches into kafkajs' private modules; everything else sees our types.
const kafkajsPrivate = {
  selector: "CallExpression[callee.name='require'][arguments.0.value=/^kafkajs\\u002Fsrc/]",
  message: "Only src/kafka/kafkajs may require kafkajs' private modules; use its adapter.",
};
function layerBlock({ folder, mayImport, allowVscode = false }, depth) {
  const refused = FOLDERS.filter((f) => f !== folder && !mayImport.includes(f));
  const message = `src/${folder} may import only ${mayImport.length ? mayImport.map((f) => `src/${f}`).join(', ') : 'nothing else of ours'} (docs/development.md, "Layers").`;
  const patterns = refused.length ? [{ group: refused.flatMap((f) => reach(f, depth)), message }] : [];
  if (folder === 'text') patterns.push({ group: ['../*', '../**'], message });
  return {
    files: [`src/${folder}/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': ['error', { paths: allowVscode ? [] : [{ name: 'vscode', message: 'Only src/vscode and src/extension.ts import vscode; keep this module pure.' }], patterns }],
      'no-restricted-syntax': ['error', kafkajsPrivate],
    },
  };
}

export default tseslint.config(
  // The generated tables are JSON (npm run catalog writes them and `-- --check` holds them to their sources).
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test/fixtures/**', 'test-results/**', 'media/**', 'src/catalog/*.generated.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `void promise` drops a rejection as surely as a bare call does: await it or catch it.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      // A leading underscore marks what a destructuring leaves out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // An async function without await still turns a throw into a rejection, which the
      // callers of our Promise-returning interfaces (Prompter, sources, codecs) rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  ...LAYERS.flatMap((layer) => DEPTHS.map((depth) => layerBlock(layer, depth))),
  {
    // The webview runs in the browser: it may import only the message view's protocol, how a rows
    // change applies (rowsChange, the same code on both sides), and src/text.
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview talks to the extension only through the message view protocol.' }], patterns: [{ group: ['../../*', '!../../messageView', '../../messageView/*', '!../../messageView/protocol', '!../../messageView/rowsChange', '!../../text'], message: 'src/webview may import only src/messageView/protocol, src/messageView/rowsChange and src/text.' }] }],
    },
  },
  {
    files: ['src/kafka/kafkajs/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['./cli', './cli/**', './webview', './webview/**'], message: 'The extension wires src/vscode; the CLI and the webview are bundles of their own.' }] }] },
  },
  {
    // Tests read JSON that the code under test wrote (SARIF, schemas, exports) and assert on
    // its shape; a wrong shape fails the assertion, so typing every such read adds nothing.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript that runs before TypeScript is installed; no type information.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', console: 'readonly' } },
  },
);
