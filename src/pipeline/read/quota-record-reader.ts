/**
 * The local quota record read whole (summary, replay): its previous generation, then the current
 * one. A broken line is skipped and counted; a missing record is no error (nobody has set up
 * `tokentop statusline` yet), only an empty one.
 */
import { readFileSync } from 'node:fs';
import type { QuotaRecordCounts } from '../../metrics/proxy-ledger.js';
import type { QuotaReading } from '../../parse/proxy/quota-headers.js';
import type { Origin } from '../../parse/events.js';
import { quotaFromStateLine } from '../../parse/statusline.js';
import { previousGeneration } from '../../sources/quota-record-paths.js';

export interface QuotaRecord {
  readonly readings: readonly QuotaReading[];
  readonly counts: QuotaRecordCounts;
}

/** Counts that grow as lines of the record are read, live or at once. */
export interface RecordLineCounts {
  lines: number;
  readings: number;
  malformed: number;
}

/** One line of the record: its readings, counted; a broken line only counted. */
export function readRecordLine(text: string, counts: RecordLineCounts, origin?: Origin): readonly QuotaReading[] {
  if (text.trim() === '') return [];
  counts.lines += 1;
  const parsed = quotaFromStateLine(text, origin);
  if (parsed === undefined) {
    counts.malformed += 1;
    return [];
  }
  counts.readings += parsed.length;
  return parsed;
}

/** Every reading of one generation file; undefined when it does not exist. */
export function readRecordFile(path: string, counts: RecordLineCounts): QuotaReading[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return text.split('\n').flatMap((line, i) => readRecordLine(line, counts, { file: path, line: i + 1 }));
}

export function readQuotaRecord(file: string): QuotaRecord {
  const counts: RecordLineCounts = { lines: 0, readings: 0, malformed: 0 };
  const generations = [previousGeneration(file), file].map((path) => readRecordFile(path, counts));
  const readings = generations.flatMap((g) => g ?? []);
  return { readings, counts: { file, found: generations.some((g) => g !== undefined), ...counts } };
}
