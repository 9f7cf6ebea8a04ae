// Lint: typescript-eslint's recommended rules plus the import boundaries of the architecture:
// shared/ imports neither backend/ nor frontend/; backend/ and frontend/ never import each other.
import js from '@eslint/js';
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
    // chai's `expect(x).to.be.true` is an expression statement by design.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  { files: ['shared/**/*.ts'], rules: forbid('backend', 'frontend', 'seed') },
  { files: ['backend/**/*.ts'], rules: forbid('frontend') },
  { files: ['frontend/**/*.ts', 'frontend/**/*.tsx'], rules: forbid('backend', 'seed') },
);
