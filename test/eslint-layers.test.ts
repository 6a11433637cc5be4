/** The layer allow-lists (build/eslint-layers.js) refuse what a folder does not list, and only that. */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JS module of the lint config, without types.
import { layersPlugin } from '../build/eslint-layers.js';

function problems(file: string, code: string): string[] {
  const linter = new Linter({ cwd: '/repo', configType: 'flat' });
  const config = [{ files: ['**/*.ts'], plugins: { layers: layersPlugin as never }, rules: { 'layers/allowed-imports': 'error' as const } }];
  return linter.verify(code, config, { filename: `/repo/${file}` }).map((m) => m.message);
}

describe('the layer allow-lists', () => {
  it.each([
    ['src/metrics/a.ts', "import { x } from '../parse/events.js';"],
    ['src/metrics/a.ts', "import { y } from './bucket-series.js';"],
    ['src/ui/components/a.ts', "import { Box } from 'ink'; import { z } from '../../store/monitor-store.js';"],
    ['src/sources/a.ts', "import { readFile } from 'node:fs/promises'; import chokidar from 'chokidar';"],
    ['src/cli/a.ts', "import { anything } from '../synth/demo-timeline.js'; import x from 'whatever';"],
    ['src/pipeline/live/a.ts', "import { r } from '../read/record-reader.js'; import { h } from '../history/history-index.js';"],
    ['src/session/a.ts', "import { l } from '../pipeline/live/live-ingest.js';"],
  ])('lets %s import what its folder lists: %s', (file, code) => {
    expect(problems(file, code)).toEqual([]);
  });

  it.each([
    ['src/store/a.ts', "import { r } from '../report/summary.js';", /store\/ may not import report\//],
    ['src/pipeline/read/a.ts', "import { d } from '../../detect/detect-all.js';", /pipeline\/read\/ may not import detect\//],
    ['src/pipeline/read/a.ts', "import { l } from '../live/live-ingest.js';", /pipeline\/read\/ may not import pipeline\/live\//],
    ['src/pipeline/history/a.ts', "import { l } from '../live/trailing-read.js';", /pipeline\/history\/ may not import pipeline\/live\//],
    ['src/parse/a.ts', "import { readFile } from 'node:fs';", /parse\/ may not import the package node:\*/],
    ['src/metrics/a.ts', "const m = await import('../ui/App.js');", /metrics\/ may not import ui\//],
    ['src/detect/a.ts', "export { x } from '../store/monitor-store.js';", /detect\/ may not import store\//],
    ['src/ui/a.ts', "import chokidar from 'chokidar';", /ui\/ may not import the package chokidar/],
    ['src/newfolder/a.ts', "import { x } from './b.js';", /newfolder\/ may not import anything/],
  ])('refuses %s: %s', (file, code, message) => {
    const found = problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });
});
