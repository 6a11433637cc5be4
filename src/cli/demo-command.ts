/**
 * `tokentop --demo`: tokentop working on a fresh machine with no Claude Code. DemoWriter appends the
 * demo timeline in real time to a temp config dir and a proxy-log dir beside it, and the live monitor
 * watches them through the real pipeline, with the monitor's display options handed on. When stdout
 * is not a terminal (or with --json) it writes a ten-minute recording at once and prints its
 * `summary` instead. The temp dirs are removed on exit unless --keep.
 */
import { DemoWriter } from '../session/demo-writer.js';
import { MINUTE_MS } from '../metrics/token-math.js';
import { UsageError, type CommandIO } from './command-io.js';
import { runMonitor } from './monitor-command.js';
import { commandHelp, DEMO_OPTIONS, parseCommand } from './options.js';
import type { Terminal } from './screen-session.js';
import { runSummary } from './summary-command.js';

const RECORDING_MS = 10 * MINUTE_MS;

export async function runDemo(argv: readonly string[], io: CommandIO, terminal?: Terminal): Promise<number> {
  const { values } = parseCommand(DEMO_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(DEMO_OPTIONS)}\n`);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${JSON.stringify(values.seed)} is not a whole number`);
  const given = (names: ReadonlyArray<'window' | 'snapshot-dir' | 'summary-file' | 'thresholds' | 'prices'>): string[] =>
    names.flatMap((name) => (values[name] === undefined ? [] : [`--${name}`, values[name]]));
  const skip = Number(values.skip);
  if (!(skip >= 0 && skip <= 3600)) throw new UsageError(`--skip ${JSON.stringify(values.skip)} is not a number of seconds from 0 to 3600`);
  const demo = new DemoWriter(seed, io.now, skip * 1000);
  io.err(`tokentop demo: writing to ${demo.root}${values.keep ? ' (kept)' : ''}\n`);
  try {
    // The demo's own files only: never the user's quota record, nor the user's index (its files go away).
    const sources = [demo.configDir, '--proxy-log', demo.proxyLog, '--no-statusline', '--no-cache'];
    if (terminal?.stdout.isTTY !== true || values.json) {
      demo.writeUntil(io.now() + RECORDING_MS);
      return await runSummary([...sources, ...given(['thresholds', 'prices']), ...(values.json ? ['--json'] : [])], io);
    }
    demo.startRealTime();
    const display = [...given(['window', 'snapshot-dir', 'summary-file', 'thresholds', 'prices']), ...(values['no-auto-snapshot'] ? ['--no-auto-snapshot'] : [])];
    return await runMonitor([...sources, ...display], io, terminal);
  } finally {
    if (values.keep) demo.stop();
    else demo.remove();
  }
}
