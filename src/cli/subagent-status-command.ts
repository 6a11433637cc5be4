/**
 * `tokentop subagent-status [-- COMMAND]`, for Claude Code's subagentStatusLine setting: its running
 * sub-agents on stdin (parse/subagent-status.ts) recorded to $XDG_STATE_HOME/tokentop/subagents.jsonl
 * (a change of the tasks' states, or a minute, makes a line), then the user's own command chained
 * with the same stdin, or a line per task printed as the NDJSON Claude Code reads back.
 */
import { appendLine } from '../pipeline/read/quota-record-writer.js';
import { parseSubagentStatus, subagentStatusLines, type SubagentStatus } from '../parse/subagent-status.js';
import { subagentStatusFile } from '../sources/quota-record-paths.js';
import type { CommandIO } from './command-io.js';
import { commandHelp, parseCommand, SUBAGENT_STATUS_OPTIONS } from './options.js';
import { runWrapped } from './run-wrapped.js';
import { readAll, recordOrSay } from './hook-input.js';

const REPEAT_AFTER_MS = 60_000;

export async function runSubagentStatus(argv: readonly string[], io: CommandIO, stdin: NodeJS.ReadableStream): Promise<number> {
  const { values, positionals } = parseCommand(SUBAGENT_STATUS_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(SUBAGENT_STATUS_OPTIONS)}\n`);
    return 0;
  }
  const input = await readAll(stdin);
  const now = io.now();
  const status = parseSubagentStatus(input.toString('utf8'), now);
  if (status !== undefined) {
    const file = subagentStatusFile(io.env);
    recordOrSay(file, io, (say) => appendLine(file, say, (last) => (sameTasks(last, status) ? undefined : JSON.stringify(status))));
  }
  const [command, ...args] = positionals;
  if (command !== undefined) return runWrapped(command, args, input, io);
  if (status === undefined) {
    io.err('tokentop: stdin is not the JSON object Claude Code gives a subagentStatusLine command\n');
    return 2;
  }
  for (const line of subagentStatusLines(status, now)) io.out(`${line}\n`);
  return 0;
}

/** The same tasks in the same states as the last line, within a minute: nothing new to keep. */
function sameTasks(last: unknown, status: SubagentStatus): boolean {
  if (typeof last !== 'object' || last === null) return false;
  const l = last as { time?: unknown; tasks?: unknown };
  if (typeof l.time !== 'number' || status.time - l.time >= REPEAT_AFTER_MS || !Array.isArray(l.tasks)) return false;
  const key = (tasks: ReadonlyArray<{ id?: unknown; status?: unknown }>): string => tasks.map((t) => `${String(t.id)}:${String(t.status)}`).join(',');
  return key(l.tasks as Array<{ id?: unknown; status?: unknown }>) === key(status.tasks);
}
