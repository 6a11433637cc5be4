/**
 * `TOKENTOP_READ_THREADS=N`: the threads a cold read uses (pipeline/history/parallel-read.ts). By
 * default one per core, at most 8, no more than the memory free for them, and one per 128 MiB to
 * read: a read thread's start (its isolate, loading the reader) costs ~60-80 ms, so on this
 * project's 2-core machine a second thread was slower up to 64 MiB (32 MiB: median 376 ms against
 * 314 on one; 64 MiB: 474 against 392), even at 128 MiB (614, 598) and 256 MiB (933, 957), and
 * faster from 512 MiB (1.48 s against 1.61 s). Its isolate and the records it holds until they
 * are merged cost ~25 MiB (a cold 512 MiB summary peaked at 127-135 MiB on one thread, 153-160 on
 * two), budgeted at 64 MiB. Asked for by name, N threads are used whatever the size.
 */
import { availableParallelism, freemem } from 'node:os';
import type { ReadThreads } from '../pipeline/history/parallel-read.js';

/** Each worker's records wait in memory until they are merged: more threads hold more at once. */
const MAX_READ_THREADS = 8;
const MIB = 1024 * 1024;
/** What the main thread keeps for itself before any read thread is started. */
const MAIN_THREAD_BYTES = 256 * MIB;
const WORKER_BYTES = 64 * MIB;
/** By default, a thread for each this much to read. */
const BYTES_PER_THREAD = 128 * MIB;
/** Asked for by name: split anything but a read too small to cut. */
const ASKED_BYTES_PER_THREAD = 1 * MIB;

export function readThreads(setting: string | undefined, cores = availableParallelism(), freeBytes = freeMemory()): ReadThreads {
  const asked = Number(setting);
  if (setting !== undefined && setting !== '' && Number.isInteger(asked) && asked >= 1) return { threads: Math.min(MAX_READ_THREADS, asked), bytesPerThread: ASKED_BYTES_PER_THREAD };
  const affordable = 1 + Math.max(0, Math.floor((freeBytes - MAIN_THREAD_BYTES) / WORKER_BYTES));
  return { threads: Math.min(MAX_READ_THREADS, cores, affordable), bytesPerThread: BYTES_PER_THREAD };
}

/** The memory free to this process: the machine's, or its cgroup's limit when that is lower. */
function freeMemory(): number {
  const limit = process.constrainedMemory();
  const free = freemem();
  return limit > 0 && limit < free ? limit : free;
}
