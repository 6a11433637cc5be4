/**
 * The live monitor's engine, without a screen: transcripts (backfill, then tailing), proxy logs and
 * the statusline record feed one store; the store publishes on change (after a short delay that
 * merges a burst) and on its idle cadence. The monitor and the demo drive it; the caller decides what
 * draws the snapshots.
 */
import type { Anomaly } from '../detect/anomaly.js';
import type { Thresholds } from '../detect/thresholds.js';
import type { SourceStats } from '../pipeline/read/transcript-reader.js';
import { LiveIngest } from '../pipeline/live/live-ingest.js';
import { indexTrouble, type HistoryIndex } from '../pipeline/history/history-index.js';
import { ProxyIngest } from '../pipeline/live/proxy-ingest.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Summary } from '../report/summary.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import type { ProxyWatchPlan } from '../sources/find-proxy-logs.js';
import { DETECT_EVERY_MS, IDLE_PUBLISH_MS, MonitorStore, QUIET_PUBLISH_MS, type WindowName } from '../store/monitor-store.js';
import { summarizeStore } from './summarize.js';
import { UsagePoller } from './usage-poller.js';
import { recordUsageReadings } from '../pipeline/read/quota-record-writer.js';

export interface LiveSessionOptions {
  readonly prices: PriceTable;
  readonly thresholds: Thresholds;
  readonly window: WindowName;
  readonly backfillMs: number;
  /** What the user named (config dirs, project dirs, files): searched for transcripts. */
  readonly paths: readonly string[];
  /** Where the watcher listens for new files: a config dir's projects/, else the path itself. */
  readonly roots: readonly string[];
  readonly proxyPlan: ProxyWatchPlan;
  /** The statusline record, tailed when it exists or appears; undefined to leave it out. */
  readonly statuslineFile: string | undefined;
  readonly now: () => number;
  /** New critical anomalies, after the snapshot that shows them is published. */
  readonly onCritical?: (anomalies: readonly Anomaly[]) => void;
  /** Opens the persistent index the backfill reads through (undefined: every backfilled file is read whole). */
  readonly openIndex?: (() => Promise<HistoryIndex>) | undefined;
  /** `--usage-api`: poll the dashboard's usage endpoint with the login in this credentials file (off when undefined). */
  readonly usageApi?: { readonly credentialsFile: string; readonly url: string; readonly version: string; readonly statusFile?: string | undefined } | undefined;
}

/** After a change, the screen follows within this; a quiet screen is redrawn by the store's idle cadence. */
const PUBLISH_DELAY_MS = 50;
/**
 * Under a steady stream of lines, at most one publish per this: each builds a snapshot and a frame
 * that live past a young-generation GC, and at 20 a second (1,000 lines/s in the soak bench) their
 * garbage filled the old generation and swung RSS by 40 MiB between major GCs.
 */
const BUSY_PUBLISH_MS = 250;

export class LiveSession {
  readonly store: MonitorStore;
  readonly startedAt: number;
  private readonly ingest: LiveIngest;
  private readonly proxy: ProxyIngest;
  private publishTimer: NodeJS.Timeout | undefined;
  private lastPublish = -Infinity;
  private ticker: NodeJS.Timeout | undefined;
  private tickerMs = IDLE_PUBLISH_MS;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private readonly usagePoller: UsagePoller | undefined;
  /** When the backfill was done (performance.now(): the process's own clock, for the benchmark). */
  backfillDoneAt: number | undefined;

  constructor(private readonly options: LiveSessionOptions) {
    const { now } = options;
    this.startedAt = now();
    this.store = new MonitorStore({
      prices: options.prices,
      startedAt: this.startedAt,
      watched: options.roots,
      historyFrom: this.startedAt - options.backfillMs,
      window: options.window,
      thresholds: options.thresholds,
      onCritical: options.onCritical,
    });
    const store = this.store;
    // Whatever made the screen busy (data, a notice, a key), the quiet screen's long wait gives way
    // to the busy cadence at once: a footer notice waited up to 30 s for the quiet ticker to go.
    this.unsubscribe = store.subscribe(() => {
      if (this.ticker !== undefined && this.tickerMs !== IDLE_PUBLISH_MS && !store.isQuiet && !this.stopped) this.rearmTicker();
    });
    this.ingest = new LiveIngest(options.roots, {
      onEvent: (event) => store.apply(event),
      onAgentFile: (file) => {
        if (file.spawnId !== undefined) store.linkAgent(file.agentId, file.spawnId);
      },
      onProgress: (p) => {
        if (p.backfillDone) this.backfillDoneAt ??= performance.now();
        store.setProgress({ files: p.stats.files, lines: p.stats.lines, malformed: p.stats.malformed, backfillDone: p.backfillDone, backfillRead: p.backfillRead, backfillTotal: p.backfillTotal });
        this.publishSoon();
      },
      onNotice: (n) => {
        if (n.kind === 'error' || n.kind === 'watch-error') store.setNotice(`read error: ${n.message}`, now());
        else if (n.kind === 'not-a-file') store.setNotice(`skipped ${n.path}: not a regular file (a FIFO, socket or device)`, now());
      },
      onIndex: (report) => {
        const trouble = indexTrouble(report);
        if (trouble !== undefined) store.setNotice(trouble, now());
      },
    }, options.openIndex);
    this.proxy = new ProxyIngest(options.proxyPlan, options.statuslineFile, {
      onRequest: (event) => {
        store.applyProxy(event);
        this.publishSoon();
      },
      onReading: (reading) => {
        store.applyReading(reading);
        this.publishSoon();
      },
      onProblem: (message) => store.setNotice(message, now()),
      onSubagentStatus: (status) => {
        store.applySubagentStatus(status);
        this.publishSoon();
      },
    });
    const usage = options.usageApi;
    this.usagePoller =
      usage === undefined
        ? undefined
        : new UsagePoller({
            ...usage,
            now,
            onReadings: (readings) => {
              // Into the local quota record when it is read (its tailer brings them to the store, once); else straight to the store.
              const record = options.statuslineFile;
              if (record !== undefined) {
                try {
                  recordUsageReadings(record, readings, (problem) => store.setNotice(problem, now()));
                  return;
                } catch (error) {
                  store.setNotice(`cannot keep the usage endpoint's readings in ${record}: ${error instanceof Error ? error.message : String(error)}`, now());
                }
              }
              for (const r of readings) store.applyReading(r);
              this.publishSoon();
            },
            onProblem: (message) => store.setNotice(message, now()),
          });
  }

  /** Find the transcripts, start tailing; the backfill goes on behind the first frame. */
  async start(): Promise<void> {
    const { now } = this.options;
    this.rearmTicker();
    this.usagePoller?.start();
    const found = await findTranscripts(this.options.paths);
    for (const w of [...found.problems, ...found.warnings]) this.store.setNotice(`skipped ${w.path}: ${w.message}`, now());
    // Proxy logs and the quota record start while the transcripts backfill.
    const transcripts = this.ingest.start(found.files, this.startedAt - this.options.backfillMs);
    await this.proxy.start();
    await transcripts;
    this.ingest.watchLinked(found.linkedDirs);
  }

  /** The transcripts' line counts so far (what `serve` exports). */
  get lineCounts(): SourceStats {
    return this.ingest.stats;
  }

  async stop(): Promise<void> {
    this.usagePoller?.stop();
    this.stopped = true;
    this.unsubscribe();
    if (this.ticker !== undefined) clearTimeout(this.ticker);
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    await this.ingest.stop();
    await this.proxy.stop();
  }

  /**
   * The report of what the screen showed, built as `tokentop summary` builds its own: the backfill
   * and the watch (so it lists every anomaly the lamp showed), with the watch's own figures beside.
   */
  summary(version: string): Summary {
    const now = this.options.now();
    const since = this.startedAt - this.options.backfillMs;
    const { proxyPlan, statuslineFile } = this.options;
    const named = proxyPlan.files.length > 0 || proxyPlan.dirs.length > 0;
    const counts = this.proxy.recordStats;
    const quota = { sources: named ? this.proxy.stats : undefined, record: statuslineFile === undefined ? undefined : { file: statuslineFile, found: counts.lines > 0, ...counts } };
    return summarizeStore(this.store, this.ingest.stats, this.ingest.agentFiles, quota, { from: this.startedAt, to: now }, { since, until: now + 1, prices: this.options.prices, thresholds: this.options.thresholds, now, version });
  }

  private publishSoon(minWait = 0): void {
    const wait = Math.max(PUBLISH_DELAY_MS, minWait, this.lastPublish + BUSY_PUBLISH_MS - performance.now());
    this.publishTimer ??= setTimeout(() => {
      this.publishTimer = undefined;
      this.lastPublish = performance.now();
      this.store.tick(this.options.now());
      // It came within DETECT_EVERY_MS of the detectors' last run, so this tick only drew it: tick
      // again when they are due, not at the next (up to 30 s) clock tick. A 31% -> 0% reading was
      // shown but its anomaly waited for the quiet ticker.
      if (!this.stopped && this.store.needsDetect) this.publishSoon(DETECT_EVERY_MS);
    }, wait);
  }

  /**
   * The store's clock tick: every IDLE_PUBLISH_MS while the screen has something moving (the window
   * slides, ages count up), every QUIET_PUBLISH_MS while it has nothing (a 5 s interval ran while
   * nothing changed). Lines that arrive tick the store themselves (publishSoon).
   */
  private rearmTicker(): void {
    if (this.ticker !== undefined) clearTimeout(this.ticker);
    this.tickerMs = this.store.isQuiet ? QUIET_PUBLISH_MS : IDLE_PUBLISH_MS;
    this.ticker = setTimeout(() => {
      this.store.tick(this.options.now());
      if (!this.stopped) this.rearmTicker();
    }, this.tickerMs);
  }
}
