/**
 * An OTLP/HTTP receiver for Claude Code's own telemetry: POST /v1/metrics and /v1/logs, protobuf
 * (`application/x-protobuf`) or JSON (`application/json`), gzip or not, cumulative or delta.
 * `claude_code.token.usage` and `claude_code.cost.usage` become a third source of the store
 * (`source="otel"`); `claude_code.api_request` events count responses. A body over 4 MiB gets 413,
 * one that is not OTLP 400; both are counted, and the process goes on. Loopback unless told.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { OtelUsage } from '../metrics/otel-usage.js';
import { logEvents, metricPoints, OtlpError } from '../parse/otlp/otlp-json.js';
import { logsRequestFromProtobuf, metricsRequestFromProtobuf } from '../parse/otlp/otlp-protobuf.js';
import { WireError } from '../parse/otlp/protobuf-wire.js';
import type { MonitorStore } from '../store/monitor-store.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface OtlpCounts {
  /** Requests by signal (metrics, logs) and outcome (ok, rejected, too-large). */
  readonly requests: Map<string, number>;
}

export interface OtlpReceiver {
  readonly url: string;
  readonly counts: OtlpCounts;
  close(): Promise<void>;
}

export async function startOtlpReceiver(store: MonitorStore, host: string, port: number): Promise<OtlpReceiver> {
  const usage = new OtelUsage();
  const counts: OtlpCounts = { requests: new Map() };
  const count = (signal: string, outcome: string): void => void counts.requests.set(`${signal}\u0000${outcome}`, (counts.requests.get(`${signal}\u0000${outcome}`) ?? 0) + 1);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const signal = path === '/v1/metrics' ? 'metrics' : path === '/v1/logs' ? 'logs' : undefined;
    if (req.method !== 'POST' || signal === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('tokentop takes OTLP/HTTP at POST /v1/metrics and /v1/logs\n');
      return;
    }
    readBody(req).then(
      (raw) => {
        if (raw === undefined) {
          count(signal, 'too-large');
          res.writeHead(413, { 'content-type': 'text/plain' }).end(`over ${MAX_BODY_BYTES} bytes\n`);
          return;
        }
        const protobuf = (req.headers['content-type'] ?? '').includes('protobuf');
        try {
          const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES }) : raw;
          if (signal === 'metrics') {
            const request = protobuf ? metricsRequestFromProtobuf(body) : (JSON.parse(body.toString('utf8')) as unknown);
            for (const delta of usage.deltas(metricPoints(request))) store.applyOtel(delta);
          } else {
            const request = protobuf ? logsRequestFromProtobuf(body) : (JSON.parse(body.toString('utf8')) as unknown);
            for (const e of logEvents(request)) if (e.name === 'claude_code.api_request' || e.name === 'api_request') store.applyOtel({ kind: 'api-request', model: typeof e.attributes.model === 'string' ? e.attributes.model : 'unknown', time: e.time });
          }
          count(signal, 'ok');
          // An empty Export*ServiceResponse: no partial success to report.
          if (protobuf) res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
          else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch (error) {
          count(signal, 'rejected');
          const why = error instanceof OtlpError || error instanceof WireError || error instanceof SyntaxError ? error.message : 'not an OTLP body';
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`not OTLP ${signal}: ${why}\n`);
        }
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body, or undefined once it passes MAX_BODY_BYTES (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
