/**
 * Where Claude Code keeps its config dirs. The environment and home dir are passed in,
 * so tests choose them.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ConfigDirCandidates {
  readonly dirs: readonly string[];
  /** True when CLAUDE_CONFIG_DIR chose them (then only those are used). */
  readonly fromEnv: boolean;
}

/** CLAUDE_CONFIG_DIR (comma-separated) if set, else `~/.config/claude` and `~/.claude`. */
export function configDirCandidates(env: NodeJS.ProcessEnv, home: string): ConfigDirCandidates {
  const fromEnv = env.CLAUDE_CONFIG_DIR?.trim();
  if (fromEnv) {
    const dirs = fromEnv.split(',').map((d) => d.trim()).filter((d) => d.length > 0);
    return { dirs, fromEnv: true };
  }
  return { dirs: [join(home, '.config', 'claude'), join(home, '.claude')], fromEnv: false };
}

/** The candidates that exist as directories, in order. */
export async function discoverConfigDirs(env: NodeJS.ProcessEnv, home: string): Promise<{ found: string[]; missing: string[]; fromEnv: boolean }> {
  const { dirs, fromEnv } = configDirCandidates(env, home);
  const found: string[] = [];
  const missing: string[] = [];
  for (const dir of dirs) {
    if (await isDirectory(dir)) found.push(dir);
    else missing.push(dir);
  }
  return { found, missing, fromEnv };
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
