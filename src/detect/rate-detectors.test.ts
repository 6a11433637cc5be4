import { describe, expect, it } from 'vitest';
import { at, fileOf, proxyRequest, quota, response, retry, scenario, scopeOf } from '../../test/helpers/detector-scenario.js';
import { errorKind } from '../parse/error-kind.js';
import { burnSpike, retryStorm, sourceDesync } from './rate-detectors.js';

/**
 * A steady half hour: one ordinary request a minute, 100k read from the cache, 2k written, 1k out:
 * 10k + 2.5k + 5k = 17.5k input-equivalent tokens.
 */
const ordinary = { cacheRead: 100_000, cacheCreation: 2_000, output: 1_000 };
const steady = Array.from({ length: 30 }, (_, i) => response(i, ordinary));

describe('burn-spike', () => {
  it('fires on a minute that writes and outputs far more than usual: weighed by price, 5x the median and above the floor', () => {
    // Two requests that add 100k of new context on top of the cached 100k and answer 5k: 2 x (125k + 10k + 25k).
    // (A rewrite of the whole context is a cache write with a cause: the cache rules judge it, not this one.)
    const grow = { cacheCreation: 100_000, cacheRead: 100_000, output: 5_000 };
    const found = burnSpike(scenario({ responses: [...steady, response(30, grow), response(30.5, grow)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'burn-spike', severity: 'warn', start: at(30), end: at(31), certainty: 'inferred' });
    expect(found[0]?.message).toBe('320k input-equivalent tokens in a minute (writes and output weighed by their price), 18.3x the usual 17.5k');
    expect(found[0]?.evidence.map((e) => e.kind)).toEqual(['figure', 'figure', 'line']);
  });

  it('does not fire on a busy minute of cache reads: 785k tokens at 14.7x the usual count, 97% reads', () => {
    // Ten ordinary requests in one minute, as seen on real data: many tokens, little cost. By raw count
    // it is over the old 500k floor at 14.7x; weighed by price it is 145k input-equivalent, under the floor.
    const usual = Array.from({ length: 30 }, (_, i) => response(i, { cacheRead: 52_000, cacheCreation: 1_000, output: 400 }));
    const busy = Array.from({ length: 10 }, (_, i) => response(30 + i / 20, { cacheRead: 76_000, cacheCreation: 1_500, output: 1_000 }));
    const raw = (rs: typeof busy): number => rs.reduce((n, r) => n + r.cacheRead + r.cacheCreation + r.output, 0);
    expect(raw(busy)).toBe(785_000);
    expect(raw(busy) / raw(usual.slice(0, 1))).toBeCloseTo(14.7, 1);
    expect(burnSpike(scenario({ responses: [...usual, ...busy] }))).toEqual([]);
  });

  it('does not fire at 4x the median, nor at 10x below the floor', () => {
    expect(burnSpike(scenario({ responses: [...steady, response(30, { cacheCreation: 40_000, output: 4_000 })] }))).toEqual([]);
    const quiet = Array.from({ length: 30 }, (_, i) => response(i, { output: 1_000 }));
    expect(burnSpike(scenario({ responses: [...quiet, response(30, { output: 30_000 })] }))).toEqual([]);
  });

  it('needs ten active minutes of history before it judges', () => {
    expect(burnSpike(scenario({ responses: [...steady.slice(0, 9), response(10, { cacheCreation: 2_000_000 })] }))).toEqual([]);
  });
});

describe('retry-storm', () => {
  it('fires on 5 api_error retries within 3 minutes, once for the whole storm', () => {
    const retries = [0, 0.5, 1, 1.5, 2, 2.5, 3.5].map((m) => retry(m));
    const found = retryStorm(scenario({ retries }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'retry-storm', severity: 'warn', start: at(0), end: at(3.5), sessionId: 's1' });
    expect(found[0]?.message).toBe("7 API retries in 4 min (overloaded_error): Anthropic's API was overloaded (529)");
    expect(found[0]?.advice).toMatch(/^wait/);
    expect(found[0]?.evidence).toHaveLength(7);
  });

  it('takes storms in several sessions minutes apart for one outage, one anomaly', () => {
    // Three sessions lose the network within 16 minutes: three storms, one outage.
    const storm = (from: number, session: string) => [0, 0.3, 0.6, 0.9, 1.2].map((m) => retry(from + m, session, 'ConnectionRefused'));
    const found = retryStorm(scenario({ retries: [...storm(0, 'a'), ...storm(5, 'b'), ...storm(15, 'c')] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: at(0), end: at(16.2), sessionId: undefined });
    expect(found[0]?.message).toBe('15 API retries in 16 min across 3 sessions (ConnectionRefused): Claude Code could not reach the API');
    expect(found[0]?.advice).toMatch(/network, VPN or proxy/);
    // Near miss: storms an hour apart are two outages.
    expect(retryStorm(scenario({ retries: [...storm(0, 'a'), ...storm(60, 'b')] }))).toHaveLength(2);
  });

  it.each([
    ['an invalid key', '401', 'API Error: 401 {"type":"error","error":{"type":"authentication_error"}}', 401, 'claude-sonnet-4-5', /\/login/],
    ['a third-party backend throttling', '429', 'API Error: 429 Too many requests', 429, 'glm-4.7', /that provider's rate limit/],
    ["Anthropic's 429", '429', 'API Error: 429 rate_limit_error', 429, 'claude-sonnet-4-5', /^wait; if it comes with a limit message/],
    ['empty errors', undefined, undefined, undefined, 'claude-sonnet-4-5', /look at the session around that time/],
  ])('says what to do about %s', (_name, code, text, status, model, advice) => {
    const retries = [0, 0.5, 1, 1.5, 2].map((m) => ({ ...retry(m), errorCode: code }));
    const apiErrors = text === undefined ? [] : [{ kind: 'api-error' as const, key: 'e1', time: at(2.5), text, status, errorKind: errorKind(text, status), scope: scopeOf(), origin: { file: fileOf(), line: 900 } }];
    const [found] = retryStorm(scenario({ retries, apiErrors, responses: [{ ...response(0, { output: 10 }), model }] }));
    expect(found?.advice).toMatch(advice);
  });

  it('does not fire on 4 retries, on 5 spread over 5 minutes, nor on 5 split across sessions', () => {
    expect(retryStorm(scenario({ retries: [0, 0.5, 1, 1.5].map((m) => retry(m)) }))).toEqual([]);
    expect(retryStorm(scenario({ retries: [0, 1.3, 2.6, 3.9, 5.2].map((m) => retry(m)) }))).toEqual([]);
    expect(retryStorm(scenario({ retries: [0, 0.5, 1].map((m) => retry(m, 'a')).concat([1.5, 2].map((m) => retry(m, 'b'))) }))).toEqual([]);
  });
});

describe('source-desync', () => {
  const local = (tokens: number) => [response(1, { input: tokens / 2 }), response(2, { input: tokens / 2 })];
  /** The proxy saw the same two requests and says they came to `tokens`. */
  const sameTraffic = (responses: ReturnType<typeof local>, tokens: number) => responses.map((r, i) => proxyRequest(i + 1, tokens / 2, r.key));

  it('fires when transcripts and the proxy differ by more than 20% on the same requests', () => {
    const responses = local(200_000);
    const found = sourceDesync(scenario({ responses, proxyRequests: sameTraffic(responses, 158_000) }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'source-desync', severity: 'warn', start: at(0), end: at(10) });
    expect(found[0]?.message).toBe('transcripts counted 200k tokens and the proxy 158k in the same 10 minutes (21% apart)');
  });

  it('does not fire at 19% apart, below the 100k floor, or when the proxy sees other traffic', () => {
    const responses = local(200_000);
    expect(sourceDesync(scenario({ responses, proxyRequests: sameTraffic(responses, 162_000) }))).toEqual([]);
    const small = local(90_000);
    expect(sourceDesync(scenario({ responses: small, proxyRequests: sameTraffic(small, 10_000) }))).toEqual([]);
    expect(sourceDesync(scenario({ responses, proxyRequests: [proxyRequest(1, 150_000, 'msg_of_another_terminal')] }))).toEqual([]);
  });

  it('fires when a quota counter goes down while local usage goes up', () => {
    const found = sourceDesync(scenario({ responses: [response(12, { input: 400_000 })], quota: [quota(10, 0.3, 300), quota(15, 0.25, 300)] }));
    expect(found.map((a) => a.message)).toEqual(['5h counter went down 5 points while 400k tokens were used (proxy)']);
  });

  it('does not fire when the counter goes down with no usage in between (rounding), nor when it rises', () => {
    expect(sourceDesync(scenario({ responses: [response(20, { input: 400_000 })], quota: [quota(10, 0.3, 300), quota(15, 0.25, 300)] }))).toEqual([]);
    expect(sourceDesync(scenario({ responses: [response(12, { input: 400_000 })], quota: [quota(10, 0.3, 300), quota(15, 0.35, 300)] }))).toEqual([]);
  });
});

describe('source-desync against Claude Code\'s telemetry', () => {
  // 40 minutes of 20k-token requests, one a minute: 200k a 10-minute period in the transcripts.
  const local = Array.from({ length: 40 }, (_, i) => response(i, { cacheRead: 20_000 }));
  const exports = (perMinute: (minute: number) => number) => Array.from({ length: 40 }, (_, i) => ({ time: at(i + 0.5), tokens: perMinute(i) }));

  it('warns when the two differ by more than the tolerance in a period with telemetry on both sides', () => {
    const found = sourceDesync(scenario({ responses: local, otelTokens: exports((m) => (m >= 10 && m < 20 ? 40_000 : 20_000)) }));
    expect(found.map((a) => a.start)).toEqual([at(10)]);
    expect(found[0]?.message).toMatch(/transcripts counted 200k tokens and Claude Code's telemetry 400k in the same 10 minutes \(50% apart\)/);
  });

  it('stays quiet when they agree, and at the edges of the telemetry', () => {
    expect(sourceDesync(scenario({ responses: local, otelTokens: exports(() => 21_000) }))).toEqual([]);
    // The last period differs, but no export follows it: left out.
    expect(sourceDesync(scenario({ responses: local, otelTokens: exports((m) => (m >= 30 ? 90_000 : 20_000)) }))).toEqual([]);
  });
});

