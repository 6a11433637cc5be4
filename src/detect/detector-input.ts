/** What every detector reads: the deduplicated transcript record and the quota readings, `now` given. */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import type { ApiErrorEvent, LimitEvent, RetryEvent, SubagentFinishEvent, SubagentSpawnEvent } from '../parse/events.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Anomaly } from './anomaly.js';
import type { Thresholds } from './thresholds.js';

export interface DetectorInput {
  readonly now: number;
  readonly thresholds: Thresholds;
  /** Responses by the counting rule, any order. */
  readonly responses: readonly ResponseRecord[];
  readonly spawns: readonly SubagentSpawnEvent[];
  readonly finishes: readonly SubagentFinishEvent[];
  readonly limits: readonly LimitEvent[];
  readonly retries: readonly RetryEvent[];
  /** The error messages Claude Code wrote (what a retry storm's errors were); empty when not kept. */
  readonly apiErrors?: readonly ApiErrorEvent[] | undefined;
  /** From proxy headers and the statusline, any order. */
  readonly quota: readonly QuotaReading[];
  readonly proxyRequests: readonly ProxyRequestEvent[];
  /** Tokens Claude Code's own telemetry (OTLP) reported, with the time of each export; empty without it. */
  readonly otelTokens?: ReadonlyArray<{ readonly time: number; readonly tokens: number }> | undefined;
  /**
   * Anomalies found before the responses they stand on were folded (a long-running monitor): kept
   * as they were last found, unless found again.
   */
  readonly settled?: readonly Anomaly[] | undefined;
  /** Prices, for the cost figures some anomalies quote (a Workflow run's); without them, none is quoted. */
  readonly prices?: PriceTable | undefined;
}
