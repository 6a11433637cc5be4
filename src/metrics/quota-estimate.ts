/**
 * What the server's readings say about the local tokens: from pairs of (local input-equivalent
 * tokens spent in the window so far, the window's utilization), the tokens one percent of the
 * window is worth, and at the current burn rate, when the window would be full. Usage elsewhere
 * (claude.ai, another machine) counts toward the same limit, so the figure is this machine's share:
 * it is shown with the number of readings it rests on, and not at all below MIN_READINGS.
 * Pure: readings, responses and `now` in.
 */
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { HOUR_MS, inputEquivalentTokens, MINUTE_MS, type TokenCounts } from './token-math.js';

/** Fewer pairs than this, or spanning fewer percentage points, give no estimate. */
export const MIN_READINGS = 6;
export const MIN_SPAN_POINTS = 5;
/** Readings under this say more about rounding than about the window. */
const MIN_UTILIZATION = 0.02;
const BURN_MS = 15 * MINUTE_MS;
const WINDOW_MS = { '5h': 5 * HOUR_MS, '7d': 7 * 24 * HOUR_MS } as const;

export interface QuotaEstimate {
  readonly window: '5h' | '7d';
  /** The latest reading's utilization (0..1) and reset. */
  readonly utilization: number | undefined;
  readonly resetAt: number | undefined;
  /** The window the latest reading is in: [resetAt - its length, resetAt). */
  readonly windowStart: number | undefined;
  /** Input-equivalent tokens per 1% of the window; undefined with too few readings. */
  readonly tokensPerPercent: number | undefined;
  /** The readings the estimate rests on, and the percentage points they span. */
  readonly basis: number;
  readonly spanPoints: number;
  /** Local input-equivalent tokens a minute over the last 15 minutes. */
  readonly burnPerMinute: number;
  /** When the window would be full at that rate; undefined without an estimate or a burn. */
  readonly fullAt: number | undefined;
}

type Timed = TokenCounts & { readonly time: number };

/** Local input-equivalent tokens at or before a moment: built once, asked for both windows. */
export type TokensUpTo = (time: number) => number;

export function tokensUpTo(responses: readonly Timed[]): TokensUpTo {
  const sorted = [...responses].sort((a, b) => a.time - b.time);
  const times = sorted.map((r) => r.time);
  const cumulative: number[] = [0];
  for (const r of sorted) cumulative.push((cumulative.at(-1) ?? 0) + inputEquivalentTokens(r));
  return (t) => cumulative[upperBound(times, t)] ?? 0;
}

export function estimateQuota(window: '5h' | '7d', readings: readonly QuotaReading[], upTo: TokensUpTo, now: number): QuotaEstimate {
  const length = WINDOW_MS[window];

  const own = readings.filter((q) => q.window === window && q.utilization !== undefined && q.time <= now).sort((a, b) => a.time - b.time);
  const latest = own.at(-1);
  let sumXY = 0;
  let sumXX = 0;
  let basis = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const q of own) {
    if (q.resetAt === undefined || (q.utilization ?? 0) < MIN_UTILIZATION || q.time < now - 4 * WINDOW_MS['7d']) continue;
    const points = (q.utilization ?? 0) * 100;
    const local = upTo(q.time) - upTo(q.resetAt - length);
    sumXY += points * local;
    sumXX += points * points;
    basis += 1;
    low = Math.min(low, points);
    high = Math.max(high, points);
  }
  const tokensPerPercent = basis >= MIN_READINGS && high - low >= MIN_SPAN_POINTS && sumXX > 0 ? sumXY / sumXX : undefined;
  const burnPerMinute = (upTo(now) - upTo(now - BURN_MS)) / (BURN_MS / MINUTE_MS);
  const left = latest?.utilization === undefined ? undefined : Math.max(0, 100 - latest.utilization * 100);
  const fullAt = tokensPerPercent !== undefined && left !== undefined && burnPerMinute > 0 ? now + ((left * tokensPerPercent) / burnPerMinute) * MINUTE_MS : undefined;
  return {
    window,
    utilization: latest?.utilization,
    resetAt: latest?.resetAt,
    windowStart: latest?.resetAt === undefined ? undefined : latest.resetAt - length,
    tokensPerPercent,
    basis,
    spanPoints: basis === 0 ? 0 : high - low,
    burnPerMinute,
    fullAt,
  };
}

/** The number of values in sorted `xs` at or below `x`. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
