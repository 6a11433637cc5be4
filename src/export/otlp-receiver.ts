/**
 * An OTLP/HTTP receiver for Claude Code's own telemetry: POST /v1/metrics and /v1/logs, protobuf
 * (`application/x-protobuf`) or JSON (`application/json`), gzip or not, cumulative or delta.
 * `claude_code.token.usage` and `claude_code.cost.usage` become a third source of the store
 * (`source="otel"`); `claude_code.api_request` events count responses. A body over 4 MiB gets 413,
 * one that is not OTLP 400; both are counted, and the process goes on. Loopback unless told.
 * Only OTLP's two content types are taken (415 otherwise), a request from a web page or through
 * another host name is refused (403, request-guard.ts), a declared length over the bound is refused
 * before its body is read, and model names past the first MAX_MODELS go in `other`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { OtelUsage } from '../metrics/otel-usage.js';
import { logEvents, metricPoints, OtlpError } from '../parse/otlp/otlp-json.js';
import { logsRequestFromProtobuf, metricsRequestFromProtobuf } from '../parse/otlp/otlp-protobuf.js';
import { WireError } from '../parse/otlp/protobuf-wire.js';
import type { MonitorStore } from '../store/monitor-store.js';
import { safeName } from '../parse/untrusted-text.js';
import { LabelBound } from './label-bound.js';
import { foreignRequest } from './request-guard.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Distinct model names kept apart; Claude Code reports a handful. */
const MAX_MODELS = 100;
const MEDIA_TYPES = new Set(['application/json', 'application/x-protobuf']);

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
  const models = new LabelBound(MAX_MODELS);
  const counts: OtlpCounts = { requests: new Map() };
  const count = (signal: string, outcome: string): void => void counts.requests.set(`${signal}\u0000${outcome}`, (counts.requests.get(`${signal}\u0000${outcome}`) ?? 0) + 1);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const signal = path === '/v1/metrics' ? 'metrics' : path === '/v1/logs' ? 'logs' : undefined;
    if (req.method !== 'POST' || signal === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('tokentop takes OTLP/HTTP at POST /v1/metrics and /v1/logs\n');
      return;
    }
    const refused = foreignRequest(req, host, (server.address() as AddressInfo).port);
    if (refused !== undefined) return refuse(req, res, 403, refused, () => count(signal, 'forbidden'));
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!MEDIA_TYPES.has(mediaType)) return refuse(req, res, 415, `OTLP/HTTP is application/json or application/x-protobuf, not ${JSON.stringify(mediaType)}`, () => count(signal, 'unsupported-media-type'));
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuse(req, res, 413, `over ${MAX_BODY_BYTES} bytes`, () => count(signal, 'too-large'));
    readBody(req).then(
      (raw) => {
        if (raw === undefined) {
          count(signal, 'too-large');
          res.writeHead(413, { 'content-type': 'text/plain' }).end(`over ${MAX_BODY_BYTES} bytes\n`);
          return;
        }
        const protobuf = mediaType === 'application/x-protobuf';
        try {
          const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES }) : raw;
          const overflowed = models.overflowed;
          // A model name is made safe and bounded before anything keeps it (the series state, the counters, /metrics).
          const model = (value: unknown): string => models.value(typeof value === 'string' ? safeName(value) : 'unknown');
          if (signal === 'metrics') {
            const request = protobuf ? metricsRequestFromProtobuf(body) : (JSON.parse(body.toString('utf8')) as unknown);
            const points = metricPoints(request, Date.now()).map((p) => ('model' in p.attributes ? { ...p, attributes: { ...p.attributes, model: model(p.attributes.model) } } : p));
            for (const delta of usage.deltas(points)) store.applyOtel(delta);
          } else {
            const request = protobuf ? logsRequestFromProtobuf(body) : (JSON.parse(body.toString('utf8')) as unknown);
            for (const e of logEvents(request, Date.now())) if (e.name === 'claude_code.api_request' || e.name === 'api_request') store.applyOtel({ kind: 'api-request', model: model(e.attributes.model), time: e.time });
          }
          count(signal, models.overflowed > overflowed ? 'capped' : 'ok');
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

/** How long a refused request's body is let in (and dropped) after the answer, before the connection is cut. */
const REFUSED_GRACE_MS = 2000;

/**
 * Answer `status` at once, before the body. A client still sending gets to finish (its bytes are
 * dropped; closing on them reset the connection under the answer); one that sends nothing, or too
 * slowly, is cut after REFUSED_GRACE_MS instead of holding the connection open.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, why: string, counted: () => void): void {
  counted();
  res.writeHead(status, { 'content-type': 'text/plain' }).end(`${why}\n`);
  const cut = setTimeout(() => req.socket.destroy(), REFUSED_GRACE_MS).unref();
  req.once('end', () => clearTimeout(cut));
  req.resume();
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
