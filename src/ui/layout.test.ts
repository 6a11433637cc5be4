import { describe, expect, it } from 'vitest';
import { CHART_CHROME, computeLayout, TABLE_CHROME, type Layout } from './layout.js';

/** Every row of the screen accounted for: header, panels, footer. */
function used(l: Layout): number {
  const charts = l.sideBySide ? l.rateChart + CHART_CHROME + l.smallCharts + CHART_CHROME : l.rateChart + 3 * CHART_CHROME + 2 * l.smallCharts;
  const tables = l.sideBySide ? l.sessionRows + TABLE_CHROME : l.sessionRows + l.agentRows + 2 * TABLE_CHROME;
  return 2 + charts + tables + l.anomalyRows + 2;
}

describe('computeLayout', () => {
  const sizes: Array<[number, number]> = [
    [80, 23],
    [100, 29],
    [120, 39],
    [200, 59],
    [72, 54],
    [80, 59],
    [60, 40],
  ];

  it('uses every row, at every size, whatever the tables hold', () => {
    for (const [cols, rows] of sizes) {
      for (const content of [{ sessions: 0, agents: 0 }, { sessions: 4, agents: 1 }, { sessions: 300, agents: 40 }]) {
        const l = computeLayout(cols, rows, content);
        expect(l.kind).not.toBe('short');
        expect(used(l), `${cols}x${rows}`).toBe(rows);
      }
    }
  });

  it('stacks the panels full width in a vertical split (72x55), instead of six lines of text', () => {
    const l = computeLayout(72, 54, { sessions: 6, agents: 2 });
    expect(l.kind).toBe('stacked');
    expect(l.sideBySide).toBe(false);
    expect(l.rateChart).toBeGreaterThanOrEqual(8);
    expect(l.smallCharts).toBeGreaterThanOrEqual(4);
    // The tables show what they hold: a header and 6 sessions (and a spare row), 2 agents.
    expect(l.sessionRows).toBeGreaterThanOrEqual(7);
    expect(l.agentRows).toBeGreaterThanOrEqual(3);
  });

  it('shares a tall screen among the charts and the tables (80x60: the rate chart took 38 rows, the others 2)', () => {
    const l = computeLayout(80, 59, { sessions: 12, agents: 3 });
    expect(l.rateChart).toBeLessThan(30);
    expect(l.smallCharts).toBeGreaterThanOrEqual(8);
    expect(l.sessionRows).toBeGreaterThanOrEqual(13);
  });

  it('keeps 80x24 as it was, and falls back to text only where nothing fits', () => {
    expect(computeLayout(80, 23)).toMatchObject({ kind: 'compact', rateChart: 4, smallCharts: 2, sessionRows: 3 });
    expect(computeLayout(72, 30).kind).toBe('short');
    expect(computeLayout(39, 60).kind).toBe('short');
  });

  it('gives the rows of flat charts to the tables (the real sample at 200x60: 12 of 52 sessions shown under empty charts)', () => {
    const full = computeLayout(200, 59, { sessions: 52, agents: 0 });
    const flat = computeLayout(200, 59, { sessions: 52, agents: 0, chartsEmpty: true });
    expect(flat.chartsCollapsed).toBe(true);
    expect(flat.sessionRows).toBeGreaterThanOrEqual(full.sessionRows + 20);
    // Every row still used: header, the charts' one line, the table, the anomaly panel, footer.
    expect(2 + 1 + flat.sessionRows + TABLE_CHROME + flat.anomalyRows + 2).toBe(59);
    const few = computeLayout(80, 23, { sessions: 2, agents: 0, chartsEmpty: true });
    expect(few.sessionRows).toBe(4);
    expect(2 + 1 + few.sessionRows + TABLE_CHROME + few.anomalyRows + 2).toBe(23);
  });
});
