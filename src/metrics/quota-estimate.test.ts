import { describe, expect, it } from 'vitest';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { estimateQuota, MIN_READINGS, tokensUpTo } from './quota-estimate.js';

const T = Date.parse('2026-11-21T10:00:00Z');
const MIN = 60_000;
const RESET = T + 5 * 60 * MIN;
const reading = (minutes: number, utilization: number, window: '5h' | '7d' = '5h', resetAt = RESET): QuotaReading => ({ window, time: T + minutes * MIN, utilization, status: 'allowed', resetAt, remaining: undefined, limit: undefined, source: 'statusline' });
/** A steady session: 10k input tokens a minute (10k input-equivalent) from the window's start. */
const steady = (minutes: number) => Array.from({ length: minutes }, (_, i) => ({ time: T + i * MIN + 1, input: 10_000, output: 0, cacheCreation: 0, cacheRead: 0 }));

describe('estimateQuota', () => {
  it('learns the tokens of 1% from (local tokens, utilization) pairs and projects when the window is full', () => {
    // Each 10 minutes of the steady session moves the 5h counter by 5 points: 100k tokens = 5%, so 20k per 1%.
    const readings = [10, 20, 30, 40, 50, 60].map((m) => reading(m, m / 200));
    const e = estimateQuota('5h', readings, tokensUpTo(steady(60)), T + 60 * MIN);
    expect(e.basis).toBe(6);
    expect(e.tokensPerPercent).toBeCloseTo(20_000, 0);
    expect(e.utilization).toBe(0.3);
    expect(e.windowStart).toBe(T);
    expect(e.burnPerMinute).toBeCloseTo(10_000, 0);
    // 70% left at 20k a point, at 10k a minute: 140 minutes.
    expect(((e.fullAt ?? 0) - (T + 60 * MIN)) / MIN).toBeCloseTo(140, 0);
  });

  it(`gives no estimate from fewer than ${MIN_READINGS} readings, or from readings that barely move`, () => {
    const few = [10, 20, 30, 40, 50].map((m) => reading(m, m / 200));
    expect(estimateQuota('5h', few, tokensUpTo(steady(60)), T + 60 * MIN)).toMatchObject({ basis: 5, tokensPerPercent: undefined, fullAt: undefined });
    const flat = [10, 20, 30, 40, 50, 60].map((m) => reading(m, 0.3 + m / 10_000));
    expect(estimateQuota('5h', flat, tokensUpTo(steady(60)), T + 60 * MIN).tokensPerPercent).toBeUndefined();
  });

  it('projects nothing while nothing burns', () => {
    const readings = [10, 20, 30, 40, 50, 60].map((m) => reading(m, m / 200));
    expect(estimateQuota('5h', readings, tokensUpTo(steady(60)), T + 120 * MIN)).toMatchObject({ burnPerMinute: 0, fullAt: undefined });
  });

  it('keeps the windows apart: 7d readings say nothing of the 5h window', () => {
    const readings = [10, 20, 30, 40, 50, 60].map((m) => reading(m, m / 2000, '7d', T + 3 * 24 * 60 * MIN));
    expect(estimateQuota('5h', readings, tokensUpTo(steady(60)), T + 60 * MIN).basis).toBe(0);
    expect(estimateQuota('7d', readings, tokensUpTo(steady(60)), T + 60 * MIN).utilization).toBe(0.03);
  });
});
