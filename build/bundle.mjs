// One file for the `tokentop` command: loading Ink's module graph file by file took 0.4 s of start-up
// (measured); bundled, the whole CLI loads in ~0.1 s, which keeps the first frame under half a second.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * A hash of every source file: the persistent index is keyed by it, so a build that might read a
 * line differently (even one that kept the version number) never trusts an older build's records.
 */
function sourceHash(dir) {
  const hash = createHash('sha1');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) hash.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

// Chunk names carry content hashes: clear the last build's, or they pile up.
rmSync('dist/bin', { recursive: true, force: true });

await build({
  // The read thread of a cold `summary` is its own entry: a worker is started from a file.
  entryPoints: { tokentop: 'src/cli.ts', 'read-worker': 'src/pipeline/history/read-worker.ts' },
  outdir: 'dist/bin',
  outExtension: { '.js': '.mjs' },
  // The monitor (Ink, React, chokidar) is a chunk of its own, loaded only by the commands that draw:
  // `summary` and the statusline command do not pay for it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // No source maps: the bundle is not minified, so its stack traces already read; maps doubled the package.
  sourcemap: false,
  logLevel: 'warning',
  alias: { 'react-devtools-core': './build/react-devtools-stub.js' },
  // React's production build: its development build doubled the cost of each render (measured).
  define: { 'process.env.NODE_ENV': '"production"', __TOKENTOP_BUILD__: JSON.stringify(sourceHash('src')) },
  // Bundled CommonJS (the braille canvas, chokidar's deps) still calls require().
  banner: { js: "import { createRequire as __tokentopRequire } from 'node:module'; const require = __tokentopRequire(import.meta.url);" },
});
