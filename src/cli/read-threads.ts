/** `TOKENTOP_READ_THREADS=N`: the threads a cold read may use; by default one per core, at most 8 (pipeline/history/parallel-read.ts). */
import { availableParallelism } from 'node:os';

/** Each worker's records wait in memory until they are merged: more threads hold more at once. */
const MAX_READ_THREADS = 8;

export function readThreads(setting: string | undefined, cores = availableParallelism()): number {
  const asked = setting === undefined || setting === '' ? cores : Number(setting);
  return Math.min(MAX_READ_THREADS, Number.isInteger(asked) && asked >= 1 ? asked : cores);
}
