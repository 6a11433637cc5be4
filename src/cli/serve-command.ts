/**
 * `tokentop serve [PATH...] [--listen HOST:PORT]`: the monitor without a screen, for Prometheus:
 * reads what the monitor reads (transcripts, proxy logs, the quota record) and serves /metrics until
 * SIGTERM or SIGINT. The same LiveSession and store as the monitor, so the figures are the same.
 */
import { parseListen } from '../export/metrics-server.js';
import { LiveSession } from '../session/live-session.js';
import { preferSmallHeap } from './small-heap.js';
import { UsageError, type CommandIO } from './command-io.js';
import { receiveOtlp, serveMetrics } from './metrics-serving.js';
import { monitorConfig, monitorRequest } from './monitor-config.js';
import { commandHelp, SERVE_OPTIONS } from './options.js';
import { resolveOptions, wantsHelp } from './resolve-options.js';

export async function runServe(argv: readonly string[], io: CommandIO): Promise<number> {
  if (wantsHelp(SERVE_OPTIONS, argv)) {
    io.out(`${commandHelp(SERVE_OPTIONS)}\n`);
    return 0;
  }
  const resolved = await resolveOptions(SERVE_OPTIONS, argv, io);
  const { values } = resolved;
  const listen = parseListen(values.listen);
  if (listen === undefined) throw new UsageError(`--listen ${JSON.stringify(values.listen)} is not HOST:PORT (e.g. 127.0.0.1:9477)`);
  // The monitor's resolution of the shared flags (paths, backfill, prices, thresholds, sources).
  const config = await monitorConfig(monitorRequest(resolved), io);
  const session = new LiveSession({ ...config.session, now: io.now });
  const otlp = await receiveOtlp(session, values['otlp-listen']);
  const server = await serveMetrics(session, listen, io, otlp);
  io.out(`tokentop serve: ${server.url} (Ctrl-C or SIGTERM stops)\n`);
  if (otlp !== undefined) io.out(`tokentop serve: OTLP/HTTP at ${otlp.url}/v1/metrics and /v1/logs\n`);
  // Listening for the signal before the backfill: a SIGTERM during it stops cleanly, exit 0.
  const stopped = new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  await Promise.race([session.start(), stopped]);
  // After the backfill, as the monitor does (cli/small-heap.ts).
  preferSmallHeap();
  await stopped;
  await server.close();
  await otlp?.close();
  await session.stop();
  return 0;
}
