/**
 * A cold read on several threads: the files that must be read (no record in the index, or one that
 * no longer holds) are cut by bytes into as many parts as threads, in file order; the main thread
 * reads the first part while each worker reads one of the others and posts each record back as the
 * index's text. Records depend on their own file only (pipeline/file-record.ts), so which thread
 * read one changes nothing; the caller still merges them in the files' order.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { TailNotice } from '../../sources/file-tailer.js';
import type { FileCounts } from '../read/file-record.js';
import type { Reuse } from '../read/record-reader.js';
import type { TranscriptEvent } from '../../parse/events.js';

/** How many threads a cold read may use, the main one included, and how much to read for each (cli/read-threads.ts). */
export interface ReadThreads {
  readonly threads: number;
  /** A thread is started for each this much to read, up to `threads`: a smaller read stays on fewer. */
  readonly bytesPerThread: number;
}


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
 * The workers' parts, in file order after the main thread's: the files to read (not those the index
 * has a record of: taken whole or read on, they are cheap) cut into parts of about equal bytes, as
 * many as there are `bytesPerThread` to read, at most `threads`, the first the main thread's. None
 * when there is too little to read for two.
 */
export function workerShares(files: readonly string[], hasRecord: (file: string) => boolean, { threads: most, bytesPerThread }: ReadThreads): string[][] {
  const bytes = files.map((f) => (hasRecord(f) ? 0 : sizeOf(f)));
  const total = bytes.reduce((a, b) => a + b, 0);
  const threads = Math.min(most, Math.floor(total / bytesPerThread));
  if (threads < 2) return [];
  const parts: string[][] = Array.from({ length: threads - 1 }, () => []);
  let before = 0;
  files.forEach((file, i) => {
    const b = bytes[i] ?? 0;
    // The part a file falls in by where its middle byte is: part 0 is the main thread's.
    const part = Math.min(threads - 1, Math.floor(((before + b / 2) / total) * threads));
    before += b;
    if (b > 0 && part > 0) parts[part - 1]?.push(file);
  });
  return parts.filter((p) => p.length > 0);
}

/** 0 when it cannot be stat'ed: the main thread reads it and reports why. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
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
