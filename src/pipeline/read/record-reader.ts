/**
 * Read one transcript into a FileRecord, going on from an earlier record of it when the file is
 * that record's file grown (or unchanged): its identity, head and the bytes before its offset are
 * checked first; anything else (replaced, truncated, rewritten) is read from the start.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import type { TranscriptEvent } from '../../parse/events.js';
import { agentMetaSchema, type AgentMeta } from '../../parse/schemas.js';
import { FileTailer, type ScratchBuffer, type TailNotice } from '../../sources/file-tailer.js';
import { headHash, tailBytes } from '../../sources/file-prints.js';
import { classifyTranscriptPath, metaPathOf, type TranscriptPath } from '../../sources/transcript-path.js';
import { emptyFileCounts, hash32, type FileCounts, type FileIdentity, type FileRecord, type RecordAgent } from './file-record.js';
import { TranscriptLineFilter } from './line-filter.js';
import { countUndated, transcriptSink } from './line-parser.js';
import { pollLines, readLastLine } from './read-lines.js';


/** How much of an earlier record was kept. */
export type Reuse = 'none' | 'unchanged' | 'grown' | 'replaced' | 'truncated' | 'rewritten';

export interface RecordRead {
  /** Undefined when the file could not be read at all (see notices). */
  readonly record: FileRecord | undefined;
  /** A last line with no newline: read each time, never kept in the record. */
  readonly tail: { readonly events: readonly TranscriptEvent[]; readonly counts: FileCounts; readonly bytes: number } | undefined;
  readonly bytesRead: number;
  readonly reuse: Reuse;
  readonly notices: readonly TailNotice[];
}

export function readRecord(file: string, previous: FileRecord | undefined, scratch: ScratchBuffer): RecordRead {
  let identity: FileIdentity;
  try {
    const s = statSync(file);
    if (!s.isFile()) return { record: undefined, tail: undefined, bytesRead: 0, reuse: 'none', notices: [{ kind: 'not-a-file', path: file }] };
    identity = { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  } catch (error) {
    return { record: undefined, tail: undefined, bytesRead: 0, reuse: 'none', notices: [{ kind: 'error', path: file, message: messageOf(error) }] };
  }
  const reuse = previous === undefined ? 'none' : reuseOf(file, previous, identity);
  const kept = reuse === 'unchanged' || reuse === 'grown' ? previous : undefined;
  if (kept !== undefined && reuse === 'unchanged' && kept.offset === identity.size) return { record: kept, tail: undefined, bytesRead: 0, reuse, notices: [] };
  return readFrom(file, kept, identity, reuse, scratch);
}

/** Whether `previous` still describes the first `previous.offset` bytes of the file. */
function reuseOf(file: string, previous: FileRecord, now: FileIdentity): Reuse {
  const was = previous.identity;
  if (was.dev !== now.dev || was.ino !== now.ino) return 'replaced';
  if (now.size < previous.offset) return 'truncated';
  if (was.size === now.size && was.mtimeMs === now.mtimeMs && was.ctimeMs === now.ctimeMs) return 'unchanged';
  // Claude Code only appends: written to without growing, the file was rewritten.
  if (was.size === now.size && was.mtimeMs !== now.mtimeMs) return 'rewritten';
  const prints = printsOf(file, previous.offset);
  return prints !== undefined && prints.headHash === previous.headHash && prints.tailPrint === previous.tailPrint ? 'grown' : 'rewritten';
}

function readFrom(file: string, kept: FileRecord | undefined, identity: FileIdentity, reuse: Reuse, scratch: ScratchBuffer): RecordRead {
  const path = classifyTranscriptPath(file);
  const agent = agentOf(path, kept?.agent);
  const filter = new TranscriptLineFilter({ progress: true });
  const events: TranscriptEvent[] = kept === undefined ? [] : [...kept.events];
  for (const e of events) if (e.kind === 'subagent-spawn') filter.noteSpawn(e.toolUseId);
  const counts = kept === undefined ? emptyFileCounts() : cloneCounts(kept.counts);
  const unknownResults: number[] = kept === undefined ? [] : [...kept.unknownResults];
  const state = { lastTime: kept?.lastTime };
  const onUnknownResult = (id: string, offset: number, lineNo: number, previousTime: number | undefined): void => {
    unknownResults.push(hash32(id), offset, lineNo, previousTime ?? -1);
  };
  const sink = transcriptSink({ counts, filter, onEvent: (e) => events.push(e), path, agentFile: agent, state, onUnknownResult });
  const tailer = new FileTailer(file, { startOffset: kept?.offset ?? 0, startLineNo: kept?.lineNo ?? 0 });
  const polled = pollLines(tailer, sink, scratch, counts);
  if (kept !== undefined && polled.notices.some((n) => n.kind === 'truncated' || n.kind === 'replaced')) {
    // Cut or swapped between the check and the read: the kept part no longer holds.
    tailer.close();
    return readFrom(file, undefined, identity, 'truncated', scratch);
  }
  const notices = [...polled.notices];
  countUndated({ counts, state });
  const offset = tailer.offset - tailer.pendingBytes;
  const lineNo = tailer.lineNo;
  const lastTime = state.lastTime;
  let tail: RecordRead['tail'];
  const pending = tailer.pendingBytes;
  if (pending > 0) {
    // The unfinished last line is read as if complete, but kept apart: it may yet grow.
    const tailEvents: TranscriptEvent[] = [];
    const tailCounts = emptyFileCounts();
    const tailSink = transcriptSink({ counts: tailCounts, filter, onEvent: (e) => tailEvents.push(e), path, agentFile: agent, state, onUnknownResult: undefined });
    readLastLine(tailer, tailSink, tailCounts);
    tail = { events: tailEvents, counts: tailCounts, bytes: pending };
  }
  tailer.close();
  if (notices.some((n) => n.kind === 'error' || n.kind === 'not-a-file')) return { record: undefined, tail: undefined, bytesRead: polled.bytesRead, reuse, notices };
  const prints = printsOf(file, offset) ?? { headHash: '', tailPrint: '' };
  const record: FileRecord = { path: file, identity, offset, lineNo, lastTime, ...prints, agent, counts, events, unknownResults };
  return { record, tail, bytesRead: polled.bytesRead, reuse, notices };
}

/** The head's hash and the bytes before `offset`, or undefined when the file cannot be read. */
function printsOf(file: string, offset: number): { headHash: string; tailPrint: string } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).size < offset) return undefined;
    const tail = tailBytes(fd, offset);
    return tail === undefined ? undefined : { headHash: headHash(fd, offset), tailPrint: tail.toString('hex') };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A sub-agent file's record: its .meta.json is read again whenever the file is (it may come after the first lines). */
export function agentOf(path: TranscriptPath, kept: RecordAgent | undefined): RecordAgent | undefined {
  if (path.layout === 'session' || path.agentId === undefined) return undefined;
  const meta = readMeta(path) ?? kept?.meta;
  const spawnId = meta?.toolUseId ?? (path.layout === 'workflow-agent' ? `workflow:${path.workflowRun ?? ''}/${path.agentId}` : undefined);
  return { layout: path.layout, sessionId: path.sessionId ?? kept?.sessionId, agentId: path.agentId, project: path.project, meta, spawnId };
}

function readMeta(path: TranscriptPath): AgentMeta | undefined {
  const metaPath = metaPathOf(path);
  if (metaPath === undefined) return undefined;
  try {
    const parsed = agentMetaSchema.safeParse(JSON.parse(readFileSync(metaPath, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A missing or broken meta file only costs the sub-agent its type label.
    return undefined;
  }
}

function cloneCounts(c: FileCounts): FileCounts {
  return { ...c, malformedByReason: { ...c.malformedByReason }, lineTypes: { ...c.lineTypes } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
