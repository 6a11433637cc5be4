/** What the live monitor saw over its watch period, for the exit summary. Pure. */
import { BUCKET_MS, type LiveMetrics } from './live-metrics.js';
import { cacheHitRatio, MINUTE_MS, totalTokens } from './token-math.js';

export interface WatchStats {
  watchedFrom: string;
  watchedUntil: string;
  /** Highest tokens per minute in any whole minute of the period (all types). */
  peakTokensPerMinute: number;
  /** Token-weighted over the period: cache read / (input + cache write + cache read). */
  meanCacheHitRatio: number | null;
  subagentsSpawned: number;
  peakConcurrentSubagents: number;
}

export function watchStats(live: LiveMetrics, from: number, to: number): WatchStats {
  // Slices of about a minute that end exactly at `to` (nothing after the watch may count), starting
  // at the start of the bucket that holds `from` (a bucket counts toward the slice its start is in).
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const minutes = Math.max(1, Math.ceil((to - start) / MINUTE_MS));
  // A watch shorter than a minute reports its tokens as one minute's, not extrapolated.
  const sliceMinutes = Math.max(1, (to - start) / minutes / MINUTE_MS);
  const [input = [], output = [], cacheWrite = [], cacheRead = []] = live.tokens.slices(start, to, minutes);
  let peak = 0;
  const whole = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0 };
  for (let m = 0; m < minutes; m++) {
    const slice = { input: input[m] ?? 0, output: output[m] ?? 0, cacheCreation: cacheWrite[m] ?? 0, cacheRead: cacheRead[m] ?? 0 };
    peak = Math.max(peak, totalTokens(slice) / sliceMinutes);
    for (const key of ['input', 'output', 'cacheCreation', 'cacheRead'] as const) whole[key] += slice[key];
  }
  const agents = live.subagents.peakConcurrent(from, to);
  return {
    watchedFrom: new Date(from).toISOString(),
    watchedUntil: new Date(to).toISOString(),
    peakTokensPerMinute: peak,
    meanCacheHitRatio: cacheHitRatio(whole),
    subagentsSpawned: agents.spawned,
    peakConcurrentSubagents: agents.peak,
  };
}
