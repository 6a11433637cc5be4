/** What the proxy logs said, added up: requests, their tokens and statuses, and every quota reading. */
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';

/** What was read of the proxy logs: kept by the proxy reader, shown by the report. */
export interface ProxySourceCounts {
  files: number;
  lines: number;
  malformed: number;
  /** Lines of other hosts or endpoints in relay logs. */
  otherTraffic: number;
  unpairedRequests: number;
  unpairedResponses: number;
  /** Files whose format is neither, with the reason. */
  problems: Array<{ path: string; message: string }>;
}

/** What was read of the local quota record (`tokentop statusline`'s): shown in the report's sources. */
export interface QuotaRecordCounts {
  readonly file: string;
  /** Whether the file (or its previous generation) exists. */
  readonly found: boolean;
  readonly lines: number;
  readonly readings: number;
  /** Lines that are not a reading tokentop wrote (torn, edited, another program's): skipped. */
  readonly malformed: number;
}

export interface ProxyTotals {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
}

/** The read side of a proxy ledger: its requests and readings, oldest first. */
export interface ProxyView {
  readonly requests: readonly ProxyRequestEvent[];
  readonly quota: readonly QuotaReading[];
}

export class ProxyLedger implements ProxyView {
  readonly requests: ProxyRequestEvent[] = [];
  /** Every quota reading, from proxy responses and the statusline alike: kept here and nowhere else. */
  readonly quota: QuotaReading[] = [];

  apply(event: ProxyRequestEvent): void {
    this.requests.push(event);
    this.quota.push(...event.quota);
  }

  /** Readings from another source (the statusline state file). */
  addReading(reading: QuotaReading): void {
    this.quota.push(reading);
  }

  /** Forget requests and readings older than `time` (the live monitor's memory bound). */
  pruneBefore(time: number): void {
    for (const list of [this.requests, this.quota] as const) {
      const keepFrom = list.findIndex((x) => x.time >= time);
      list.splice(0, keepFrom < 0 ? list.length : keepFrom);
    }
  }
}

export interface ProxySummary {
  requests: number;
  /** Requests the log has no response for. */
  noResponse: number;
  totals: ProxyTotals;
  statusCounts: Record<string, number>;
  models: Record<string, number>;
}

export function summarizeProxy(ledger: ProxyView, inRange: (t: number) => boolean): ProxySummary {
  const out: ProxySummary = { requests: 0, noResponse: 0, totals: { input: 0, output: 0, cacheCreation: 0, cacheRead: 0 }, statusCounts: {}, models: {} };
  for (const r of ledger.requests) {
    if (!inRange(r.time)) continue;
    out.requests += 1;
    if (r.status === undefined) out.noResponse += 1;
    else out.statusCounts[String(r.status)] = (out.statusCounts[String(r.status)] ?? 0) + 1;
    if (r.model !== undefined) out.models[r.model] = (out.models[r.model] ?? 0) + 1;
    if (r.usage !== undefined) {
      out.totals.input += r.usage.input;
      out.totals.output += r.usage.output;
      out.totals.cacheCreation += r.usage.cacheCreation;
      out.totals.cacheRead += r.usage.cacheRead;
    }
  }
  return out;
}
