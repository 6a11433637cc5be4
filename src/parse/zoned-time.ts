/**
 * Wall-clock time in an IANA zone, with nothing but Intl: limit messages say "resets 5am (America/Los_Angeles)"
 * and we need the instant. Pure; formatters are cached because constructing one costs ~50 µs.
 */

export interface WallTime {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

export interface WallDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    // Throws RangeError for an unknown zone: callers treat that as "cannot resolve".
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

function partsOf(epochMs: number, zone: string): WallTime & { second: number; weekday: number } {
  const fields: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(epochMs))) fields[p.type] = p.value;
  return {
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: WEEKDAYS.indexOf(fields.weekday ?? ''),
  };
}

/** True when `zone` is an IANA zone name this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC at `epochMs`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const p = partsOf(epochMs, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The calendar date in `zone` at `epochMs`. */
export function wallDateOf(epochMs: number, zone: string): WallDate {
  const p = partsOf(epochMs, zone);
  return { year: p.year, month: p.month, day: p.day, weekday: p.weekday };
}

/**
 * The instant at which clocks in `zone` show `wall`. In a DST gap the later offset wins;
 * in an overlap, the first occurrence.
 */
export function wallTimeToEpoch(wall: WallTime, zone: string): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // An instant t shows `wall` when t + offset(t) === guess. Two offsets around a transition give
  // at most two candidates: both valid in an overlap (take the first), none valid in a gap (take the later).
  const candidates = [guess - zoneOffsetMs(guess, zone)];
  candidates.push(guess - zoneOffsetMs(candidates[0] as number, zone));
  const valid = candidates.filter((t) => t + zoneOffsetMs(t, zone) === guess);
  return valid.length > 0 ? Math.min(...valid) : Math.max(...candidates);
}

/** `wall` shifted by whole days, with month and year carry (the calendar, not the zone). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
