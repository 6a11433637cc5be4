import { describe, expect, it } from 'vitest';
import type { Scope, UsageEvent } from '../parse/events.js';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { EventLedger } from './event-ledger.js';
import { LiveMetrics } from './live-metrics.js';
import { watchStats } from './watch-stats.js';

const scope: Scope = { sessionId: 's', agentId: undefined, isSidechain: false, project: 'p', cwd: undefined };
const at = (key: string, time: number, tokens: number): UsageEvent => ({
  kind: 'usage',
  key,
  time,
  model: 'claude-opus-4-6',
  usage: { input: tokens, output: 0, cacheCreation: 0, cacheRead: tokens, cacheCreation5m: 0, cacheCreation1h: 0 },
  scope,
  origin: { file: 'f', line: 1 },
});

describe('watchStats', () => {
  it('covers exactly the watch: the peak minute, the token-weighted cache ratio, nothing after the end', () => {
    const ledger = new EventLedger();
    const live = new LiveMetrics(BUNDLED_PRICES);
    const t0 = Date.parse('2026-11-21T10:00:00Z');
    for (const e of [at('a', t0 + 10_000, 100), at('b', t0 + 70_000, 400), at('late', t0 + 190_000, 10_000)]) live.apply(e, ledger.apply(e));
    const stats = watchStats(live, t0, t0 + 180_000);
    expect(stats.peakTokensPerMinute).toBe(800);
    expect(stats.meanCacheHitRatio).toBe(0.5);
  });

  it('counts what arrived in the first seconds of the watch, and a short watch as one minute', () => {
    const ledger = new EventLedger();
    const live = new LiveMetrics(BUNDLED_PRICES);
    const t0 = Date.parse('2026-11-21T10:00:03Z');
    const e = at('first', t0 + 1000, 300);
    live.apply(e, ledger.apply(e));
    const stats = watchStats(live, t0, t0 + 10_000);
    expect(stats.meanCacheHitRatio).toBe(0.5);
    expect(stats.peakTokensPerMinute).toBe(600);
  });
});
