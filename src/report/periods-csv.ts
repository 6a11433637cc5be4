/** `summary --by … --csv`: one row per period, for a spreadsheet. RFC 4180 quoting; transcript text stripped. */
import { stripControl } from '../parse/untrusted-text.js';
import type { Summary } from './summary.js';

const HEADER = ['period', 'start', 'end', 'title', 'input', 'output', 'cache_creation', 'cache_read', 'responses', 'cost_usd', 'cost_complete', 'models'];

export function renderPeriodsCsv(summary: Summary): string {
  const rows = (summary.periods ?? []).map((p) => [
    p.period,
    p.start,
    p.end,
    p.title ?? '',
    p.totals.input,
    p.totals.output,
    p.totals.cacheCreation,
    p.totals.cacheRead,
    p.totals.responses,
    p.totals.costUSD.toFixed(6),
    p.totals.costComplete,
    p.models.join(' '),
  ]);
  return `${[HEADER, ...rows].map((row) => row.map((v) => csvField(String(v))).join(',')).join('\r\n')}\r\n`;
}

/** One CSV cell: control characters stripped, quoted when it must be, and a formula made text. */
export function csvField(text: string): string {
  const clean = stripControl(text);
  // A leading = + - @ makes a spreadsheet evaluate the cell: quote it and say it is text. A plain
  // negative number stays a number; '-1+cmd|…' is a formula, and is neutralised.
  const safe = /^[=+\-@]/.test(clean) && !/^-?\d+(?:\.\d+)?$/.test(clean) ? `'${clean}` : clean;
  return /[",\r\n]/.test(safe) || safe !== clean ? `"${safe.replace(/"/g, '""')}"` : safe;
}
