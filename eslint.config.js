// Lint rules, including the layer boundaries of docs/ARCHITECTURE.md.
// Each layer lists what it must not import; the list is the architecture, enforced.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'stream', 'events'];
const IO_AND_UI = ['chokidar', 'react', 'react/*', 'ink', 'ink-*', ...NODE_BUILTINS];

const LAYERS = ['sources', 'parse', 'pricing', 'metrics', 'detect', 'report', 'store', 'pipeline', 'synth', 'ui', 'cli'];

/** Every other layer, as reached from a file in the layer or one folder below it, and the entry. */
function others(own) {
  return [...LAYERS.filter((l) => l !== own).flatMap((l) => [`../${l}/*`, `../../${l}/*`]), '../cli.js', '../../cli.js'];
}

/** One restriction block: files matching `files` may not import `patterns`. */
function layer(files, patterns, message) {
  return {
    files,
    // Tests beside the code may use test helpers; the boundary is for the code itself.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
    },
  };
}

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
  // Pure layers: no I/O, no UI, no clock of their own.
  layer(['src/parse/**'], [...IO_AND_UI, ...others('parse')], 'parse/ is pure: it imports only parse/ (see docs/ARCHITECTURE.md).'),
  layer(['src/pricing/**'], [...IO_AND_UI, '../*'], 'pricing/ is pure and stands alone.'),
  layer(
    ['src/metrics/**'],
    [...IO_AND_UI, '../sources/*', '../pipeline/*', '../report/*', '../detect/*', '../cli/*', '../ui/*', '../store/*'],
    'metrics/ is pure: it may import parse/ and pricing/ only.',
  ),
  layer(
    ['src/detect/**'],
    [...IO_AND_UI, '../sources/*', '../pipeline/*', '../report/*', '../cli/*', '../ui/*', '../store/*'],
    'detect/ is pure: it may import parse/, metrics/ and pricing/ only.',
  ),
  layer(
    ['src/report/**'],
    [...IO_AND_UI, '../sources/*', '../pipeline/*', '../cli/*', '../ui/*', '../store/*'],
    'report/ is pure: it may import parse/, metrics/, detect/ and pricing/.',
  ),
  layer(
    ['src/store/**'],
    [...IO_AND_UI, '../sources/*', '../pipeline/*', '../cli/*', '../ui/*', '../synth/*'],
    'store/ is the one stateful seam: events and commands in, snapshots out; no I/O, no UI.',
  ),
  layer(
    ['src/ui/**'],
    ['chokidar', ...NODE_BUILTINS, '../sources/*', '../pipeline/*', '../cli/*', '../synth/*', '../../sources/*', '../../pipeline/*', '../../cli/*', '../../synth/*'],
    'ui/ renders snapshots: props in, text out; it reads no files and knows no sources.',
  ),
  // I/O layer: reads bytes; knows nothing of what the bytes mean.
  layer(
    ['src/sources/**'],
    ['react', 'react/*', 'ink', 'ink-*', '../parse/*', '../metrics/*', '../detect/*', '../report/*', '../pipeline/*', '../cli/*', '../ui/*', '../store/*', '../synth/*'],
    'sources/ does I/O only: it may import node built-ins and chokidar, nothing else of ours.',
  ),
  layer(
    ['src/pipeline/**'],
    ['react', 'react/*', 'ink', 'ink-*', '../report/*', '../cli/*', '../ui/*', '../store/*'],
    'pipeline/ wires sources -> parse -> metrics; it knows no UI and no report format.',
  ),
  // Plain JS (this file, bench scripts) has no types to check against.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Tests and scripts may print.
  { files: ['test/**', 'bench/**', 'src/**/*.test.ts'], rules: { 'no-console': 'off' } },
);
