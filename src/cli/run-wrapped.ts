/** A user's own status command, chained behind tokentop's recorder (statusline, subagent-status). */
import { spawn } from 'node:child_process';
import type { CommandIO } from './command-io.js';

/**
 * Run the user's own command with the same stdin; its stdout and stderr go straight through.
 * One word after `--` is a command line, run through the shell as Claude Code runs a statusLine
 * command (`-- 'ccstatusline --flag | head -1'`); several are a program and its arguments, run as given.
 */
export function runWrapped(command: string, args: readonly string[], input: Buffer, io: CommandIO): Promise<number> {
  return new Promise((resolve) => {
    const child = args.length === 0 ? spawn(command, { stdio: ['pipe', 'inherit', 'inherit'], shell: true }) : spawn(command, args, { stdio: ['pipe', 'inherit', 'inherit'] });
    child.on('error', (error) => {
      io.err(`tokentop: cannot run ${command}: ${error.message}\n`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
    // A command that does not read its stdin closes it early: that is not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
