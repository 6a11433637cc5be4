import { describe, expect, it } from 'vitest';
import { at, response, scenario } from '../../test/helpers/detector-scenario.js';
import { cacheMisses } from './cache-detectors.js';

/** A request that reads its context from the cache, and one that writes it all again. */
const hit = (minutes: number, agent?: string) => response(minutes, { input: 10, cacheCreation: 500, cacheRead: 90_000, output: 300 }, 's1', agent);
const miss = (minutes: number, agent?: string) => response(minutes, { input: 10, cacheCreation: 90_000, cacheRead: 0, output: 300 }, 's1', agent);

describe('cache-miss-cascade', () => {
  it('fires on three consecutive rewrites of the context while the session is busy', () => {
    const found = cacheMisses(scenario({ responses: [hit(0), miss(1), miss(2), miss(3), hit(4)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'cache-miss-cascade', severity: 'warn', start: at(1), end: at(3), sessionId: 's1' });
    expect(found[0]?.message).toBe('3 requests in a row wrote the whole context to the cache again while the session was busy (270k tokens written)');
    expect(found[0]?.evidence).toHaveLength(3);
    expect(found[0]?.evidence[0]).toMatchObject({ kind: 'line', file: '/t/s1.jsonl' });
    expect(found[0]?.evidence[0]?.kind === 'line' && found[0].evidence[0].note).toMatch(/wrote 90000 tokens to the cache, read 0$/);
  });

  it('does not fire on two rewrites in a row', () => {
    expect(cacheMisses(scenario({ responses: [hit(0), miss(1), miss(2), hit(3), miss(4), miss(5)] }))).toEqual([]);
  });

  it('does not count a small write or one that also reads the cache', () => {
    const small = response(2, { cacheCreation: 15_000, cacheRead: 0 });
    const partial = response(3, { cacheCreation: 50_000, cacheRead: 10_000 });
    expect(cacheMisses(scenario({ responses: [hit(0), miss(1), small, partial, miss(4)] }))).toEqual([]);
  });

  it('calls a rewrite after a gap longer than the TTL an idle purge, and it breaks the run', () => {
    const found = cacheMisses(scenario({ responses: [hit(0), miss(1), miss(2), miss(20), miss(21)] }));
    expect(found.map((a) => [a.kind, a.severity, a.start])).toEqual([['idle-purge', 'info', at(20)]]);
    expect(found[0]?.message).toBe('cache rebuilt after 18 min idle (expected after the 5-minute TTL)');
  });

  it('keeps each sub-agent apart: interleaved threads that each hit are no cascade', () => {
    // The main thread writes its context once, then each agent writes its own once: three writes in time order, one per thread.
    const found = cacheMisses(scenario({ responses: [hit(0), miss(1, 'a1'), miss(1.5, 'a2'), miss(2, 'a3'), hit(2.5), hit(3, 'a1')] }));
    expect(found).toEqual([]);
  });
});
