/**
 * The persistent index a command reads history through: `$XDG_CACHE_HOME/tokentop/` (or
 * ~/.cache/tokentop/), never inside a path tokentop reads; `--no-cache` leaves it out. It is keyed
 * by the build, so a new tokentop (or a rebuilt one) starts a new index.
 */
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { HistoryIndex, indexTrouble, type IndexReport } from '../pipeline/history/history-index.js';
import type { IndexSummary } from '../report/summary.js';
import type { CommandIO } from './command-io.js';

declare const __TOKENTOP_BUILD__: string | undefined;

/** A hash of the sources the bundle was built from (see build/bundle.mjs); the version when run from source. */
export function buildId(version: string): string {
  return typeof __TOKENTOP_BUILD__ === 'string' ? `${version}+${__TOKENTOP_BUILD__}` : `${version}+source`;
}

export function cacheDir(env: NodeJS.ProcessEnv, home = homedir()): string {
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(base, 'tokentop');
}

/**
 * How to open the index for this run, or undefined with --no-cache (or when the cache dir is inside a
 * read path: said once). Opened by the caller when it is ready to read (the monitor: after its first frame).
 */
export function historyIndexOpener(noCache: boolean, readPaths: readonly string[], io: CommandIO): (() => Promise<HistoryIndex>) | undefined {
  if (noCache) return undefined;
  const dir = cacheDir(io.env);
  const inside = readPaths.map((p) => resolve(p)).find((p) => {
    const rel = relative(p, dir);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
  });
  if (inside !== undefined) {
    io.err(`tokentop: not using the index: its dir ${dir} is inside ${inside}, which tokentop reads and never writes to\n`);
    return undefined;
  }
  const max = Number(io.env.TOKENTOP_INDEX_MAX_MIB);
  return () => HistoryIndex.open(dir, buildId(io.version), Number.isFinite(max) && max > 0 ? max * 1024 * 1024 : undefined);
}

/** Trouble with the index, one line on stderr (the report itself is complete either way). */
export function reportIndexTrouble(report: IndexReport | undefined, io: CommandIO): void {
  const trouble = report === undefined ? undefined : indexTrouble(report);
  if (trouble !== undefined) io.err(`tokentop: ${trouble}\n`);
}

export function indexSummary(r: IndexReport, threads: number): IndexSummary {
  return { path: r.path, unchangedFiles: r.reused, grownFiles: r.grown, readFiles: r.read, bytesRead: r.bytesRead, threads, bytes: r.bytes, files: r.files, rebuilt: r.rebuilt ?? null };
}
