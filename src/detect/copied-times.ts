/**
 * Which times a rule may use. A resumed or continued session can begin with copies of the old
 * session's lines, all re-stamped with one timestamp (DOMAIN.md section 11). Where the old file is
 * here, the counting rule already gives each response its first copy's time; where it is not, the
 * copy's time is when the session was resumed, not when the response was made. Their tokens still
 * count (totals do not need a time); window rules (lockouts, spikes, cache, concurrency) skip them.
 *
 * The sign: in one file, several distinct responses or messages written at the very same
 * millisecond. Claude Code stamps each line as it writes it; distinct responses a millisecond apart
 * are seen on real data only in such copied blocks (55 and 65 responses on one stamp).
 */
import { COPIED_STAMP_EVENTS } from '../metrics/copied-stamp.js';
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import type { LimitEvent, RetryEvent } from '../parse/events.js';

/** Distinct events on one stamp in one file from which the stamp is a copy's, not a time. */
export { COPIED_STAMP_EVENTS };

export interface CopiedTimes {
  /** True when this response's time is a re-stamp: no usable time for window rules. */
  readonly response: (r: ResponseRecord) => boolean;
  readonly retry: (r: RetryEvent) => boolean;
  /** True when this limit message is a copy: re-stamped, or dated after its own reset. */
  readonly limit: (l: LimitEvent) => boolean;
}

interface Timed {
  readonly time: number | undefined;
  readonly origin: { readonly file: string };
}

export function copiedTimes(responses: readonly ResponseRecord[], limits: readonly LimitEvent[], retries: readonly RetryEvent[]): CopiedTimes {
  // Events per file and time, in nested maps: a key string per event cost ~25 ms on 7,000 responses.
  const perStamp = new Map<string, Map<number, number>>();
  const count = (e: Timed): void => {
    if (e.time === undefined) return;
    let times = perStamp.get(e.origin.file);
    if (times === undefined) perStamp.set(e.origin.file, (times = new Map<number, number>()));
    times.set(e.time, (times.get(e.time) ?? 0) + 1);
  };
  // A folded record stands for a minute of responses: its time is not a line's.
  for (const r of responses) if (r.folded === undefined) count(r);
  for (const l of limits) count(l);
  for (const r of retries) count(r);
  const copied = (e: Timed): boolean => e.time !== undefined && (perStamp.get(e.origin.file)?.get(e.time) ?? 0) >= COPIED_STAMP_EVENTS;
  // Asked of every response by several rules: the answer is kept (nearly always: none is a copy).
  const copiedResponses = new Set<ResponseRecord>();
  for (const r of responses) if (r.folded === undefined && copied(r)) copiedResponses.add(r);
  return {
    response: (r) => copiedResponses.size > 0 && copiedResponses.has(r),
    retry: copied,
    limit: (l) => copied(l) || (l.time !== undefined && l.resetAt !== undefined && l.resetAt < l.time),
  };
}
