import { describe, expect, it } from 'vitest';
import { BucketSeries } from './bucket-series.js';
import { SparseBucketSeries } from './sparse-bucket-series.js';

describe('SparseBucketSeries', () => {
  it('reads the same slices as the ring it replaces, for a seeded stream of writes', () => {
    const ring = new BucketSeries(5000, 200, 3);
    const sparse = new SparseBucketSeries(5000, 200, 3);
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let t = 1_000_000;
    for (let i = 0; i < 2000; i++) {
      t += Math.floor(next() * 4000);
      const values = [Math.floor(next() * 100), Math.floor(next() * 10), 1];
      expect(sparse.add(t, values)).toBe(ring.add(t, values));
    }
    for (const [span, columns] of [
      [60_000, 12],
      [600_000, 7],
      [1_000_000, 120],
    ] as const) {
      expect(sparse.slices(t - span, t, columns)).toEqual(ring.slices(t - span, t, columns));
    }
  });

  it('holds only the buckets written, never more than its capacity', () => {
    const s = new SparseBucketSeries(5000, 100, 4);
    s.add(0, [1, 2, 3, 4]);
    expect(s.size).toBe(1);
    for (let i = 0; i < 1000; i++) s.add(i * 5000, [1, 0, 0, 0]);
    expect(s.size).toBeLessThanOrEqual(101);
  });
});
