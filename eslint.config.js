// Lint: typescript-eslint's recommended rules plus the few that keep the codebase honest.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '**/dist/**', '.cache/**', '.data/**', 'test-results/**', 'frontend/src/gql/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  { files: ['scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  // The few plain-JavaScript preloads (loaded where no TypeScript loader runs) are Node scripts.
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly' } } },
);
