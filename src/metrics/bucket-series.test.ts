import { describe, expect, it } from 'vitest';
import { BucketSeries } from './bucket-series.js';

describe('BucketSeries', () => {
  it('sums values per bucket and channel', () => {
    const s = new BucketSeries(1000, 10, 2);
    s.add(1500, [1, 10]);
    s.add(1999, [2, 20]);
    s.add(2000, [4, 40]);
    expect([s.at(1000, 0), s.at(1000, 1), s.at(2000, 0)]).toEqual([3, 30, 4]);
  });

  it('keeps only the newest `capacity` buckets, in fixed memory', () => {
    const s = new BucketSeries(1000, 3, 1);
    for (let t = 0; t < 10_000; t += 1000) s.add(t, [1]);
    expect([s.at(6000, 0), s.at(7000, 0), s.at(8000, 0), s.at(9000, 0)]).toEqual([0, 1, 1, 1]);
    expect(s.add(5000, [1])).toBe(false);
    expect(s.at(5000, 0)).toBe(0);
  });

  it('slices a window into columns, each bucket counted once', () => {
    const s = new BucketSeries(1000, 100, 1);
    for (let t = 0; t < 60_000; t += 1000) s.add(t, [1]);
    const [sums] = s.slices(0, 60_000, 6);
    expect(sums).toEqual([10, 10, 10, 10, 10, 10]);
    const [wide] = s.slices(30_000, 90_000, 3);
    expect(wide).toEqual([20, 10, 0]);
    expect(s.slices(0, 60_000, 7)[0]?.reduce((a, b) => a + b, 0)).toBe(60);
  });
});
