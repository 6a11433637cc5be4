/**
 * `tokentop serve [PATH...] [--listen HOST:PORT]`: the monitor without a screen, for Prometheus:
 * reads what the monitor reads (transcripts, proxy logs, the quota record) and serves /metrics until
 * SIGTERM or SIGINT. The same LiveSession and store as the monitor, so the figures are the same.
 */
import { prometheusRegistry } from '../export/prometheus-registry.js';
import { parseListen, startMetricsServer, type MetricsServer } from '../export/metrics-server.js';
import { startOtlpReceiver, type OtlpReceiver } from '../export/otlp-receiver.js';
import { LiveSession } from '../session/live-session.js';
import { preferSmallHeap } from './small-heap.js';
import { UsageError, type CommandIO } from './command-io.js';
import { monitorConfig } from './monitor-config.js';
import { commandHelp, MONITOR_OPTIONS, parseCommand, SERVE_OPTIONS } from './options.js';

export async function runServe(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseCommand(SERVE_OPTIONS, argv);
  if (args.values.help) {
    io.out(`${commandHelp(SERVE_OPTIONS)}\n`);
    return 0;
  }
  const listen = parseListen(args.values.listen);
  if (listen === undefined) throw new UsageError(`--listen ${JSON.stringify(args.values.listen)} is not HOST:PORT (e.g. 127.0.0.1:9477)`);
  // The monitor's own resolution of the shared flags (paths, backfill, prices, thresholds, sources).
  const monitorArgs = parseCommand(MONITOR_OPTIONS, [...args.positionals, '--backfill', args.values.backfill, '--no-auto-snapshot', ...sourceFlags(args.values), ...(args.values['usage-api'] ? ['--usage-api'] : [])]);
  const config = await monitorConfig(monitorArgs, argv, io);
  const session = new LiveSession({ ...config.session, now: io.now });
  const otlp = await receiveOtlp(session, args.values['otlp-listen']);
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

/** `--otlp-listen HOST:PORT`: the OTLP receiver feeding the session's store, or undefined without the flag. */
export async function receiveOtlp(session: LiveSession, flag: string | undefined): Promise<OtlpReceiver | undefined> {
  if (flag === undefined) return undefined;
  const at = parseListen(flag);
  if (at === undefined) throw new UsageError(`--otlp-listen ${JSON.stringify(flag)} is not HOST:PORT (e.g. 127.0.0.1:4318)`);
  try {
    return await startOtlpReceiver(session.store, at.host, at.port);
  } catch (error) {
    throw new UsageError(`cannot listen on ${at.host}:${at.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** /metrics for a live session: the monitor's `--metrics` and `serve` alike. */
export async function serveMetrics(session: LiveSession, listen: { host: string; port: number }, io: CommandIO, otlp?: OtlpReceiver): Promise<MetricsServer> {
  const registry = prometheusRegistry({ store: session.store, lines: () => session.lineCounts, now: io.now, otlp: otlp?.counts });
  try {
    return await startMetricsServer(registry, listen.host, listen.port);
  } catch (error) {
    throw new UsageError(`cannot listen on ${listen.host}:${listen.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sourceFlags(values: { 'proxy-log'?: string[] | undefined; 'statusline-file'?: string | undefined; 'no-statusline': boolean; prices?: string | undefined; thresholds?: string | undefined; 'no-cache': boolean }): string[] {
  return [
    ...(values['no-cache'] ? ['--no-cache'] : []),
    ...(values['proxy-log'] ?? []).flatMap((p) => ['--proxy-log', p]),
    ...(values['statusline-file'] === undefined ? [] : ['--statusline-file', values['statusline-file']]),
    ...(values['no-statusline'] ? ['--no-statusline'] : []),
    ...(values.prices === undefined ? [] : ['--prices', values.prices]),
    ...(values.thresholds === undefined ? [] : ['--thresholds', values.thresholds]),
  ];
}
