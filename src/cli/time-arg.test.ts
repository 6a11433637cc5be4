import { describe, expect, it } from 'vitest';
import { parseDuration, parseTimeArg } from './time-arg.js';

const now = Date.parse('2026-11-21T12:00:00Z');

describe('parseTimeArg', () => {
  it.each([
    ['6h', now - 6 * 3_600_000],
    ['90m', now - 90 * 60_000],
    ['7d', now - 7 * 86_400_000],
    ['2026-02-10T10:00:00Z', Date.parse('2026-02-10T10:00:00Z')],
    ['1755212400', 1755212400_000],
    ['1755212400123', 1755212400123],
    ['2026-02-10', new Date(2026, 1, 10).getTime()],
  ])('%s', (text, expected) => {
    expect(parseTimeArg(text, now)).toBe(expected);
  });
  it.each(['someday', '', '6 parsecs'])('%j is refused', (text) => {
    expect(parseTimeArg(text, now)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it('reads s/m/h/d/w and refuses the rest', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1w')).toBe(604_800_000);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
