/**
 * The quota view's data: every token and reading over the week on one series (`u`'s chart), and
 * what the readings say of the tokens per 1% (estimated only while the view is open: it reads every
 * response held).
 */
import type { UsageView } from '../metrics/usage-ledger.js';
import { estimateQuota, tokensUpTo, type QuotaEstimate } from '../metrics/quota-estimate.js';
import { QuotaSeries, type QuotaRangeName } from '../metrics/quota-series.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';

export class QuotaTracker {
  private readonly series = new QuotaSeries();
  private estimates: QuotaEstimate[] = [];

  addTokens(time: number, tokens: number): void {
    this.series.addTokens(time, tokens);
  }

  addReading(reading: QuotaReading): void {
    this.series.addReading(reading);
  }

  estimate(usage: UsageView, readings: readonly QuotaReading[], now: number): void {
    const upTo = tokensUpTo([...usage.values()]);
    this.estimates = (['5h', '7d'] as const).map((w) => estimateQuota(w, readings, upTo, now));
  }

  /** The utilization over the chart window (at most 5 hours), a value per minute: the short layout's lines, beside the rate's. */
  trend(now: number, windowMs: number): { readonly util5h: ReadonlyArray<number | null>; readonly util7d: ReadonlyArray<number | null> } {
    const chart = this.series.chart('5h', now);
    const minutes = Math.max(2, Math.round(windowMs / 60_000));
    return { util5h: chart.util5h.slice(-minutes), util7d: chart.util7d.slice(-minutes) };
  }

  /** What the open view of `range` charts. */
  view(range: QuotaRangeName): { readonly range: QuotaRangeName; readonly series: QuotaSeries; readonly estimates: readonly QuotaEstimate[] } {
    return { range, series: this.series, estimates: this.estimates };
  }
}
