/**
 * What each command loads of the built bundle before it runs (issue 25, start-up): the static
 * imports of its chunk, followed chunk by chunk. `summary` must not evaluate the monitor (Ink,
 * React, yoga), the exporters (prom-client, OpenTelemetry) or the text renderer's display widths
 * (string-width builds an Intl.Segmenter and an emoji regex at load, ~43 ms) when it prints JSON;
 * the statusline command, run by Claude Code at each refresh, none of them either.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin/', import.meta.url));

/** The files a module loads before it runs: itself and its static imports, transitively (not `import()`). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)";?$|^import\s+"(\.[^"]+)";?$/gms)) {
    const target = m[1] ?? m[2];
    if (target !== undefined) staticClosure(join(dirname(file), target), seen);
  }
  return seen;
}

/** The npm packages bundled into these files (esbuild marks each module with its path). */
function packagesIn(files: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) found.add(m[1] as string);
  }
  return found;
}

/** The chunk `tokentop <command>` imports, by its name in the bundle. */
function commandChunk(name: string): string {
  const file = readdirSync(join(BIN, 'chunks')).find((f) => f.startsWith(`${name}-`) && f.endsWith('.mjs'));
  if (file === undefined) throw new Error(`no chunk for ${name}`);
  return join(BIN, 'chunks', file);
}

const HEAVY = ['ink', 'react', 'react-reconciler', 'yoga-layout', 'prom-client', '@opentelemetry/api', '@opentelemetry/sdk-metrics', 'chokidar', 'string-width'];

describe('what a command loads of the bundle', () => {
  const entry = staticClosure(join(BIN, 'tokentop.mjs'));

  it('finds the bundled packages it looks for (the check can see them)', () => {
    const monitor = packagesIn(staticClosure(commandChunk('monitor-command')));
    expect([...monitor]).toEqual(expect.arrayContaining(['ink', 'react', 'string-width']));
    // evidence writes a README with tables: it needs the widths, and loads them.
    expect(packagesIn(staticClosure(commandChunk('evidence-command'))).has('string-width')).toBe(true);
  });

  it('summary (its JSON) and the statusline load none of the monitor, the exporters or the display widths', () => {
    for (const command of ['summary-command', 'statusline-command']) {
      const loaded = packagesIn(new Set([...entry, ...staticClosure(commandChunk(command))]));
      expect({ command, heavy: HEAVY.filter((p) => loaded.has(p)) }).toEqual({ command, heavy: [] });
    }
  });
});
