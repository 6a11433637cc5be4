/**
 * The one stateful seam of the live monitor. Events go in (apply), commands go in (pause, window,
 * focus), and immutable snapshots come out at a fixed cadence (tick), read by the UI through
 * subscribe/getSnapshot (useSyncExternalStore). Pure apart from the clock it is handed.
 */
import { BucketSeries } from '../metrics/bucket-series.js';
import { EventLedger } from '../metrics/event-ledger.js';
import { TokenCounters } from '../metrics/token-counters.js';
import type { OtelDelta } from '../metrics/otel-usage.js';
import { BUCKET_MS, LiveMetrics, RING_BUCKETS } from '../metrics/live-metrics.js';
import { ProxyLedger } from '../metrics/proxy-ledger.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { Anomaly } from '../detect/anomaly.js';
import { detectAll, detectorInput } from '../detect/detect-all.js';
import { lampOf } from '../detect/lamp.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../detect/thresholds.js';
import type { TranscriptEvent } from '../parse/events.js';
import { priceOf, type ModelPrice, type PriceTable } from '../pricing/price-table.js';
import { addCost, responseCostUSD } from '../pricing/cost.js';
import { HOUR_MS, inputEquivalentTokens, MINUTE_MS } from '../metrics/token-math.js';
import { estimateQuota, tokensUpTo, type QuotaEstimate } from '../metrics/quota-estimate.js';
import { QUOTA_RANGES, QuotaSeries, type QuotaRangeName } from '../metrics/quota-series.js';
import type { SubagentStatus } from '../parse/subagent-status.js';
import { WINDOWS, type AgentRow, type ClockState, type ModelRow, type MonitorSnapshot, type QuotaViewSnapshot, type SessionRow, type SessionSort, SESSION_SORTS, type SourceProgress, type WindowName } from './snapshot.js';

export * from './snapshot.js';


/** An unchanged screen is redrawn this often so the window slides: the shortest window's buckets are 5 s. */
export const IDLE_PUBLISH_MS = 5_000;
/** ... and this often when nothing is in the window and no sub-agent runs: only the clock (minutes) moves. */
export const QUIET_PUBLISH_MS = 30_000;

/** The detectors run at most this often: they read the whole ledger. */
export const DETECT_EVERY_MS = 2_000;

/** How long ended sessions, agents and responses are kept: the longest window and a margin. */
const RETAIN_MS = 7 * HOUR_MS;

/**
 * Responses held one by one at most; older ones are folded (metrics/folded-responses.ts): ~10 MiB
 * at ~330 bytes a response. A hundred times the busiest 7 hours of the real corpus (330 responses);
 * the soak bench (333 new responses a second) reaches it in 90 s. Memory is flat only with a cap.
 */
export const LIVE_RESPONSES_HELD = 10_000;

/** Claude Code's view of its sub-agents is taken while its subagentStatusLine ran this recently. */
const AGENT_STATUS_FRESH_MS = 30_000;
/** Task states that are not running. */
const DONE_STATUSES = /^(completed|done|failed|error|cancel|killed|stopped)/i;

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

export class MonitorStore {
  /** The deduplicated record; read by the reports, changed only through apply(). */
  readonly ledger = new EventLedger();
  readonly live: LiveMetrics;
  /** Proxy requests and every quota reading (proxy headers and the statusline), oldest first, pruned by age. */
  readonly proxy = new ProxyLedger();
  /** Tokens, responses and cost since start, only ever growing: what `serve` exports. */
  readonly counters: TokenCounters;
  /** Claude Code's own telemetry (OTLP), by model: tokens and cost as its exports added them, and its api_request events. */
  readonly otelCounters = new Map<string, { input: number; output: number; cacheCreation: number; cacheRead: number; costUSD: number; responses: number }>();
  /** The same of the proxy's responses, by model. */
  readonly proxyCounters = new Map<string, { input: number; output: number; cacheCreation: number; cacheRead: number; responses: number }>();
  readonly startedAt: number;
  private readonly watched: readonly string[];
  private readonly historyFrom: number;
  private readonly thresholds: Thresholds;
  private readonly onCritical: (anomalies: readonly Anomaly[]) => void;
  private readonly keepHistory: boolean;
  private readonly proxyTokens = new BucketSeries(BUCKET_MS, RING_BUCKETS, 4);
  private readonly otelTokens = new BucketSeries(BUCKET_MS, RING_BUCKETS, 4);
  private otelSeen = false;
  /** Each OTel export's tokens with its time, for the source-desync detector; pruned with the ledger. */
  private otelExports: Array<{ time: number; tokens: number }> = [];
  private readonly latestQuota = new Map<'5h' | '7d', QuotaReading>();
  private claudeCache: MonitorSnapshot['claudeCache'];
  /** Claude Code's own view of its running sub-agents, latest per session (subagent-status). */
  private readonly agentStatus = new Map<string, SubagentStatus>();
  /** The latest reading per window and source: the quota view's lines per source. */
  private readonly latestBySource = new Map<string, QuotaReading & { readonly window: '5h' | '7d' }>();
  private proxySeen = false;
  private anomalies: Anomaly[] = [];
  private lastDetect = -Infinity;
  private readonly seenCritical = new Set<string>();
  /** Anomalies found before their responses were folded: the detectors can no longer find them. */
  private settled: Anomaly[] = [];
  /** Anomalies a person acknowledged: listed dimmed, they no longer light the lamp. */
  private readonly acknowledged = new Set<string>();
  private readonly quotaSeries = new QuotaSeries();
  /** The quota view's range while it is open. */
  private quotaRange: QuotaRangeName | undefined;
  private modelsOpen = false;
  private readonly prices: PriceTable;
  private estimates: QuotaEstimate[] = [];
  private newCritical: Anomaly[] = [];
  private readonly listeners = new Set<() => void>();
  private snapshot: MonitorSnapshot;
  private frozen: MonitorSnapshot | undefined;
  private arrivedWhilePaused = 0;
  private windowIndex = 0;
  private focusId: string | undefined;
  private sessionSort: SessionSort = 'activity';
  private sessionOffset = 0;
  private notice: string | undefined;
  private clock: ClockState = { mode: 'live' };
  private dirty = true;
  /** Data arrived since the detectors last ran (they run at most every DETECT_EVERY_MS). */
  private undetected = false;
  private lastPrune = 0;
  private progress: SourceProgress = { files: 0, lines: 0, malformed: 0, backfillDone: false, backfillRead: 0, backfillTotal: 0 };

  constructor(options: MonitorStoreOptions) {
    this.startedAt = options.startedAt;
    this.watched = options.watched;
    this.historyFrom = options.historyFrom ?? options.startedAt;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.onCritical = options.onCritical ?? (() => undefined);
    this.keepHistory = options.keepHistory ?? false;
    this.live = new LiveMetrics(options.prices);
    this.prices = options.prices;
    this.counters = new TokenCounters(options.prices);
    this.windowIndex = Math.max(0, WINDOWS.findIndex((w) => w.name === (options.window ?? '5m')));
    this.snapshot = this.build(options.startedAt);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MonitorSnapshot => this.snapshot;

  apply(event: TranscriptEvent): void {
    const change = this.ledger.apply(event);
    // The quota chart spans up to a week: every token counts there, the backfill's too.
    if (change !== undefined) {
      this.quotaSeries.addTokens(change.record.time, inputEquivalentTokens(change.delta));
      this.counters.add(change);
    }
    if (event.time !== undefined && event.time < this.historyFrom) return;
    this.live.apply(event, change);
    if (this.frozen !== undefined) this.arrivedWhilePaused += 1;
    this.dirty = true;
    this.undetected = true;
  }

  /** A request the proxy saw: its tokens for the proxy's rate, its headers for the quota. */
  applyProxy(event: ProxyRequestEvent): void {
    this.proxy.apply(event);
    this.proxySeen = true;
    if (event.usage !== undefined) {
      this.proxyTokens.add(event.time, [event.usage.input, event.usage.output, event.usage.cacheCreation, event.usage.cacheRead]);
      const model = event.model ?? 'unknown';
      const row = this.proxyCounters.get(model) ?? { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0 };
      row.input += event.usage.input;
      row.output += event.usage.output;
      row.cacheCreation += event.usage.cacheCreation;
      row.cacheRead += event.usage.cacheRead;
      row.responses += 1;
      this.proxyCounters.set(model, row);
    }
    for (const reading of event.quota) this.noteLatest(reading);
    this.dirty = true;
    this.undetected = true;
  }

  /** What an OTLP export of Claude Code's telemetry added (tokens, cost), or one api_request event (a response). */
  applyOtel(delta: OtelDelta | { readonly kind: 'api-request'; readonly model: string; readonly time: number }): void {
    const model = delta.model;
    const row = this.otelCounters.get(model) ?? { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, costUSD: 0, responses: 0 };
    if ('kind' in delta) row.responses += 1;
    else {
      row.input += delta.input;
      row.output += delta.output;
      row.cacheCreation += delta.cacheCreation;
      row.cacheRead += delta.cacheRead;
      row.costUSD = addCost(row.costUSD, delta.costUSD);
      this.otelTokens.add(delta.time, [delta.input, delta.output, delta.cacheCreation, delta.cacheRead]);
      this.otelExports.push({ time: delta.time, tokens: delta.input + delta.output + delta.cacheCreation + delta.cacheRead });
      this.otelSeen = true;
    }
    this.otelCounters.set(model, row);
    this.dirty = true;
    this.undetected = true;
  }

  /** A quota reading of another source (the statusline state file). */
  /** Claude Code's own view of a session's running sub-agents (`tokentop subagent-status`'s record). */
  applySubagentStatus(status: SubagentStatus): void {
    const key = status.sessionId ?? '';
    const known = this.agentStatus.get(key);
    if (known === undefined || status.time >= known.time) this.agentStatus.set(key, status);
    // Bounded: a session not heard of for an hour is forgotten.
    for (const [k, v] of this.agentStatus) if (v.time < status.time - HOUR_MS) this.agentStatus.delete(k);
    this.dirty = true;
    this.undetected = true;
  }

  /** Claude Code's view of the agents running now, when it gave one lately; undefined to fall back to the transcripts'. */
  private runningFromClaudeCode(now: number, focusId: string | undefined): AgentRow[] | undefined {
    const fresh = [...this.agentStatus.values()].filter((s) => now - s.time <= AGENT_STATUS_FRESH_MS && (focusId === undefined || s.sessionId === focusId));
    if (fresh.length === 0) return undefined;
    return fresh.flatMap((s) =>
      s.tasks
        .filter((t) => !DONE_STATUSES.test(t.status ?? ''))
        .map((t) => ({ toolUseId: t.id, subagentType: t.type ?? t.name ?? 'agent', description: t.description ?? '', sessionId: s.sessionId ?? '', project: this.live.sessions.get(s.sessionId ?? '')?.project ?? '', elapsedMs: t.startTime === undefined ? 0 : Math.max(0, now - t.startTime), tokens: t.tokenCount ?? 0 })),
    );
  }

  applyReading(reading: QuotaReading): void {
    this.proxy.addReading(reading);
    this.noteLatest(reading);
    this.dirty = true;
    this.undetected = true;
  }

  /** The agent file `agentId` belongs to the spawn `toolUseId` (its .meta.json says so). */
  linkAgent(agentId: string, toolUseId: string): void {
    this.live.subagents.link(agentId, toolUseId);
  }

  /** How far the sources have read: the header and footer show it. */
  setProgress(progress: SourceProgress): void {
    this.progress = progress;
    this.dirty = true;
  }

  get sourceProgress(): SourceProgress {
    return this.progress;
  }

  togglePause(now: number): void {
    if (this.frozen === undefined) {
      this.frozen = this.build(now);
      this.arrivedWhilePaused = 0;
    } else {
      this.frozen = undefined;
    }
    this.publish(now);
  }

  /** The chart window, or in the quota view its range (5h, 24h, 7d). */
  cycleWindow(now: number): void {
    if (this.quotaRange !== undefined) {
      const i = QUOTA_RANGES.findIndex((r) => r.name === this.quotaRange);
      this.quotaRange = (QUOTA_RANGES[(i + 1) % QUOTA_RANGES.length] ?? QUOTA_RANGES[0]).name;
    } else this.windowIndex = (this.windowIndex + 1) % WINDOWS.length;
    this.publish(now);
  }

  /** Open or close the quota view. */
  toggleQuotaView(now: number): void {
    this.quotaRange = this.quotaRange === undefined ? '5h' : undefined;
    if (this.quotaRange !== undefined) this.estimate(now);
    this.publish(now);
  }

  /** Open or close the models view. */
  toggleModelsView(now: number): void {
    this.modelsOpen = !this.modelsOpen;
    this.publish(now);
  }

  /** All sessions, then each session seen in the window, most recent first, then all again. */
  cycleFocus(now: number): void {
    const ids = this.sessionRows(now).map((s) => s.id);
    const next = this.focusId === undefined ? 0 : ids.indexOf(this.focusId) + 1;
    this.focusId = next >= ids.length ? undefined : ids[next];
    this.publish(now);
  }

  /** Order the sessions table by the next key: last activity, tokens, cost. */
  cycleSort(now: number): void {
    this.sessionSort = SESSION_SORTS[(SESSION_SORTS.indexOf(this.sessionSort) + 1) % SESSION_SORTS.length] ?? 'activity';
    this.sessionOffset = 0;
    this.publish(now);
  }

  /** Scroll the sessions table by `rows` (the table shows what fits from the offset on). */
  scrollSessions(rows: number, now: number): void {
    const count = this.sessionRows(now).length;
    this.sessionOffset = Math.max(0, Math.min(Math.max(0, count - 1), this.sessionOffset + rows));
    this.publish(now);
  }

  /** The anomalies that light the lamp now are seen: dim them until a new one comes. */
  acknowledge(now: number): void {
    for (const [id, standing] of lampOf(this.anomalies, now, this.acknowledged).standing) if (standing === 'lit') this.acknowledged.add(id);
    this.publish(now);
  }

  /** The acknowledged anomalies' ids (the exit summary shows the lamp as the screen did). */
  get acknowledgedIds(): ReadonlySet<string> {
    return this.acknowledged;
  }

  get paused(): boolean {
    return this.frozen !== undefined;
  }

  /** A replay's speed and whether it reached its end, shown in the header. */
  setClock(clock: ClockState, now: number): void {
    this.clock = clock;
    this.publish(now);
  }

  setNotice(text: string | undefined, now: number): void {
    this.notice = text;
    this.publish(now);
  }

  /**
   * The cadence: run the detectors when due, then publish when something changed, else every
   * IDLE_PUBLISH_MS so the window slides and ages count up. Each publish re-renders the screen; once
   * a second cost 2.7% of a core idle.
   */
  tick(now: number): void {
    if (this.detectDue(now)) {
      this.detect(now);
      if (this.quotaRange !== undefined) this.estimate(now);
    }
    if (this.dirty || now - this.snapshot.now >= (this.isQuiet ? QUIET_PUBLISH_MS : IDLE_PUBLISH_MS)) this.publish(now);
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      // Back to the loaded history, as for sessions: pruned back to the start only, the first prune
      // (at the first tick) dropped a --backfill's older responses, and the exit summary, which covers
      // the backfill, lost them when a tick came before it (seen as a test flaking under load). The
      // fold (LIVE_RESPONSES_HELD) bounds what this keeps.
      const horizon = Math.min(this.historyFrom, now - RETAIN_MS);
      this.live.prune(now - RETAIN_MS, this.sessionHorizon(now));
      if (!this.keepHistory) {
        this.ledger.usage.pruneBefore(horizon);
        this.ledger.pruneBefore(horizon);
        this.proxy.pruneBefore(horizon);
        this.otelExports = this.otelExports.filter((o) => o.time >= now - RETAIN_MS);
        this.foldOldest(now);
      }
    }
  }

  /** Nothing in the chart window and no sub-agent running: the screen has nothing moving to redraw. */
  get isQuiet(): boolean {
    return this.snapshot.view.windowTokens === 0 && this.snapshot.running.length === 0;
  }

  /** The anomalies kept from before a fold (the exit summary lists them as the screen did). */
  get settledAnomalies(): readonly Anomaly[] {
    return this.settled;
  }

  /**
   * Past LIVE_RESPONSES_HELD, fold the oldest responses. The detectors run first, on the responses
   * as they were, and what they found up to the fold is kept: it cannot be found again.
   */
  private foldOldest(now: number): void {
    if (this.ledger.usage.unfolded <= LIVE_RESPONSES_HELD) return;
    this.detect(now);
    this.ledger.usage.fold(LIVE_RESPONSES_HELD);
    const upTo = this.ledger.usage.foldedUpTo;
    this.settled = this.anomalies.filter((a) => a.start <= upTo);
  }

  private noteLatest(reading: QuotaReading): void {
    this.quotaSeries.addReading(reading);
    if (reading.window !== '5h' && reading.window !== '7d') return;
    const known = this.latestQuota.get(reading.window);
    if (known === undefined || reading.time >= known.time) this.latestQuota.set(reading.window, reading);
    if (reading.cache !== undefined && (this.claudeCache === undefined || reading.time >= this.claudeCache.time)) this.claudeCache = { hitRatio: reading.cache.hitRatio, lastMissCause: reading.cache.lastMissCause, time: reading.time };
    const key = `${reading.window}/${reading.source}`;
    const last = this.latestBySource.get(key);
    if (last === undefined || reading.time >= last.time) this.latestBySource.set(key, { ...reading, window: reading.window });
  }

  private publish(now: number): void {
    this.dirty = false;
    const fresh = this.frozen === undefined ? this.build(now) : { ...this.frozen, now, clock: this.clock, paused: true, arrivedWhilePaused: this.arrivedWhilePaused, notice: this.notice };
    this.snapshot = fresh;
    for (const listener of this.listeners) listener();
    if (this.newCritical.length > 0) this.onCritical(this.newCritical.splice(0));
  }

  /** What the readings say of the tokens per 1% (it reads every response: only while the view is open). */
  private estimate(now: number): void {
    const upTo = tokensUpTo([...this.ledger.usage.values()]);
    this.estimates = (['5h', '7d'] as const).map((w) => estimateQuota(w, this.proxy.quota, upTo, now));
  }

  private quotaViewAt(now: number): QuotaViewSnapshot | undefined {
    if (this.quotaRange === undefined) return undefined;
    // The 5h range is aligned to the block: it ends at the window's reset when that is known.
    const block = this.estimates.find((e) => e.window === '5h')?.resetAt;
    const to = this.quotaRange === '5h' && block !== undefined && block > now && block - now < 5 * HOUR_MS ? block : now;
    const bySource = [...this.latestBySource.values()].sort((a, b) => a.window.localeCompare(b.window) || a.source.localeCompare(b.source)).map((q) => ({ window: q.window, source: q.source, utilization: q.utilization, resetAt: q.resetAt, time: q.time }));
    return { chart: this.quotaSeries.chart(this.quotaRange, to), estimates: this.estimates, bySource };
  }

  /**
   * Data came after the detectors' last run and they have not seen it: the caller ticks again once
   * DETECT_EVERY_MS has passed, or a reading that lands right after a run waits for the slow ticker.
   */
  get needsDetect(): boolean {
    return this.undetected;
  }

  private detectDue(now: number): boolean {
    // A clock that went back (a replay restarted) runs them at once.
    return now - this.lastDetect >= DETECT_EVERY_MS || now < this.lastDetect;
  }

  private detect(now: number): void {
    this.lastDetect = now;
    this.undetected = false;
    // Older history still feeds the ledger (and the lockout detector's usual), but is not shown.
    const found = detectAll(detectorInput(this.ledger, this.proxy, this.proxy.quota, now, this.thresholds, this.settled, this.otelExports, this.prices)).filter((a) => a.start >= this.historyFrom);
    if (found.length !== this.anomalies.length || found.some((a, i) => a !== this.anomalies[i])) this.dirty = true;
    this.anomalies = found;
    // Forget acknowledgements of anomalies no longer found (pruned history): the set stays bounded.
    const ids = new Set(found.map((a) => a.id));
    for (const id of this.acknowledged) if (!ids.has(id)) this.acknowledged.delete(id);
    for (const a of this.anomalies) {
      if (a.severity !== 'critical' || this.seenCritical.has(a.id)) continue;
      this.seenCritical.add(a.id);
      // History read behind the first frame is shown, not snapshotted: it happened before the watch.
      if (a.start >= this.startedAt) this.newCritical.push(a);
    }
  }

  /** The snapshot for `now`, from the state as it is: no detector runs here. */
  private build(now: number): MonitorSnapshot {
    const window = WINDOWS[this.windowIndex] ?? WINDOWS[0];
    const sessions = this.sessionRows(now);
    const focus = this.focusId === undefined ? undefined : sessions.find((s) => s.id === this.focusId);
    const fromClaudeCode = this.runningFromClaudeCode(now, focus?.id);
    const p = this.progress;
    return {
      now,
      clock: this.clock,
      startedAt: this.startedAt,
      paused: false,
      arrivedWhilePaused: 0,
      window: window.name,
      windowMs: window.ms,
      focus,
      view: this.live.view(now, window.ms, focus?.id),
      sessions,
      sessionSort: this.sessionSort,
      sessionOffset: Math.min(this.sessionOffset, Math.max(0, sessions.length - 1)),
      running: fromClaudeCode ?? this.live.subagents.activeAt(now, focus?.id).map((a) => ({
        toolUseId: a.toolUseId,
        subagentType: a.subagentType,
        description: a.description,
        sessionId: a.sessionId,
        project: a.project,
        elapsedMs: now - a.spawnedAt,
        tokens: a.tokens,
      })),
      runningFrom: fromClaudeCode === undefined ? 'transcripts' : 'claude-code',
      anomalies: this.anomalies,
      lamp: lampOf(this.anomalies, now, this.acknowledged),
      quota: (['5h', '7d'] as const).flatMap((w) => {
        const q = this.latestQuota.get(w);
        return q === undefined ? [] : [{ window: w, utilization: q.utilization, status: q.status, resetAt: q.resetAt, source: q.source, time: q.time }];
      }),
      proxyRate: this.proxySeen ? this.proxyTokens.slices(now - MINUTE_MS, now, 1).reduce((sum, channel) => sum + (channel[0] ?? 0), 0) : undefined,
      otelRate: this.otelSeen ? this.otelTokens.slices(now - MINUTE_MS, now, 1).reduce((sum, channel) => sum + (channel[0] ?? 0), 0) : undefined,
      sources: { watched: this.watched, files: p.files, lines: p.lines, malformed: p.malformed },
      backfill: { done: p.backfillDone, filesRead: p.backfillRead, filesTotal: p.backfillTotal },
      notice: this.notice,
      quotaView: this.quotaViewAt(now),
      claudeCache: this.claudeCache,
      models: this.modelsOpen ? this.modelRows(now - window.ms, now, focus?.id) : undefined,
    };
  }

  /**
   * Sessions are listed back to the loaded history (a long --backfill shows its sessions by last
   * activity), and at least for RETAIN_MS. A session is a few hundred bytes (its series is sparse).
   */
  private sessionHorizon(now: number): number {
    return Math.min(this.historyFrom, now - RETAIN_MS);
  }

  /** Per model, the responses of [from, to] (one session's when focused); it reads the ledger: only while the view is open. */
  private modelRows(from: number, to: number, sessionId: string | undefined): ModelRow[] {
    const rows = new Map<string, { model: string; input: number; output: number; cacheWrite: number; cacheRead: number; responses: number; costUSD: number; priced: boolean }>();
    const prices = new Map<string, ModelPrice | undefined>();
    for (const r of this.ledger.usage.values()) {
      if (r.time < from || r.time > to || (sessionId !== undefined && r.scope.sessionId !== sessionId)) continue;
      let row = rows.get(r.model);
      if (row === undefined) {
        row = { model: r.model, input: 0, output: 0, cacheWrite: 0, cacheRead: 0, responses: 0, costUSD: 0, priced: true };
        rows.set(r.model, row);
      }
      row.input += r.input;
      row.output += r.output;
      row.cacheWrite += r.cacheCreation;
      row.cacheRead += r.cacheRead;
      row.responses += r.folded?.responses ?? 1;
      // Looked up once a model: the view reads up to 10,000 responses each publish.
      const price = prices.has(r.model) ? prices.get(r.model) : prices.set(r.model, priceOf(this.prices, r.model)).get(r.model);
      if (price === undefined) row.priced = false;
      else row.costUSD = addCost(row.costUSD, responseCostUSD(price, r));
    }
    return [...rows.values()].sort((a, b) => b.costUSD - a.costUSD || b.output - a.output || a.model.localeCompare(b.model));
  }

  private sessionRows(now: number): SessionRow[] {
    const rows: SessionRow[] = [];
    for (const s of this.live.sessions.values()) {
      if (s.lastActivity < this.sessionHorizon(now)) continue;
      rows.push({ id: s.id, title: this.ledger.titleOf(s.id), project: s.project, cwd: s.cwd, models: [...s.models].sort(), tokens: s.tokens, costUSD: s.costUSD, costComplete: s.costComplete, lastActivity: s.lastActivity });
    }
    const by = this.sessionSort;
    const key = (s: SessionRow): number => (by === 'tokens' ? s.tokens : by === 'cost' ? s.costUSD : s.lastActivity);
    return rows.sort((a, b) => key(b) - key(a) || b.lastActivity - a.lastActivity || a.id.localeCompare(b.id));
  }
}
