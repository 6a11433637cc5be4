/**
 * `--snapshot-dir DIR`: where snapshots (and evidence snapshots) go. By default tokentop's own state
 * dir ($XDG_STATE_HOME/tokentop/snapshots), never the working dir: started from inside a config or
 * log dir, the monitor would write into what it watches. A DIR inside a watched path is refused.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { isDirectory } from '../sources/config-dirs.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import { UsageError, type CommandIO } from './command-io.js';

export async function snapshotDirOption(given: string | undefined, watched: readonly string[], io: CommandIO): Promise<string> {
  if (given === undefined) {
    const dir = join(dirname(statuslineStateFile(io.env)), 'snapshots');
    await mkdir(dir, { recursive: true });
    return dir;
  }
  const dir = resolve(given);
  if (!(await isDirectory(dir))) throw new UsageError(`--snapshot-dir ${dir} is not a directory`);
  const inside = watched.map((w) => resolve(w)).find((w) => !relative(w, dir).startsWith('..') && !relative(w, dir).startsWith('/'));
  if (inside !== undefined) throw new UsageError(`--snapshot-dir ${dir} is inside ${inside}, which tokentop watches and never writes to`);
  return dir;
}
