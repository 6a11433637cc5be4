/**
 * `TOKENTOP_READ_THREADS=N`: the threads a cold read may use (pipeline/history/parallel-read.ts). By
 * default one per core, at most 8, and no more than the memory free for them: a read thread's
 * isolate and the records it holds until they are merged cost ~25 MiB each (measured: a cold
 * 512 MiB summary peaked at 127-135 MiB on one thread, 153-160 MiB on two), budgeted at 64 MiB.
 */
import { availableParallelism, freemem } from 'node:os';

/** Each worker's records wait in memory until they are merged: more threads hold more at once. */
const MAX_READ_THREADS = 8;
const MIB = 1024 * 1024;
/** What the main thread keeps for itself before any read thread is started. */
const MAIN_THREAD_BYTES = 256 * MIB;
const WORKER_BYTES = 64 * MIB;

export function readThreads(setting: string | undefined, cores = availableParallelism(), freeBytes = freeMemory()): number {
  const asked = Number(setting);
  if (setting !== undefined && setting !== '' && Number.isInteger(asked) && asked >= 1) return Math.min(MAX_READ_THREADS, asked);
  const affordable = 1 + Math.max(0, Math.floor((freeBytes - MAIN_THREAD_BYTES) / WORKER_BYTES));
  return Math.min(MAX_READ_THREADS, cores, affordable);
}

/** The memory free to this process: the machine's, or its cgroup's limit when that is lower. */
function freeMemory(): number {
  const limit = process.constrainedMemory();
  const free = freemem();
  return limit > 0 && limit < free ? limit : free;
}
