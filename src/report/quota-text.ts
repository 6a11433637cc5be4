/**
 * The report's QUOTA section: per window and source, the readings' range, how often the window was
 * seen to reset, and the drops the detectors found. What a user brings to a dispute in one glance.
 */
import { grouped, shortTime } from './format.js';
import { fitColumns, headerLine, rowLine, type Column } from './table-columns.js';
import { wrap } from './text-width.js';
import type { Summary } from './summary.js';

const WINDOWS = ['5h', '7d', 'overage'] as const;

interface QuotaRow {
  readonly window: string;
  readonly source: string;
  readonly readings: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly low: number;
  readonly high: number;
  readonly now: number | undefined;
  readonly resets: number;
  readonly drops: number;
}

/** Narrow, the range of readings (first, low, high) goes before the figures a dispute needs. */
const COLUMNS: readonly Column<QuotaRow>[] = [
  { header: 'window', width: 7, value: (r) => r.window },
  { header: 'source', width: 10, value: (r) => r.source },
  { header: 'readings', width: 8, align: 'right', drop: 2, value: (r) => grouped(r.readings) },
  { header: 'first', width: 16, drop: 5, value: (r) => shortTime(r.first) },
  { header: 'last', width: 16, drop: 1, value: (r) => shortTime(r.last) },
  { header: 'low', width: 5, align: 'right', drop: 4, value: (r) => pct(r.low) },
  { header: 'high', width: 5, align: 'right', drop: 3, value: (r) => pct(r.high) },
  { header: 'now', width: 5, align: 'right', value: (r) => pct(r.now) },
  { header: 'resets', width: 6, align: 'right', value: (r) => String(r.resets) },
  { header: 'drops', width: 5, align: 'right', value: (r) => String(r.drops) },
];

export function quotaSection(summary: Summary, width = 100): string[] {
  const quota = summary.quota ?? [];
  const record = summary.statusline;
  if (quota.length === 0 && record === undefined) return [];
  const head = record === undefined ? '' : ` · local record ${record.file}: ${grouped(record.readings)} readings${record.malformed > 0 ? `, ${grouped(record.malformed)} broken lines skipped` : ''}`;
  const out = ['', ...wrap(`QUOTA${head}`, width)];
  if (quota.length === 0) {
    out.push(...wrap(record?.found === true ? 'no reading in this range' : "no reading yet: set 'tokentop statusline' as Claude Code's statusLine command (see the README)", width));
    return out;
  }
  const rows: QuotaRow[] = [];
  for (const window of WINDOWS) {
    for (const source of [...new Set(quota.filter((q) => q.window === window).map((q) => q.source))].sort()) {
      const readings = quota.filter((q) => q.window === window && q.source === source);
      const used = readings.map((q) => q.utilization).filter((u): u is number => u !== null);
      // A new reset time once the old one passed: the window started again.
      const resets = new Set(readings.map((q) => (q.resetAt === null ? undefined : q.resetAt.slice(0, 16))).filter((r) => r !== undefined)).size;
      const drops = summary.anomalies.filter((a) => a.kind === 'counter-reset' && a.evidence.some((e) => e.kind === 'reading' && e.window === window && e.source === source)).length;
      rows.push({ window, source, readings: readings.length, first: readings[0]?.time ?? null, last: readings.at(-1)?.time ?? null, low: Math.min(...used), high: Math.max(...used), now: readings.at(-1)?.utilization ?? undefined, resets: Math.max(0, resets - 1), drops });
    }
  }
  const fitted = fitColumns(COLUMNS, width, rows);
  out.push(headerLine(fitted).trimEnd(), ...rows.map((r) => rowLine(fitted, r).trimEnd()));
  return out;
}

function pct(ratio: number | undefined): string {
  return ratio === undefined || !Number.isFinite(ratio) ? '–' : `${Math.round(ratio * 100)}%`;
}
