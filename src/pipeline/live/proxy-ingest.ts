/**
 * The monitor's second and third sources, tailed live: proxy logs (request events with tokens and
 * quota headers) and the statusline state file (quota readings that `tokentop statusline` appends).
 * Files are followed from their start: a proxy log is small next to transcripts, and its quota
 * history is what the reset-anomaly detectors compare against.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import type { ProxyRequestEvent } from '../../parse/proxy/proxy-events.js';
import type { QuotaReading } from '../../parse/proxy/quota-headers.js';
import { subagentStatusFromRecordLine, type SubagentStatus } from '../../parse/subagent-status.js';
import { previousGeneration } from '../../sources/quota-record-paths.js';
import { readRecordFile, readRecordLine, type RecordLineCounts } from '../read/quota-record-reader.js';
import { TrailingRead } from './trailing-read.js';
import { FileTailer, ScratchBuffer } from '../../sources/file-tailer.js';
import type { ProxyWatchPlan } from '../../sources/find-proxy-logs.js';
import { watchTranscripts, type ChangeSource, type ChangeSourceFactory } from '../../sources/transcript-watcher.js';
import { ProxyReader } from '../read/proxy-reader.js';

export interface ProxyIngestHooks {
  readonly onRequest: (event: ProxyRequestEvent) => void;
  readonly onReading: (reading: QuotaReading) => void;
  readonly onProblem: (message: string) => void;
  /** A line of `tokentop subagent-status`'s record (Claude Code's own view of its running sub-agents). */
  readonly onSubagentStatus?: (status: SubagentStatus) => void;
}

const FLUSH_DELAY_MS = 30;

export class ProxyIngest {
  private readonly reader: ProxyReader;
  private readonly state: FileTailer | undefined;
  /** The record `tokentop subagent-status` writes beside the quota record. */
  private readonly agentsFile: string | undefined;
  private readonly agents: FileTailer | undefined;
  private readonly scratch = new ScratchBuffer(64 * 1024);
  private readonly watcher: ChangeSource;
  private stopped = false;
  private readonly logs = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** As for transcripts: a file that gave bytes is read once more, for the change event the watcher dropped. */
  private readonly trailing = new TrailingRead((paths) => {
    for (const path of paths) this.dirty.add(path);
    this.flush();
  });
  private readonly dirty = new Set<string>();
  private problemsReported = 0;
  private readonly recordCounts: RecordLineCounts = { lines: 0, readings: 0, malformed: 0 };

  /**
   * @param plan the proxy log files there are, and dirs where new logs may appear (claude-trace
   *   starts a new file each run): a new file there that matches is read from its start.
   */
  constructor(
    private readonly plan: ProxyWatchPlan,
    private readonly stateFile: string | undefined,
    private readonly hooks: ProxyIngestHooks,
    changes: ChangeSourceFactory = watchTranscripts,
  ) {
    this.reader = new ProxyReader(hooks.onRequest);
    for (const f of plan.files) this.logs.add(f);
    this.state = stateFile === undefined ? undefined : new FileTailer(stateFile);
    this.agentsFile = stateFile === undefined ? undefined : join(dirname(stateFile), 'subagents.jsonl');
    this.agents = this.agentsFile === undefined ? undefined : new FileTailer(this.agentsFile);
    // The state file may not exist yet: watch its dir. Proxy logs are watched where they are.
    const roots = [...plan.files, ...plan.dirs.map((d) => d.dir), ...(stateFile === undefined ? [] : [dirname(stateFile)])];
    this.watcher = changes(roots, (e) => {
      if (e.kind === 'changed' || e.kind === 'removed') this.markDirty(e.path);
    });
  }

  async start(): Promise<void> {
    // tokentop's own state dir: made here so it can be watched before the first statusline run.
    if (this.stateFile !== undefined) await mkdir(dirname(this.stateFile), { recursive: true }).catch(() => undefined);
    // The record's previous generation first (it does not grow), then the current file as it grows.
    if (this.stateFile !== undefined) readRecordFile(previousGeneration(this.stateFile), this.recordCounts)?.forEach(this.hooks.onReading);
    this.flushAll();
    await this.watcher.start().catch(() => undefined);
    // What was written while the watcher was being set up got no event (chokidar counts it as the
    // initial tree and ignores it): read once more now that it is watching. Seen in CI: a statusline
    // reading written in that gap waited for the next one.
    if (!this.stopped) this.flushAll();
  }

  private flushAll(): void {
    for (const f of this.logs) this.dirty.add(f);
    if (this.stateFile !== undefined) this.dirty.add(this.stateFile);
    if (this.agentsFile !== undefined) this.dirty.add(this.agentsFile);
    this.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.trailing.stop();
    await this.watcher.close();
    this.reader.closeAll();
    this.state?.close();
    this.agents?.close();
  }

  get stats(): ProxyReader['stats'] {
    return this.reader.stats;
  }

  /** What was read of the local quota record. */
  get recordStats(): Readonly<RecordLineCounts> {
    return this.recordCounts;
  }

  private markDirty(path: string): void {
    if (!this.logs.has(path) && path !== this.stateFile && path !== this.agentsFile) {
      if (!this.plan.dirs.some((d) => path.startsWith(`${d.dir}${sep}`) && d.match.test(basename(path)))) return;
      this.logs.add(path);
    }
    this.dirty.add(path);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, FLUSH_DELAY_MS);
  }

  private subagentLine(text: string): void {
    const status = subagentStatusFromRecordLine(text);
    if (status !== undefined) this.hooks.onSubagentStatus?.(status);
  }

  private flush(): void {
    for (const path of this.dirty) {
      const read =
        path === this.stateFile && this.state !== undefined
          ? this.state.poll({ line: (buf, s, e) => readRecordLine(buf.toString('utf8', s, e), this.recordCounts).forEach(this.hooks.onReading) }, this.scratch).bytesRead
          : path === this.agentsFile && this.agents !== undefined
            ? this.agents.poll({ line: (buf, s, e) => this.subagentLine(buf.toString('utf8', s, e)) }, this.scratch).bytesRead
            : this.reader.poll(path);
      if (read > 0) this.trailing.again(path);
    }
    this.dirty.clear();
    const problems = this.reader.stats.problems;
    for (; this.problemsReported < problems.length; this.problemsReported++) {
      const p = problems[this.problemsReported];
      if (p !== undefined) this.hooks.onProblem(`${p.path}: ${p.message}`);
    }
  }
}
