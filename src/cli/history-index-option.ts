/**
 * The persistent index a command reads history through: `$XDG_CACHE_HOME/tokentop/` (or
 * ~/.cache/tokentop/), never inside a path tokentop reads; `--no-cache` leaves it out. It is keyed
 * by the build, so a new tokentop (or a rebuilt one) starts a new index.
 */
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { HistoryIndex, type IndexReport } from '../pipeline/history-index.js';
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

/** The index for this run, or undefined with --no-cache (or when the cache dir is inside a read path: said once). */
export function openHistoryIndex(noCache: boolean, readPaths: readonly string[], io: CommandIO): HistoryIndex | undefined {
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
  return HistoryIndex.open(dir, buildId(io.version), Number.isFinite(max) && max > 0 ? max * 1024 * 1024 : undefined);
}

/** What a person should hear of the index: only trouble (a rebuilt corrupt index, a failed write). */
export function reportIndexTrouble(report: IndexReport | undefined, io: CommandIO): void {
  if (report === undefined) return;
  if (report.rebuilt !== undefined && !report.rebuilt.startsWith('made by another')) io.err(`tokentop: the index ${report.path} was ${report.rebuilt}; rebuilt from the transcripts\n`);
  if (report.writeError !== undefined) io.err(`tokentop: could not write the index ${report.path}: ${report.writeError} (the report is complete; the next run reads everything again)\n`);
  if (report.dropped > 0) io.err(`tokentop: the index ${report.path} reached its bound; ${report.dropped} file records dropped\n`);
}

export function indexSummary(r: IndexReport): IndexSummary {
  return { path: r.path, unchangedFiles: r.reused, grownFiles: r.grown, readFiles: r.read, bytesRead: r.bytesRead, bytes: r.bytes, files: r.files, rebuilt: r.rebuilt ?? null };
}
