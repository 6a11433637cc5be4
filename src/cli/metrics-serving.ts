/** The monitor's `--metrics` and `--otlp-listen`, and `serve`'s: /metrics and the OTLP receiver for a live session. */
import { prometheusRegistry } from '../export/prometheus-registry.js';
import { parseListen, startMetricsServer, type MetricsServer } from '../export/metrics-server.js';
import { startOtlpReceiver, type OtlpReceiver } from '../export/otlp-receiver.js';
import type { LiveSession } from '../session/live-session.js';
import { UsageError, type CommandIO } from './command-io.js';

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
