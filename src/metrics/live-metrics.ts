/**
 * The live view's numbers: token rate by type, prompt-cache hit ratio and active sub-agents over a
 * rolling window, for all sessions or one, plus per-session running totals. Fed by the ledger's
 * deltas (so streaming copies never double count) and the transcript events. Pure; bounded memory:
 * fixed rings per series, sessions and agents pruned by age.
 */
import type { TranscriptEvent } from '../parse/events.js';
import { responseCostUSD } from '../pricing/cost.js';
import { priceOf, type PriceTable } from '../pricing/price-table.js';
import { BucketSeries } from './bucket-series.js';
import { SubagentTracker } from './subagent-tracker.js';
import type { LedgerChange, ResponseRecord } from './usage-ledger.js';

export const BUCKET_MS = 5_000;
/** 6 hours and a margin: the longest window the UI offers. */
export const RING_BUCKETS = (6 * 3_600_000) / BUCKET_MS + 60;
const TOKEN_CHANNELS = 4; // input, output, cache write, cache read

export interface SessionLive {
  readonly id: string;
  project: string;
  cwd: string | undefined;
  models: Set<string>;
  tokens: number;
  costUSD: number;
  costComplete: boolean;
  firstActivity: number;
  lastActivity: number;
  readonly series: BucketSeries;
}

/** One chart's worth of data: `columns` slices of [from, to). */
export interface WindowView {
  readonly from: number;
  readonly to: number;
  readonly columns: number;
  /** Tokens per minute by type. */
  readonly rate: { readonly input: number[]; readonly output: number[]; readonly cacheWrite: number[]; readonly cacheRead: number[] };
  /** cache read / (input + cache write + cache read) per slice; null where nothing was read or written. */
  readonly cacheRatio: Array<number | null>;
  readonly activeSubagents: number[];
  /** Over the whole window. */
  readonly windowCacheRatio: number | null;
  readonly windowTokens: number;
  /** Tokens per minute over the last minute: "now", steadier than the last slice. */
  readonly currentRate: number;
}

/** At most this many slices per chart: enough for a smooth line, never thinner than a bucket. */
export const MAX_SLICES = 120;

export class LiveMetrics {
  readonly tokens = new BucketSeries(BUCKET_MS, RING_BUCKETS, TOKEN_CHANNELS);
  readonly sessions = new Map<string, SessionLive>();
  readonly subagents = new SubagentTracker();

  constructor(private readonly prices: PriceTable) {}

  /** Apply an event; `change` is what the ledger made of it when it was a usage copy. */
  apply(event: TranscriptEvent, change: LedgerChange | undefined): void {
    switch (event.kind) {
      case 'usage':
        if (change !== undefined) this.addUsage(change);
        return;
      case 'subagent-spawn':
        this.subagents.spawn(event);
        this.touch(event.scope.sessionId, event.scope.project, event.scope.cwd, event.time);
        return;
      case 'subagent-finish':
        this.subagents.finish(event);
        return;
      case 'subagent-progress':
        this.subagents.seen(event.toolUseId, event.time);
        return;
      default:
        return;
    }
  }

  private addUsage({ record, delta, isNew }: LedgerChange): void {
    const d = delta.input + delta.output + delta.cacheCreation + delta.cacheRead;
    const values = [delta.input, delta.output, delta.cacheCreation, delta.cacheRead];
    this.tokens.add(record.time, values);
    const session = this.touch(record.scope.sessionId, record.scope.project, record.scope.cwd, record.time);
    session.series.add(record.time, values);
    session.tokens += d;
    session.models.add(record.model);
    const price = priceOf(this.prices, record.model);
    if (price === undefined) session.costComplete = false;
    else session.costUSD += responseCostUSD(price, record) - (isNew ? 0 : responseCostUSD(price, minus(record, delta)));
    if (record.scope.agentId !== undefined) this.subagents.usage(record.scope.agentId, d, record.time);
  }

  private touch(id: string, project: string, cwd: string | undefined, time: number): SessionLive {
    let s = this.sessions.get(id);
    if (s === undefined) {
      s = { id, project, cwd, models: new Set(), tokens: 0, costUSD: 0, costComplete: true, firstActivity: time, lastActivity: time, series: new BucketSeries(BUCKET_MS, RING_BUCKETS, TOKEN_CHANNELS) };
      this.sessions.set(id, s);
    }
    s.cwd ??= cwd;
    s.firstActivity = Math.min(s.firstActivity, time);
    s.lastActivity = Math.max(s.lastActivity, time);
    return s;
  }

  /** The data of the charts for [to - windowMs, to), `columns` wide, for one session or all. */
  view(to: number, windowMs: number, wantedColumns: number, sessionId?: string): WindowView {
    const columns = Math.max(2, Math.min(wantedColumns, MAX_SLICES, Math.floor(windowMs / BUCKET_MS)));
    const from = to - windowMs;
    const series = sessionId === undefined ? this.tokens : this.sessions.get(sessionId)?.series;
    const [input = [], output = [], cacheWrite = [], cacheRead = []] = series?.slices(from, to, columns) ?? [];
    const minutes = windowMs / columns / 60_000;
    const perMinute = (xs: number[]): number[] => Array.from({ length: columns }, (_, i) => (xs[i] ?? 0) / minutes);
    let read = 0;
    let denominator = 0;
    let tokens = 0;
    const cacheRatio = Array.from({ length: columns }, (_, i) => {
      const r = cacheRead[i] ?? 0;
      const d = (input[i] ?? 0) + (cacheWrite[i] ?? 0) + r;
      read += r;
      denominator += d;
      tokens += d + (output[i] ?? 0);
      return d === 0 ? null : r / d;
    });
    return {
      from,
      to,
      columns,
      rate: { input: perMinute(input), output: perMinute(output), cacheWrite: perMinute(cacheWrite), cacheRead: perMinute(cacheRead) },
      cacheRatio,
      activeSubagents: this.subagents.countSeries(from, to, columns, sessionId),
      windowCacheRatio: denominator === 0 ? null : read / denominator,
      windowTokens: tokens,
      currentRate: (series?.slices(to - 60_000, to, 1) ?? []).reduce((sum, channel) => sum + (channel[0] ?? 0), 0),
    };
  }

  /** Forget sessions idle since before `time` and agents that ended before it. */
  prune(time: number): void {
    for (const [id, s] of this.sessions) if (s.lastActivity < time) this.sessions.delete(id);
    this.subagents.prune(time);
  }
}

function minus(r: ResponseRecord, d: { input: number; output: number; cacheCreation: number; cacheRead: number; cacheCreation1h: number }): ResponseRecord {
  return { ...r, input: r.input - d.input, output: r.output - d.output, cacheCreation: r.cacheCreation - d.cacheCreation, cacheRead: r.cacheRead - d.cacheRead, cacheCreation1h: r.cacheCreation1h - d.cacheCreation1h };
}
