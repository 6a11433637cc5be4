/**
 * Runs of at least `count` items within `spanMs` (list sorted by time), each found once, at the item
 * that completes it: `report(from, to)` gets the indexes and returns the time the run is reported
 * until; a run that starts at or before that time is the same run and is not reported again.
 */
export function eachBurst<T extends { readonly time: number }>(list: readonly T[], count: number, spanMs: number, report: (from: number, to: number) => number): void {
  let from = 0;
  let reportedUntil = -Infinity;
  for (let to = 0; to < list.length; to++) {
    while ((list[to] as T).time - (list[from] as T).time > spanMs) from++;
    if (to - from + 1 < count || (list[from] as T).time <= reportedUntil) continue;
    reportedUntil = report(from, to);
  }
}
