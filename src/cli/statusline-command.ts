/**
 * `tokentop statusline [-- COMMAND [ARG...]]`: set as Claude Code's statusLine command. Reads the
 * statusline JSON on stdin and records its quota reading (pipeline/quota-record-writer.ts). Alone, it prints
 * one short status line; given a COMMAND (the user's own statusline: ccstatusline, a script), it
 * runs it with the same stdin and passes on its output, stderr and exit code, so tokentop records
 * beside it instead of replacing it. The record is written first: a slow or failing COMMAND never
 * loses it. Imports nothing heavy: it runs on every statusline refresh.
 */
import { formatStatusline, parseStatuslineInput } from '../parse/statusline.js';
import type { CommandIO } from './command-io.js';
import { commandHelp, parseCommand, STATUSLINE_OPTIONS } from './options.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import { RecordPathError, recordReading } from '../pipeline/quota-record-writer.js';
import { sayOnce } from './say-once.js';
import { runWrapped } from './run-wrapped.js';

export async function runStatusline(argv: readonly string[], io: CommandIO, stdin: NodeJS.ReadableStream): Promise<number> {
  const { values, positionals } = parseCommand(STATUSLINE_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(STATUSLINE_OPTIONS)}\n`);
    return 0;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const input = Buffer.concat(chunks);
  const now = io.now();
  const reading = parseStatuslineInput(input.toString('utf8'), now);
  if (reading !== undefined) {
    const file = statuslineStateFile(io.env);
    try {
      recordReading(file, reading, (problem) => sayOnce(file, problem, io));
    } catch (error) {
      sayOnce(file, error instanceof RecordPathError ? error.message : `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`, io);
    }
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
