/**
 * `--proxy-log PATH` values: a file, a dir (its .jsonl files, recursively) or a glob of files in one
 * dir (`logs/claude-trace-*.jsonl`). Proxy logs sit wherever a proxy writes them, not in a config dir.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError, findTranscripts, type FoundTranscripts } from './find-transcripts.js';

const GLOB = /[*?]/;

export async function findProxyLogs(patterns: readonly string[]): Promise<FoundTranscripts> {
  const files = new Set<string>();
  const problems: FoundTranscripts['problems'] = [];
  const plain: string[] = [];
  for (const pattern of patterns) {
    if (!GLOB.test(basename(pattern))) {
      plain.push(pattern);
      continue;
    }
    const dir = resolve(dirname(pattern));
    const matcher = globToRegExp(basename(pattern));
    try {
      const matched = (await readdir(dir)).filter((name) => matcher.test(name));
      if (matched.length === 0) problems.push({ path: pattern, message: 'no file matches' });
      for (const name of matched) if ((await stat(join(dir, name))).isFile()) files.add(join(dir, name));
    } catch (error) {
      problems.push({ path: pattern, message: describeFsError(error) });
    }
  }
  const found = await findTranscripts(plain);
  for (const f of found.files) files.add(f);
  return { files: [...files].sort(), problems: [...problems, ...found.problems], warnings: found.warnings, linkedDirs: found.linkedDirs };
}

/** What to watch for proxy logs: files named outright, and dirs whose new files count if they match. */
export interface ProxyWatchPlan {
  readonly files: readonly string[];
  readonly dirs: ReadonlyArray<{ readonly dir: string; readonly match: RegExp }>;
}

/** The files there are now, and where new ones may appear (a dir of logs, or a glob's dir). */
export async function proxyWatchPlan(patterns: readonly string[]): Promise<ProxyWatchPlan & { problems: FoundTranscripts['problems'] }> {
  const found = await findProxyLogs(patterns);
  const dirs: Array<{ dir: string; match: RegExp }> = [];
  for (const pattern of patterns) {
    if (GLOB.test(basename(pattern))) {
      dirs.push({ dir: resolve(dirname(pattern)), match: globToRegExp(basename(pattern)) });
      continue;
    }
    const info = await stat(pattern).catch(() => undefined);
    if (info?.isDirectory() === true) dirs.push({ dir: resolve(pattern), match: /\.jsonl$/ });
  }
  return { files: found.files, dirs, problems: found.problems };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}
