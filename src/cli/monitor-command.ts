/**
 * `tokentop [PATH...]`: the live monitor. Wires sources -> store -> Ink, turns keys into store
 * commands, and on exit (q, ctrl-c, SIGTERM, SIGHUP) restores the terminal and prints a summary of
 * the watched period.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LiveIngest } from '../pipeline/live-ingest.js';
import { ProxyIngest } from '../pipeline/proxy-ingest.js';
import { proxyWatchPlan } from '../sources/find-proxy-logs.js';
import { statuslineStateFile } from './statusline-command.js';
import { discoverConfigDirs, isDirectory } from '../sources/config-dirs.js';
import { describeFsError, findTranscripts } from '../sources/find-transcripts.js';
import { IDLE_PUBLISH_MS, isWindowName, MonitorStore } from '../store/monitor-store.js';
import { UsageError, type CommandIO } from './command-io.js';
import { printExitSummary } from './exit-summary.js';
import { loadPrices } from './prices-option.js';
import { loadThresholds } from './thresholds-option.js';
import { openScreen, type Terminal } from './screen-session.js';
import { parseDuration } from './time-arg.js';

export const MONITOR_USAGE = `Usage: tokentop [PATH...] [--backfill DURATION] [--window W] [--proxy-log PATH]... [--snapshot-dir DIR] [--no-auto-snapshot] [--thresholds FILE] [--summary-file PATH] [--prices FILE]

PATH      what to watch (as for 'tokentop summary'); default: the Claude Code config dirs
--backfill DURATION
          how much recent history to load behind the first frame (default 6h; e.g. 30m, 2h, 1d)
--window W
          the chart window to start with: 5m (default), 15m, 1h or 6h ('w' cycles them)
--snapshot-dir DIR
          where 's' writes tokentop-snapshot-<time>.json and .txt (default: the working dir)
--summary-file PATH
          also write the exit summary there (JSON when PATH ends in .json, else text)
--proxy-log PATH
          a proxy log to tail beside the transcripts (claude-trace or relay JSONL; a file, a dir or a
          glob; repeatable). The statusline state file (see 'tokentop statusline') is read too.
--no-auto-snapshot
          do not write a snapshot by itself when a critical anomaly appears
--thresholds FILE
          JSON overriding detector thresholds, e.g. {"subagentCeiling": 12} (see the README)
--prices FILE
          a JSON price table to add or replace models (see 'tokentop summary --help')`;

/** After a change, the screen follows within this; a quiet screen is redrawn by the store's idle cadence. */
const PUBLISH_DELAY_MS = 50;

export async function runMonitor(argv: readonly string[], io: CommandIO, terminal: Terminal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      backfill: { type: 'string', default: '6h' },
      window: { type: 'string', default: '5m' },
      'snapshot-dir': { type: 'string' },
      'summary-file': { type: 'string' },
      prices: { type: 'string' },
      'proxy-log': { type: 'string', multiple: true },
      'no-auto-snapshot': { type: 'boolean', default: false },
      thresholds: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(`${MONITOR_USAGE}\n`);
    return 0;
  }
  if (terminal.stdout.isTTY !== true) {
    io.err("tokentop: stdout is not a terminal, and the live monitor needs one; for a report, run 'tokentop summary'\n");
    return 2;
  }
  const window = values.window;
  if (!isWindowName(window)) throw new UsageError(`--window ${JSON.stringify(window)} is not one of 5m, 15m, 1h, 6h`);
  const backfillMs = parseDuration(values.backfill);
  if (backfillMs === undefined) throw new UsageError(`--backfill ${JSON.stringify(values.backfill)} is not a duration like 30m, 6h or 1d`);
  const snapshotDir = resolve(values['snapshot-dir'] ?? '.');
  if (!(await isDirectory(snapshotDir))) throw new UsageError(`--snapshot-dir ${snapshotDir} is not a directory`);
  const prices = await loadPrices(values.prices);
  const paths = positionals.length > 0 ? positionals : await configDirs(io);
  // Only that each PATH can be read, before the first frame; walking a large history comes after it.
  for (const path of paths) {
    const problem = await unreadable(path);
    if (problem !== undefined) throw new UsageError(`cannot read ${path}: ${problem}`);
  }
  const roots = await Promise.all(paths.map(watchRoot));

  const startedAt = io.now();
  const store = new MonitorStore(prices, startedAt, roots, startedAt - backfillMs, window);
  // Publish on demand (a change) and on the store's idle cadence; no timer runs faster than that.
  let publishTimer: NodeJS.Timeout | undefined;
  const publishSoon = (): void => {
    publishTimer ??= setTimeout(() => {
      publishTimer = undefined;
      store.tick(io.now());
    }, PUBLISH_DELAY_MS);
  };
  const ingest = new LiveIngest(roots, {
    onEvent: (event) => store.apply(event),
    onAgentFile: (file) => {
      if (file.meta?.toolUseId !== undefined) store.linkAgent(file.agentId, file.meta.toolUseId);
    },
    onProgress: (p) => {
      Object.assign(store.progress, { files: p.stats.files, lines: p.stats.lines, malformed: p.stats.malformed, backfillDone: p.backfillDone, backfillRead: p.backfillRead, backfillTotal: p.backfillTotal });
      store.touch();
      publishSoon();
    },
    onNotice: (n) => {
      if (n.kind === 'error' || n.kind === 'watch-error') store.setNotice(`read error: ${n.message}`, io.now());
    },
  });

  const proxyPlan = await proxyWatchPlan(values['proxy-log'] ?? []);
  // A glob with no match yet is fine here: its dir is watched for the file to come.
  const proxyProblem = proxyPlan.problems.find((p) => p.message !== 'no file matches');
  if (proxyProblem !== undefined) throw new UsageError(`cannot read proxy log ${proxyProblem.path}: ${proxyProblem.message}`);
  // The statusline state file is read when it exists or appears: `tokentop statusline` writes it.
  const proxy = new ProxyIngest(proxyPlan, statuslineStateFile(io.env), {
    onRequest: (event) => {
      store.applyProxy(event);
      publishSoon();
    },
    onReading: (reading) => {
      store.applyReading(reading);
      publishSoon();
    },
    onProblem: (message) => store.setNotice(message, io.now()),
  });

  store.thresholds = await loadThresholds(values.thresholds);
  const screen = openScreen({ store, terminal, io, snapshotDir, now: io.now });
  // A critical anomaly writes its evidence down at once: the screen may have moved on by the time
  // someone looks.
  if (!values['no-auto-snapshot']) {
    store.onCritical = (anomalies) => {
      screen.snapshot().then(
        (w) => store.setNotice(`${anomalies.map((a) => a.kind).join(', ')}: evidence snapshot ${w.json}`, io.now()),
        (error: unknown) => store.setNotice(`auto-snapshot failed: ${error instanceof Error ? error.message : String(error)}`, io.now()),
      );
    };
  }
  const ticker = setInterval(() => store.tick(io.now()), IDLE_PUBLISH_MS);
  try {
    const found = await findTranscripts(paths);
    for (const w of [...found.problems, ...found.warnings]) store.setNotice(`skipped ${w.path}: ${w.message}`, io.now());
    await ingest.start(found.files, startedAt - backfillMs);
    await proxy.start();
    await screen.quitting;
  } finally {
    clearInterval(ticker);
    if (publishTimer !== undefined) clearTimeout(publishTimer);
    await ingest.stop();
    await proxy.stop();
    for (const warning of screen.close()) io.err(`tokentop: ${warning}\n`);
  }
  await printExitSummary({ store, sources: ingest.stats, proxySources: proxy.stats, prices, from: startedAt, to: io.now(), columns: terminal.stdout.columns || 100, summaryFile: values['summary-file'] }, io);
  const firstFrameMs = screen.firstFrameMs();
  if (io.env.TOKENTOP_TIMINGS !== undefined && firstFrameMs !== undefined) {
    await writeFile(io.env.TOKENTOP_TIMINGS, `${JSON.stringify({ firstFrameMs, backfillFiles: store.progress.backfillTotal })}\n`);
  }
  return 0;
}

async function configDirs(io: CommandIO): Promise<string[]> {
  const dirs = await discoverConfigDirs(io.env, homedir());
  if (dirs.found.length === 0) throw new UsageError(`no Claude Code config dir found (looked in ${dirs.missing.join(', ')}); set CLAUDE_CONFIG_DIR or pass a PATH`);
  return dirs.found;
}

/** Why `path` cannot be read, or undefined when it can. */
async function unreadable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return describeFsError(error);
  }
}

/** A config dir is watched at its projects/ (history.jsonl and the rest are not transcripts). */
async function watchRoot(path: string): Promise<string> {
  const projects = join(resolve(path), 'projects');
  return (await isDirectory(projects)) ? projects : resolve(path);
}
