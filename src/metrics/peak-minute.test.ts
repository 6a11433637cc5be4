import { describe, expect, it } from 'vitest';
import { BucketSeries } from './bucket-series.js';
import { peakMinute } from './peak-minute.js';
import { MINUTE_MS } from './token-math.js';

describe('peakMinute: the most tokens in one clock minute', () => {
  const t0 = Date.parse('2026-12-02T10:00:00Z');
  it('is what one minute held, not a 5-second burst times twelve', () => {
    const s = new BucketSeries(5_000, 200, 4);
    s.add(t0 + 10_000, [0, 17_000, 0, 0]);
    expect(peakMinute(s, t0 - 5 * MINUTE_MS, t0 + MINUTE_MS)).toBe(17_000);
  });

  it('cuts at clock minutes: 10:00:50 and 10:01:10 are two minutes, 10:01:10 and 10:01:50 one', () => {
    const s = new BucketSeries(5_000, 200, 4);
    s.add(t0 + 50_000, [1_000, 0, 0, 0]);
    s.add(t0 + 70_000, [0, 2_000, 0, 0]);
    s.add(t0 + 110_000, [0, 0, 500, 0]);
    expect(peakMinute(s, t0, t0 + 3 * MINUTE_MS)).toBe(2_500);
    expect(peakMinute(undefined, t0, t0 + MINUTE_MS)).toBe(0);
  });
});
