import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from './token-math.js';
import { WatchTally } from './watch-tally.js';

const tokens = (cacheRead: number, input = 0) => ({ input, output: 0, cacheCreation: 0, cacheRead });

describe('WatchTally', () => {
  it('keeps the busiest minute and the spawns of the whole watch, past the prune horizon', () => {
    const t = new WatchTally(0);
    t.addTokens(10 * MINUTE_MS, tokens(900, 100), 'f', 'a');
    t.addTokens(10 * MINUTE_MS + 5, tokens(100), 'f', 'b');
    t.addSpawn(10 * MINUTE_MS, 3);
    t.pruneBefore(100 * MINUTE_MS);
    t.addTokens(200 * MINUTE_MS, tokens(50), 'f', 'c');
    t.addSpawn(200 * MINUTE_MS, 1);
    expect(t.figures()).toEqual({ peakTokensPerMinute: 1100, meanCacheHitRatio: 1050 / 1150, subagentsSpawned: 2, peakConcurrentSubagents: 3 });
  });

  it('leaves out the copies a resumed session carried over: 3+ responses on one millisecond of one file', () => {
    const t = new WatchTally(0);
    t.addTokens(MINUTE_MS, tokens(10), 'f', 'own');
    for (const key of ['c1', 'c2', 'c3', 'c4']) t.addTokens(5 * MINUTE_MS, tokens(1_000_000), 'resumed', key);
    // Two lines of one response on one millisecond are one response, not copies.
    t.addTokens(7 * MINUTE_MS, tokens(300), 'g', 'r');
    t.addTokens(7 * MINUTE_MS, tokens(200), 'g', 'r');
    expect(t.figures().peakTokensPerMinute).toBe(500);
    expect(t.figures().meanCacheHitRatio).toBe(1);
  });

  it('counts nothing before the watch began', () => {
    const t = new WatchTally(1000);
    t.addTokens(999, tokens(5), 'f', 'x');
    t.addSpawn(999, 9);
    expect(t.figures()).toEqual({ peakTokensPerMinute: 0, meanCacheHitRatio: null, subagentsSpawned: 0, peakConcurrentSubagents: 0 });
  });
});
