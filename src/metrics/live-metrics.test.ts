import { describe, expect, it } from 'vitest';
import type { Scope, UsageEvent } from '../parse/events.js';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { EventLedger } from './event-ledger.js';
import { LiveMetrics, sliceCount } from './live-metrics.js';

const scope = (sessionId: string): Scope => ({ sessionId, agentId: undefined, isSidechain: false, project: 'p', cwd: '/w' });
const usage = (key: string, time: number, output: number, session = 's1'): UsageEvent => ({
  kind: 'usage',
  key,
  time,
  model: 'claude-opus-4-6',
  usage: { input: 10, output, cacheCreation: 1000, cacheRead: 9000, cacheCreation5m: 1000, cacheCreation1h: 0 },
  scope: scope(session),
  origin: { file: 'f', line: 1 },
});

function feed(events: UsageEvent[]): LiveMetrics {
  const ledger = new EventLedger();
  const live = new LiveMetrics(BUNDLED_PRICES);
  for (const e of events) live.apply(e, ledger.apply(e));
  return live;
}

describe('LiveMetrics', () => {
  const t0 = Date.parse('2026-11-21T10:00:00Z');

  it('counts streaming copies once: the rate and the session total follow the counting rule', () => {
    const live = feed([usage('m1', t0, 3), usage('m1', t0 + 100, 161), usage('m1', t0 + 200, 40)]);
    const view = live.view(t0 + 60_000, 60_000);
    // A minute is twelve 5-second slices: 161 output tokens in the first.
    expect(view.sliceMs).toBe(5000);
    expect(view.tokens.output).toEqual([161, ...new Array<number>(11).fill(0)]);
    expect(view.tokens.input).toEqual([10, ...new Array<number>(11).fill(0)]);
    expect(view.currentRate).toBe(10 + 161 + 1000 + 9000);
    expect(view.windowTokens).toBe(10 + 161 + 1000 + 9000);
    expect(live.sessions.get('s1')).toMatchObject({ tokens: 10 + 161 + 1000 + 9000 });
    // Opus 4.6: 10 x 5 + 1000 x 6.25 + 9000 x 0.5 + 161 x 25, per million.
    expect(live.sessions.get('s1')?.costUSD).toBeCloseTo((10 * 5 + 1000 * 6.25 + 9000 * 0.5 + 161 * 25) / 1e6, 12);
  });

  it('cuts each window into slices of its own, never by a screen width', () => {
    expect([5, 15, 60, 360].map((m) => sliceCount(m * 60_000))).toEqual([60, 90, 120, 120]);
    const live = feed([usage('a', t0, 100), usage('b', t0 + 5 * 60_000, 300, 's2')]);
    const all = live.view(t0 + 10 * 60_000, 10 * 60_000);
    expect(all.tokens.output.length).toBe(120);
    expect(all.tokens.output[0]).toBe(100);
    expect(all.tokens.output[60]).toBe(300);
    expect(all.windowCacheRatio).toBeCloseTo(18_000 / 20_020, 12);
    expect(live.view(t0 + 10 * 60_000, 10 * 60_000, 's2').tokens.output[0]).toBe(0);
  });
});
