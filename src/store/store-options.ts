/** What the store is given at construction, its cadence and bounds, and what a report reads of it. */
import type { Anomaly } from '../detect/anomaly.js';
import type { Thresholds } from '../detect/thresholds.js';
import type { LedgerView } from '../metrics/event-ledger.js';
import type { ProxyView } from '../metrics/proxy-ledger.js';
import { HOUR_MS } from '../metrics/token-math.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { WindowName } from './snapshot.js';

/** An unchanged screen is redrawn this often so the window slides: the shortest window's buckets are 5 s. */
export const IDLE_PUBLISH_MS = 5_000;
/** ... and this often when nothing is in the window and no sub-agent runs: only the clock (minutes) moves. */
export const QUIET_PUBLISH_MS = 30_000;

/** How long a footer notice is shown before the keys come back. */
export const NOTICE_MS = 8_000;

/** How long ended sessions, agents and responses are kept: the longest window and a margin. */
export const RETAIN_MS = 7 * HOUR_MS;

/**
 * Responses held one by one at most; older ones are folded (metrics/folded-responses.ts): ~10 MiB
 * at ~330 bytes a response. A hundred times the busiest 7 hours of the real corpus (330 responses);
 * the soak bench (333 new responses a second) reaches it in 90 s. Memory is flat only with a cap.
 */
export const LIVE_RESPONSES_HELD = 10_000;

/** Everything the store is given once, at construction; nothing is patched on it afterwards. */
export interface MonitorStoreOptions {
  readonly prices: PriceTable;
  readonly startedAt: number;
  /** The roots being watched, for the header. */
  readonly watched: readonly string[];
  /**
   * Events before it (the backfill window's start) only feed the ledger, so that later copies of
   * them still deduplicate; the charts and tables begin there. Default: startedAt.
   */
  readonly historyFrom?: number;
  readonly window?: WindowName;
  readonly thresholds?: Thresholds;
  /**
   * Told of critical anomalies once, when they first appear, after the snapshot that shows them is
   * published (the monitor writes an evidence snapshot: it must hold them).
   */
  readonly onCritical?: (anomalies: readonly Anomaly[]) => void;
  /** Never prune the ledger (a replay holds its whole recording anyway). */
  readonly keepHistory?: boolean;
}

/** What a report is built from: the ledgers as the store holds them, read-only. */
export interface StoreHistory {
  readonly ledger: LedgerView;
  readonly proxy: ProxyView;
  readonly acknowledged: ReadonlySet<string>;
  /** Anomalies kept from before a fold (the exit summary lists them as the screen did). */
  readonly settled: readonly Anomaly[];
}
