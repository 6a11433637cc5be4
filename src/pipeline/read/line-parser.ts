/**
 * One transcript's lines -> events and counts: the sink a FileTailer hands its lines to. Shared by
 * the live reader (one filter for every file it follows) and the record reader (a filter per file,
 * so that a file's record does not depend on which files were read before it).
 */
import { parseLine, type LineContext } from '../../parse/parse-line.js';
import type { Origin, Scope, SubagentSpawnEvent, TranscriptEvent } from '../../parse/events.js';
import type { LineCounts } from '../../metrics/line-counts.js';
import type { LineSink } from '../../sources/file-tailer.js';
import { isFramedObject } from '../../sources/line-probe.js';
import type { TranscriptPath } from '../../sources/transcript-path.js';
import type { TranscriptLineFilter } from './line-filter.js';
import type { RecordAgent } from './file-record.js';

/** What the parser needs of a sub-agent file: a flat file learns its session from its lines. */
export type AgentFileInfo = Pick<RecordAgent, 'layout' | 'sessionId' | 'spawnId'>;

/** A tool result skipped because its spawn was not known when it was read. */
export type UnknownResultHook = (toolUseId: string, fileOffset: number, lineNo: number, previousTime: number | undefined) => void;

export interface LineParserTarget {
  readonly counts: Omit<LineCounts, 'files' | 'filesByLayout' | 'bytes'>;
  readonly filter: TranscriptLineFilter;
  readonly onEvent: (event: TranscriptEvent) => void;
  readonly path: TranscriptPath;
  readonly agentFile: AgentFileInfo | undefined;
  /**
   * The time of the last timed event read from this file (a line without a time is placed there),
   * and the usage lines with an unreadable time that came before any time: they take the next one.
   */
  readonly state: { lastTime: number | undefined; undated?: Array<{ readonly text: string; readonly ctx: LineContext }> };
  readonly onUnknownResult?: UnknownResultHook | undefined;
}

export type TranscriptSink = LineSink & { finalLine: boolean };

export function transcriptSink(target: LineParserTarget): TranscriptSink {
  const { counts, filter, path, state, onUnknownResult } = target;
  const base = { file: path.path, pathSessionId: path.sessionId, pathAgentId: path.agentId, project: path.project };
  const sink: TranscriptSink = {
    finalLine: false,
    line(buf: Buffer, start: number, end: number, lineNo: number, fileOffset: number): void {
      counts.lines += 1;
      if (end === start || (end === start + 1 && buf[start] === 0x0d)) {
        counts.blankLines += 1;
        return;
      }
      if (!filter.wants(buf, start, end)) {
        if (!isFramedObject(buf, start, end)) countMalformed(counts, sink.finalLine ? 'truncated-last-line' : 'unframed');
        else if (filter.lastUnknownResult !== undefined && onUnknownResult !== undefined) onUnknownResult(filter.lastUnknownResult, fileOffset, lineNo, state.lastTime);
        return;
      }
      parseInto(target, buf.toString('utf8', start, end), { ...base, line: lineNo, previousTime: state.lastTime }, sink.finalLine);
    },
  };
  return sink;
}

/** Parse one wanted line and hand on its events: also how a settled tool result is read later. */
export function parseInto(target: LineParserTarget, text: string, ctx: LineContext, finalLine: boolean): void {
  const { counts, filter, onEvent, path, agentFile, state } = target;
  counts.parsedLines += 1;
  const outcome = parseLine(text, ctx);
  if (outcome.status === 'rejected') {
    // Tokens are never dropped for a bad timestamp: a usage line before any time in its file waits for the next one.
    if (outcome.awaitsTime === true && (state.undated ??= []).length < MAX_UNDATED) {
      counts.parsedLines -= 1;
      state.undated.push({ text, ctx });
      return;
    }
    countMalformed(counts, finalLine && outcome.reason === 'invalid-json' ? 'truncated-last-line' : outcome.reason);
    return;
  }
  counts.lineTypes[outcome.lineType] = (counts.lineTypes[outcome.lineType] ?? 0) + 1;
  if (outcome.placedAtPreviousTime === true) counts.placedAtPreviousTime += 1;
  for (const event of outcome.events) {
    if (event.time !== undefined) {
      // A Workflow agent starts with its first timed line: its spawn comes before its first tokens.
      if (state.lastTime === undefined && path.layout === 'workflow-agent' && agentFile?.spawnId !== undefined) onEvent(workflowSpawn(agentFile.spawnId, path, event.time, event.scope, event.origin));
      state.lastTime = event.time;
    }
    if (agentFile !== undefined && agentFile.sessionId === undefined) agentFile.sessionId = event.scope.sessionId;
    if (event.kind === 'subagent-spawn') filter.noteSpawn(event.toolUseId);
    onEvent(event);
  }
  const waiting = state.undated;
  if (waiting !== undefined && waiting.length > 0 && state.lastTime !== undefined) {
    state.undated = [];
    for (const w of waiting) parseInto(target, w.text, { ...w.ctx, previousTime: state.lastTime }, false);
  }
}

/** Undated usage lines held at once, at most: a file of nothing else is counted malformed past it. */
const MAX_UNDATED = 1000;

/** Usage lines still waiting for a time when their file's read ends: no time came, so they are counted malformed. */
export function countUndated(target: Pick<LineParserTarget, 'counts' | 'state'>): void {
  for (let i = 0; i < (target.state.undated?.length ?? 0); i++) countMalformed(target.counts, 'bad-timestamp');
  if (target.state.undated !== undefined) target.counts.parsedLines += target.state.undated.length;
  target.state.undated = [];
}

/** The spawn a Workflow agent never had: active while its file grows, done after the quiet period. */
function workflowSpawn(toolUseId: string, path: TranscriptPath, time: number, scope: Scope, origin: Origin): SubagentSpawnEvent {
  return { kind: 'subagent-spawn', toolUseId, time, subagentType: 'workflow-subagent', description: `${path.workflowRun ?? 'workflow'} agent ${path.agentId ?? ''}`, promptHead: '', scope: { ...scope, agentId: undefined }, origin };
}

export function countMalformed(counts: Pick<LineCounts, 'malformed' | 'malformedByReason'>, reason: string): void {
  counts.malformed += 1;
  counts.malformedByReason[reason] = (counts.malformedByReason[reason] ?? 0) + 1;
}
