import { describe, expect, it } from 'vitest';
import { csvField } from './periods-csv.js';

describe('csvField', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+cmd', `"'+1+cmd"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['-1+cmd|\' /C calc\'!A0', `"'-1+cmd|' /C calc'!A0"`],
    ['-x', `"'-x"`],
  ])('makes a formula text: %s', (cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });

  it.each([['-12'], ['-0.5'], ['42'], ['claude-opus-4-6']])('leaves a number or a plain name as it is: %s', (cell) => {
    expect(csvField(cell)).toBe(cell);
  });
});
