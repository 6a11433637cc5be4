/**
 * `tokentop replay PATH... [--speed N|max] [--from T] [--to T]`: argument handling and wiring.
 * ReplaySession plays the recording into the store; on screen its clock follows real time, with
 * `--speed max` it runs to the end headless and prints the summary.
 */
import { jsonText } from '../report/json-text.js';
import { resolve } from 'node:path';
import { findTranscripts } from '../sources/find-transcripts.js';
import { readRecording, ReplaySession } from '../session/replay-session.js';
import { renderSummaryText } from '../report/summary-text.js';
import { UsageError, type CommandIO } from './command-io.js';
import { printExitSummary } from './exit-summary.js';
import { commandHelp, REPLAY_OPTIONS } from './options.js';
import { resolveOptions, thresholdsOf, wantsHelp } from './resolve-options.js';
import { loadPrices } from './prices-option.js';
import { loadQuotaSources } from './quota-sources-option.js';
import { openScreen, type Terminal } from './screen-session.js';
import { snapshotDirOption } from './snapshot-dir-option.js';
import { timeRange } from './time-arg.js';
import { widthOption } from './width-option.js';

export async function runReplay(argv: readonly string[], io: CommandIO, terminal: Terminal): Promise<number> {
  if (wantsHelp(REPLAY_OPTIONS, argv)) {
    io.out(`${commandHelp(REPLAY_OPTIONS)}\n`);
    return 0;
  }
  const { values, positionals, thresholds } = await resolveOptions(REPLAY_OPTIONS, argv, io);
  if (positionals.length === 0) throw new UsageError('replay needs the PATH of a recording; see tokentop replay --help');
  const max = values.speed === 'max';
  const speed = max ? Infinity : Number(values.speed);
  if (!(speed > 0)) throw new UsageError(`--speed ${JSON.stringify(values.speed)} is not a positive number or max`);
  // Before any file is read: a screen needs a terminal.
  if (!max && terminal.stdout.isTTY !== true) {
    io.err('tokentop: stdout is not a terminal; replay --speed max prints the summary without one\n');
    return 2;
  }
  const found = await findTranscripts(positionals);
  const problem = found.problems[0];
  if (problem !== undefined) throw new UsageError(`cannot read ${problem.path}: ${problem.message}`);
  const recording = readRecording(found.files, await loadQuotaSources(values, io));
  const options = { prices: await loadPrices(values.prices), thresholds: await thresholdsOf(thresholds), watched: positionals.map((p) => resolve(p)) };
  const { since: from, until: to } = timeRange(['--from', '--to'], [values.from, values.to], io.now());
  const range = { from, to };
  const replay = new ReplaySession(recording, { ...options, ...range, speed, skipIdle: !values['no-skip-idle'] });
  const snapshotDir = max ? '' : await snapshotDirOption(values['snapshot-dir'], positionals, io);
  if (max) {
    replay.runToEnd();
    const summary = replay.summary(io.version, io.now());
    io.out(values.json ? `${jsonText(summary)}\n` : renderSummaryText(summary, widthOption(values.width, io.columns)));
    return 0;
  }
  replay.startRealTime();
  const speedKeys = { faster: () => replay.faster(), slower: () => replay.slower() } as const;
  const screen = openScreen({ store: replay.store, terminal, io, snapshotDir, now: () => replay.clock, prices: options.prices, onSession: (a) => (a === 'faster' || a === 'slower' ? (speedKeys[a](), true) : false) });
  try {
    await screen.quitting;
  } finally {
    replay.stop();
    for (const warning of screen.close()) io.err(`tokentop: ${warning}\n`);
  }
  await printExitSummary(replay.summary(io.version, io.now()), terminal.stdout.columns || 80, values['summary-file'], io, screen.written());
  return 0;
}
