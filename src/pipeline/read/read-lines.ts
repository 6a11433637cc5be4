/**
 * The core every transcript reader shares (the live reader that follows files, and the record
 * reader of one-shot reads and the backfill): a tailer's complete lines through a transcript sink,
 * the lines the tailer had to drop counted, and the unfinished last line at the end of a read.
 */
import type { LineCounts } from '../../metrics/line-counts.js';
import type { FileTailer, PollResult, ScratchBuffer } from '../../sources/file-tailer.js';
import { countMalformed, type TranscriptSink } from './line-parser.js';

/** One poll. A line too long to hold is dropped by the tailer; it is still a line, counted as malformed (too-long). */
export function pollLines(tailer: FileTailer, sink: TranscriptSink, scratch: ScratchBuffer, counts: Pick<LineCounts, 'lines' | 'malformed' | 'malformedByReason'>): PollResult {
  const result = tailer.poll(sink, scratch);
  for (const n of result.notices) {
    if (n.kind !== 'line-too-long') continue;
    counts.lines += 1;
    countMalformed(counts, 'too-long');
  }
  return result;
}

/** At the end of a read: a last line with no newline is read as if complete, and counted as partial. */
export function readLastLine(tailer: FileTailer, sink: TranscriptSink, counts: Pick<LineCounts, 'partialLines'>): void {
  if (tailer.pendingBytes === 0) return;
  counts.partialLines += 1;
  sink.finalLine = true;
  tailer.flushPartial(sink);
}
