/**
 * Claude Code's own telemetry as a source: the official OpenTelemetry JS exporters (JSON and
 * protobuf, cumulative and delta) push `claude_code.token.usage` to `tokentop serve --otlp-listen`;
 * /metrics shows it as source="otel". A body that is not OTLP gets 400 and the process goes on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTLPMetricExporter as JsonExporter, AggregationTemporalityPreference } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, EMPTY_CONFIG_HOME, EMPTY_STATE_HOME, TEST_CACHE_HOME } from './helpers/run-cli.js';

let dir: string;
let child: ChildProcess;
let metricsUrl: string;
let otlpUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokentop-otlp-'));
  child = spawn('node', [CLI, 'serve', dir, '--listen', '127.0.0.1:0', '--otlp-listen', '127.0.0.1:0', '--no-statusline'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME } });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+\/metrics)[\s\S]*OTLP\/HTTP at (http:\/\/\S+)\/v1\/metrics/.exec(out);
      if (m !== null) {
        metricsUrl = m[1] as string;
        otlpUrl = m[2] as string;
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${out}`)));
  });
});
afterAll(async () => {
  child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

async function otelTokens(type: string, model: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('tokentop_tokens_total{') && l.includes(`type="${type}"`) && l.includes(`model="${model}"`) && l.includes('source="otel"'));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

/** A meter as Claude Code's: its token counter, exported by `exporter` when flushed. */
function claudeCodeMeter(exporter: JsonExporter | ProtoExporter) {
  const provider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })] });
  const meter = provider.getMeter('com.anthropic.claude_code');
  return { provider, tokens: meter.createCounter('claude_code.token.usage'), cost: meter.createCounter('claude_code.cost.usage') };
}

describe('OTLP from the official exporters', () => {
  it('JSON, cumulative: 1,234 output tokens show as source="otel"; a second export adds only what it added', async () => {
    const { provider, tokens, cost } = claudeCodeMeter(new JsonExporter({ url: `${otlpUrl}/v1/metrics` }));
    tokens.add(1234, { type: 'output', model: 'claude-json', 'session.id': 's1' });
    cost.add(0.5, { model: 'claude-json' });
    await provider.forceFlush();
    expect(await otelTokens('output', 'claude-json')).toBe(1234);
    tokens.add(100, { type: 'output', model: 'claude-json', 'session.id': 's1' });
    await provider.forceFlush();
    // The second export carries the running total, 1,334: tokentop adds the 100 it grew by.
    expect(await otelTokens('output', 'claude-json')).toBe(1334);
    expect(await (await fetch(metricsUrl)).text()).toMatch(/tokentop_cost_usd_total\{model="claude-json",source="otel"\} 0\.5/);
    await provider.shutdown();
  });

  it('protobuf, delta: 1,234 output tokens show as source="otel"', async () => {
    const { provider, tokens } = claudeCodeMeter(new ProtoExporter({ url: `${otlpUrl}/v1/metrics`, temporalityPreference: AggregationTemporalityPreference.DELTA }));
    tokens.add(1000, { type: 'output', model: 'claude-proto' });
    tokens.add(234, { type: 'output', model: 'claude-proto' });
    tokens.add(50, { type: 'cacheRead', model: 'claude-proto' });
    await provider.forceFlush();
    expect(await otelTokens('output', 'claude-proto')).toBe(1234);
    expect(await otelTokens('cache_read', 'claude-proto')).toBe(50);
    await provider.shutdown();
  });

  it('answers 400 to a body that is not OTLP, 413 to one too large, counts them, and goes on', async () => {
    const post = (path: string, type: string, body: string | Uint8Array) => fetch(`${otlpUrl}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('/v1/metrics', 'application/json', '{"resourceMetrics": 5}')).status).toBe(400);
    expect((await post('/v1/metrics', 'application/json', 'not json')).status).toBe(400);
    expect((await post('/v1/metrics', 'application/x-protobuf', new Uint8Array([0x0a, 0xff, 0xff, 0x01]))).status).toBe(400);
    expect((await post('/v1/logs', 'application/x-protobuf', new Uint8Array([0x0b]))).status).toBe(400);
    expect((await post('/v1/metrics', 'application/json', 'x'.repeat(5 * 1024 * 1024))).status).toBe(413);
    expect((await fetch(`${otlpUrl}/v1/traces`, { method: 'POST' })).status).toBe(404);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/tokentop_otlp_requests_total\{signal="metrics",outcome="rejected"\} 3/);
    expect(text).toMatch(/tokentop_otlp_requests_total\{signal="metrics",outcome="too-large"\} 1/);
    // Still taking good ones.
    const { provider, tokens } = claudeCodeMeter(new JsonExporter({ url: `${otlpUrl}/v1/metrics` }));
    tokens.add(7, { type: 'input', model: 'claude-after' });
    await provider.forceFlush();
    expect(await otelTokens('input', 'claude-after')).toBe(7);
    await provider.shutdown();
  });

  it('counts claude_code.api_request log events (OTLP/JSON logs) as responses', async () => {
    const event = (i: number) => ({ timeUnixNano: String(BigInt(Date.now()) * 1_000_000n + BigInt(i)), body: { stringValue: 'claude_code.api_request' }, attributes: [{ key: 'event.name', value: { stringValue: 'api_request' } }, { key: 'model', value: { stringValue: 'claude-logs' } }, { key: 'output_tokens', value: { intValue: '12' } }] });
    const body = { resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: 'com.anthropic.claude_code' }, logRecords: [event(1), event(2)] }] }] };
    const r = await fetch(`${otlpUrl}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    expect(await (await fetch(metricsUrl)).text()).toMatch(/tokentop_responses_total\{source="otel"\} 2/);
  });
});

/** A raw request on loopback, headers as given (fetch will not send a foreign Host or a chosen Origin). */
function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - started }));
    });
    req.on('error', reject);
    // No body at all for a declared length the server must refuse unread: the answer must not wait for it.
    if (body !== undefined) req.end(body);
    else req.flushHeaders();
  });
}

describe('nothing injected from outside', () => {
  const metricsBody = (model: string, value = 5) => JSON.stringify({ resourceMetrics: [{ resource: { attributes: [] }, scopeMetrics: [{ scope: { name: 'com.anthropic.claude_code' }, metrics: [{ name: 'claude_code.token.usage', sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ asDouble: value, timeUnixNano: String(BigInt(Date.now()) * 1_000_000n), attributes: [{ key: 'type', value: { stringValue: 'input' } }, { key: 'model', value: { stringValue: model } }] }] } }] }] }] });

  it('takes only OTLP content types, refuses a web page (Origin) or another Host, and a declared length over 4 MiB before its body', async () => {
    const url = `${otlpUrl}/v1/metrics`;
    const host = new URL(otlpUrl).host;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      expect((await raw(url, 'POST', { host, 'content-type': type }, metricsBody('claude-plain'))).status).toBe(415);
    }
    expect((await raw(url, 'POST', { host, 'content-type': 'application/json', origin: 'https://evil.example' }, metricsBody('claude-web'))).status).toBe(403);
    expect((await raw(url, 'POST', { host: `rebind.example:${new URL(otlpUrl).port}`, 'content-type': 'application/json' }, metricsBody('claude-rebind'))).status).toBe(403);
    const big = await raw(url, 'POST', { host, 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.ms).toBeLessThan(5000);
    for (const model of ['claude-plain', 'claude-web', 'claude-rebind']) expect(await otelTokens('input', model)).toBe(0);
    // /metrics refuses a DNS-rebinding Host and a web page too; its own address is served.
    expect((await raw(metricsUrl, 'GET', { host: 'rebind.example' })).status).toBe(403);
    expect((await raw(metricsUrl, 'GET', { host: new URL(metricsUrl).host, origin: 'https://evil.example' })).status).toBe(403);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/tokentop_otlp_requests_total\{signal="metrics",outcome="unsupported-media-type"\} 3/);
    expect(text).toMatch(/tokentop_otlp_requests_total\{signal="metrics",outcome="forbidden"\} 2/);
  });

  it('bounds model names at 100 (the rest are "other", counted) and strips control characters from them', async () => {
    const post = (model: string) => fetch(`${otlpUrl}/v1/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: metricsBody(model) });
    expect((await post('claude-\u001b[31mred\u0007\u202e\nline')).status).toBe(200);
    for (let i = 0; i < 150; i++) expect((await post(`flood-${i}`)).status).toBe(200);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/tokentop_tokens_total\{type="input",model="claude-red line",project="",source="otel"\} 5/);
    const otelModels = new Set(text.split('\n').filter((l) => l.startsWith('tokentop_tokens_total{') && l.includes('source="otel"')).map((l) => /model="([^"]*)"/.exec(l)?.[1]));
    expect(otelModels.size).toBeLessThanOrEqual(101);
    expect(otelModels.has('other')).toBe(true);
    expect(text).toMatch(/tokentop_otlp_requests_total\{signal="metrics",outcome="capped"\} \d+/);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});
