/**
 * `tokentop replay PATH... [--speed N|max] [--from T] [--to T]`: recorded transcripts on their own
 * timeline, through the same reader, store and screen as live use. The files are read once; their
 * events are fed to the store as a virtual clock passes their timestamps (jumping quiet stretches,
 * see replay-clock.ts). `--speed max` runs headless to the end and prints the summary.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TranscriptEvent } from '../parse/events.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import { loadHistory } from '../pipeline/load-history.js';
import { TranscriptReader, type AgentFile } from '../pipeline/transcript-reader.js';
import { renderSummaryText } from '../report/summary-text.js';
import { isDirectory } from '../sources/config-dirs.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import { MonitorStore } from '../store/monitor-store.js';
import { UsageError, type CommandIO } from './command-io.js';
import { printExitSummary } from './exit-summary.js';
import { loadProxyLogs } from './proxy-option.js';
import { loadPrices } from './prices-option.js';
import { openScreen, type Terminal } from './screen-session.js';
import { summarizeHistory } from './summarize.js';
import { timeOption } from './time-arg.js';
import { advanceReplayClock } from './replay-clock.js';
import { duration } from '../ui/format-time.js';

export const REPLAY_USAGE = `Usage: tokentop replay PATH... [--speed N|max] [--from T] [--to T] [--proxy-log PATH]... [--no-skip-idle] [--json] [--snapshot-dir DIR] [--summary-file PATH] [--prices FILE]

PATH      recorded transcripts (as for 'tokentop summary')
--speed N how many times faster than it happened (default 60); '+' and '-' double and halve it.
          'max' reads to the end without a screen and prints the summary (--json for JSON).
--from T / --to T
          the part of the timeline to replay (as for 'tokentop summary --since/--until')
--proxy-log PATH
          a recorded proxy log to replay with the transcripts (repeatable)
--no-skip-idle
          replay quiet stretches too (by default a gap of over 15 minutes between events is jumped,
          but for a minute on each side)`;

const STEP_MS = 100;
const MAX_SPEED = 1e12;
const MIN_SPEED = 0.25;

export async function runReplay(argv: readonly string[], io: CommandIO, terminal: Terminal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      speed: { type: 'string', default: '60' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
      'snapshot-dir': { type: 'string' },
      'summary-file': { type: 'string' },
      prices: { type: 'string' },
      'proxy-log': { type: 'string', multiple: true },
      'no-skip-idle': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(`${REPLAY_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('replay needs the PATH of a recording; see tokentop replay --help');
  const from = timeOption('--from', values.from, io.now());
  const to = timeOption('--to', values.to, io.now());
  const max = values.speed === 'max';
  let speed = max ? Infinity : Number(values.speed);
  if (!(speed > 0)) throw new UsageError(`--speed ${JSON.stringify(values.speed)} is not a positive number or max`);
  // Before any file is read: a screen needs a terminal.
  if (!max && terminal.stdout.isTTY !== true) {
    io.err("tokentop: stdout is not a terminal; replay --speed max prints the summary without one\n");
    return 2;
  }
  const prices = await loadPrices(values.prices);
  const found = await findTranscripts(positionals);
  const problem = found.problems[0];
  if (problem !== undefined) throw new UsageError(`cannot read ${problem.path}: ${problem.message}`);

  const proxy = await loadProxyLogs(values['proxy-log'] ?? [], io);

  if (max) {
    const summary = summarizeHistory(await loadHistory(found.files), { prices, since: from, until: to, now: io.now(), version: io.version, proxy });
    io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummaryText(summary, io.columns));
    return 0;
  }
  const snapshotDir = resolve(values['snapshot-dir'] ?? '.');
  if (!(await isDirectory(snapshotDir))) throw new UsageError(`--snapshot-dir ${snapshotDir} is not a directory`);

  // Sources and parse as for live use; the events then wait for their moment on the virtual clock.
  const events: Array<TranscriptEvent | ProxyRequestEvent> = [...(proxy?.events ?? [])];
  const agents: AgentFile[] = [];
  const reader = new TranscriptReader((e) => events.push(e), { progress: true }, (agent) => agents.push(agent));
  for (const file of found.files) reader.readToEnd(file);
  events.sort((a, b) => (a.time ?? -Infinity) - (b.time ?? -Infinity));
  const timed = events.filter((e) => e.time !== undefined).map((e) => e.time as number);
  const start = from ?? timed[0] ?? io.now();
  const end = to ?? timed.at(-1) ?? start;

  const store = new MonitorStore(prices, start, positionals.map((p) => resolve(p)), start);
  for (const agent of agents) if (agent.meta?.toolUseId !== undefined) store.linkAgent(agent.agentId, agent.meta.toolUseId);
  Object.assign(store.progress, { files: reader.stats.files, lines: reader.stats.lines, malformed: reader.stats.malformed, backfillDone: true });
  let clock = start;
  let next = 0;
  let lastFed: number | undefined;
  let ended = false;
  const skipIdle = !values['no-skip-idle'];
  const feed = (): void => {
    for (; next < events.length; next++) {
      const e = events[next] as TranscriptEvent | ProxyRequestEvent;
      if (e.time !== undefined && e.time > clock) break;
      if (e.time !== undefined) lastFed = e.time;
      // Before --from, transcript events only feed the ledger (the store's history boundary is `start`).
      if (e.kind === 'proxy-request') store.applyProxy(e);
      else store.apply(e);
    }
  };
  const showClock = (): void => store.setClock({ mode: 'replay', speed, ended }, clock);
  feed();
  showClock();
  let lastReal = Date.now();
  const step = (): void => {
    const real = Date.now();
    if (!store.paused && !ended) {
      const moved = advanceReplayClock(clock, real - lastReal, speed, end, lastFed, events[next]?.time, skipIdle);
      clock = moved.clock;
      if (moved.skippedMs > 0) store.setNotice(`skipped ${duration(moved.skippedMs)} idle`, clock);
    }
    lastReal = real;
    feed();
    if (!ended && clock >= end) {
      ended = true;
      showClock();
    }
    store.tick(clock);
  };
  const timer = setInterval(step, STEP_MS);
  const screen = openScreen({
    store,
    terminal,
    io,
    snapshotDir,
    now: () => clock,
    onCommand: (command) => {
      if (command !== 'faster' && command !== 'slower') return false;
      speed = command === 'faster' ? Math.min(MAX_SPEED, speed * 2) : Math.max(MIN_SPEED, speed / 2);
      showClock();
      return true;
    },
  });
  try {
    await screen.quitting;
  } finally {
    clearInterval(timer);
    for (const warning of screen.close()) io.err(`tokentop: ${warning}\n`);
  }
  await printExitSummary({ store, sources: reader.stats, proxySources: proxy?.sources, prices, from: start, to: clock, columns: terminal.stdout.columns || 100, summaryFile: values['summary-file'] }, io);
  return 0;
}
