/** What the live monitor saw over its watch period, for the exit summary. Pure. */
import { BUCKET_MS, type LiveMetrics } from './live-metrics.js';

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
  const minutes = Math.max(1, Math.ceil((to - start) / 60_000));
  // A watch shorter than a minute reports its tokens as one minute's, not extrapolated.
  const sliceMinutes = Math.max(1, (to - start) / minutes / 60_000);
  const [input = [], output = [], cacheWrite = [], cacheRead = []] = live.tokens.slices(start, to, minutes);
  let peak = 0;
  let read = 0;
  let denominator = 0;
  for (let m = 0; m < minutes; m++) {
    const prompt = (input[m] ?? 0) + (cacheWrite[m] ?? 0) + (cacheRead[m] ?? 0);
    peak = Math.max(peak, (prompt + (output[m] ?? 0)) / sliceMinutes);
    read += cacheRead[m] ?? 0;
    denominator += prompt;
  }
  const agents = live.subagents.peakConcurrent(from, to);
  return {
    watchedFrom: new Date(from).toISOString(),
    watchedUntil: new Date(to).toISOString(),
    peakTokensPerMinute: peak,
    meanCacheHitRatio: denominator === 0 ? null : read / denominator,
    subagentsSpawned: agents.spawned,
    peakConcurrentSubagents: agents.peak,
  };
}
