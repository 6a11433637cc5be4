import { describe, expect, it } from 'vitest';
import { timeAxisLine } from './ChartPanel.js';

describe('timeAxisLine', () => {
  const to = Date.parse('2026-12-02T13:00:00Z');
  it('says how long ago at round steps, now at the right, each label once', () => {
    const line = timeAxisLine(to - 5 * 60_000, to, 100);
    expect(line).toMatch(/^-5m +-4m +-3m +-2m +-1m +now$/);
    const hours = timeAxisLine(to - 6 * 3_600_000, to, 60);
    expect(hours).toMatch(/^-6h +-4h +-2h +now$/);
    expect(timeAxisLine(to - 15 * 60_000, to, 60)).toMatch(/^-15m +-10m +-5m +now$/);
  });

  it('fits its width, never two labels touching', () => {
    for (const width of [4, 12, 37, 80, 190]) {
      const line = timeAxisLine(to - 3_600_000, to, width);
      expect(line.length).toBeLessThanOrEqual(width);
      expect(line).toMatch(/now$/);
      expect(line).not.toMatch(/\S-/);
    }
  });
});
