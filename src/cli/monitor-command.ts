/**
 * `tokentop [PATH...]`: the live monitor. Argument handling and wiring only: LiveSession feeds the
 * store, the screen draws it and turns keys into store commands, and on exit (q, ctrl-c, SIGTERM,
 * SIGHUP) the terminal is restored and the summary of the watched period printed.
 */
import { writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Anomaly } from '../detect/anomaly.js';
import { LiveSession } from '../session/live-session.js';
import { UsageError, type CommandIO } from './command-io.js';
import { printExitSummary } from './exit-summary.js';
import { monitorConfig, monitorRequest, type MonitorRequest } from './monitor-config.js';
import { commandHelp, MONITOR_OPTIONS } from './options.js';
import { resolveOptions, wantsHelp } from './resolve-options.js';
import { openScreen, type ScreenSession, type Terminal } from './screen-session.js';
import { parseListen } from '../export/metrics-server.js';
import { preferSmallHeap } from './small-heap.js';

/** What the monitor serves beside its screen (`--metrics`, `--otlp-listen`). */
export interface MonitorServing {
  readonly metrics: string | undefined;
  readonly otlpListen: string | undefined;
}

export async function runMonitor(argv: readonly string[], io: CommandIO, terminal: Terminal): Promise<number> {
  if (wantsHelp(MONITOR_OPTIONS, argv)) {
    io.out(`${commandHelp(MONITOR_OPTIONS)}\n`);
    return 0;
  }
  if (terminal.stdout.isTTY !== true) {
    io.err("tokentop: stdout is not a terminal, and the live monitor needs one; for a report, run 'tokentop summary'\n");
    return 2;
  }
  const resolved = await resolveOptions(MONITOR_OPTIONS, argv, io);
  return monitor(monitorRequest(resolved), { metrics: resolved.values.metrics, otlpListen: resolved.values['otlp-listen'] }, io, terminal);
}

/** The live monitor on a terminal, for a typed request (the demo's too). */
export async function monitor(request: MonitorRequest, serving: MonitorServing, io: CommandIO, terminal: Terminal): Promise<number> {
  const config = await monitorConfig(request, io);
  // A critical anomaly writes its evidence down at once: the screen may have moved on by the time
  // someone looks. The store is made before the screen that writes it, hence the late binding.
  const evidence: { write?: ScreenSession['evidenceSnapshot'] } = {};
  const onCritical = config.autoSnapshot ? (anomalies: readonly Anomaly[]) => evidence.write?.(anomalies) : undefined;
  const session = new LiveSession({ ...config.session, now: io.now, onCritical });
  // Before the screen opens: a port in use is one line on a normal terminal.
  const listen = serving.metrics === undefined ? undefined : parseListen(serving.metrics);
  if (serving.metrics !== undefined && listen === undefined) throw new UsageError(`--metrics ${JSON.stringify(serving.metrics)} is not HOST:PORT (e.g. 127.0.0.1:9477)`);
  // prom-client and the receiver are loaded only when asked for: the monitor's start-up stays as it was.
  const servers = listen === undefined && serving.otlpListen === undefined ? undefined : await import('./metrics-serving.js');
  const otlp = await servers?.receiveOtlp(session, serving.otlpListen);
  const metrics = listen === undefined ? undefined : await servers?.serveMetrics(session, listen, io, otlp);
  const serves = [metrics === undefined ? '' : `metrics: ${metrics.url}`, otlp === undefined ? '' : `OTLP: ${otlp.url}`].filter((s) => s !== '');
  if (serves.length > 0) session.store.setNotice(serves.join('  '), io.now());
  const screen = openScreen({ store: session.store, terminal, io, snapshotDir: config.snapshotDir, evidenceDir: config.evidenceDir, now: io.now, prices: config.session.prices });
  evidence.write = (anomalies) => screen.evidenceSnapshot(anomalies);
  try {
    // The walk and the index's first parse are synchronous: they wait for the first frame (up to 1 s),
    // which came 0.2-0.3 s later when they went first. q during the backfill quits at once.
    await Promise.race([screen.firstFrame, delay(1000), screen.quitting]);
    await Promise.race([session.start(), screen.quitting]);
    // Only now: V8's small heap made a whole history's backfill from the index 1.5x slower (GC).
    preferSmallHeap();
    await screen.quitting;
  } finally {
    await metrics?.close();
    await otlp?.close();
    await session.stop();
    for (const warning of screen.close()) io.err(`tokentop: ${warning}\n`);
  }
  await printExitSummary(session.summary(io.version), terminal.stdout.columns || 80, config.summaryFile, io, screen.written());
  const firstFrameMs = screen.firstFrameMs();
  if (io.env.TOKENTOP_TIMINGS !== undefined && firstFrameMs !== undefined) {
    await writeFile(io.env.TOKENTOP_TIMINGS, `${JSON.stringify({ firstFrameMs, backfillDoneMs: session.backfillDoneAt, backfillFiles: session.store.sourceProgress.backfillTotal })}\n`);
  }
  return 0;
}
