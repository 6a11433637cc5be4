/**
 * "Peak" has one meaning everywhere (the rate chart, the exit summary, snapshots): the most tokens
 * (all types) in one clock minute (hh:mm:00 to hh:mm:59) that overlaps [from, to]. The chart used to
 * show its busiest 5-second slice times twelve (207k/min for a window of 17k tokens), and the exit
 * summary the busiest minute counted from the watch's start: three figures for one question.
 */
import { MINUTE_MS } from './token-math.js';

interface Sliced {
  slices(from: number, to: number, columns: number): number[][];
}

export function peakMinute(series: Sliced | undefined, from: number, to: number): number {
  if (series === undefined || to <= from) return 0;
  const start = Math.floor(from / MINUTE_MS) * MINUTE_MS;
  const minutes = Math.max(1, Math.ceil((to - start) / MINUTE_MS));
  const channels = series.slices(start, start + minutes * MINUTE_MS, minutes);
  let peak = 0;
  for (let m = 0; m < minutes; m++) peak = Math.max(peak, channels.reduce((sum, c) => sum + (c[m] ?? 0), 0));
  return peak;
}
