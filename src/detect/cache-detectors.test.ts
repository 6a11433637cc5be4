import { describe, expect, it } from 'vitest';
import { at, fileOf, quota, response, responseWith, scenario } from '../../test/helpers/detector-scenario.js';
import { cacheMisses } from './cache-detectors.js';
import { burnSpike } from './rate-detectors.js';

/** A request that reads its context from the cache, and one that writes it all again (90k: 112.5k input-equivalent). */
const hit = (minutes: number, agent?: string) => response(minutes, { input: 10, cacheCreation: 500, cacheRead: 90_000, output: 300 }, 's1', agent);
const miss = (minutes: number, agent?: string, tokens = 90_000) => response(minutes, { input: 10, cacheCreation: tokens, cacheRead: 0, output: 300 }, 's1', agent);
const kinds = (found: ReturnType<typeof cacheMisses>) => found.map((a) => [a.kind, a.severity, a.start]);

describe('cache-miss-cascade', () => {
  it('fires on three consecutive rewrites of the context while the session is busy', () => {
    const found = cacheMisses(scenario({ responses: [hit(0), miss(1), miss(2), miss(3), hit(4)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'cache-miss-cascade', severity: 'warn', start: at(1), end: at(3), sessionId: 's1', certainty: 'inferred' });
    expect(found[0]?.message).toBe('3 requests in a row wrote the whole context to the cache again while the session was busy (270k tokens written)');
    expect(found[0]?.evidence).toHaveLength(3);
    expect(found[0]?.evidence[0]).toMatchObject({ kind: 'line', file: fileOf() });
    expect(found[0]?.evidence[0]?.kind === 'line' && found[0].evidence[0].note).toMatch(/wrote 90000 tokens to the cache, read 0$/);
  });

  it('takes two rewrites in a row for two single misses, not a cascade; under 100k input-equivalent each, nothing', () => {
    expect(kinds(cacheMisses(scenario({ responses: [hit(0), miss(1), miss(2), hit(3)] })))).toEqual([
      ['cache-miss', 'warn', at(1)],
      ['cache-miss', 'warn', at(2)],
    ]);
    expect(cacheMisses(scenario({ responses: [hit(0), miss(1, undefined, 60_000), miss(2, undefined, 60_000), hit(3)] }))).toEqual([]);
  });

  it('does not count a small write or one that also reads the cache', () => {
    const small = response(2, { cacheCreation: 15_000, cacheRead: 0 });
    const partial = response(3, { cacheCreation: 50_000, cacheRead: 10_000 });
    expect(cacheMisses(scenario({ responses: [hit(0), small, partial, hit(4)] }))).toEqual([]);
  });

  it('keeps each sub-agent apart: each thread writing its own context first is expected, no cascade', () => {
    const found = cacheMisses(scenario({ responses: [hit(0), miss(1, 'a1'), miss(1.5, 'a2'), miss(2, 'a3'), hit(2.5), hit(3, 'a1')] }));
    expect(found).toEqual([]);
  });
});

describe('every large cache write gets a cause before a rule judges it', () => {
  it('reports a single 347k rewrite 5 s after a 296k read as a miss, with no busy hour before it', () => {
    const read = response(10, { input: 5, cacheCreation: 800, cacheRead: 296_000, output: 200 });
    const rewrite = response(10 + 5 / 60, { input: 5, cacheCreation: 347_000, cacheRead: 0, output: 200 });
    const found = cacheMisses(scenario({ responses: [read, rewrite] }));
    expect(kinds(found)).toEqual([['cache-miss', 'warn', rewrite.time]]);
    expect(found[0]?.message).toBe('a 347k-token cache rewrite 5s after a request that read 296k, inside the 5-minute TTL: a prompt-cache miss (434k input-equivalent)');
    expect(found[0]?.advice).toMatch(/tool lists, MCP servers, CLAUDE\.md/);
  });

  it('takes the TTL a write declared: a 1-hour cache rebuilt after 26 minutes is a miss, a 5-minute one an idle purge', () => {
    const oneHour = responseWith(0, { input: 10, cacheCreation: 90_000, cacheCreation1h: 90_000, output: 100 });
    const later = responseWith(26, { input: 10, cacheCreation: 90_000, cacheCreation1h: 90_000, output: 100 });
    const found = cacheMisses(scenario({ responses: [oneHour, later] }));
    expect(kinds(found)).toEqual([['cache-miss', 'warn', at(26)]]);
    expect(found[0]?.message).toMatch(/inside the 1-hour TTL/);
    const fiveMinutes = responseWith(0, { input: 10, cacheCreation: 90_000, output: 100 });
    const purged = cacheMisses(scenario({ responses: [fiveMinutes, responseWith(26, { input: 10, cacheCreation: 90_000, output: 100 })] }));
    expect(kinds(purged)).toEqual([['idle-purge', 'info', at(26)]]);
    expect(purged[0]?.message).toBe('cache rebuilt after 26 min idle (expected after the 5-minute TTL)');
  });

  it('lists a rebuild after 7 minutes idle once, as an idle purge, and leaves it out of the burn spike', () => {
    // An hour of small steady minutes, then a 7-minute pause and a 400k rebuild with little output.
    const steady = Array.from({ length: 30 }, (_, i) => response(i * 2, { input: 2000, cacheRead: 50_000, output: 500, cacheCreation: 300 }));
    const rebuild = response(58 + 7, { input: 10, cacheCreation: 400_000, cacheRead: 0, output: 300 });
    const input = scenario({ responses: [...steady, rebuild] });
    expect(kinds(cacheMisses(input))).toEqual([['idle-purge', 'info', rebuild.time]]);
    expect(burnSpike(input)).toEqual([]);
    // Near miss: the same rebuild 1 minute after the last request is a miss, and still no burn spike (judged once, by the cache rule).
    const busy = scenario({ responses: [...steady, response(59, { input: 10, cacheCreation: 400_000, cacheRead: 0, output: 300 })] });
    expect(kinds(cacheMisses(busy))).toEqual([['cache-miss', 'warn', at(59)]]);
    expect(burnSpike(busy)).toEqual([]);
  });

  it('expects a rebuild after a model switch, a Claude Code upgrade, a compaction agent and a sub-agent first request', () => {
    const opus = responseWith(0, { cacheRead: 90_000, cacheCreation: 100 }, { model: 'claude-opus-4-6', version: '2.1.7' });
    const switched = responseWith(1, { cacheCreation: 150_000 }, { model: 'claude-sonnet-4-5', version: '2.1.7' });
    const upgraded = responseWith(2, { cacheCreation: 150_000 }, { model: 'claude-sonnet-4-5', version: '2.1.9' });
    const compaction = responseWith(3, { cacheCreation: 150_000 }, { agentId: 'acompact-1a2b3c', version: '2.1.9', model: 'claude-sonnet-4-5' });
    const afterCompaction = responseWith(4, { cacheCreation: 150_000 }, { model: 'claude-sonnet-4-5', version: '2.1.9' });
    const agents = [1, 2, 3, 4, 5].map((i) => responseWith(5, { cacheCreation: 150_000, output: 50 }, { agentId: `a${i}`, version: '2.1.9' }));
    expect(cacheMisses(scenario({ responses: [opus, switched, upgraded, compaction, afterCompaction, ...agents] }))).toEqual([]);
    // Near miss: the same rewrite with nothing changed is a miss.
    const same = responseWith(2, { cacheCreation: 150_000 }, { model: 'claude-sonnet-4-5', version: '2.1.7' });
    expect(kinds(cacheMisses(scenario({ responses: [opus, switched, same] })))).toEqual([['cache-miss', 'warn', at(2)]]);
  });

  it('names two writers: two Claude Code versions taking turns in one session, a 288k rewrite 21 s after a 242k write', () => {
    const a0 = responseWith(0, { cacheRead: 240_000, cacheCreation: 500 }, { version: '2.1.220' });
    const b1 = responseWith(1, { cacheCreation: 242_000 }, { version: '2.1.221' });
    const a2 = responseWith(1 + 21 / 60, { cacheCreation: 288_000 }, { version: '2.1.220' });
    const found = cacheMisses(scenario({ responses: [a0, b1, a2] }));
    expect(kinds(found)).toEqual([['two-writers', 'warn', a2.time]]);
    expect(found[0]?.message).toBe('two Claude Code processes appended to one session (versions 2.1.220 and 2.1.221 take turns): 1 cache rewrite, 288k tokens written, each rebuilding what the other wrote');
    // Near miss: one upgrade that stays is an expected rebuild, nothing to report.
    const b2 = responseWith(1 + 21 / 60, { cacheRead: 242_000, cacheCreation: 500 }, { version: '2.1.221' });
    expect(cacheMisses(scenario({ responses: [a0, b1, b2] }))).toEqual([]);
  });
});

describe("Claude Code's own word on a miss (statusline prompt_cache, 2.1.251+)", () => {
  /** A statusline reading of session s1 at `minutes` whose prompt_cache counts `misses` and names `cause`. */
  const report = (minutes: number, misses: number, cause: string, sessionId = 's1') => ({ ...quota(minutes, 0.3, 300), source: 'statusline' as const, cache: { sessionId, misses, lastMissCause: cause } });
  const read = response(10, { input: 5, cacheCreation: 800, cacheRead: 296_000, output: 200 });
  const rewrite = response(10.1, { input: 5, cacheCreation: 347_000, cacheRead: 0, output: 200 });

  it('names the cause Claude Code gives, and the miss is confirmed', () => {
    const [found] = cacheMisses(scenario({ responses: [read, rewrite], quota: [report(9, 2, 'model_changed'), report(10.5, 3, 'tools_changed')] }));
    expect(found).toMatchObject({ kind: 'cache-miss', certainty: 'confirmed' });
    expect(found?.message).toMatch(/: a prompt-cache miss \(434k input-equivalent\) · Claude Code names the cause: tools_changed$/);
  });

  it('defers to a reported expiry: what tokentop took for a miss is an idle purge', () => {
    expect(kinds(cacheMisses(scenario({ responses: [read, rewrite], quota: [report(9, 2, 'x'), report(10.5, 3, 'ttl_expired')] })))).toEqual([['idle-purge', 'info', rewrite.time]]);
  });

  it('takes no word from another session, nor a report whose miss count did not grow', () => {
    const other = cacheMisses(scenario({ responses: [read, rewrite], quota: [report(9, 2, 'x', 's2'), report(10.5, 3, 'tools_changed', 's2')] }));
    expect(other[0]).toMatchObject({ kind: 'cache-miss', certainty: 'inferred' });
    const same = cacheMisses(scenario({ responses: [read, rewrite], quota: [report(9, 3, 'ttl_expired'), report(10.5, 3, 'ttl_expired')] }));
    expect(same[0]).toMatchObject({ kind: 'cache-miss', certainty: 'inferred' });
  });
});
