/**
 * Read transcript files once, to their end, into an EventLedger: the one-shot path of `summary` and
 * `evidence`. Each file becomes a FileRecord of its own (pipeline/record-reader.ts), taken from the
 * persistent index when the file has not changed, read on from where the index stopped when it
 * grew, and read in full otherwise; then the records merge in the order the files were given.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EventLedger } from '../metrics/event-ledger.js';
import { ScratchBuffer } from '../sources/file-tailer.js';
import { addCounts, type FileRecord } from './file-record.js';
import type { HistoryIndex, IndexReport } from './history-index.js';
import { readRecord, type RecordRead } from './record-reader.js';
import { settleUnknownResults } from './settle-results.js';
import { emptySourceStats, type AgentFile, type SourceStats } from './transcript-reader.js';

export interface LoadedHistory {
  readonly ledger: EventLedger;
  readonly stats: SourceStats;
  readonly agentFiles: readonly AgentFile[];
  /** What the index did, when one was used. */
  readonly index?: IndexReport | undefined;
}

export interface LoadOptions {
  readonly ledger?: EventLedger;
  readonly index?: HistoryIndex | undefined;
}

export async function loadHistory(files: readonly string[], options: LoadOptions = {}): Promise<LoadedHistory> {
  const ledger = options.ledger ?? new EventLedger();
  const { index } = options;
  const stats = emptySourceStats();
  const agentFiles: AgentFile[] = [];
  /** Only what settling needs of each record: the events went into the ledger. */
  const unknown: Array<Pick<FileRecord, 'path' | 'unknownResults'>> = [];
  const scratch = new ScratchBuffer();
  const used = new Set<string>();
  let lastYield = Date.now();
  for (const file of files) {
    const read = readRecord(file, index?.get(file), scratch);
    merge(read, ledger, stats, agentFiles);
    if (read.record !== undefined) {
      if (read.record.unknownResults.length > 0) unknown.push({ path: file, unknownResults: read.record.unknownResults });
      used.add(file);
      index?.put(read.record);
    }
    index?.tally(read);
    // Reads are synchronous; let timers and input through every 50 ms (a yield per file idles the loop).
    if (Date.now() - lastYield > 50) {
      await yieldToLoop();
      lastYield = Date.now();
    }
  }
  settleUnknownResults(unknown, ledger.spawns, (event) => ledger.apply(event), stats);
  return { ledger, stats, agentFiles, index: index?.save(used) };
}

/** One file's record (and its unfinished last line) into the ledger and the counts. */
function merge(read: RecordRead, ledger: EventLedger, stats: SourceStats, agentFiles: AgentFile[]): void {
  stats.notices.push(...read.notices);
  const { record, tail } = read;
  if (record === undefined) return;
  const layout = record.agent?.layout ?? 'session';
  stats.files += 1;
  stats.filesByLayout[layout] += 1;
  stats.bytes += record.offset + (tail === undefined ? 0 : tail.bytes);
  addCounts(stats, record.counts);
  for (const event of record.events) ledger.apply(event);
  if (tail !== undefined) {
    addCounts(stats, tail.counts);
    for (const event of tail.events) ledger.apply(event);
  }
  const { agent } = record;
  if (agent !== undefined) {
    // A flat agent file learns its session from its lines; its unfinished last line may be the first to say.
    const sessionId = agent.sessionId ?? tail?.events.find(() => true)?.scope.sessionId;
    agentFiles.push({ path: record.path, layout: agent.layout, sessionId, agentId: agent.agentId, project: agent.project, meta: agent.meta, spawnId: agent.spawnId });
  }
}
