/**
 * The replay's virtual clock: it runs on the recording's own timeline at `speed`, but jumps over
 * quiet stretches, so a history of months with days between sessions replays in minutes rather
 * than in days. A stretch counts as quiet once the clock has been a minute past the last event
 * and the next is more than 15 minutes ahead; the jump stops a minute short of the next event, so
 * both the tail of the last activity and the approach of the next are seen. Pure: times in, time out.
 */
import { MINUTE_MS } from '../metrics/token-math.js';

/** A gap in the recording longer than this, ahead of the clock, is jumped over. */
export const IDLE_SKIP_MS = 15 * MINUTE_MS;
/** How much of a gap is still shown on each side of a jump. */
export const IDLE_LEAD_MS = MINUTE_MS;

export interface ClockStep {
  readonly clock: number;
  /** Recording time jumped over in this step (0 when none). */
  readonly skippedMs: number;
}

/**
 * The clock after `elapsedMs` of real time at `speed`, never past `end`. `lastEventTime` is the
 * newest event fed so far, `nextEventTime` the next one waiting (undefined: none left).
 */
export function advanceReplayClock(clock: number, elapsedMs: number, speed: number, end: number, lastEventTime: number | undefined, nextEventTime: number | undefined, skipIdle: boolean): ClockStep {
  const ran = Math.min(end, clock + elapsedMs * speed);
  if (!skipIdle || nextEventTime === undefined) return { clock: ran, skippedMs: 0 };
  const quietFor = lastEventTime === undefined ? Infinity : ran - lastEventTime;
  const target = nextEventTime - IDLE_LEAD_MS;
  if (quietFor >= IDLE_LEAD_MS && nextEventTime - ran > IDLE_SKIP_MS && target > ran) return { clock: Math.min(end, target), skippedMs: Math.min(end, target) - ran };
  return { clock: ran, skippedMs: 0 };
}
