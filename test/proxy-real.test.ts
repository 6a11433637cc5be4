/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   The oracle reads the log as untyped JSON on purpose: it must not share tokentop's parser. */
/** The proxy readers on the real samples in ../shared/data/real/proxy (when present). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAll } from '../src/detect/detect-all.js';
import { DEFAULT_THRESHOLDS } from '../src/detect/thresholds.js';
import type { ProxyRequestEvent } from '../src/parse/proxy/proxy-events.js';
import { ProxyReader } from '../src/pipeline/read/proxy-reader.js';
import { hasRealCorpus, REAL_PROXY } from './helpers/real-corpus.js';
import { runCli } from './helpers/run-cli.js';

const CLAUDE_TRACE = join(REAL_PROXY, 'badlogic__lemmy/apps/claude-trace/test/test-traffic.jsonl');
const RELAY = join(REAL_PROXY, 'wuyq0808__simple-relay/traffic.jsonl');

function read(file: string): { events: ProxyRequestEvent[]; reader: ProxyReader } {
  const events: ProxyRequestEvent[] = [];
  const reader = new ProxyReader((e) => events.push(e));
  reader.readToEnd(file);
  return { events, reader };
}

/** Token totals as the response bodies say, worked out with nothing of tokentop's. */
function oracle(file: string): { pairs: number; input: number; output: number; cacheCreation: number; cacheRead: number } {
  const t = { pairs: 0, input: 0, output: 0, cacheCreation: 0, cacheRead: 0 };
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const o: any = JSON.parse(line);
    if (o.response === null) continue;
    t.pairs += 1;
    let usage: any = o.response.body?.usage;
    if (usage === undefined && typeof o.response.body_raw === 'string') {
      const events = o.response.body_raw.split('\n').filter((l: string) => l.startsWith('data:')).map((l: string) => JSON.parse(l.slice(5)));
      usage = { ...events.find((e: any) => e.type === 'message_start').message.usage };
      const deltas = events.filter((e: any) => e.type === 'message_delta');
      if (deltas.length > 0) usage.output_tokens = deltas.at(-1).usage.output_tokens;
    }
    t.input += usage.input_tokens ?? 0;
    t.output += usage.output_tokens ?? 0;
    t.cacheCreation += usage.cache_creation_input_tokens ?? 0;
    t.cacheRead += usage.cache_read_input_tokens ?? 0;
  }
  return t;
}

describe.skipIf(!hasRealCorpus)('real proxy logs', () => {
  it('claude-trace: 64 request/response pairs, tokens exactly as the bodies say, unified headers read', () => {
    const { events, reader } = read(CLAUDE_TRACE);
    const truth = oracle(CLAUDE_TRACE);
    expect(events).toHaveLength(64);
    expect(truth.pairs).toBe(64);
    const sum = (k: 'input' | 'output' | 'cacheCreation' | 'cacheRead'): number => events.reduce((n, e) => n + (e.usage?.[k] ?? 0), 0);
    expect({ input: sum('input'), output: sum('output'), cacheCreation: sum('cacheCreation'), cacheRead: sum('cacheRead') }).toEqual({ input: truth.input, output: truth.output, cacheCreation: truth.cacheCreation, cacheRead: truth.cacheRead });
    expect(events.every((e) => e.status === 200 && e.model !== undefined && e.durationMs !== undefined)).toBe(true);
    const unified = events.flatMap((e) => e.quota).filter((q) => q.window === 'unified');
    expect(unified).toHaveLength(64);
    expect(unified[0]).toMatchObject({ status: 'allowed', resetAt: 1748570400_000 });
    expect(reader.stats).toMatchObject({ files: 1, lines: 64, malformed: 0, problems: [] });
  });

  it('claude-trace: its quota headers (status and reset, no utilization) light nothing', () => {
    const { events } = read(CLAUDE_TRACE);
    const quota = events.flatMap((e) => e.quota);
    const input = { now: Date.now(), thresholds: DEFAULT_THRESHOLDS, responses: [], spawns: [], finishes: [], limits: [], retries: [], quota, proxyRequests: events };
    expect(new Set(quota.map((q) => q.resetAt)).size).toBeGreaterThan(0);
    expect(detectAll(input).map((a) => a.kind)).toEqual([]);
  });

  it('relay: the Messages API pairs found, other hosts ignored, nothing left unpaired', () => {
    const { events, reader } = read(RELAY);
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.model)).toEqual(['claude-3-5-haiku-20241022', 'claude-3-5-haiku-20241022', 'claude-3-5-haiku-20241022', 'claude-sonnet-4-20250514']);
    expect(events.every((e) => e.usage !== undefined && e.durationMs !== undefined && e.durationMs < 10_000)).toBe(true);
    expect(events[0]?.quota.find((q) => q.window === 'unified')).toMatchObject({ status: 'allowed' });
    expect(reader.stats).toMatchObject({ lines: 106, malformed: 0, otherTraffic: 98, unpairedRequests: 0, unpairedResponses: 0 });
  });

  it('summary --proxy-log on the real sample: the report names 64 requests and carries none of its bearer tokens', () => {
    const r = runCli(['summary', '/no-transcripts-here', '--json', '--proxy-log', CLAUDE_TRACE], {}, undefined);
    expect(r.code).toBe(2);
    const ok = runCli(['summary', join(REAL_PROXY, '..', 'transcripts', 'marot__spotter'), '--json', '--proxy-log', CLAUDE_TRACE]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { proxy: { requests: number } }).proxy.requests).toBe(64);
    expect(ok.stdout).not.toMatch(/REDACTED-BY-COLLECTOR|sk-ant-|bearer|authorization/i);
  });

  it('holds no credential: nothing of the Authorization headers is in what it produced', () => {
    for (const file of [CLAUDE_TRACE, RELAY]) {
      const text = JSON.stringify(read(file).events);
      expect(text).not.toMatch(/authorization|bearer|sk-ant-|x-api-key|cookie|oauth/i);
      expect(text).not.toContain('anthropic-organization-id');
    }
  });
});
