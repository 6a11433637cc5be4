import { describe, expect, it } from 'vitest';
import { fitColumns, headerLine, rowLine, type Column, visibleRows } from './table-columns.js';

interface Row {
  readonly name: string;
  readonly n: number;
}

const COLUMNS: readonly Column<Row>[] = [
  { header: 'name', width: 6, flex: 2, value: (r) => r.name },
  { header: 'kind', width: 6, flex: 1, max: 10, drop: 1, value: () => 'kind' },
  { header: 'n', width: 5, align: 'right', value: (r) => String(r.n) },
  { header: 'age', width: 5, align: 'right', drop: 2, value: () => '3s' },
];

const widths = (width: number): Record<string, number> => Object.fromEntries(fitColumns(COLUMNS, width).map((f) => [f.column.header, f.width]));

describe('fitColumns', () => {
  it('keeps every column when they fit, and gives the spare width by flex share up to a max', () => {
    // 6+6+5+5 and 3 spaces = 25; 15 spare: name +10, kind +4 (its max), the rest to name.
    expect(widths(40)).toEqual({ name: 17, kind: 10, n: 5, age: 5 });
    expect(Object.values(widths(40)).reduce((a, b) => a + b, 0) + 3).toBe(40);
  });

  it('drops whole columns, highest drop order first, before anything is cut', () => {
    // 19 needed once age is gone; 5 spare: name +3, kind +1, the odd one to name.
    expect(widths(24)).toEqual({ name: 10, kind: 7, n: 5 });
    expect(widths(17)).toEqual({ name: 11, n: 5 });
  });

  it('with the rows shown, widens a column whose text is cut before one with blank room', () => {
    const columns: readonly Column<Row>[] = [
      { header: 'title', width: 6, flex: 1, value: (r) => r.name },
      { header: 'model', width: 6, flex: 3, max: 18, value: () => 'opus-5' },
    ];
    const rows = [{ name: 'Fix the auth middleware', n: 1 }];
    const by = (fitted: ReturnType<typeof fitColumns<Row>>): number[] => fitted.map((f) => f.width);
    // By flex share alone the model takes its max (18) and the title 13 of 31: cut. By what the rows
    // hold the title gets its 23 first, then the 2 left go by share (model +1, the odd one to title).
    expect(by(fitColumns(columns, 32))).toEqual([13, 18]);
    expect(by(fitColumns(columns, 32, rows))).toEqual([24, 7]);
  });

  it('never drops a column without a drop order, even when the width is short', () => {
    expect(widths(5)).toEqual({ name: 6, n: 5 });
  });

  it('lays out the header and rows to the fitted widths', () => {
    const fitted = fitColumns(COLUMNS, 17);
    expect(headerLine(fitted)).toBe('name            n');
    expect(rowLine(fitted, { name: 'a very long name', n: 42 })).toBe('a very lon…    42');
  });
});

describe('visibleRows', () => {
  const rows = ['a', 'b', 'c', 'd', 'e', 'f'];
  it('shows all that fit, with no marker', () => {
    expect(visibleRows(rows, 6)).toEqual({ shown: rows, more: undefined });
  });
  it('gives a row to "+N more" when some are left out, and says what is above when scrolled', () => {
    expect(visibleRows(rows, 4)).toEqual({ shown: ['a', 'b', 'c'], more: '+3 more' });
    expect(visibleRows(rows, 4, 2)).toEqual({ shown: ['c', 'd', 'e'], more: '+1 more · 2 above' });
    expect(visibleRows(rows, 4, 99)).toEqual({ shown: ['f'], more: '5 above' });
  });
});
