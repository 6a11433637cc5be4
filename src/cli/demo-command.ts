/**
 * `tokentop --demo`: tokentop working on a fresh machine with no Claude Code. DemoWriter appends the
 * demo timeline in real time to a temp config dir and a proxy-log dir beside it, and the live monitor
 * watches them through the real pipeline, with the monitor's display options handed on. When stdout
 * is not a terminal (or with --json) it writes a ten-minute recording at once and prints its
 * `summary` instead. The temp dirs are removed on exit unless --keep.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DemoWriter } from '../session/demo-writer.js';
import { MINUTE_MS } from '../metrics/token-math.js';
import { UsageError, type CommandIO } from './command-io.js';
import { monitor } from './monitor-command.js';
import type { MonitorRequest } from './monitor-config.js';
import { commandHelp, DEMO_OPTIONS } from './options.js';
import { resolveOptions, wantsHelp } from './resolve-options.js';
import type { Terminal } from './screen-session.js';
import { summarize } from './summary-command.js';

const RECORDING_MS = 10 * MINUTE_MS;

export async function runDemo(argv: readonly string[], io: CommandIO, terminal?: Terminal): Promise<number> {
  if (wantsHelp(DEMO_OPTIONS, argv)) {
    io.out(`${commandHelp(DEMO_OPTIONS)}\n`);
    return 0;
  }
  const { values, thresholds } = await resolveOptions(DEMO_OPTIONS, argv, io);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${JSON.stringify(values.seed)} is not a whole number`);
  const skip = Number(values.skip);
  if (!(skip >= 0 && skip <= 3600)) throw new UsageError(`--skip ${JSON.stringify(values.skip)} is not a number of seconds from 0 to 3600`);
  const recording = terminal?.stdout.isTTY !== true || values.json;
  // A recording is the ten minutes that end now: nothing in it is dated after the report.
  const demo = new DemoWriter(seed, io.now, skip * 1000 + (recording ? RECORDING_MS : 0));
  io.err(`tokentop demo: writing to ${demo.root}${values.keep ? ' (kept)' : ''}\n`);
  try {
    // The demo's own files only: never the user's quota record, its usage login, its index, nor its
    // state dir (snapshots and evidence go in the demo's temp dir unless --snapshot-dir says where).
    if (recording) {
      demo.writeUntil(io.now());
      return await summarize({ values: { json: values.json, width: values.width, csv: false, utc: false, 'proxy-log': [demo.proxyLog], 'no-statusline': true, prices: values.prices, thresholds: values.thresholds, 'no-cache': true, help: false }, positionals: [demo.configDir], thresholds }, io);
    }
    demo.startRealTime();
    if (values['snapshot-dir'] === undefined) mkdirSync(join(demo.root, 'snapshots'));
    const request: MonitorRequest = {
      paths: [demo.configDir],
      window: values.window,
      backfill: '6h',
      proxyLogs: [demo.proxyLog],
      statusline: 'none',
      snapshotDir: values['snapshot-dir'] ?? join(demo.root, 'snapshots'),
      evidenceDir: join(demo.root, 'evidence'),
      autoSnapshot: !values['no-auto-snapshot'],
      summaryFile: values['summary-file'],
      prices: values.prices,
      thresholds,
      noCache: true,
      usageApi: false,
    };
    return await monitor(request, { metrics: undefined, otlpListen: undefined }, io, terminal);
  } finally {
    if (values.keep) demo.stop();
    else {
      demo.remove();
      if (!recording) io.err(`tokentop demo: removed ${demo.root} and what the demo wrote there (--keep keeps it)\n`);
    }
  }
}
