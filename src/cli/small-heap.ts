/**
 * The processes that stay up (the monitor, the demo, a replay) ask V8 for a small heap. With its
 * defaults (a young generation that grows to 32 MiB under a high allocation rate, an old one let
 * grow to ~4x what survives), the monitor's RSS swung between 146 and 218 MiB under the soak
 * bench's 1,000 lines a second while its live heap after a full GC stayed at 14-24 MiB. Set at run
 * time (a flag on the shebang line is not portable), `--optimize-for-size` alone still let the
 * young generation grow (RSS 86-117 MiB); with its growth factor at 1 as well: 89-95 MiB.
 * The monitor and `serve` ask for it once their backfill is in: a whole 1 GiB history loaded from
 * the index took 1.42 s with it and 0.91 s without (GC), and the backfill is over in seconds.
 */
import { setFlagsFromString } from 'node:v8';

export function preferSmallHeap(): void {
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--semi-space-growth-factor=1');
}
