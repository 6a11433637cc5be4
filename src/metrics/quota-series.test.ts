import { describe, expect, it } from 'vitest';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { QuotaSeries } from './quota-series.js';

const T = Date.parse('2026-11-21T10:00:00Z');
const MIN = 60_000;
const reading = (minutes: number, utilization: number, resetMinutes: number, window: '5h' | '7d' = '5h'): QuotaReading => ({ window, time: T + minutes * MIN, utilization, status: 'allowed', resetAt: T + resetMinutes * MIN, remaining: undefined, limit: undefined, source: 'statusline' });

describe('QuotaSeries', () => {
  it('charts each window\'s utilization beside the local tokens, a minute a slice over 5 hours', () => {
    const q = new QuotaSeries();
    q.addReading(reading(10, 0.3, 300));
    q.addReading(reading(10.5, 0.32, 300));
    q.addReading(reading(20, 0, 300));
    q.addReading(reading(20, 0.41, 6000, '7d'));
    q.addTokens(T + 10 * MIN, 5000);
    const chart = q.chart('5h', T + 300 * MIN);
    expect(chart.util5h).toHaveLength(300);
    expect(chart.util5h[10]).toBeCloseTo(0.31, 10);
    expect(chart.util5h[20]).toBe(0);
    expect(chart.util5h[30]).toBeNull();
    expect(chart.util7d[20]).toBe(0.41);
    expect(chart.tokens[10]).toBe(5000);
  });

  it('marks the moment a window reset: a new reset time once the old one passed', () => {
    const q = new QuotaSeries();
    q.addReading(reading(10, 0.6, 300));
    // The reset time moving while it is still ahead is no reset (reset-moved's business).
    q.addReading(reading(20, 0.6, 320));
    q.addReading(reading(330, 0.05, 620));
    expect(q.chart('24h', T + 24 * 60 * MIN).resets).toEqual([{ window: '5h', time: T + 320 * MIN }]);
  });

  it('keeps a fixed memory: a week at 30-minute slices, whatever the length of the record', () => {
    const q = new QuotaSeries();
    for (let m = 0; m < 30 * 24 * 60; m += 5) q.addReading(reading(m, (m % 300) / 300, m - (m % 300) + 300));
    const week = q.chart('7d', T + 30 * 24 * 60 * MIN);
    expect(week.util5h).toHaveLength(336);
    expect(week.sliceMs).toBe(30 * MIN);
    expect(week.util5h.every((u) => u !== null)).toBe(true);
  });
});
