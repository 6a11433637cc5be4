/**
 * What one transcript file yielded, up to its last complete line: the unit the persistent index
 * keeps and the read workers hand back. Its events depend on this file alone (a filter per file),
 * so records read apart, in any order, on any thread, merge into the same ledger.
 */
import type { TranscriptEvent } from '../../parse/events.js';
import type { LineCounts } from '../../metrics/line-counts.js';
import type { AgentMeta } from '../../parse/schemas.js';

/** The file as it was when read: unchanged identity, size and times mean unchanged bytes. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** Any write (or a restore of mtime after one) moves it; no user call sets it. */
  readonly ctimeMs: number;
}

/** Per-file line counts (files, layouts and bytes are counted by the merge). */
export type FileCounts = Omit<LineCounts, 'files' | 'filesByLayout' | 'bytes'>;

/** A sub-agent file's facts: from its path, its `.meta.json`, and (flat 2.0.x files) its lines. */
export interface RecordAgent {
  readonly layout: 'flat-agent' | 'subagent-dir' | 'workflow-agent';
  /** From the path (2.1.x) or, for flat 2.0.x files, from the first line that names it. */
  sessionId: string | undefined;
  readonly agentId: string;
  readonly project: string;
  readonly meta: AgentMeta | undefined;
  /**
   * The spawn its tokens belong to: its .meta.json's toolUseId, or for a Workflow agent (no
   * Task/Agent tool use starts it) the spawn the reader makes for it, `workflow:<run>/<agentId>`.
   */
  readonly spawnId: string | undefined;
}

export interface FileRecord {
  readonly path: string;
  readonly identity: FileIdentity;
  /** Complete lines read: bytes [0, offset), lines 1..lineNo. A partial last line is read again each time. */
  readonly offset: number;
  readonly lineNo: number;
  /** The time of the last timed event up to `offset` (a line without a time is placed there). */
  readonly lastTime: number | undefined;
  /** sha1 of the first min(4096, offset) bytes, hex. */
  readonly headHash: string;
  /** The (up to) 32 bytes before `offset`, hex: a rewrite that kept the size is caught here. */
  readonly tailPrint: string;
  readonly agent: RecordAgent | undefined;
  readonly counts: FileCounts;
  readonly events: readonly TranscriptEvent[];
  /**
   * Tool results skipped because no spawn of theirs came before them in this file, flat in fours:
   * hash32 of the tool-use id, byte offset, line number, previous time (-1: none). The merge reads
   * those whose hash names a spawn of any file (a resumed session's result of an older spawn).
   */
  readonly unknownResults: readonly number[];
}

export function emptyFileCounts(): FileCounts {
  return { lines: 0, parsedLines: 0, blankLines: 0, malformed: 0, malformedByReason: {}, partialLines: 0, lineTypes: {}, placedAtPreviousTime: 0 };
}

/** Add `b` into `a`. */
export function addCounts(a: FileCounts, b: FileCounts): void {
  a.lines += b.lines;
  a.parsedLines += b.parsedLines;
  a.blankLines += b.blankLines;
  a.malformed += b.malformed;
  a.partialLines += b.partialLines;
  a.placedAtPreviousTime += b.placedAtPreviousTime;
  for (const [k, v] of Object.entries(b.malformedByReason)) a.malformedByReason[k] = (a.malformedByReason[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.lineTypes)) a.lineTypes[k] = (a.lineTypes[k] ?? 0) + v;
}

/** FNV-1a over UTF-16 units: tool-use ids are ASCII; a collision only costs a needless read. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
