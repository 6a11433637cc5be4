/**
 * The quota over time, for the quota view: the 5h and 7d utilization the server reported and the
 * local (input-equivalent) tokens of the same moments, at three resolutions, so a chart of 5 hours,
 * a day or a week reads fixed rings of about 300 buckets each (coarser buckets for longer ranges):
 * memory is fixed whatever the length of the record. Reset moments are kept too, to mark them.
 * Pure: times are handed in.
 */
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { BucketSeries } from './bucket-series.js';
import { HOUR_MS, MINUTE_MS } from './token-math.js';

export const QUOTA_RANGES = [
  { name: '5h', ms: 5 * HOUR_MS, bucketMs: MINUTE_MS },
  { name: '24h', ms: 24 * HOUR_MS, bucketMs: 5 * MINUTE_MS },
  { name: '7d', ms: 7 * 24 * HOUR_MS, bucketMs: 30 * MINUTE_MS },
] as const;
export type QuotaRangeName = (typeof QUOTA_RANGES)[number]['name'];

// Channels: 5h utilization sum and count, 7d utilization sum and count, local tokens.
const U5_SUM = 0;
const U5_N = 1;
const U7_SUM = 2;
const U7_N = 3;
const TOKENS = 4;
const CHANNELS = 5;
const MAX_RESETS = 64;

/** One chart of the quota view. */
export interface QuotaChart {
  readonly range: QuotaRangeName;
  readonly from: number;
  readonly to: number;
  readonly sliceMs: number;
  /** Mean utilization (0..1, can exceed 1) per slice; null where no reading fell. */
  readonly util5h: ReadonlyArray<number | null>;
  readonly util7d: ReadonlyArray<number | null>;
  /** Local input-equivalent tokens per slice. */
  readonly tokens: readonly number[];
  /** Moments a window was seen to reset, within [from, to). */
  readonly resets: ReadonlyArray<{ readonly window: '5h' | '7d'; readonly time: number }>;
}

export class QuotaSeries {
  private readonly rings = QUOTA_RANGES.map((r) => new BucketSeries(r.bucketMs, Math.ceil(r.ms / r.bucketMs) + 2, CHANNELS));
  private readonly lastReset = new Map<'5h' | '7d', number>();
  private readonly resets: Array<{ window: '5h' | '7d'; time: number }> = [];

  addReading(q: QuotaReading): void {
    if ((q.window !== '5h' && q.window !== '7d') || q.utilization === undefined) return;
    const values = q.window === '5h' ? [q.utilization, 1, 0, 0, 0] : [0, 0, q.utilization, 1, 0];
    for (const ring of this.rings) ring.add(q.time, values);
    // A reset time later than the last one, after that one passed: the window started again then.
    const previous = this.lastReset.get(q.window);
    if (q.resetAt !== undefined && (previous === undefined || q.resetAt > previous)) {
      if (previous !== undefined && q.time >= previous) {
        this.resets.push({ window: q.window, time: previous });
        if (this.resets.length > MAX_RESETS) this.resets.shift();
      }
      this.lastReset.set(q.window, q.resetAt);
    }
  }

  addTokens(time: number, inputEquivalent: number): void {
    for (const ring of this.rings) ring.add(time, [0, 0, 0, 0, inputEquivalent]);
  }

  /** The chart of `range` ending at `to` (the 5h block's end when it is known, else now). */
  chart(range: QuotaRangeName, to: number): QuotaChart {
    const index = QUOTA_RANGES.findIndex((r) => r.name === range);
    const spec = QUOTA_RANGES[index] ?? QUOTA_RANGES[0];
    const ring = this.rings[Math.max(0, index)];
    if (ring === undefined) throw new Error(`no quota range ${range}`);
    const slices = Math.round(spec.ms / spec.bucketMs);
    const from = to - spec.ms;
    const sums = ring.slices(from, to, slices);
    const mean = (sum: number, n: number): (number | null)[] => Array.from({ length: slices }, (_, i) => ((sums[n]?.[i] ?? 0) > 0 ? (sums[sum]?.[i] ?? 0) / (sums[n]?.[i] ?? 1) : null));
    return {
      range: spec.name,
      from,
      to,
      sliceMs: spec.bucketMs,
      util5h: mean(U5_SUM, U5_N),
      util7d: mean(U7_SUM, U7_N),
      tokens: sums[TOKENS] ?? [],
      resets: this.resets.filter((r) => r.time >= from && r.time < to),
    };
  }
}
