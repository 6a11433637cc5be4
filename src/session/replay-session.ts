/**
 * A recording on its own timeline: events read once from the files wait for their moment on a
 * virtual clock (which jumps quiet stretches, see replay-clock.ts) and are fed to the same store as
 * live use. On screen the clock advances with real time; `--speed max` runs it to the end at once.
 * Both are this one path, so "replay at max = summary" compares the store with the one-shot reader.
 */
import type { Thresholds } from '../detect/thresholds.js';
import { duration } from '../metrics/token-math.js';
import type { ProxySourceCounts, QuotaRecordCounts } from '../metrics/proxy-ledger.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { TranscriptEvent } from '../parse/events.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import { TranscriptReader, type AgentFile, type SourceStats } from '../pipeline/read/transcript-reader.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Summary } from '../report/summary.js';
import { MonitorStore } from '../store/monitor-store.js';
import { advanceReplayClock } from './replay-clock.js';
import { summarizeStore } from './summarize.js';

/** A quota reading of the local record, on the replay's timeline. */
export interface ReadingItem {
  readonly kind: 'quota-reading';
  readonly time: number;
  readonly reading: QuotaReading;
}

export type ReplayItem = TranscriptEvent | ProxyRequestEvent | ReadingItem;

/** What a replay plays: every event of the files, oldest first, and what was read to get them. */
export interface Recording {
  readonly events: readonly ReplayItem[];
  readonly agentFiles: readonly AgentFile[];
  readonly lines: SourceStats;
  readonly quota: { readonly sources?: ProxySourceCounts | undefined; readonly record?: QuotaRecordCounts | undefined };
}

/** The server-side sources read beside the transcripts: proxy logs' requests, the record's readings. */
export interface ServerSources {
  readonly events: readonly ProxyRequestEvent[];
  readonly readings: readonly QuotaReading[];
  readonly sources: ProxySourceCounts | undefined;
  readonly record: QuotaRecordCounts | undefined;
}

/**
 * Read transcript files whole and merge in proxy events. Sub-agents' progress lines are read too
 * (they keep a sub-agent shown as running), headless or not, as `summary` reads them: the line
 * counts of `replay --speed max` and `summary` agree.
 */
export function readRecording(files: readonly string[], server: ServerSources | undefined): Recording {
  const events: ReplayItem[] = [...(server?.events ?? []), ...(server?.readings ?? []).map((reading) => ({ kind: 'quota-reading' as const, time: reading.time, reading }))];
  const reader = new TranscriptReader((e) => events.push(e), { progress: true });
  for (const file of files) reader.readToEnd(file);
  // Stable: events of one time keep their file order (a spawn before its result).
  events.sort((a, b) => (a.time ?? -Infinity) - (b.time ?? -Infinity));
  return { events, agentFiles: reader.agentFiles, lines: reader.stats, quota: { sources: server?.sources, record: server?.record } };
}

export interface ReplayOptions {
  readonly prices: PriceTable;
  readonly thresholds: Thresholds;
  readonly watched: readonly string[];
  /** The part of the timeline to play, [from, to); default: all of it. */
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly speed: number;
  readonly skipIdle: boolean;
}

/** How often the on-screen clock moves. */
const STEP_MS = 100;
const MAX_SPEED = 1e12;
const MIN_SPEED = 0.25;

export class ReplaySession {
  readonly store: MonitorStore;
  readonly start: number;
  /** The clock's last moment: --to, else the last event's time. */
  readonly end: number;
  private clockAt: number;
  private speedNow: number;
  private next = 0;
  private lastFed: number | undefined;
  private endedFlag = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly recording: Recording,
    private readonly options: ReplayOptions,
  ) {
    const timed = recording.events.filter((e) => e.time !== undefined).map((e) => e.time as number);
    this.start = options.from ?? timed[0] ?? 0;
    this.end = Math.max(this.start, options.to ?? timed.at(-1) ?? this.start);
    this.clockAt = this.start;
    this.speedNow = options.speed;
    // The whole recording is in memory anyway: the ledger keeps all of it, so a later copy of a
    // response from before --from still deduplicates against its first.
    this.store = new MonitorStore({ prices: options.prices, startedAt: this.start, watched: options.watched, thresholds: options.thresholds, keepHistory: true });
    for (const file of recording.agentFiles) if (file.spawnId !== undefined) this.store.linkAgent(file.agentId, file.spawnId);
    this.store.setProgress({ files: recording.lines.files, lines: recording.lines.lines, malformed: recording.lines.malformed, backfillDone: true, backfillRead: 0, backfillTotal: 0 });
    this.feed();
    this.showClock();
  }

  get clock(): number {
    return this.clockAt;
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  /** `realMs` of real time passed: move the clock (unless paused), feed what it passed, publish. */
  advance(realMs: number): void {
    if (!this.store.paused && !this.endedFlag) {
      const moved = advanceReplayClock(this.clockAt, realMs, this.speedNow, this.end, this.lastFed, this.recording.events[this.next]?.time, this.options.skipIdle);
      this.clockAt = moved.clock;
      if (moved.skippedMs > 0) this.store.setNotice(`skipped ${duration(moved.skippedMs)} idle`, this.clockAt);
    }
    this.settle();
  }

  /** On screen: the clock follows real time (at its speed) until stop(). */
  startRealTime(): void {
    let lastReal = Date.now();
    this.timer = setInterval(() => {
      const real = Date.now();
      this.advance(real - lastReal);
      lastReal = real;
    }, STEP_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** `--speed max`: to the end at once. */
  runToEnd(): void {
    this.clockAt = this.end;
    this.settle();
  }

  faster(): void {
    this.speedNow = Math.min(MAX_SPEED, this.speedNow * 2);
    this.showClock();
  }

  slower(): void {
    this.speedNow = Math.max(MIN_SPEED, this.speedNow / 2);
    this.showClock();
  }

  /**
   * The report of the replayed range, built as `tokentop summary --since --until` builds its own
   * (no --from or --to: unbounded, as there). Quit early, it ends at the clock.
   */
  summary(version: string, now: number): Summary {
    const until = this.options.to ?? (this.endedFlag ? undefined : this.clockAt + 1);
    const { prices, thresholds } = this.options;
    return summarizeStore(this.store, this.recording.lines, this.recording.agentFiles, this.recording.quota, { from: this.start, to: this.clockAt }, { prices, thresholds, now, version, since: this.options.from, until });
  }

  private settle(): void {
    this.feed();
    if (!this.endedFlag && this.clockAt >= this.end) {
      this.endedFlag = true;
      this.showClock();
    }
    this.store.tick(this.clockAt);
  }

  private feed(): void {
    const events = this.recording.events;
    for (; this.next < events.length; this.next++) {
      const e = events[this.next] as ReplayItem;
      if (e.time !== undefined && e.time > this.clockAt) break;
      if (e.time !== undefined) this.lastFed = e.time;
      // Before --from, transcript events only feed the ledger (the store's history starts at `start`).
      if (e.kind === 'proxy-request') this.store.applyProxy(e);
      else if (e.kind === 'quota-reading') this.store.applyReading(e.reading);
      else this.store.apply(e);
    }
  }

  private showClock(): void {
    this.store.setClock({ mode: 'replay', speed: this.speedNow, ended: this.endedFlag }, this.clockAt);
  }
}
