/**
 * The live monitor's sources: a backfill of recent history behind the first frame, then tailing.
 *
 * Order matters: files too old for the backfill are followed from their current end first (stat
 * only), then recent files are read oldest first (through the persistent index when there is one),
 * yielding to the event loop so the screen stays live; then the watcher starts, and every followed
 * file whose size moved meanwhile is read, and the roots are walked once for files that came
 * meanwhile. Tailers' offsets keep anything from being read twice.
 */
import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { TranscriptEvent } from '../../parse/events.js';
import { ScratchBuffer, type TailNotice } from '../../sources/file-tailer.js';
import { findTranscripts } from '../../sources/find-transcripts.js';
import { watchTranscripts, type ChangeSource, type ChangeSourceFactory, type WatchEvent } from '../../sources/transcript-watcher.js';
import { TrailingRead } from './trailing-read.js';
import { TranscriptReader, type AgentFile, type SourceStats } from '../read/transcript-reader.js';
import type { FileRecord } from '../read/file-record.js';
import type { HistoryIndex, IndexReport } from '../history/history-index.js';
import { readRecord } from '../read/record-reader.js';
import { settleUnknownResults } from '../read/settle-results.js';

export interface LiveIngestHooks {
  readonly onEvent: (event: TranscriptEvent) => void;
  /** A 2.1.x sub-agent file whose .meta.json names its spawn. */
  readonly onAgentFile: (file: AgentFile) => void;
  /** Something changed in the counts or the backfill's progress. */
  readonly onProgress: (progress: IngestProgress) => void;
  readonly onNotice: (notice: TailNotice | { kind: 'watch-error'; message: string }) => void;
  /** What the index did in the backfill (told once, when it is written back). */
  readonly onIndex?: (report: IndexReport) => void;
}

export interface IngestProgress {
  readonly stats: SourceStats;
  readonly backfillDone: boolean;
  readonly backfillRead: number;
  readonly backfillTotal: number;
}

/** A burst of writes (one response is several lines) is read once, this long after it starts. */
const FLUSH_DELAY_MS = 30;
/** How long a newly watched dir may take to be watched for certain. */
const LINK_SETTLE_MS = 1000;
/** Read for at most this long before yielding, so a frame can be drawn. */
const SLICE_MS = 16;
/**
 * A safety net under the watcher: every so often the roots are walked for transcripts nobody told us
 * about (a file created inside a dir in the instant before the dir was watched). A missed event
 * then costs at most this long; the walk costs ~10 ms for 500 files.
 */
const RESCAN_MS = 60_000;

export class LiveIngest {
  private readonly reader: TranscriptReader;
  private readonly watcher: ChangeSource;
  private readonly dirty = new Set<string>();
  /** Pending only while something changed: an idle monitor sets no timer (measured: 14 wakeups a second cost ~0.4% of a core). */
  private flushTimer: NodeJS.Timeout | undefined;
  /** Files that gave bytes are read again a little later (trailing-read.ts). */
  private readonly trailing = new TrailingRead((files) => {
    if (this.stopped) return;
    for (const file of files) this.dirty.add(file);
    this.flush();
  });
  /** Target dir -> the linked dir it was reached through. */
  private readonly linked = new Map<string, string>();
  private rescanTimer: NodeJS.Timeout | undefined;
  /**
   * A new dir is scanned again once the watcher has surely set it up: a file written after the first
   * scan and before the watch took hold gets no event (a sub-agent's dir and its first file come
   * together), and waited for the minute's walk. Dirs added in a burst share one timer.
   */
  private readonly newDirs = new TrailingRead((dirs) => {
    if (!this.stopped) void this.scan(dirs);
  }, LINK_SETTLE_MS);
  private backfillRead = 0;
  private backfillTotal = 0;
  private backfillDone = false;
  private stopped = false;

  /** Spawns the backfill saw: tool results in files read before their spawn's are settled with them. */
  private readonly backfillSpawns = new Set<string>();
  private readonly scratch = new ScratchBuffer();
  private index: HistoryIndex | undefined;

  /**
   * @param openIndex the persistent index: the backfill takes unchanged files' records from it and
   *   reads only what changed, then writes it back (see pipeline/history/history-index.ts).
   * @param changes what tells which files changed (chokidar's watch unless another is handed in).
   */
  constructor(
    private readonly roots: readonly string[],
    private readonly hooks: LiveIngestHooks,
    private readonly openIndex?: () => Promise<HistoryIndex>,
    changes: ChangeSourceFactory = watchTranscripts,
  ) {
    const onEvent = (event: TranscriptEvent): void => {
      if (!this.backfillDone && event.kind === 'subagent-spawn') this.backfillSpawns.add(event.toolUseId);
      hooks.onEvent(event);
    };
    this.reader = new TranscriptReader(onEvent, { progress: true }, hooks.onAgentFile);
    this.watcher = changes(roots, (e) => this.onWatch(e));
  }

  /**
   * Dirs reached through symlinks: the watcher does not follow links, so it watches their targets,
   * and its events are told by the linked path the files are followed under (one tailer per file).
   */
  watchLinked(dirs: readonly string[]): void {
    const fresh: string[] = [];
    for (const dir of dirs) {
      if ([...this.linked.values()].includes(dir)) continue;
      let real: string;
      try {
        real = realpathSync(dir);
      } catch {
        continue;
      }
      this.linked.set(real, dir);
      fresh.push(real);
    }
    this.watcher.add(fresh);
    if (fresh.length === 0) return;
    // The watcher sets a new dir up asynchronously: what is written meanwhile gets no event, so the
    // files under the links are read once more when it is surely watching.
    const links = fresh.map((real) => this.linked.get(real) ?? real);
    setTimeout(() => {
      if (this.stopped) return;
      for (const file of this.reader.followedFiles()) if (links.some((l) => file.startsWith(`${l}${sep}`))) this.markDirty(file);
    }, LINK_SETTLE_MS).unref();
  }

  /** A watched path under a link's target, as the path under the link. */
  private viaLink(path: string): string {
    for (const [real, linked] of this.linked) if (path === real || path.startsWith(`${real}${sep}`)) return `${linked}${path.slice(real.length)}`;
    return path;
  }

  /** Backfill, then start watching and tailing; resolves once the watcher is watching (backfillDone says when the history is in). */
  async start(files: readonly string[], backfillFrom: number): Promise<void> {
    const recent: Array<{ file: string; mtime: number }> = [];
    for (const file of files) {
      // Synchronous: 2,000 awaited stats took ~0.15 s before the backfill could start.
      const info = statOrUndefined(file);
      if (info === undefined) continue;
      if (info.mtimeMs >= backfillFrom) recent.push({ file, mtime: info.mtimeMs });
      else this.reader.follow(file, info.size);
    }
    recent.sort((a, b) => a.mtime - b.mtime);
    this.backfillTotal = recent.length;
    // The watcher is set up after the backfill: on 1,400 dirs chokidar takes ~0.85 s of this thread,
    // which doubled a backfill from the index. Once it is watching, the backfilled files are checked
    // for what was written meanwhile, and the roots walked for files that came meanwhile.
    await this.backfill(recent.map((r) => r.file));
    if (this.stopped) return;
    await this.watcher.start();
    // Stopped while the watcher was being set up (q at start-up): a timer set now would never be cleared.
    if (this.stopped) return;
    this.rescanTimer = setInterval(() => void this.scan(this.roots), RESCAN_MS);
    for (const file of this.reader.followedFiles()) {
      if (this.stopped) return;
      this.reader.pollIfMoved(file);
    }
    await this.scan(this.roots);
    this.report();
  }

  get stats(): SourceStats {
    return this.reader.stats;
  }

  /** The sub-agent files followed so far. */
  get agentFiles(): readonly AgentFile[] {
    return this.reader.agentFiles;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.trailing.stop();
    if (this.rescanTimer !== undefined) clearInterval(this.rescanTimer);
    this.newDirs.stop();
    await this.watcher.close();
    this.reader.closeAll();
  }

  private async backfill(files: readonly string[]): Promise<void> {
    // Opened behind the first frame: reading a 1 GiB history's index takes ~0.25 s.
    this.index = await this.openIndex?.();
    let sliceStart = Date.now();
    const unknown: Array<Pick<FileRecord, 'path' | 'unknownResults'>> = [];
    const used = new Set<string>();
    for (const file of files) {
      if (this.stopped) return;
      // A file already followed (read before it came up here) would have its record say it twice.
      const record = this.index !== undefined && !this.reader.isFollowing(file) ? this.recordOf(file) : undefined;
      if (record !== undefined) {
        this.reader.adopt(record);
        used.add(file);
        if (record.unknownResults.length > 0) unknown.push(record);
      }
      // A record up to the file's end needs no read now (opening 2,000 files cost 0.2 s): its next change does.
      if (record === undefined || record.offset < record.identity.size) this.reader.poll(file);
      this.backfillRead += 1;
      if (Date.now() - sliceStart > SLICE_MS) {
        this.report();
        await yieldToLoop();
        sliceStart = Date.now();
      }
    }
    if (this.index !== undefined) {
      settleUnknownResults(unknown, this.backfillSpawns, this.hooks.onEvent, this.reader.stats);
      const report = this.index.save(used);
      this.hooks.onIndex?.(report);
    }
    this.backfillDone = true;
    this.report();
  }

  /** The file's record, brought up to its current complete lines (read on, or whole, as it changed). */
  private recordOf(file: string): FileRecord | undefined {
    const index = this.index;
    if (index === undefined) return undefined;
    const read = readRecord(file, index.get(file), this.scratch);
    index.tally(read);
    if (read.record !== undefined) index.put(read.record);
    return read.record;
  }

  private onWatch(event: WatchEvent): void {
    if (event.kind === 'error') {
      this.hooks.onNotice({ kind: 'watch-error', message: event.message });
      return;
    }
    if (event.kind === 'dir-added') {
      const dir = this.viaLink(event.path);
      void this.scan([dir]);
      this.newDirs.again(dir);
      return;
    }
    this.markDirty(this.viaLink(event.path));
  }

  private markDirty(file: string): void {
    this.dirty.add(file);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, FLUSH_DELAY_MS);
  }

  /** Read any transcript under `dirs` that is not followed yet. */
  private async scan(dirs: readonly string[]): Promise<void> {
    const { files, linkedDirs } = await findTranscripts(dirs);
    if (this.stopped) return;
    this.watchLinked(linkedDirs);
    for (const file of files) if (!this.reader.isFollowing(file)) this.markDirty(file);
  }

  /** Read every file that changed since the last flush: bursts of watch events merge here. */
  flush(): void {
    if (this.dirty.size === 0) return;
    const files = [...this.dirty];
    this.dirty.clear();
    const noticesBefore = this.reader.stats.notices.length;
    for (const file of files) {
      const before = this.reader.stats.bytes;
      this.reader.poll(file);
      const notices = this.reader.stats.notices;
      if (notices.at(-1)?.kind === 'deleted' && notices.at(-1)?.path === file) this.reader.forget(file);
      else if (this.reader.stats.bytes > before) this.trailing.again(file);
    }
    for (const notice of this.reader.stats.notices.slice(noticesBefore)) this.hooks.onNotice(notice);
    this.report();
  }

  private report(): void {
    this.hooks.onProgress({ stats: this.reader.stats, backfillDone: this.backfillDone, backfillRead: this.backfillRead, backfillTotal: this.backfillTotal });
  }
}

function statOrUndefined(file: string): { mtimeMs: number; size: number } | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
