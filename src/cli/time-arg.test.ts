import { describe, expect, it } from 'vitest';
import { parseDuration, parseTimeArg, timeRange } from './time-arg.js';

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
    // ccusage's YYYYMMDD: local midnight, as a date alone.
    ['20260210', new Date(2026, 1, 10).getTime()],
  ])('%s', (text, expected) => {
    expect(parseTimeArg(text, now)).toBe(expected);
  });
  it.each(['someday', '', '6 parsecs', '2026-13-45', '2026-02-30', '2026-02-30T10:00:00Z', '2025-02-29', '20261399'])('%j is refused', (text) => {
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

describe('timeRange', () => {
  it('refuses a since at or after its until, in one line', () => {
    expect(() => timeRange(['--since', '--until'], ['2026-03-01', '2026-02-01'], now)).toThrow(/^--since 2026-03-01 is not before --until 2026-02-01: the range is empty$/);
    expect(timeRange(['--since', '--until'], ['2024-02-29', '2026-02-01'], now).since).toBe(new Date(2024, 1, 29).getTime());
  });
});
