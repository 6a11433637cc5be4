/** Read transcript files once, to their end, into an EventLedger: the one-shot path of `summary`. */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EventLedger } from '../metrics/event-ledger.js';
import { TranscriptReader, type AgentFile, type SourceStats } from './transcript-reader.js';

export interface LoadedHistory {
  readonly ledger: EventLedger;
  readonly stats: SourceStats;
  readonly agentFiles: readonly AgentFile[];
}

export async function loadHistory(files: readonly string[], ledger = new EventLedger()): Promise<LoadedHistory> {
  const reader = new TranscriptReader((event) => {
    ledger.apply(event);
  });
  for (let i = 0; i < files.length; i++) {
    reader.readToEnd(files[i] as string);
    // Reads are synchronous; let timers and input through now and then.
    if (i % 32 === 31) await yieldToLoop();
  }
  return { ledger, stats: reader.stats, agentFiles: reader.agentFiles };
}
