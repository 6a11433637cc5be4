/**
 * The Summary report from whatever holds the record: a history read once (`summary`, the replay's
 * file read) or a monitor's store (the exit summary, `replay --speed max`). One function builds both,
 * so the report on exit and `tokentop summary` cannot drift apart.
 */
import type { Anomaly } from '../detect/anomaly.js';
import type { Thresholds } from '../detect/thresholds.js';
import type { LedgerView } from '../metrics/event-ledger.js';
import type { LineCounts } from '../metrics/line-counts.js';
import type { ProxyView, QuotaRecordCounts } from '../metrics/proxy-ledger.js';
import type { LoadedHistory } from '../pipeline/history/load-history.js';
import type { AgentFile } from '../pipeline/read/transcript-reader.js';
import type { PriceTable } from '../pricing/price-table.js';
import { buildSummary, type ProxySourceCounts, type Summary, type SummaryInput } from '../report/summary.js';
import type { MonitorStore } from '../store/monitor-store.js';

export interface SummarizeOptions {
  readonly prices: PriceTable;
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  readonly now: number;
  readonly version: string;
  readonly thresholds?: Thresholds | undefined;
  readonly acknowledged?: ReadonlySet<string> | undefined;
  readonly settled?: readonly Anomaly[] | undefined;
  readonly by?: SummaryInput['by'];
}

/** What was read, whoever read it. */
export interface RecordSources {
  readonly ledger: LedgerView;
  readonly lines: LineCounts & { readonly notices: readonly unknown[] };
  readonly agentFiles: ReadonlyArray<{ readonly sessionId: string | undefined; readonly agentType: string | undefined }>;
  /** Proxy requests and quota readings: `sources` when proxy logs were named, `record` when the local quota record was read. */
  readonly proxy?: { readonly ledger: ProxyView; readonly sources?: ProxySourceCounts | undefined; readonly record?: QuotaRecordCounts | undefined } | undefined;
}

export function summarizeRecord(record: RecordSources, options: SummarizeOptions): Summary {
  const { notices, ...counts } = record.lines;
  return buildSummary({
    ledger: record.ledger,
    sources: { ...counts, notices: notices.length },
    agentFiles: record.agentFiles,
    prices: options.prices,
    since: options.since,
    until: options.until,
    generatedAt: options.now,
    version: options.version,
    proxy: record.proxy,
    thresholds: options.thresholds,
    acknowledged: options.acknowledged,
    settled: options.settled,
    by: options.by,
  });
}

/** `tokentop summary`: a history read once, and the proxy logs named. */
export function summarizeHistory(history: LoadedHistory, proxy: RecordSources['proxy'], options: SummarizeOptions): Summary {
  return summarizeRecord({ ledger: history.ledger, lines: history.stats, agentFiles: agentFilesOf(history.agentFiles), proxy }, options);
}

/** Read when the report is built: a flat agent file learns its session from its lines, after it is found. */
function agentFilesOf(files: readonly AgentFile[]): RecordSources['agentFiles'] {
  return files.map((f) => ({ sessionId: f.sessionId, agentType: f.meta?.agentType }));
}

/**
 * A monitor's report, from its store: the same report as `summary` over [since, until) (undefined:
 * unbounded, as there), plus what the live view saw (peak rate, sub-agents at once) over the
 * watched period [watch.from, watch.to].
 */
export function summarizeStore(
  store: MonitorStore,
  lines: RecordSources['lines'],
  files: readonly AgentFile[],
  quota: { readonly sources?: ProxySourceCounts | undefined; readonly record?: QuotaRecordCounts | undefined },
  watch: { readonly from: number; readonly to: number },
  options: SummarizeOptions,
): Summary {
  const history = store.history();
  const held = history.proxy.requests.length > 0 || history.proxy.quota.length > 0 || quota.record !== undefined;
  const summary = summarizeRecord(
    { ledger: history.ledger, lines, agentFiles: agentFilesOf(files), proxy: held ? { ledger: history.proxy, ...quota } : undefined },
    { ...options, acknowledged: history.acknowledged, settled: history.settled },
  );
  summary.watch = store.watchStats(watch.from, watch.to);
  return summary;
}
