/** Read transcript files once, to their end, into an EventLedger: the one-shot path of `summary`. */
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
  for (const file of files) await reader.readToEnd(file);
  return { ledger, stats: reader.stats, agentFiles: reader.agentFiles };
}
