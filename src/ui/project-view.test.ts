import { describe, expect, it } from 'vitest';
import type { WindowView } from '../metrics/live-metrics.js';
import { projectView } from './project-view.js';

/** A 10-minute window of 120 five-second slices with 100 output tokens in slice 0 and 300 in slice 60. */
function view(): WindowView {
  const zeros = (): number[] => new Array<number>(120).fill(0);
  const tokens = { input: zeros(), output: zeros(), cacheWrite: zeros(), cacheRead: zeros() };
  tokens.output[0] = 100;
  tokens.output[60] = 300;
  tokens.input[0] = 10;
  tokens.cacheRead[0] = 90;
  tokens.input[60] = 50;
  tokens.cacheRead[60] = 50;
  const activeSubagents = zeros();
  activeSubagents[10] = 3;
  activeSubagents[11] = 1;
  return { from: 0, to: 600_000, sliceMs: 5000, tokens, activeSubagents, windowCacheRatio: 140 / 200, windowTokens: 600, peakMinute: 0,
    currentRate: 0 };
}

describe('projectView', () => {
  it('merges slices into the columns a chart has: rates per minute, token-weighted ratios, the most sub-agents at once', () => {
    const two = projectView(view(), 2);
    expect(two.rate.output).toEqual([100 / 5, 300 / 5]);
    expect(two.cacheRatio).toEqual([90 / 100, 50 / 100]);
    expect(two.activeSubagents).toEqual([3, 0]);
    // Merging all: the ratio of the sums, not the mean of the ratios.
    expect(projectView(view(), 1).cacheRatio).toEqual([140 / 200]);
  });

  it('keeps the slices as they are for a chart wider than the window has slices', () => {
    const wide = projectView(view(), 400);
    expect(wide.rate.output).toHaveLength(120);
    expect(wide.rate.output[0]).toBe(100 * 12);
    expect(wide.cacheRatio[1]).toBeNull();
  });

  it('gives a chart of any width (that splits the slices evenly) the same total tokens', () => {
    for (const columns of [1, 8, 30, 120]) {
      const p = projectView(view(), columns);
      const perColumnMs = (600_000 / p.rate.output.length);
      const tokens = p.rate.output.reduce((sum, rate) => sum + (rate * perColumnMs) / 60_000, 0);
      expect(tokens).toBeCloseTo(400, 6);
    }
  });
});
