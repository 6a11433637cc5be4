/**
 * Sums per time bucket for a few channels, holding only the buckets that were written: a session's
 * own series. A fixed ring per session (6 h of 5-second buckets, 4 channels) cost 140 KB each, most
 * of it zeros: 813 MB with 5,000 one-line session files (measured). This holds a few hundred bytes
 * for a short session, and never more than the ring would (old buckets are dropped past capacity).
 * Same reading as BucketSeries.slices. Pure: times are passed in.
 */
import { sumSlices } from './bucket-series.js';

export class SparseBucketSeries {
  private readonly buckets = new Map<number, Float64Array>();
  private newest = -Infinity;

  constructor(
    readonly bucketMs: number,
    readonly capacity: number,
    readonly channels: number,
  ) {}

  /** Add `values` at `time`; returns false when `time` is older than the capacity behind the newest bucket. */
  add(time: number, values: readonly number[]): boolean {
    const bucket = Math.floor(time / this.bucketMs);
    if (bucket <= this.newest - this.capacity) return false;
    let sums = this.buckets.get(bucket);
    if (sums === undefined) {
      sums = new Float64Array(this.channels);
      this.buckets.set(bucket, sums);
    }
    for (let c = 0; c < this.channels; c++) sums[c] = (sums[c] ?? 0) + (values[c] ?? 0);
    if (bucket > this.newest) {
      this.newest = bucket;
      // Keep within capacity, as the ring would: drop what fell out of it.
      if (this.buckets.size > this.capacity) for (const b of this.buckets.keys()) if (b <= this.newest - this.capacity) this.buckets.delete(b);
    }
    return true;
  }

  /** Buckets held (for tests and memory figures). */
  get size(): number {
    return this.buckets.size;
  }

  /** Sums per channel over `columns` equal slices of [from, to); a bucket counts toward the slice its start falls in. */
  slices(from: number, to: number, columns: number): number[][] {
    return sumSlices(from, to, columns, this.bucketMs, this.channels, (first, last, add) => {
      for (const [bucket, sums] of this.buckets) {
        if (bucket >= first && bucket <= last && bucket > this.newest - this.capacity) add(bucket, (c) => sums[c] ?? 0);
      }
    });
  }
}
