// The layer boundaries of docs/ARCHITECTURE.md as allow-lists: a file in src/<folder>/ may import its
// own folder and what LAYERS[folder] names, nothing else of ours and no package it does not list.
// An allow-list leaves no holes: a new folder or package is refused until someone says where it fits.
import { dirname, relative, resolve } from 'node:path';

const NODE = 'node:*';

/** folder -> { layers: folders of ours it may import, packages: what it may import from outside }. */
export const LAYERS = {
  sources: { layers: [], packages: [NODE, 'chokidar'] },
  parse: { layers: [], packages: ['zod'] },
  pricing: { layers: [], packages: ['zod'] },
  metrics: { layers: ['parse', 'pricing'], packages: [] },
  detect: { layers: ['parse', 'metrics', 'pricing'], packages: [] },
  report: { layers: ['parse', 'metrics', 'detect', 'pricing'], packages: ['string-width'] },
  store: { layers: ['parse', 'metrics', 'pricing', 'detect'], packages: [] },
  // The pipeline by job: lines into records; the index and the cold read; the live drivers.
  'pipeline/read': { layers: ['sources', 'parse', 'metrics'], packages: [NODE] },
  'pipeline/history': { layers: ['pipeline/read', 'sources', 'parse', 'metrics'], packages: [NODE] },
  'pipeline/live': { layers: ['pipeline/read', 'pipeline/history', 'sources', 'parse'], packages: [NODE] },
  synth: { layers: [], packages: [NODE] },
  setup: { layers: [], packages: [NODE] },
  evidence: { layers: ['parse', 'detect', 'report'], packages: [NODE, 'zod'] },
  export: { layers: ['store', 'metrics', 'detect', 'parse'], packages: [NODE, 'prom-client'] },
  session: { layers: ['sources', 'pipeline', 'parse', 'metrics', 'detect', 'report', 'pricing', 'store', 'synth', 'evidence'], packages: [NODE] },
  ui: { layers: ['store', 'report', 'parse', 'metrics', 'detect'], packages: ['ink', 'react', 'string-width'] },
  cli: { layers: ['*'], packages: ['*'] },
  types: { layers: [], packages: [] },
};

/** The package a bare specifier names: `zod/mini` -> zod, `@a/b/c` -> @a/b, `node:fs` -> node:*. */
function packageOf(spec) {
  if (spec.startsWith('node:')) return NODE;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The folder of ours a path is in (src/<folder>/..., or src/<folder>/<job>/... when LAYERS has a row
 * for that job), 'entry' for src/cli.ts, undefined outside src.
 */
function folderOf(root, path) {
  const rel = relative(resolve(root, 'src'), path).split(/[\\/]/);
  if (rel[0] === '..' || rel.length === 0) return undefined;
  if (rel.length === 1) return 'entry';
  const job = `${rel[0]}/${rel[1]}`;
  return rel.length > 2 && job in LAYERS ? job : rel[0];
}

/** Whether `allowed` (a folder's row) names `target`: a folder names its jobs too (pipeline -> pipeline/read). */
function names(allowed, target) {
  return allowed.some((l) => l === '*' || l === target || target.startsWith(`${l}/`));
}

const rule = {
  meta: { type: 'problem', schema: [], messages: { layer: "{{from}}/ may not import {{what}}: it may import {{allowed}} (docs/ARCHITECTURE.md, build/eslint-layers.js)." } },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const own = folderOf(root, file);
    const allow = own === undefined || own === 'entry' ? undefined : LAYERS[own];
    if (own !== undefined && own !== 'entry' && allow === undefined) {
      return { Program: (node) => context.report({ node, messageId: 'layer', data: { from: own, what: 'anything', allowed: 'nothing until it is named in LAYERS' } }) };
    }
    if (allow === undefined) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      const allowedText = [...allow.layers.map((l) => `${l}/`), ...allow.packages].join(', ') || 'its own folder only';
      if (spec.startsWith('.')) {
        const target = folderOf(root, resolve(dirname(file), spec));
        if (target === own || allow.layers.includes('*')) return;
        if (target === undefined || target === 'entry' || !names(allow.layers, target)) context.report({ node, messageId: 'layer', data: { from: own, what: `${target ?? 'outside src'}/ (${spec})`, allowed: allowedText } });
        return;
      }
      const pkg = packageOf(spec);
      if (allow.packages.includes('*') || allow.packages.includes(pkg)) return;
      context.report({ node, messageId: 'layer', data: { from: own, what: `the package ${pkg}`, allowed: allowedText } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { 'allowed-imports': rule } };
