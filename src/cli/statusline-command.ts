/**
 * `tokentop statusline [-- COMMAND [ARG...]]`: set as Claude Code's statusLine command. Reads the
 * statusline JSON on stdin and records its quota reading (pipeline/read/quota-record-writer.ts). Alone, it prints
 * one short status line; given a COMMAND (the user's own statusline: ccstatusline, a script), it
 * runs it with the same stdin and passes on its output, stderr and exit code, so tokentop records
 * beside it instead of replacing it. The record is written first: a slow or failing COMMAND never
 * loses it. Imports nothing heavy: it runs on every statusline refresh.
 */
import { formatStatusline, parseStatuslineInput } from '../parse/statusline.js';
import type { CommandIO } from './command-io.js';
import { commandHelp, parseCommand, STATUSLINE_OPTIONS } from './options.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import { recordReading } from '../pipeline/read/quota-record-writer.js';
import { readAll, recordOrSay } from './hook-input.js';
import { runWrapped } from './run-wrapped.js';

export async function runStatusline(argv: readonly string[], io: CommandIO, stdin: NodeJS.ReadableStream): Promise<number> {
  const { values, positionals } = parseCommand(STATUSLINE_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(STATUSLINE_OPTIONS)}\n`);
    return 0;
  }
  const input = await readAll(stdin);
  const now = io.now();
  const reading = parseStatuslineInput(input.toString('utf8'), now);
  if (reading !== undefined) {
    const file = statuslineStateFile(io.env);
    recordOrSay(file, io, (say) => recordReading(file, reading, say));
  }
  const [command, ...args] = positionals;
  if (command !== undefined) return runWrapped(command, args, input, io);
  if (reading === undefined) {
    // The status bar shows stdout: say what is wrong there too, briefly.
    io.out('tokentop: no statusline input\n');
    io.err('tokentop: stdin is not the JSON object Claude Code gives a statusLine command\n');
    return 2;
  }
  io.out(`${formatStatusline(reading, now)}\n`);
  return 0;
}
