/** The summary report's shape: what `tokentop summary --json` prints and the monitor's exit summary holds. */
import type { LedgerView } from '../metrics/event-ledger.js';
import type { LineCounts } from '../metrics/line-counts.js';
import type { WatchStats } from '../metrics/watch-stats.js';
import type { ProxyView, ProxySourceCounts, ProxySummary, QuotaRecordCounts } from '../metrics/proxy-ledger.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { Anomaly, Evidence } from '../detect/anomaly.js';
import type { Thresholds } from '../detect/thresholds.js';
import type { AnomalyStanding, LampState } from '../detect/lamp.js';
import type { LimitEvent } from '../parse/events.js';
import type { TokenTotals } from '../metrics/token-totals.js';
import type { PeriodKind, PeriodSummary } from './periods.js';
import type { PriceTable } from '../pricing/price-table.js';

export interface SessionSummary {
  id: string;
  /** The session's title: named by the user, else by Claude Code, else a compaction's summary. */
  title: string | null;
  project: string;
  cwd: string | null;
  firstTime: string | null;
  lastTime: string | null;
  totals: TokenTotals;
  cacheHitRatio: number | null;
  models: string[];
  subagents: { spawned: number; files: number };
  limits: number;
  retries: number;
  /** Claude Code's own cumulative cost (cost-state lines, 2.1.280+), when the session has one. */
  reportedCostUSD: number | null;
}

export interface LimitSummary {
  time: string | null;
  text: string;
  kind: LimitEvent['limitKind'];
  /** 5h, 7d, extra (the paid extra usage), spend (the monthly cap), or null for a plain 429. */
  window: LimitEvent['window'] | null;
  resetAt: string | null;
  /** The reset as the message wrote it, e.g. `5am (America/Los_Angeles)`. */
  reset: string | null;
  sessionId: string;
  project: string;
  file: string;
  line: number;
}

/** The line counts of the sources read, and how many tailer notices there were. */
export interface SourceCounts extends LineCounts {
  notices: number;
}

export interface AgentFileInfo {
  readonly sessionId: string | undefined;
  readonly agentType: string | undefined;
}

export interface SummaryInput {
  readonly ledger: LedgerView;
  readonly sources: SourceCounts;
  readonly agentFiles: readonly AgentFileInfo[];
  readonly prices: PriceTable;
  /** Epoch ms bounds, since inclusive, until exclusive. */
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly generatedAt: number;
  readonly version: string;
  /** Requests and quota readings: `sources` when proxy logs were named, `record` when the local quota record was read. */
  readonly proxy?: { readonly ledger: ProxyView; readonly sources?: ProxySourceCounts | undefined; readonly record?: QuotaRecordCounts | undefined } | undefined;
  readonly thresholds?: Thresholds | undefined;
  /** Anomalies acknowledged on the monitor's screen (its exit summary shows the lamp as the screen did). */
  readonly acknowledged?: ReadonlySet<string> | undefined;
  /** Anomalies a long-running monitor found before it folded their responses (detector-input.ts). */
  readonly settled?: readonly Anomaly[] | undefined;
  /** `summary --by`: cut the responses into periods, calendar ones in this time zone. */
  readonly by?: { readonly kind: PeriodKind; readonly zone: string } | undefined;
}

/** An anomaly as the report writes it: times as ISO strings. */
export interface AnomalySummary {
  id: string;
  kind: Anomaly['kind'];
  severity: Anomaly['severity'];
  /** lit: it lights the lamp now; acknowledged; history: over a week old. */
  standing: AnomalyStanding;
  start: string | null;
  end: string | null;
  sessionId: string | null;
  /** What was observed. */
  message: string;
  /** confirmed by a server figure, or inferred from local files. */
  certainty: Anomaly['certainty'];
  /** How tokentop knows, and what else could explain it. */
  basis: string;
  /** What the user can do. */
  advice: string;
  evidence: Array<Evidence | (Omit<Extract<Evidence, { kind: 'reading' }>, 'time' | 'resetAt'> & { time: string | null; resetAt: string | null })>;
}

export type { ProxySourceCounts };

/** A quota reading as the report writes it: times as ISO strings. */
export interface QuotaSummary {
  window: QuotaReading['window'];
  time: string;
  utilization: number | null;
  status: string | null;
  resetAt: string | null;
  remaining: number | null;
  limit: number | null;
  source: QuotaReading['source'];
}

export interface IndexSummary {
  path: string;
  /** Files taken whole from the index, read on from where it stopped, and read from their start. */
  unchangedFiles: number;
  grownFiles: number;
  readFiles: number;
  /** Transcript bytes read this run, and by how many threads (2: a cold read split in two). */
  bytesRead: number;
  threads: number;
  /** The index's size and the files it holds after this run. */
  bytes: number;
  files: number;
  /** True when nothing the last report was built from changed and it was taken as it was (cli/report-checkpoint.ts). */
  reportKept?: boolean;
  /** Why the index on disk was not used, when it was not (another build, corrupt). */
  rebuilt: string | null;
}

export interface Summary {
  tool: 'tokentop';
  version: string;
  generatedAt: string;
  range: { since: string | null; until: string | null };
  sources: SourceCounts;
  totals: TokenTotals;
  cacheHitRatio: number | null;
  models: Array<{ model: string; priced: boolean } & TokenTotals>;
  sessions: SessionSummary[];
  subagents: { spawned: number; finished: number; byType: Record<string, number>; files: number };
  limits: LimitSummary[];
  retries: { count: number };
  /** byKind: auth, overloaded, server, timeout, connection, prompt-too-long, credit, other. */
  apiErrors: { count: number; byStatus: Record<string, number>; byKind: Record<string, number> };
  /** The table's date and source, the models without a price, and for each model priced: its price, source and date. */
  prices: { date: string; source: string; unpricedModels: string[]; used: Array<{ model: string; input: number; output: number; above200k: { input: number; output: number } | null; source: string | null; date: string | null }> };
  /** The reset-anomaly lamp at generatedAt: the state and how many warn/critical anomalies light it, were acknowledged, or are history. */
  lamp: { state: LampState; lit: number; acknowledged: number; history: number };
  anomalies: AnomalySummary[];
  /** Present in the live monitor's exit summary: what it saw while it watched. */
  watch?: WatchStats;
  /** Present when the history was read through the persistent index: what it saved this run. */
  index?: IndexSummary;
  /** Present when proxy logs were read: what the API itself answered. */
  proxy?: ProxySummary & { sources: ProxySourceCounts };
  /** Quota readings (proxy headers, statusline), oldest first, each with its source. */
  quota?: QuotaSummary[];
  /** Present when the local quota record was read (by default: `--no-statusline` leaves it out). */
  statusline?: QuotaRecordCounts;
  /** With `--by`: what the periods are, and the periods, oldest first; their totals add up to `totals`. */
  by?: { kind: PeriodKind; zone: string };
  periods?: PeriodSummary[];
}
