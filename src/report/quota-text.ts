/**
 * The report's QUOTA section: per window and source, the readings' range, how often the window was
 * seen to reset, and the drops the detectors found. What a user brings to a dispute in one glance.
 */
import { cell, grouped, shortTime } from './format.js';
import type { Summary } from './summary.js';

const WINDOWS = ['5h', '7d', 'overage'] as const;

export function quotaSection(summary: Summary): string[] {
  const quota = summary.quota ?? [];
  const record = summary.statusline;
  if (quota.length === 0 && record === undefined) return [];
  const head = record === undefined ? '' : ` · local record ${record.file}: ${grouped(record.readings)} readings${record.malformed > 0 ? `, ${grouped(record.malformed)} broken lines skipped` : ''}`;
  const out = ['', `QUOTA${head}`];
  if (quota.length === 0) {
    out.push(record?.found === true ? 'no reading in this range' : "no reading yet: set 'tokentop statusline' as Claude Code's statusLine command (see the README)");
    return out;
  }
  out.push(`${cell('window', 8)} ${cell('source', 10)} ${cell('readings', 8, 'right')} ${cell('first', 16)} ${cell('last', 16)} ${cell('low', 5, 'right')} ${cell('high', 5, 'right')} ${cell('now', 5, 'right')} ${cell('resets', 6, 'right')} ${cell('drops', 5, 'right')}`);
  for (const window of WINDOWS) {
    for (const source of [...new Set(quota.filter((q) => q.window === window).map((q) => q.source))].sort()) {
      const readings = quota.filter((q) => q.window === window && q.source === source);
      const used = readings.map((q) => q.utilization).filter((u): u is number => u !== null);
      const first = readings[0];
      const last = readings.at(-1);
      // A new reset time once the old one passed: the window started again.
      const resets = new Set(readings.map((q) => (q.resetAt === null ? undefined : q.resetAt.slice(0, 16))).filter((r) => r !== undefined)).size;
      const drops = summary.anomalies.filter((a) => a.kind === 'counter-reset' && a.evidence.some((e) => e.kind === 'reading' && e.window === window && e.source === source)).length;
      out.push(
        `${cell(window, 8)} ${cell(source, 10)} ${cell(grouped(readings.length), 8, 'right')} ${cell(shortTime(first?.time ?? null), 16)} ${cell(shortTime(last?.time ?? null), 16)} ${cell(pct(Math.min(...used)), 5, 'right')} ${cell(pct(Math.max(...used)), 5, 'right')} ${cell(pct(last?.utilization ?? undefined), 5, 'right')} ${cell(String(Math.max(0, resets - 1)), 6, 'right')} ${cell(String(drops), 5, 'right')}`,
      );
    }
  }
  return out;
}

function pct(ratio: number | undefined): string {
  return ratio === undefined || !Number.isFinite(ratio) ? '–' : `${Math.round(ratio * 100)}%`;
}
