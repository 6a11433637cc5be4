/**
 * A ring of fixed-width time buckets holding sums for a few channels: the rolling window behind
 * every live chart. Memory is fixed at construction (capacity x channels numbers); a value older
 * than the ring is dropped, never stored. Pure: times are passed in.
 */
export class BucketSeries {
  readonly bucketMs: number;
  readonly capacity: number;
  readonly channels: number;
  private readonly sums: Float64Array;
  /** The bucket index (time / bucketMs) each slot holds, or -1. */
  private readonly slotOf: Float64Array;
  private newest = -1;

  constructor(bucketMs: number, capacity: number, channels: number) {
    this.bucketMs = bucketMs;
    this.capacity = capacity;
    this.channels = channels;
    this.sums = new Float64Array(capacity * channels);
    this.slotOf = new Float64Array(capacity).fill(-1);
  }

  /** Add `values` (one per channel) at `time`. Returns false when `time` is older than the ring. */
  add(time: number, values: readonly number[]): boolean {
    const bucket = Math.floor(time / this.bucketMs);
    if (this.newest >= 0 && bucket <= this.newest - this.capacity) return false;
    const slot = bucket % this.capacity;
    if (this.slotOf[slot] !== bucket) {
      this.slotOf[slot] = bucket;
      this.sums.fill(0, slot * this.channels, (slot + 1) * this.channels);
    }
    for (let c = 0; c < this.channels; c++) this.sums[slot * this.channels + c] = (this.sums[slot * this.channels + c] ?? 0) + (values[c] ?? 0);
    if (bucket > this.newest) this.newest = bucket;
    return true;
  }

  /** The sum of `channel` over the bucket holding `time` (0 when the ring no longer holds it). */
  at(time: number, channel: number): number {
    const bucket = Math.floor(time / this.bucketMs);
    const slot = bucket % this.capacity;
    return this.slotOf[slot] === bucket ? (this.sums[slot * this.channels + channel] ?? 0) : 0;
  }

  /**
   * Sums per channel over `columns` equal slices of [from, to): what a chart of that width shows.
   * A bucket counts toward the slice its start falls in.
   */
  slices(from: number, to: number, columns: number): number[][] {
    return sumSlices(from, to, columns, this.bucketMs, this.channels, (first, last, add) => {
      for (let bucket = Math.max(first, this.newest - this.capacity + 1); bucket <= last; bucket++) {
        const slot = bucket % this.capacity;
        if (this.slotOf[slot] === bucket) add(bucket, (c) => this.sums[slot * this.channels + c] ?? 0);
      }
    });
  }
}

/**
 * Sums per channel over `columns` equal slices of [from, to), for any bucket store: `each` hands
 * every held bucket in [first, last] to `add` with a reader of its channels. A bucket counts toward
 * the slice its start falls in.
 */
export function sumSlices(
  from: number,
  to: number,
  columns: number,
  bucketMs: number,
  channels: number,
  each: (first: number, last: number, add: (bucket: number, value: (channel: number) => number) => void) => void,
): number[][] {
  const out = Array.from({ length: channels }, () => new Array<number>(columns).fill(0));
  if (columns <= 0 || to <= from) return out;
  const width = (to - from) / columns;
  each(Math.floor(from / bucketMs), Math.ceil(to / bucketMs) - 1, (bucket, value) => {
    const column = Math.min(columns - 1, Math.floor((bucket * bucketMs - from) / width));
    if (column < 0) return;
    for (let c = 0; c < channels; c++) (out[c] as number[])[column] = ((out[c] as number[])[column] ?? 0) + value(c);
  });
  return out;
}
