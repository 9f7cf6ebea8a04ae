// Lint: typescript-eslint's recommended rules, the type-aware promise rules (no floating or misused promises), React's
// rules of hooks, plus the import boundaries of the architecture: shared/ imports neither backend/ nor frontend/;
// backend/ and frontend/ never import each other.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const forbid = (...folders) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((folder) => ({
        group: [`**/${folder}`, `**/${folder}/**`],
        message: `This folder may not import from ${folder}/ (see the README's architecture section).`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tools/**', 'test-results/**', 'bench/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches, or one handed where a void callback is expected (an
    // event handler, a route handler, setTimeout), loses its rejection.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['frontend/**/*.ts', 'frontend/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // The React Compiler's rule against setState in an effect body finds 12 places (loading states, a marker's
      // first position, the offline queue's count) that each need their own rework; off until they have it.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // chai's `expect(x).to.be.true` is an expression statement by design.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  { files: ['shared/**/*.ts'], rules: forbid('backend', 'frontend', 'seed') },
  { files: ['backend/**/*.ts'], rules: forbid('frontend') },
  { files: ['frontend/**/*.ts', 'frontend/**/*.tsx'], rules: forbid('backend', 'seed') },
);
