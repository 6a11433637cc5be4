/**
 * Read transcript files once, to their end, into an EventLedger: the one-shot path of `summary` and
 * `evidence`. Each file becomes a FileRecord of its own (pipeline/record-reader.ts), taken from the
 * persistent index when the file has not changed, read on from where the index stopped when it
 * grew, and read in full otherwise; then the records merge in the order the files were given.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EventLedger } from '../../metrics/event-ledger.js';
import { ScratchBuffer } from '../../sources/file-tailer.js';
import { addCounts, type FileRecord } from '../read/file-record.js';
import type { HistoryIndex, IndexReport } from './history-index.js';
import { readRecord, type RecordRead } from '../read/record-reader.js';
import { ReadWorker, workerShares, type ReadThreads, type WorkerResult } from './parallel-read.js';
import { decodeRecord, type EncodedRecord } from './record-codec.js';
import { settleUnknownResults } from '../read/settle-results.js';
import { emptySourceStats, type AgentFile, type SourceStats } from '../read/transcript-reader.js';

export interface LoadedHistory {
  readonly ledger: EventLedger;
  readonly stats: SourceStats;
  readonly agentFiles: readonly AgentFile[];
  /** What the index did, when one was used. */
  readonly index?: IndexReport | undefined;
  /** Threads that read transcripts: more than 1 when a cold read was split (pipeline/parallel-read.ts). */
  readonly threads?: number;
}

export interface LoadOptions {
  readonly ledger?: EventLedger;
  readonly index?: HistoryIndex | undefined;
  /** The read thread's script (dist/bin/read-worker.mjs): a cold read then uses more threads. */
  readonly readWorker?: URL | undefined;
  /** Threads a cold read may use, the main one included, and bytes per thread (cli/read-threads.ts); default one. */
  readonly readThreads?: ReadThreads;
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
  const script = options.readWorker;
  const parts = script === undefined ? [] : workerShares(files, (f) => index?.has(f) ?? false, options.readThreads ?? { threads: 1, bytesPerThread: Infinity });
  const workers = script === undefined ? [] : parts.map((part) => new ReadWorker(script, part));
  const owner = new Map<string, ReadWorker>();
  parts.forEach((part, i) => part.forEach((file) => owner.set(file, workers[i] as ReadWorker)));
  let lastYield = Date.now();
  try {
    for (const file of files) {
      const fromWorker = await owner.get(file)?.result(file);
      const read = fromWorker === undefined || fromWorker.failed === true ? readRecord(file, index?.get(file), scratch) : recordRead(fromWorker);
      merge(read, ledger, stats, agentFiles);
      if (read.record !== undefined) {
        if (read.record.unknownResults.length > 0) unknown.push({ path: file, unknownResults: read.record.unknownResults });
        used.add(file);
        if (fromWorker?.text !== undefined) index?.putText(file, fromWorker.text);
        else index?.put(read.record);
      }
      index?.tally(read);
      // Reads are synchronous; let timers and input through every 50 ms (a yield per file idles the loop).
      if (Date.now() - lastYield > 50) {
        await yieldToLoop();
        lastYield = Date.now();
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  settleUnknownResults(unknown, ledger.spawns, (event) => ledger.apply(event), stats);
  return { ledger, stats, agentFiles, index: index?.save(used), threads: 1 + workers.length };
}

/** A read thread's result as the main thread's own read would have been. */
function recordRead(r: WorkerResult): RecordRead {
  return { record: r.text === undefined ? undefined : decodeRecord(JSON.parse(r.text) as EncodedRecord), tail: r.tail, bytesRead: r.bytesRead, reuse: r.reuse, notices: r.notices };
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
