/**
 * What tokentop asks of V8's heap. The processes that stay up (the monitor, the demo, a replay) ask
 * for a small heap; a big `summary` collects once between its read and its report (below). With its
 * defaults (a young generation that grows to 32 MiB under a high allocation rate, an old one let
 * grow to ~4x what survives), the monitor's RSS swung between 146 and 218 MiB under the soak
 * bench's 1,000 lines a second while its live heap after a full GC stayed at 14-24 MiB. Set at run
 * time (a flag on the shebang line is not portable), `--optimize-for-size` alone still let the
 * young generation grow (RSS 86-117 MiB); with its growth factor at 1 as well: 89-95 MiB.
 * The monitor and `serve` ask for it once their backfill is in: a whole 1 GiB history loaded from
 * the index took 1.42 s with it and 0.91 s without (GC), and the backfill is over in seconds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function preferSmallHeap(): void {
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** A history this big is collected after its read (below it the collection costs more than it saves). */
export const COLLECT_AFTER_BYTES = 512 * 1024 * 1024;

/**
 * One full collection, now: `summary` calls it between the read and the report. The read leaves its
 * garbage (lines, records, the read thread's messages) in an old generation V8 lets grow, and the
 * report's own allocations then came on top: a cold 4 GiB summary peaked at 323-327 MiB RSS, with a
 * collection there 295-296 MiB, its time within the noise (6.47-6.90 s against 6.64-6.74). Node
 * gives `gc` only behind --expose-gc (not portable on a shebang line): the flag is set at run time
 * and a new context gets the function.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}
