/**
 * The live view's numbers: token rate by type, prompt-cache hit ratio and active sub-agents over a
 * rolling window, for all sessions or one, plus per-session running totals. Fed by the ledger's
 * deltas (so streaming copies never double count) and the transcript events. Pure; bounded memory:
 * fixed rings per series, sessions and agents pruned by age.
 */
import type { TranscriptEvent } from '../parse/events.js';
import { addCost, responseCostUSD } from '../pricing/cost.js';
import { priceOf, type PriceTable } from '../pricing/price-table.js';
import { BucketSeries } from './bucket-series.js';
import { SparseBucketSeries } from './sparse-bucket-series.js';
import { SubagentTracker } from './subagent-tracker.js';
import { peakMinute } from './peak-minute.js';
import { cacheHitRatio, HOUR_MS, MINUTE_MS, totalTokens } from './token-math.js';
import type { LedgerChange, ResponseRecord } from './usage-ledger.js';

export const BUCKET_MS = 5_000;
/** 6 hours and a margin: the longest window the UI offers. */
export const RING_BUCKETS = (6 * HOUR_MS) / BUCKET_MS + 60;
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
  readonly series: SparseBucketSeries;
}

/**
 * One window's data, width-free: the window cut into a fixed number of slices that depends on the
 * window alone. A chart projects it to its own width (ui/project-view.ts); the store never knows it.
 */
export interface WindowView {
  readonly from: number;
  readonly to: number;
  /** The width of one slice, ms. */
  readonly sliceMs: number;
  /** Tokens per slice by type. */
  readonly tokens: { readonly input: number[]; readonly output: number[]; readonly cacheWrite: number[]; readonly cacheRead: number[] };
  /** Sub-agents active during each slice. */
  readonly activeSubagents: number[];
  /** Over the whole window. */
  readonly windowCacheRatio: number | null;
  readonly windowTokens: number;
  /** Tokens per minute over the last minute: "now", steadier than the last slice. */
  readonly currentRate: number;
  /** The most tokens in one clock minute of the window (peak-minute.ts). */
  readonly peakMinute: number;
}

/** At most this many slices per window: a smooth line at any terminal width (a braille dot each). */
export const MAX_SLICES = 120;

/** The slices of a window: the most, up to MAX_SLICES, that split its buckets evenly (uneven slices make a jagged rate). */
export function sliceCount(windowMs: number): number {
  const buckets = Math.max(1, Math.floor(windowMs / BUCKET_MS));
  for (let n = Math.min(MAX_SLICES, buckets); n > 1; n--) if (buckets % n === 0) return n;
  return Math.min(MAX_SLICES, buckets);
}

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
      case 'limit': {
        // A session whose only line is a limit message (opened while locked out) is a session, as summary counts it.
        const time = event.time ?? event.resetAt;
        if (time !== undefined) this.touch(event.scope.sessionId, event.scope.project, event.scope.cwd, time);
        return;
      }
      case 'retry':
        this.touch(event.scope.sessionId, event.scope.project, event.scope.cwd, event.time);
        return;
      default:
        return;
    }
  }

  private addUsage({ record, delta, isNew }: LedgerChange): void {
    const d = totalTokens(delta);
    const values = [delta.input, delta.output, delta.cacheCreation, delta.cacheRead];
    this.tokens.add(record.time, values);
    const session = this.touch(record.scope.sessionId, record.scope.project, record.scope.cwd, record.time);
    session.series.add(record.time, values);
    session.tokens += d;
    session.models.add(record.model);
    const price = priceOf(this.prices, record.model);
    if (price === undefined) session.costComplete = false;
    // In whole nano-dollars, the new cost added and the old taken away apart: the sum telescopes, the same in any order.
    else session.costUSD = addCost(addCost(session.costUSD, responseCostUSD(price, record)), isNew ? 0 : -responseCostUSD(price, minus(record, delta)));
    if (record.scope.agentId !== undefined) this.subagents.usage(record.scope.agentId, d, record.time);
  }

  private touch(id: string, project: string, cwd: string | undefined, time: number): SessionLive {
    let s = this.sessions.get(id);
    if (s === undefined) {
      s = { id, project, cwd, models: new Set(), tokens: 0, costUSD: 0, costComplete: true, firstActivity: time, lastActivity: time, series: new SparseBucketSeries(BUCKET_MS, RING_BUCKETS, TOKEN_CHANNELS) };
      this.sessions.set(id, s);
    }
    s.cwd ??= cwd;
    s.firstActivity = Math.min(s.firstActivity, time);
    s.lastActivity = Math.max(s.lastActivity, time);
    return s;
  }

  /** The window [to - windowMs, to) for one session or all, in the window's own slices. */
  view(to: number, windowMs: number, sessionId?: string): WindowView {
    const slices = sliceCount(windowMs);
    const from = to - windowMs;
    const series = sessionId === undefined ? this.tokens : this.sessions.get(sessionId)?.series;
    const [input = zeros(slices), output = zeros(slices), cacheWrite = zeros(slices), cacheRead = zeros(slices)] = series?.slices(from, to, slices) ?? [];
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const window = { input: sum(input), output: sum(output), cacheCreation: sum(cacheWrite), cacheRead: sum(cacheRead) };
    return {
      from,
      to,
      sliceMs: windowMs / slices,
      tokens: { input, output, cacheWrite, cacheRead },
      activeSubagents: this.subagents.countSeries(from, to, slices, sessionId),
      windowCacheRatio: cacheHitRatio(window),
      windowTokens: totalTokens(window),
      currentRate: (series?.slices(to - MINUTE_MS, to, 1) ?? []).reduce((total, channel) => total + (channel[0] ?? 0), 0),
      peakMinute: peakMinute(series, from, to),
    };
  }

  /** Forget sessions idle since before `time` and agents that ended before it. */
  prune(time: number, sessionsBefore = time): void {
    for (const [id, s] of this.sessions) if (s.lastActivity < sessionsBefore) this.sessions.delete(id);
    this.subagents.prune(time);
  }
}

function minus(r: ResponseRecord, d: { input: number; output: number; cacheCreation: number; cacheRead: number; cacheCreation1h: number }): ResponseRecord {
  return { ...r, input: r.input - d.input, output: r.output - d.output, cacheCreation: r.cacheCreation - d.cacheCreation, cacheRead: r.cacheRead - d.cacheRead, cacheCreation1h: r.cacheCreation1h - d.cacheCreation1h };
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}
