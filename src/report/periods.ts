/**
 * `summary --by`: the report's responses cut into periods (day, week, month, session, or the
 * 5-hour billing block), each with the same totals as the report's, so that the periods add up to
 * `totals` exactly. Days, weeks and months are calendar periods of a time zone (the machine's by
 * default): a day is where a person's day is. Pure: records, prices and a zone in.
 */
import type { LedgerView } from '../metrics/event-ledger.js';
import { HOUR_MS } from '../metrics/token-math.js';
import type { PriceTable } from '../pricing/price-table.js';
import { addRecord, costLookup, emptyTotals, type TokenTotals } from '../metrics/token-totals.js';

export const PERIOD_KINDS = ['day', 'week', 'month', 'session', 'block'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodSummary {
  /** `2026-12-02`, `2026-W49` (ISO week), `2026-12`, a session id, or the block's start. */
  period: string;
  /** The period's bounds (a session's: its first and last response); ISO, UTC. */
  start: string;
  end: string;
  /** A session's title, when it has one. */
  title?: string | null;
  /** A session's project: the cwd of its first response, else the project dir's name. */
  project?: string;
  totals: TokenTotals;
  models: string[];
}

/** A billing block lasts 5 hours from the hour of its first response (as ccusage has it). */
const BLOCK_MS = 5 * HOUR_MS;

export function periodsOf(ledger: LedgerView, kind: PeriodKind, prices: PriceTable, zone: string, inRange: (t: number) => boolean): PeriodSummary[] {
  const records = [...ledger.usage.values()].filter((r) => inRange(r.time)).sort((a, b) => a.time - b.time || a.key.localeCompare(b.key));
  const periods = new Map<string, { start: number; end: number; totals: TokenTotals; models: Set<string>; title?: string | null; project?: string }>();
  const calendar = kind === 'day' || kind === 'week' || kind === 'month' ? calendarOf(zone) : undefined;
  let blockStart = -Infinity;
  let lastTime = -Infinity;
  const costOf = costLookup(prices);
  for (const r of records) {
    let key: string;
    let start: number;
    let end: number;
    if (kind === 'session') {
      key = r.scope.sessionId;
      start = r.time;
      end = r.folded?.lastTime ?? r.time;
    } else if (kind === 'block') {
      // A new block when the last one is over, or after 5 quiet hours.
      if (r.time >= blockStart + BLOCK_MS || r.time - lastTime >= BLOCK_MS) blockStart = Math.floor(r.time / HOUR_MS) * HOUR_MS;
      key = new Date(blockStart).toISOString();
      start = blockStart;
      end = blockStart + BLOCK_MS;
    } else {
      ({ key, start, end } = (calendar as Calendar)(kind, r.time));
    }
    lastTime = Math.max(lastTime, r.folded?.lastTime ?? r.time);
    let p = periods.get(key);
    if (p === undefined) {
      p = { start, end, totals: emptyTotals(), models: new Set() };
      if (kind === 'session') {
        p.title = ledger.titleOf(key) ?? null;
        // Records come in time order: the first one's is the session's start.
        p.project = r.scope.cwd ?? r.scope.project;
      }
      periods.set(key, p);
    }
    p.start = Math.min(p.start, start);
    p.end = Math.max(p.end, end);
    addRecord(p.totals, r, costOf(r));
    p.models.add(r.model);
  }
  return [...periods]
    .sort((a, b) => a[1].start - b[1].start || a[0].localeCompare(b[0]))
    .map(([period, p]) => ({ period, start: new Date(p.start).toISOString(), end: new Date(p.end).toISOString(), ...(p.title === undefined ? {} : { title: p.title }), ...(p.project === undefined ? {} : { project: p.project }), totals: p.totals, models: [...p.models].sort() }));
}

type Calendar = (kind: 'day' | 'week' | 'month', time: number) => { key: string; start: number; end: number };

/** The calendar of a time zone: a moment's day, ISO week or month there, and their bounds as instants. */
function calendarOf(zone: string): Calendar {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const fields = (t: number): Record<string, number> => Object.fromEntries(parts.formatToParts(t).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
  // The instant a wall time of the zone is: its UTC reading corrected by the zone's offset then.
  const instant = (y: number, m: number, d: number): number => {
    const guess = Date.UTC(y, m - 1, d);
    const f = fields(guess);
    const offset = Date.UTC(f.year ?? y, (f.month ?? m) - 1, f.day ?? d, f.hour ?? 0, f.minute ?? 0, f.second ?? 0) - guess;
    const first = guess - offset;
    const g = fields(first);
    const again = Date.UTC(g.year ?? y, (g.month ?? m) - 1, g.day ?? d, g.hour ?? 0, g.minute ?? 0, g.second ?? 0) - first;
    return guess - again;
  };
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (kind, time) => {
    const f = fields(time);
    const y = f.year ?? 1970;
    const m = f.month ?? 1;
    const d = f.day ?? 1;
    if (kind === 'day') return { key: `${y}-${pad(m)}-${pad(d)}`, start: instant(y, m, d), end: instant(y, m, d + 1) };
    if (kind === 'month') return { key: `${y}-${pad(m)}`, start: instant(y, m, 1), end: instant(y, m + 1, 1) };
    // ISO week: Monday to Sunday; the week's year is the year of its Thursday.
    const civil = new Date(Date.UTC(y, m - 1, d));
    const weekday = (civil.getUTCDay() + 6) % 7;
    const monday = new Date(Date.UTC(y, m - 1, d - weekday));
    const thursday = new Date(Date.UTC(y, m - 1, d - weekday + 3));
    const weekYear = thursday.getUTCFullYear();
    const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000)) + 1;
    const start = instant(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
    return { key: `${weekYear}-W${pad(week)}`, start, end: instant(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate() + 7) };
  };
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
