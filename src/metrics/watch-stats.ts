/** What the live monitor saw over its watch period, for the exit summary. Pure. */
import { BUCKET_MS, type LiveMetrics } from './live-metrics.js';
import { peakMinute } from './peak-minute.js';
import { cacheHitRatio, MINUTE_MS } from './token-math.js';

export interface WatchStats {
  watchedFrom: string;
  watchedUntil: string;
  /** The most tokens (all types) in one clock minute of the period: the monitor's "peak" (peak-minute.ts). */
  peakTokensPerMinute: number;
  /** Token-weighted over the period: cache read / (input + cache write + cache read). */
  meanCacheHitRatio: number | null;
  subagentsSpawned: number;
  peakConcurrentSubagents: number;
}

export function watchStats(live: LiveMetrics, from: number, to: number): WatchStats {
  // The cache ratio over the watch: from the start of the bucket that holds `from` to `to`.
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const minutes = Math.max(1, Math.ceil((to - start) / MINUTE_MS));
  const [input = [], output = [], cacheWrite = [], cacheRead = []] = live.tokens.slices(start, to, minutes);
  const peak = peakMinute(live.tokens, from, to);
  const whole = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0 };
  for (let m = 0; m < minutes; m++) {
    const slice = { input: input[m] ?? 0, output: output[m] ?? 0, cacheCreation: cacheWrite[m] ?? 0, cacheRead: cacheRead[m] ?? 0 };
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
