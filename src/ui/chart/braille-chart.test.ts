import { describe, expect, it } from 'vitest';
import { niceMax, renderChart } from './braille-chart.js';

const SGR = /\u001b\[[0-9;]*m/g;

describe('renderChart', () => {
  const lines = [{ values: [0, 1, 2, 3, 2, 1, 0], color: 'green' }];

  it('draws a line in braille, exactly width x height cells', () => {
    const rows = renderChart(lines, { width: 20, height: 3, max: 3, color: false });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect([...row]).toHaveLength(20);
    expect(rows[0]).toMatch(/[\u2801-\u28ff]/);
    expect(rows[2]?.[0]).not.toBe(' ');
  });

  it('colours runs of cells with well-formed escape sequences, the same cells as without colour', () => {
    const plain = renderChart(lines, { width: 20, height: 3, max: 3, color: false });
    const coloured = renderChart(lines, { width: 20, height: 3, max: 3, color: true });
    for (const row of coloured) for (const code of row.match(/\u001b\[[^m]*m/g) ?? []) expect(code).toMatch(/^\u001b\[(32|39)m$/);
    expect(coloured.map((r) => r.replace(SGR, ''))).toEqual(plain);
    // One span per run, not one per cell.
    expect(coloured[0]?.match(/\u001b\[32m/g)?.length).toBe(1);
  });

  it('breaks the line at null and draws nothing for no data', () => {
    const rows = renderChart([{ values: [null, null], color: 'red' }], { width: 4, height: 1, max: 1, color: false });
    expect(rows).toEqual(['    ']);
  });
});

describe('niceMax', () => {
  it.each([
    [0, 1],
    [3, 5],
    [7, 10],
    [120, 200],
    [4000, 5000],
  ])('%d -> %d', (value, max) => {
    expect(niceMax(value)).toBe(max);
  });

  it('without colour, draws each series with its own glyph where it is, so four series stay apart', () => {
    const series = [
      { values: [3, 3, 3, 3], color: 'cyan', glyph: '.' },
      { values: [0, 0.4, 0, 0], color: 'blue', glyph: 'i' },
      { values: [0, 1, 2, 3], color: 'green', glyph: 'o' },
    ];
    const rows = renderChart(series, { width: 4, height: 4, max: 3, color: false });
    expect(rows).toEqual(['...o', '  o ', ' o  ', ' i  ']);
    // With colour the glyphs are not used: braille dots.
    expect(renderChart(series, { width: 4, height: 4, max: 3, color: true }).join('')).not.toMatch(/[.io]/);
  });
});
