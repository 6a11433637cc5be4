/**
 * Transcript files -> typed events, with a count of every line by what became of it.
 *
 * Hot path: byte probes decide which lines can carry an event (pipeline/line-filter.ts); only
 * those are decoded and parsed. The others get a framing check (one JSON object?) so that broken lines are
 * still counted. The same reader serves one-shot reads (summary) and live polling.
 */
import { existsSync, statSync } from 'node:fs';
import type { TranscriptEvent } from '../../parse/events.js';
import { emptyLineCounts, type LineCounts } from '../../metrics/line-counts.js';
import { FileTailer, ScratchBuffer, type ResumePoint, type TailNotice } from '../../sources/file-tailer.js';
import { TranscriptLineFilter, type LineFilterOptions } from './line-filter.js';
import { transcriptSink, type TranscriptSink } from './line-parser.js';
import { pollLines, readLastLine } from './read-lines.js';
import { addCounts, type FileRecord, type RecordAgent } from './file-record.js';
import { agentOf } from './record-reader.js';
import { classifyTranscriptPath, type TranscriptPath } from '../../sources/transcript-path.js';

/** Line counts, plus what the tailer noticed (truncation, replacement, unreadable files). */
export interface SourceStats extends LineCounts {
  notices: TailNotice[];
}

/** A sub-agent transcript file and what its `.meta.json` says. */
export interface AgentFile extends RecordAgent {
  readonly path: string;
}

/** Handles kept open at most (the rest are reopened when read): well under the smallest usual limit, 256. */
export const MAX_OPEN_FILES = 64;
/** Forgotten files remembered for a rename, at most. */
const MAX_GONE = 256;

export function emptySourceStats(): SourceStats {
  return { ...emptyLineCounts(), notices: [] };
}

export class TranscriptReader {
  readonly stats: SourceStats = emptySourceStats();
  readonly agentFiles: AgentFile[] = [];
  private readonly filter: TranscriptLineFilter;
  private readonly scratch = new ScratchBuffer();
  private readonly tailers = new Map<string, Tracked>();
  /** Followed files whose handle is open, least recently polled first. */
  private readonly open = new Map<string, Tracked>();
  /** Files forgotten lately, by identity: a rename shows as a removal and a new file. */
  private readonly gone = new Map<string, ResumePoint>();
  private maxOpen = MAX_OPEN_FILES;
  /** Lines longer than this are dropped by the tailer and counted as malformed (too-long). */
  private readonly maxLineBytes: number | undefined;

  /**
   * @param onAgentFile told of a sub-agent file when it is first followed, before any of its lines:
   *   its .meta.json names the spawn its tokens belong to.
   */
  constructor(
    private readonly onEvent: (event: TranscriptEvent) => void,
    options: LineFilterOptions & { readonly maxLineBytes?: number } = { progress: true },
    private readonly onAgentFile: (file: AgentFile) => void = () => undefined,
  ) {
    this.filter = new TranscriptLineFilter(options);
    this.maxLineBytes = options.maxLineBytes;
  }

  /** Read a file from its start to its current end, including a final line with no newline. */
  readToEnd(file: string): void {
    const entry = this.track(file);
    this.pollEntry(entry, true);
    entry.tailer.close();
    this.tailers.delete(file);
  }

  /** Read what was appended to `file` since the last poll (live use). */
  poll(file: string): void {
    // A removal event for a file not followed (renamed away, its tailer moved on): nothing to read.
    if (!this.tailers.has(file) && !existsSync(file)) return;
    const entry = this.tailers.get(file) ?? this.track(file, 0, this.resumeOf(file));
    if (!this.pollEntry(entry, false)) {
      // The system refused a file handle: give back every idle one, keep fewer from now on, and retry.
      this.maxOpen = Math.max(4, Math.floor(this.open.size / 2));
      for (const e of this.open.values()) e.tailer.release();
      this.open.clear();
      this.stats.notices.push({ kind: 'error', path: file, message: `too many open files: tokentop now keeps at most ${this.maxOpen} open and reopens the rest when they change` });
      this.pollEntry(entry, false);
    }
    this.keepOpen(file, entry);
  }

  /**
   * At most MAX_OPEN_FILES handles stay open, the most recently polled: a handle per watched file
   * hit the open-file limit (ulimit -n 256, macOS's default, with 5,000 files: 245 of 5,200 responses
   * read). A released file is reopened at its next poll, its identity checked (see FileTailer.release).
   */
  private keepOpen(file: string, entry: Tracked): void {
    this.open.delete(file);
    if (!entry.tailer.isOpen) return;
    this.open.set(file, entry);
    for (const [oldest, e] of this.open) {
      if (this.open.size <= this.maxOpen) break;
      e.tailer.release();
      this.open.delete(oldest);
    }
  }

  /**
   * Take a file's record (from the persistent index, its bytes just checked) as read: its events go
   * out as if its lines had been, and the file is followed from the record's end. A last line with
   * no newline is not in the record: the next poll holds it until it ends, as for any file.
   */
  adopt(record: FileRecord): void {
    const file = record.path;
    const path = classifyTranscriptPath(file);
    let agentFile: AgentFile | undefined;
    if (record.agent !== undefined) {
      agentFile = { path: file, ...record.agent };
      this.agentFiles.push(agentFile);
      this.onAgentFile(agentFile);
    }
    const tailer = new FileTailer(file, { startOffset: record.offset, startLineNo: record.lineNo, identity: record.identity, ...(this.maxLineBytes === undefined ? {} : { maxLineBytes: this.maxLineBytes }) });
    this.tailers.set(file, { tailer, path, agentFile, lastTime: record.lastTime });
    this.stats.files += 1;
    this.stats.filesByLayout[path.layout] += 1;
    this.stats.bytes += record.offset;
    addCounts(this.stats, record.counts);
    for (const event of record.events) {
      if (event.kind === 'subagent-spawn') this.filter.noteSpawn(event.toolUseId);
      this.onEvent(event);
    }
  }

  /** Poll a followed file when its size is not where its tailer stands: a stat instead of a read. */
  pollIfMoved(file: string): void {
    const entry = this.tailers.get(file);
    if (entry === undefined) return;
    let size: number | undefined;
    try {
      size = statSync(file).size;
    } catch {
      size = undefined;
    }
    if (size !== entry.tailer.offset) this.poll(file);
  }

  /** Follow `file` from `offset` on (its current size: history before it is not wanted). */
  follow(file: string, offset: number): void {
    if (!this.tailers.has(file)) this.track(file, offset);
  }

  /** Stop following a file that went away (its tailer reports the deletion first, on its last poll). */
  forget(file: string): void {
    const tailer = this.tailers.get(file)?.tailer;
    tailer?.close();
    this.tailers.delete(file);
    this.open.delete(file);
    // Renamed, not deleted, it may come back under another name: go on from here then.
    if (tailer?.identity !== undefined) this.remember(tailer.identity, tailer.resumePoint);
  }

  /** A file no longer followed under its name, and where its reading stopped; the oldest go past MAX_GONE. */
  private remember(identity: string, resume: ResumePoint): void {
    this.gone.set(identity, resume);
    for (const key of this.gone.keys()) if (this.gone.size > MAX_GONE) this.gone.delete(key);
  }

  /**
   * Where to start a file seen for the first time: where we stopped reading it under the name it had
   * (a rename within the watched tree), so its lines are not read and counted twice.
   */
  private resumeOf(file: string): ResumePoint | undefined {
    const identity = identityAt(file);
    if (identity === undefined) return undefined;
    // The new name may be seen before the old one's removal: a followed file of that identity whose
    // path is gone, or holds another file now (logrotate made it anew), is the same file. Asked
    // first: it is followed now, while a file forgotten earlier may only share a reused inode number.
    for (const [path, entry] of this.tailers) {
      if (entry.tailer.identity !== identity || identityAt(path) === identity) continue;
      const at = entry.tailer.resumePoint;
      entry.tailer.close();
      this.tailers.delete(path);
      this.open.delete(path);
      this.gone.delete(identity);
      return at;
    }
    // A file forgotten under its old name; its prints are checked at the first poll (the inode number may be reused).
    const gone = this.gone.get(identity);
    this.gone.delete(identity);
    return gone;
  }

  /** The files followed now. */
  followedFiles(): string[] {
    return [...this.tailers.keys()];
  }

  isFollowing(file: string): boolean {
    return this.tailers.has(file);
  }

  closeAll(): void {
    for (const entry of this.tailers.values()) entry.tailer.close();
    this.tailers.clear();
    this.open.clear();
  }

  private track(file: string, startOffset = 0, resume?: ResumePoint): Tracked {
    const path = classifyTranscriptPath(file);
    let agentFile: AgentFile | undefined;
    const agent = agentOf(path, undefined);
    if (agent !== undefined) {
      agentFile = { path: file, ...agent };
      this.agentFiles.push(agentFile);
      this.onAgentFile(agentFile);
    }
    const tailer = new FileTailer(file, { startOffset: resume?.offset ?? startOffset, startLineNo: resume?.lineNo, ...(resume === undefined ? {} : { expect: resume.prints }), ...(this.maxLineBytes === undefined ? {} : { maxLineBytes: this.maxLineBytes }) });
    const entry: Tracked = { tailer, path, agentFile, lastTime: undefined };
    this.tailers.set(file, entry);
    // A renamed file is the same file: counted once.
    if (resume === undefined) {
      this.stats.files += 1;
      this.stats.filesByLayout[path.layout] += 1;
    }
    return entry;
  }

  /** Poll one file; false when the system refused a file handle (EMFILE, ENFILE) and nothing was read. */
  private pollEntry(entry: Tracked, toEnd: boolean): boolean {
    const sink = this.sinkFor(entry);
    const result = pollLines(entry.tailer, sink, this.scratch, this.stats);
    if (result.notices.some((n) => n.kind === 'error' && /\bE[MN]FILE\b/.test(n.message))) return false;
    this.stats.bytes += result.bytesRead;
    this.stats.notices.push(...result.notices);
    // The file that was at this path may be seen again under another name (logrotate): go on from here then.
    for (const n of result.notices) if (n.kind === 'replaced' && n.previous !== undefined) this.remember(n.previous.identity, n.previous.resume);
    if (toEnd) readLastLine(entry.tailer, sink, this.stats);
    return true;
  }

  private sinkFor(entry: Tracked): TranscriptSink {
    return transcriptSink({ counts: this.stats, filter: this.filter, onEvent: this.onEvent, path: entry.path, agentFile: entry.agentFile, state: entry });
  }
}

interface Tracked {
  readonly tailer: FileTailer;
  readonly path: TranscriptPath;
  readonly agentFile: AgentFile | undefined;
  /** The time of the last timed event read from this file. */
  lastTime: number | undefined;
}

/** `dev:ino` of the file at `path`, or undefined when there is none. */
function identityAt(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}
