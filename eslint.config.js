// Lint rules, including the layer boundaries of docs/ARCHITECTURE.md (allow-lists in build/eslint-layers.js).
import tseslint from 'typescript-eslint';
import { layersPlugin } from './build/eslint-layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/.data/**', 'coverage/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bench/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // The layer boundaries, as allow-lists (build/eslint-layers.js). Tests beside the code may also use test helpers.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': 'error' },
  },
  // The pure layers take time as an argument (STYLE.md, habit 1): no clock is read there.
  {
    files: ['src/{parse,metrics,detect,report,store,pricing}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'a pure layer reads no clock: take `now` as an argument' }, { object: 'performance', property: 'now', message: 'a pure layer reads no clock: take `now` as an argument' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'a pure layer reads no clock: take `now` as an argument' }],
    },
  },
  // Plain JS (this file, bench scripts) has no types to check against.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Tests and scripts may print.
  { files: ['test/**', 'bench/**', 'src/**/*.test.ts'], rules: { 'no-console': 'off' } },
);
