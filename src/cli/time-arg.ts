/**
 * `--since` / `--until` values: an ISO date or date-time (a date alone is local midnight; YYYYMMDD too),
 * epoch seconds or ms, or a duration back from now (`90m`, `6h`, `7d`). `now` is passed in.
 */

import { UsageError } from './command-io.js';

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The date part of an ISO date-time: checked, since Date rolls 2026-13-45 over into 2027-02-14. */
const ISO_DATE_PART = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/;

/** Whether year-month-day names a day of the calendar. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function parseTimeArg(text: string, now: number): number | undefined {
  const value = text.trim();
  const duration = DURATION.exec(value);
  if (duration?.[1] !== undefined && duration[2] !== undefined) return now - Number(duration[1]) * (UNIT_MS[duration[2].toLowerCase()] ?? NaN);
  // YYYYMMDD, as ccusage takes it: local midnight of that day.
  const compactDate = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compactDate) {
    const [y, m, d] = [Number(compactDate[1]), Number(compactDate[2]), Number(compactDate[3])];
    return isCalendarDay(y, m, d) ? new Date(y, m - 1, d).getTime() : undefined;
  }
  if (/^\d{9,10}$/.test(value)) return Number(value) * 1000;
  if (/^\d{12,13}$/.test(value)) return Number(value);
  const part = ISO_DATE_PART.exec(value);
  if (part && !isCalendarDay(Number(part[1]), Number(part[2]), Number(part[3]))) return undefined;
  const date = DATE_ONLY.exec(value);
  if (date) return new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3])).getTime();
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** `--since`/`--until` (or `--from`/`--to`) together: an empty range is a mistake, said in one line. */
export function timeRange(names: readonly [string, string], values: readonly [string | undefined, string | undefined], now: number): { since: number | undefined; until: number | undefined } {
  const since = timeOption(names[0], values[0], now);
  const until = timeOption(names[1], values[1], now);
  if (since !== undefined && until !== undefined && since >= until) throw new UsageError(`${names[0]} ${values[0] ?? ''} is not before ${names[1]} ${values[1] ?? ''}: the range is empty`);
  return { since, until };
}

/** A `--since`-like option: undefined when absent, a UsageError when it cannot be read. */
export function timeOption(name: string, value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const t = parseTimeArg(value, now);
  if (t === undefined) throw new UsageError(`${name} ${JSON.stringify(value)} is not a date, a time or a duration like 6h`);
  return t;
}

/** `30s`, `15m`, `6h`, `2d` -> ms; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  return m?.[1] === undefined || m[2] === undefined ? undefined : Number(m[1]) * (UNIT_MS[m[2].toLowerCase()] ?? NaN);
}
