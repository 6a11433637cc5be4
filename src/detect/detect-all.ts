/** Every detector over one input, in time order: what the indicator, the report and snapshots show. */
import type { LedgerView } from '../metrics/event-ledger.js';
import type { ProxyView } from '../metrics/proxy-ledger.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Anomaly } from './anomaly.js';
import { cacheMisses } from './cache-detectors.js';
import { dashboardDesync } from './dashboard-desync.js';
import type { DetectorInput } from './detector-input.js';
import { limitHit, prematureLockout } from './limit-detectors.js';
import { counterReset, resetMoved, stuckAfterReset } from './quota-detectors.js';
import { burnSpike, retryStorm, sourceDesync } from './rate-detectors.js';
import { runawaySubagents, subagentLoop, workflowRuns } from './subagent-detectors.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';

const DETECTORS = [counterReset, resetMoved, stuckAfterReset, prematureLockout, limitHit, runawaySubagents, workflowRuns, subagentLoop, cacheMisses, burnSpike, retryStorm, sourceDesync, dashboardDesync];

export function detectAll(input: DetectorInput): Anomaly[] {
  const found = DETECTORS.flatMap((detect) => detect(input));
  const ids = new Set(found.map((a) => a.id));
  const settled = (input.settled ?? []).filter((a) => !ids.has(a.id));
  return [...found, ...settled].sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}

/** The detectors' input from what a report or the monitor holds. */
export function detectorInput(
  ledger: LedgerView,
  proxy: ProxyView | undefined,
  quota: readonly QuotaReading[],
  now: number,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  settled: readonly Anomaly[] = [],
  otelTokens: DetectorInput['otelTokens'] = [],
  prices?: PriceTable,
): DetectorInput {
  return {
    now,
    thresholds,
    responses: [...ledger.usage.values()],
    spawns: [...ledger.spawns.values()],
    finishes: [...ledger.finishes.values()],
    limits: [...ledger.limits.values()],
    retries: [...ledger.retries.values()],
    apiErrors: [...ledger.apiErrors.values()],
    quota,
    proxyRequests: proxy?.requests ?? [],
    otelTokens,
    settled,
    prices,
  };
}
