/**
 * `tokentop statusline`: set as Claude Code's statusLine command. Reads the statusline JSON on stdin,
 * appends what it says of quota and cost to tokentop's own state file ($XDG_STATE_HOME/tokentop/,
 * never inside a Claude config dir; the monitor tails it), and prints one short status line.
 * Imports nothing heavy: it runs on every statusline refresh.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { formatStatusline, parseStatuslineInput, stateLine } from '../parse/statusline.js';
import type { CommandIO } from './command-io.js';
import { commandHelp, parseCommand, STATUSLINE_OPTIONS } from './options.js';

/** $XDG_STATE_HOME/tokentop/statusline.jsonl, or ~/.local/state/tokentop/statusline.jsonl. */
export function statuslineStateFile(env: NodeJS.ProcessEnv, home = homedir()): string {
  const base = env.XDG_STATE_HOME !== undefined && env.XDG_STATE_HOME !== '' ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(base, 'tokentop', 'statusline.jsonl');
}

export async function runStatusline(argv: readonly string[], io: CommandIO, stdin: NodeJS.ReadableStream): Promise<number> {
  const { values } = parseCommand(STATUSLINE_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(STATUSLINE_OPTIONS)}\n`);
    return 0;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const now = io.now();
  const reading = parseStatuslineInput(Buffer.concat(chunks).toString('utf8'), now);
  if (reading === undefined) {
    // The status bar shows stdout: say what is wrong there too, briefly.
    io.out('tokentop: no statusline input\n');
    io.err('tokentop: stdin is not the JSON object Claude Code gives a statusLine command\n');
    return 2;
  }
  const file = statuslineStateFile(io.env);
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    appendFileSync(file, `${stateLine(reading)}\n`);
  } catch (error) {
    io.err(`tokentop: cannot write ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  io.out(`${formatStatusline(reading, now)}\n`);
  return 0;
}
