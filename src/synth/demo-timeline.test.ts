import { describe, expect, it } from 'vitest';
import { parseLine } from '../parse/parse-line.js';
import type { TranscriptEvent } from '../parse/events.js';
import { DEMO_PROXY_LOG, DemoTimeline } from './demo-timeline.js';

const START = Date.parse('2026-11-21T10:00:00Z');

function firstMinutes(seed: number, minutes: number): ReturnType<DemoTimeline['next']> {
  return new DemoTimeline(seed, START).next(START + minutes * 60_000);
}

function events(appends: ReturnType<DemoTimeline['next']>): TranscriptEvent[] {
  return appends
    .filter((a) => a.path.endsWith('.jsonl') && a.path.startsWith('projects/'))
    .flatMap((a, i) => {
      const outcome = parseLine(a.line, { file: a.path, line: i + 1, pathSessionId: undefined, pathAgentId: undefined, project: 'p' });
      return outcome.status === 'ok' ? outcome.events : [];
    });
}

describe('DemoTimeline', () => {
  it('is the same timeline for the same seed and start, and another for another seed', () => {
    expect(firstMinutes(7, 5)).toEqual(firstMinutes(7, 5));
    expect(firstMinutes(8, 5)).not.toEqual(firstMinutes(7, 5));
  });

  it('hands out appends in time order, each only once', () => {
    const timeline = new DemoTimeline(3, START);
    const a = timeline.next(START + 60_000);
    const b = timeline.next(START + 120_000);
    const times = [...a, ...b].map((x) => x.time);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(b.every((x) => x.time > START + 60_000)).toBe(true);
  });

  it('runs four sessions at once and the whole incident script within three minutes', () => {
    const appends = firstMinutes(1, 3);
    const es = events(appends);
    const sessions = new Set(es.filter((e) => e.kind === 'usage').map((e) => e.scope.sessionId));
    expect(sessions.size).toBeGreaterThanOrEqual(4);
    const burst = es.filter((e) => e.kind === 'subagent-spawn' && e.time >= START + 25_000 && e.time < START + 27_000);
    expect(burst).toHaveLength(10);
    expect(appends.filter((a) => a.path.endsWith('.meta.json')).length).toBeGreaterThanOrEqual(10);
    const cascade = es.filter((e) => e.kind === 'usage' && e.usage.cacheRead === 0 && e.usage.cacheCreation > 50_000 && e.time >= START + 70_000);
    expect(cascade).toHaveLength(4);
    expect(es.filter((e) => e.kind === 'limit').map((e) => e.kind === 'limit' && e.resetAt !== undefined)).toEqual([true]);
  });

  it('writes proxy lines whose 5h utilization climbs from ~30%, falls to 0 before its reset, and comes back', () => {
    const proxy = firstMinutes(1, 4).filter((a) => a.path === DEMO_PROXY_LOG);
    const readings = proxy.map((a) => {
      const headers = (JSON.parse(a.line) as { response: { headers: Record<string, string> } }).response.headers;
      return { at: (a.time - START) / 1000, util: Number(headers['anthropic-ratelimit-unified-5h-utilization']), reset: Number(headers['anthropic-ratelimit-unified-5h-reset']) * 1000 };
    });
    expect(readings.find((r) => r.at < 30)?.util).toBeCloseTo(0.28, 2);
    expect(readings.filter((r) => r.at >= 130 && r.at < 170).every((r) => r.util === 0)).toBe(true);
    expect(readings.filter((r) => r.at >= 170).every((r) => r.util > 0.3)).toBe(true);
    for (const r of readings) expect(r.reset - (START + r.at * 1000)).toBeGreaterThan(2 * 3_600_000);
    // No credential ever: the demo writes no Authorization, key or cookie header.
    for (const a of proxy) expect(a.line).not.toMatch(/authorization|x-api-key|cookie/i);
  });
});
