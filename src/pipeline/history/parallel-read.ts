/**
 * A cold read on two threads: the files that must be read (no record in the index, or one that no
 * longer holds) are split by bytes; the main thread reads the first part in order while a worker
 * reads the rest and posts each record back as the index's text. Records depend on their own file
 * only (pipeline/file-record.ts), so which thread read one changes nothing; the caller still merges
 * them in the files' order.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TailNotice } from '../../sources/file-tailer.js';
import type { FileCounts } from '../read/file-record.js';
import type { Reuse } from '../read/record-reader.js';
import type { TranscriptEvent } from '../../parse/events.js';

/** Below this much to read, a second thread costs more than it saves (its start-up is ~40 ms). */
export const MIN_PARALLEL_BYTES = 32 * 1024 * 1024;
/** Half: 0.5, 0.6, 0.7 and 1 measured alike within the noise (2.34-2.57 s against 2.55-2.93 s at 0.7 and 1). */
const WORKER_PART = 0.5;

export interface WorkerResult {
  readonly file: string;
  readonly text: string | undefined;
  readonly tail: { readonly events: readonly TranscriptEvent[]; readonly counts: FileCounts; readonly bytes: number } | undefined;
  readonly bytesRead: number;
  readonly reuse: Reuse;
  readonly notices: readonly TailNotice[];
  /** The thread failed before it read this file: the main thread reads it. */
  readonly failed?: true;
}

/**
 * The worker's share: files with no record in the index (the others are cheap: taken whole or read
 * on), from the end of the list, up to half of their bytes; none when there is little to read.
 */
export function workerShare(files: readonly string[], hasRecord: (file: string) => boolean): Set<string> {
  const bytes = files.map((f) => (hasRecord(f) ? 0 : sizeOf(f)));
  const total = bytes.reduce((a, b) => a + b, 0);
  const share = new Set<string>();
  if (total < MIN_PARALLEL_BYTES) return share;
  let taken = 0;
  for (let i = files.length - 1; i >= 0 && taken < total * WORKER_PART; i--) {
    const b = bytes[i] as number;
    if (b === 0) continue;
    share.add(files[i] as string);
    taken += b;
  }
  return share;
}

/** 0 when it cannot be stat'ed: the main thread reads it and reports why. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function canRunWorker(): boolean {
  return availableParallelism() > 1;
}

/** The worker's results in order, as they come. */
export class ReadWorker {
  private readonly worker: Worker;
  private readonly results = new Map<string, WorkerResult>();
  private waiting: { file: string; resolve: (r: WorkerResult) => void } | undefined;
  private failure: Error | undefined;

  constructor(script: URL, files: readonly string[]) {
    this.worker = new Worker(script, { workerData: { files } });
    this.worker.on('message', (r: WorkerResult) => {
      if (this.waiting?.file === r.file) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(r);
      } else this.results.set(r.file, r);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      this.waiting?.resolve(failed(this.waiting.file, error));
    });
  }

  /** The result for `file` (files are asked for in the order they were given). */
  result(file: string): Promise<WorkerResult> {
    const known = this.results.get(file);
    if (known !== undefined) {
      this.results.delete(file);
      return Promise.resolve(known);
    }
    if (this.failure !== undefined) return Promise.resolve(failed(file, this.failure));
    return new Promise((resolve) => (this.waiting = { file, resolve }));
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A worker that failed reads nothing more: its files are read by the main thread. */
function failed(file: string, error: Error): WorkerResult {
  return { file, text: undefined, tail: undefined, bytesRead: 0, reuse: 'none', notices: [{ kind: 'error', path: file, message: `read thread failed: ${error.message}` }], failed: true };
}
