/** With no PATH given, the Claude Code config dirs; with none found, a UsageError naming where it looked. */
import { homedir } from 'node:os';
import { discoverConfigDirs } from '../sources/config-dirs.js';
import { UsageError, type CommandIO } from './command-io.js';

export async function defaultPaths(io: CommandIO): Promise<string[]> {
  const dirs = await discoverConfigDirs(io.env, homedir());
  if (dirs.found.length === 0) throw new UsageError(`no Claude Code config dir found (looked in ${dirs.missing.join(', ')}); set CLAUDE_CONFIG_DIR or pass a PATH`);
  return dirs.found;
}
