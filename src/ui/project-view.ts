/**
 * A window's width-free slices (the store's) projected to a chart's width: neighbouring slices are
 * merged when the chart is narrower than the window's slices, and left as they are when it is wider
 * (the braille canvas spreads them). Rates and ratios are computed after merging, from token sums,
 * so a merged column's cache ratio is token-weighted like the window's. Pure.
 */
import type { WindowView } from '../metrics/live-metrics.js';
import { cacheHitRatio, perMinute } from '../metrics/token-math.js';

/** What the charts draw, one value per column. */
export interface ChartSeries {
  /** Tokens per minute by type. */
  readonly rate: { readonly input: number[]; readonly output: number[]; readonly cacheWrite: number[]; readonly cacheRead: number[] };
  /** Token-weighted; null where nothing was read or written. */
  readonly cacheRatio: Array<number | null>;
  /** The most sub-agents active in any merged slice. */
  readonly activeSubagents: number[];
}

export function projectView(view: WindowView, columns: number): ChartSeries {
  const slices = view.activeSubagents.length;
  const n = Math.max(1, Math.min(slices, Math.floor(columns)));
  const groups = Array.from({ length: n }, (_, g) => [Math.floor((g * slices) / n), Math.floor(((g + 1) * slices) / n)] as const);
  const sum = (xs: readonly number[], [a, b]: readonly [number, number]): number => xs.slice(a, b).reduce((t, x) => t + x, 0);
  const rate = (xs: readonly number[]): number[] => groups.map((g) => perMinute(sum(xs, g), (g[1] - g[0]) * view.sliceMs));
  const t = view.tokens;
  return {
    rate: { input: rate(t.input), output: rate(t.output), cacheWrite: rate(t.cacheWrite), cacheRead: rate(t.cacheRead) },
    cacheRatio: groups.map((g) => cacheHitRatio({ input: sum(t.input, g), cacheCreation: sum(t.cacheWrite, g), cacheRead: sum(t.cacheRead, g) })),
    activeSubagents: groups.map(([a, b]) => Math.max(0, ...view.activeSubagents.slice(a, b))),
  };
}
