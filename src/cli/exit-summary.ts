/** The summary printed when a monitor exits: the report of the watched (or replayed) period. */
import { writeFile } from 'node:fs/promises';
import type { LineCounts } from '../metrics/line-counts.js';
import { watchStats } from '../metrics/watch-stats.js';
import type { PriceTable } from '../pricing/price-table.js';
import { buildSummary, type ProxySourceCounts } from '../report/summary.js';
import { renderSummaryText } from '../report/summary-text.js';
import type { MonitorStore } from '../store/monitor-store.js';
import type { CommandIO } from './command-io.js';

export interface ExitSummaryOptions {
  readonly store: MonitorStore;
  readonly sources: LineCounts & { readonly notices: readonly unknown[] };
  /** When proxy logs or the statusline state were read. */
  readonly proxySources?: ProxySourceCounts | undefined;
  readonly prices: PriceTable;
  /** The period covered, epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly columns: number;
  readonly summaryFile: string | undefined;
}

export async function printExitSummary(o: ExitSummaryOptions, io: CommandIO): Promise<void> {
  const { notices, ...counts } = o.sources;
  const summary = buildSummary({
    ledger: o.store.ledger,
    sources: { ...counts, notices: notices.length },
    agentFiles: [],
    prices: o.prices,
    since: o.from,
    until: o.to + 1,
    generatedAt: io.now(),
    version: io.version,
    proxy: o.proxySources === undefined || (o.store.proxy.requests.length === 0 && o.store.proxy.quota.length === 0) ? undefined : { ledger: o.store.proxy, sources: o.proxySources },
  });
  summary.watch = watchStats(o.store.live, o.from, o.to);
  const text = renderSummaryText(summary, o.columns);
  io.out(text);
  if (o.summaryFile !== undefined) await writeFile(o.summaryFile, o.summaryFile.endsWith('.json') ? `${JSON.stringify(summary, null, 2)}\n` : text);
}
