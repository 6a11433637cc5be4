/**
 * The one stateful seam of the live monitor. Events go in (apply), commands go in (command), and
 * immutable snapshots come out at a fixed cadence (tick), read by the UI through
 * subscribe/getSnapshot (useSyncExternalStore). Exporters, reports and evidence read it through a
 * few methods; nothing outside changes what it holds. Pure apart from the clock it is handed.
 *
 * Its parts, one concept each: the counting (metrics/event-ledger, live-metrics, cumulative-counters),
 * the anomaly book (cadence, acknowledgements, alerts), the view state (a pure reducer), the latest
 * readings, Claude Code's view of its agents, and the snapshot built from them (store-snapshot.ts).
 */
import { CumulativeCounters, type CounterRow } from '../metrics/cumulative-counters.js';
import { EventLedger } from '../metrics/event-ledger.js';
import type { OtelDelta } from '../metrics/otel-usage.js';
import { LiveMetrics } from '../metrics/live-metrics.js';
import { ProxyLedger } from '../metrics/proxy-ledger.js';
import { inputEquivalentTokens } from '../metrics/token-math.js';
import { watchStats, type WatchStats } from '../metrics/watch-stats.js';
import { WatchTally } from '../metrics/watch-tally.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { SubagentStatus } from '../parse/subagent-status.js';
import type { TranscriptEvent } from '../parse/events.js';
import { detectAll, detectorInput } from '../detect/detect-all.js';
import { DEFAULT_THRESHOLDS } from '../detect/thresholds.js';
import { AnomalyBook } from './anomaly-book.js';
import { ClaudeCodeAgents } from './claude-code-agents.js';
import { LatestReadings } from './latest-readings.js';
import { OtherSources } from './other-sources.js';
import { QuotaTracker } from './quota-tracker.js';
import { buildSnapshot, sessionRows } from './store-snapshot.js';
import { WINDOWS, type ClockState, type MonitorSnapshot, type SourceProgress, type StoreCommand } from './snapshot.js';
import { initialView, reduceView, type ViewState } from './view-state.js';
import { IDLE_PUBLISH_MS, LIVE_RESPONSES_HELD, NOTICE_MS, QUIET_PUBLISH_MS, RETAIN_MS, type MonitorStoreOptions, type StoreHistory } from './store-options.js';

export * from './snapshot.js';
export { IDLE_PUBLISH_MS, LIVE_RESPONSES_HELD, NOTICE_MS, QUIET_PUBLISH_MS, type MonitorStoreOptions, type StoreHistory } from './store-options.js';
export { DETECT_EVERY_MS } from './anomaly-book.js';

export class MonitorStore {
  readonly startedAt: number;
  /** The deduplicated record, changed only through apply(). */
  private readonly ledger = new EventLedger();
  private readonly live: LiveMetrics;
  /** Proxy requests and every quota reading (proxy headers, the statusline, the usage endpoint), oldest first, pruned by age. */
  private readonly proxy = new ProxyLedger();
  /** Tokens, responses and cost since start by source, model and project, only ever growing: what `serve` exports. */
  private readonly counters: CumulativeCounters;
  private readonly options: Required<Omit<MonitorStoreOptions, 'window'>>;
  private readonly others = new OtherSources();
  /** The whole watch's figures (the live rings keep hours): the exit summary's. */
  private readonly watch: WatchTally;
  private readonly readings = new LatestReadings();
  private readonly agents = new ClaudeCodeAgents();
  private readonly book: AnomalyBook;
  private readonly quota = new QuotaTracker();
  private view: ViewState;
  private readonly listeners = new Set<() => void>();
  private snapshot: MonitorSnapshot;
  private frozen: MonitorSnapshot | undefined;
  private arrivedWhilePaused = 0;
  private notice: { readonly text: string; readonly at: number } | undefined;
  private clock: ClockState = { mode: 'live' };
  private dirty = true;
  private lastPrune = 0;
  private progress: SourceProgress = { files: 0, lines: 0, malformed: 0, backfillDone: false, backfillRead: 0, backfillTotal: 0 };

  constructor(options: MonitorStoreOptions) {
    this.startedAt = options.startedAt;
    this.options = {
      prices: options.prices,
      startedAt: options.startedAt,
      watched: options.watched,
      historyFrom: options.historyFrom ?? options.startedAt,
      thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
      onCritical: options.onCritical ?? (() => undefined),
      keepHistory: options.keepHistory ?? false,
    };
    this.live = new LiveMetrics(options.prices);
    this.counters = new CumulativeCounters(options.prices);
    this.book = new AnomalyBook(options.startedAt);
    this.watch = new WatchTally(options.startedAt);
    this.view = initialView(options.window);
    this.snapshot = this.build(options.startedAt);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): MonitorSnapshot => this.snapshot;

  // ---- events in ----

  apply(event: TranscriptEvent): void {
    const newSpawn = event.kind === 'subagent-spawn' && !this.ledger.spawns.has(event.toolUseId);
    const change = this.ledger.apply(event);
    // The quota chart spans up to a week: every token counts there, the backfill's too.
    if (change !== undefined) {
      this.quota.addTokens(change.record.time, inputEquivalentTokens(change.delta));
      this.counters.addChange(change);
    }
    if (event.time !== undefined && event.time < this.options.historyFrom) return;
    this.live.apply(event, change);
    if (change !== undefined && event.kind === 'usage') this.watch.addTokens(event.time, change.delta, event.origin.file, event.key);
    if (newSpawn && event.time !== undefined) this.watch.addSpawn(event.time, this.live.subagents.activeAt(event.time).length);
    if (this.frozen !== undefined) this.arrivedWhilePaused += 1;
    this.changed();
  }

  /** A request the proxy saw: its tokens for the proxy's rate, its headers for the quota. */
  applyProxy(event: ProxyRequestEvent): void {
    this.proxy.apply(event);
    this.others.proxy(event.time, event.usage);
    if (event.usage !== undefined) {
      this.counters.addReported('proxy', event.model ?? 'unknown', event.usage);
      this.counters.addResponse('proxy', event.model ?? 'unknown');
    }
    for (const reading of event.quota) this.noteReading(reading);
    this.changed();
  }

  /** What an OTLP export of Claude Code's telemetry added (tokens, cost), or one api_request event (a response). */
  applyOtel(delta: OtelDelta | { readonly kind: 'api-request'; readonly model: string; readonly time: number }): void {
    if ('kind' in delta) this.counters.addResponse('otel', delta.model);
    else {
      this.counters.addReported('otel', delta.model, delta, delta.costUSD);
      this.others.otelExport(delta.time, delta);
    }
    this.changed();
  }

  /** Claude Code's own view of a session's running sub-agents (`tokentop subagent-status`'s record). */
  applySubagentStatus(status: SubagentStatus): void {
    this.agents.apply(status);
    this.changed();
  }

  /** A quota reading of another source (the statusline's quota record, the usage endpoint). */
  applyReading(reading: QuotaReading): void {
    this.proxy.addReading(reading);
    this.noteReading(reading);
    this.changed();
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

  // ---- commands in ----

  /** A key's command (the key table names it): the view, the pause, the acknowledgement. */
  command(command: StoreCommand, now: number): void {
    if (command === 'pause') {
      this.frozen = this.frozen === undefined ? this.build(now) : undefined;
      this.arrivedWhilePaused = 0;
    } else if (command === 'acknowledge') this.book.acknowledge(now);
    else {
      const wasOpen = this.view.quotaRange !== undefined;
      this.view = reduceView(this.view, command, sessionRows(this.live, this.ledger, this.view.sessionSort, this.sessionHorizon(now)).map((s) => s.id));
      if (!wasOpen && this.view.quotaRange !== undefined) this.estimate(now);
    }
    this.publish(now);
  }

  /** A replay's speed and whether it reached its end, shown in the header. */
  setClock(clock: ClockState, now: number): void {
    this.clock = clock;
    this.publish(now);
  }

  /** A line for the footer (a snapshot's path, an error): shown for NOTICE_MS, then the keys come back. */
  setNotice(text: string | undefined, now: number): void {
    this.notice = text === undefined ? undefined : { text, at: now };
    this.publish(now);
  }

  private noticeAt(now: number): string | undefined {
    return this.notice !== undefined && now - this.notice.at < NOTICE_MS && now >= this.notice.at ? this.notice.text : undefined;
  }

  // ---- reads ----

  get sourceProgress(): SourceProgress {
    return this.progress;
  }

  get paused(): boolean {
    return this.frozen !== undefined;
  }

  /** Nothing in the chart window and no sub-agent running: the screen has nothing moving to redraw. */
  get isQuiet(): boolean {
    // A notice on screen is not quiet: it goes after NOTICE_MS, at the next 5 s tick.
    return this.snapshot.view.windowTokens === 0 && this.snapshot.running.length === 0 && this.snapshot.notice === undefined;
  }

  /**
   * Data came after the detectors' last run and they have not seen it: the caller ticks again once
   * DETECT_EVERY_MS has passed, or a reading that lands right after a run waits for the slow ticker.
   */
  get needsDetect(): boolean {
    return this.book.needsRun;
  }

  /** The cumulative counters, a row per source, model and project. */
  counterRows(): readonly CounterRow[] {
    return this.counters.rows();
  }

  /** Every quota reading held, oldest first. */
  quotaReadings(): readonly QuotaReading[] {
    return this.proxy.quota;
  }

  /** Tokens of the responses in (from, to]: an evidence bundle's "local tokens in the window". */
  localTokensIn(from: number, to: number): number {
    return this.ledger.usage.tokensIn(from, to);
  }

  /** The cache hit ratio over the `windowMs` before `now`; null with no tokens. */
  cacheRatio(now: number, windowMs: number): number | null {
    return this.live.view(now, windowMs).windowCacheRatio;
  }

  /** The sub-agents running at `now`, by the transcripts. */
  activeSubagents(now: number): number {
    return this.live.subagents.activeAt(now).length;
  }

  /** What the watch saw over [from, to]: peak rate, cache, sub-agents (the exit summary's). */
  watchStats(from: number, to: number): WatchStats {
    return this.watch.over(watchStats(this.live, from, to));
  }

  /** What a report is built from, read-only. */
  history(): StoreHistory {
    return { ledger: this.ledger, proxy: this.proxy, acknowledged: this.book.acknowledgedIds, settled: this.book.settled };
  }

  // ---- the cadence ----

  /**
   * Run the detectors when due, then publish when something changed, else every IDLE_PUBLISH_MS so
   * the window slides and ages count up. Each publish re-renders the screen; once a second cost 2.7%
   * of a core idle.
   */
  tick(now: number): void {
    if (this.book.due(now)) {
      this.detect(now);
      if (this.view.quotaRange !== undefined) this.estimate(now);
    }
    // A notice that has had its time goes at the next tick, whatever the cadence.
    const noticeGone = this.snapshot.notice !== undefined && this.noticeAt(now) === undefined;
    if (this.dirty || noticeGone || now - this.snapshot.now >= (this.isQuiet ? QUIET_PUBLISH_MS : IDLE_PUBLISH_MS)) this.publish(now);
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      this.prune(now);
    }
  }

  private changed(): void {
    this.dirty = true;
    this.book.noteData();
  }

  private noteReading(reading: QuotaReading): void {
    this.quota.addReading(reading);
    this.readings.note(reading);
  }

  /**
   * Back to the loaded history, as for sessions: pruned back to the start only, the first prune (at
   * the first tick) dropped a --backfill's older responses, and the exit summary, which covers the
   * backfill, lost them when a tick came before it. The fold (LIVE_RESPONSES_HELD) bounds what this keeps.
   */
  private prune(now: number): void {
    this.live.prune(now - RETAIN_MS, this.sessionHorizon(now));
    this.watch.pruneBefore(now - RETAIN_MS);
    if (this.options.keepHistory) return;
    const horizon = this.sessionHorizon(now);
    this.ledger.usage.pruneBefore(horizon);
    this.ledger.pruneBefore(horizon);
    this.proxy.pruneBefore(horizon);
    this.others.pruneBefore(now - RETAIN_MS);
    // Past LIVE_RESPONSES_HELD, fold the oldest responses. The detectors run first, on the responses
    // as they were, and what they found up to the fold is kept: it cannot be found again.
    if (this.ledger.usage.unfolded <= LIVE_RESPONSES_HELD) return;
    this.detect(now);
    this.ledger.usage.fold(LIVE_RESPONSES_HELD);
    this.book.settle(this.ledger.usage.foldedUpTo);
  }

  /**
   * Sessions are listed back to the loaded history (a long --backfill shows its sessions by last
   * activity), and at least for RETAIN_MS. A session is a few hundred bytes (its series is sparse).
   */
  private sessionHorizon(now: number): number {
    return Math.min(this.options.historyFrom, now - RETAIN_MS);
  }

  private publish(now: number): void {
    this.dirty = false;
    this.snapshot = this.frozen === undefined ? this.build(now) : { ...this.frozen, now, clock: this.clock, paused: true, arrivedWhilePaused: this.arrivedWhilePaused, notice: this.noticeAt(now) };
    for (const listener of this.listeners) listener();
    const critical = this.book.takeNewCritical();
    if (critical.length > 0) this.options.onCritical(critical);
  }

  private estimate(now: number): void {
    this.quota.estimate(this.ledger.usage, this.proxy.quota, now);
  }

  private detect(now: number): void {
    const o = this.options;
    // Older history still feeds the ledger (and the lockout detector's usual), but is not shown.
    const found = detectAll(detectorInput(this.ledger, this.proxy, this.proxy.quota, now, o.thresholds, this.book.settled, this.others.otelExports, o.prices)).filter((a) => a.start >= o.historyFrom);
    if (this.book.record(found, now)) this.dirty = true;
  }

  /** The snapshot for `now`, from the state as it is: no detector runs here. */
  private build(now: number): MonitorSnapshot {
    return buildSnapshot({
      now,
      view: this.view,
      live: this.live,
      ledger: this.ledger,
      prices: this.options.prices,
      sessionHorizon: this.sessionHorizon(now),
      claudeCodeAgents: this.agents,
      anomalies: this.book.list,
      lamp: this.book.lamp(now),
      readings: this.readings,
      quotaView: this.view.quotaRange === undefined ? undefined : this.quota.view(this.view.quotaRange),
      quotaTrend: this.quota.trend(now, (WINDOWS[this.view.windowIndex] ?? WINDOWS[0]).ms),
      rates: { proxy: this.others.rate('proxy', now), otel: this.others.rate('otel', now) },
      header: { clock: this.clock, startedAt: this.startedAt, watched: this.options.watched, progress: this.progress, notice: this.noticeAt(now) },
    });
  }
}
