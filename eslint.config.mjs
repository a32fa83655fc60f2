// ESLint with typescript-eslint's type-aware rules (recommendedTypeChecked) over everything
// `tsconfig.json` compiles. `npm test` runs it as its first level (test/lint/run.ts), so a
// floating promise, a promise where a callback's result is ignored, or any other finding
// counts as a failed test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
