/**
 * Read transcript files once, to their end, into an EventLedger: the one-shot path of `summary` and
 * of the live monitor's backfill. One thread: worker threads were measured at 1.26x on this 2-vCPU
 * machine for 1.7x the memory (over the 200 MiB budget), so they are not worth it here.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EventLedger } from '../metrics/event-ledger.js';
import { TranscriptReader, type AgentFile, type SourceStats } from './transcript-reader.js';

export interface LoadedHistory {
  readonly ledger: EventLedger;
  readonly stats: SourceStats;
  readonly agentFiles: readonly AgentFile[];
}

export async function loadHistory(files: readonly string[], ledger = new EventLedger()): Promise<LoadedHistory> {
  // A one-shot read feeds a report: progress lines (liveness only) are not worth decoding.
  const reader = new TranscriptReader(
    (event) => {
      ledger.apply(event);
    },
    { progress: false },
  );
  let lastYield = Date.now();
  for (const file of files) {
    reader.readToEnd(file);
    // Reads are synchronous; let timers and input through every 50 ms (a yield per file idles the loop).
    if (Date.now() - lastYield > 50) {
      await yieldToLoop();
      lastYield = Date.now();
    }
  }
  return { ledger, stats: reader.stats, agentFiles: reader.agentFiles };
}
