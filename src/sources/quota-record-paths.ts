/** Where the local quota record lives: tokentop's own state dir, never a Claude config dir. */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** $XDG_STATE_HOME/tokentop/statusline.jsonl, or ~/.local/state/tokentop/statusline.jsonl. */
export function statuslineStateFile(env: NodeJS.ProcessEnv, home = homedir()): string {
  const base = env.XDG_STATE_HOME !== undefined && env.XDG_STATE_HOME !== '' ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(base, 'tokentop', 'statusline.jsonl');
}

/** $XDG_STATE_HOME/tokentop/subagents.jsonl: what `tokentop subagent-status` records of Claude Code's own sub-agent view. */
export function subagentStatusFile(env: NodeJS.ProcessEnv, home = homedir()): string {
  return join(dirname(statuslineStateFile(env, home)), 'subagents.jsonl');
}

/** `statusline.jsonl` -> `statusline.1.jsonl`: the generation before the current one. */
export function previousGeneration(file: string): string {
  return file.replace(/(\.jsonl)?$/, '.1.jsonl');
}
