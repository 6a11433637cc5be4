/** A loaded history -> the Summary report: the glue between pipeline/ and report/, used by every command. */
import type { LoadedHistory } from '../pipeline/load-history.js';
import type { Thresholds } from '../detect/thresholds.js';
import type { ProxyLedger } from '../metrics/proxy-ledger.js';
import type { ProxySourceCounts } from '../report/summary.js';
import type { PriceTable } from '../pricing/price-table.js';
import { buildSummary, type Summary } from '../report/summary.js';

export interface SummarizeOptions {
  readonly prices: PriceTable;
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  readonly now: number;
  readonly version: string;
  readonly proxy?: { readonly ledger: ProxyLedger; readonly sources: ProxySourceCounts } | undefined;
  readonly thresholds?: Thresholds | undefined;
}

export function summarizeHistory(history: LoadedHistory, options: SummarizeOptions): Summary {
  const { notices, ...counts } = history.stats;
  return buildSummary({
    ledger: history.ledger,
    sources: { ...counts, notices: notices.length },
    agentFiles: history.agentFiles.map((f) => ({ sessionId: f.sessionId, agentType: f.meta?.agentType })),
    prices: options.prices,
    since: options.since,
    until: options.until,
    generatedAt: options.now,
    version: options.version,
    proxy: options.proxy,
    thresholds: options.thresholds,
  });
}
