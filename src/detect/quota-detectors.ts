/**
 * The quota counters themselves: a counter that falls before its reset, a reset time
 * that moves, a window still full after its reset. Readings are compared within one window and one
 * source, in time order.
 */
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { duration } from '../metrics/token-math.js';
import { groupBy } from './group-by.js';
import { anomaly, type Anomaly, type Evidence } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';

const WINDOWS = new Set(['5h', '7d', 'overage']);

function series(quota: readonly QuotaReading[]): QuotaReading[][] {
  const groups = groupBy(quota, (q) => (WINDOWS.has(q.window) ? `${q.window}/${q.source}` : undefined));
  return [...groups.values()].map((g) => g.sort((a, b) => a.time - b.time));
}

/** Each reading with the one before it in its window and source; `later()` gives the readings after it (copied only when asked). */
function* consecutive(quota: readonly QuotaReading[]): Generator<{ before: QuotaReading; after: QuotaReading; later: () => QuotaReading[] }> {
  for (const s of series(quota)) {
    for (let i = 1; i < s.length; i++) yield { before: s[i - 1] as QuotaReading, after: s[i] as QuotaReading, later: () => s.slice(i + 1) };
  }
}

export function reading(q: QuotaReading): Evidence {
  return { kind: 'reading', time: q.time, window: q.window, source: q.source, utilization: q.utilization, status: q.status, resetAt: q.resetAt, ...(q.origin === undefined ? {} : { file: q.origin.file, line: q.origin.line }) };
}

const pct = (u: number | undefined): string => (u === undefined ? '?' : `${Math.round(u * 100)}%`);

/** counter-reset: utilization falls by counterDrop or more while the announced reset is still ahead. */
export function counterReset(input: DetectorInput): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { before, after, later } of consecutive(input.quota)) {
    if (before.utilization === undefined || after.utilization === undefined || before.resetAt === undefined) continue;
    const drop = before.utilization - after.utilization;
    if (drop < input.thresholds.counterDrop || after.time >= before.resetAt) continue;
    // When did it come back? The first later reading back near the level it fell from.
    const back = later().find((q) => q.utilization !== undefined && q.utilization >= before.utilization! - input.thresholds.counterDrop / 2 && q.time < before.resetAt!);
    const left = before.resetAt - after.time;
    const recovery = back === undefined ? '' : `; back to ${pct(back.utilization)} ${duration(back.time - after.time)} later`;
    out.push(
      anomaly({
        kind: 'counter-reset',
        severity: 'critical',
        start: after.time,
        end: back?.time,
        sessionId: undefined,
        message: `${after.window} quota counter fell from ${pct(before.utilization)} to ${pct(after.utilization)} with ${duration(left)} left before its reset (${after.source})${recovery}`,
        certainty: 'confirmed',
        basis: `two server readings of one window from one source (${after.source}), the second before the reset the first announced`,
        advice: 'keep the record running and send the evidence (`tokentop evidence --anomaly ID`) if a lockout follows: the counter, not your usage, moved',
        evidence: [reading(before), reading(after), ...(back === undefined ? [] : [reading(back)])],
      }),
    );
  }
  return out;
}

/** reset-moved: the announced reset time jumps by resetJumpMs or more without a reset happening. */
export function resetMoved(input: DetectorInput): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { before, after } of consecutive(input.quota)) {
    if (before.resetAt === undefined || after.resetAt === undefined) continue;
    const jump = after.resetAt - before.resetAt;
    // A reset that happened (the old reset time passed) naturally announces the next one.
    if (Math.abs(jump) < input.thresholds.resetJumpMs || after.time >= before.resetAt) continue;
    out.push(
      anomaly({
        kind: 'reset-moved',
        severity: 'warn',
        start: after.time,
        end: undefined,
        sessionId: undefined,
        message: `${after.window} reset moved ${jump > 0 ? 'later' : 'earlier'} by ${duration(Math.abs(jump))} without a reset (${after.source})`,
        certainty: 'confirmed',
        basis: `two server readings of one window from one source (${after.source}) announce different resets, the first not yet passed`,
        advice: 'plan by the later reset; send the evidence to support if it keeps moving',
        evidence: [reading(before), reading(after)],
      }),
    );
  }
  return out;
}

/** stuck-after-reset: still rejected or at 100% after the announced reset time has passed. */
export function stuckAfterReset(input: DetectorInput): Anomaly[] {
  const out: Anomaly[] = [];
  for (const s of series(input.quota)) {
    let reported = -Infinity;
    for (let i = 1; i < s.length; i++) {
      const before = s[i - 1] as QuotaReading;
      const after = s[i] as QuotaReading;
      if (before.resetAt === undefined || after.time <= before.resetAt || before.resetAt <= reported) continue;
      const full = after.status === 'rejected' || (after.utilization !== undefined && after.utilization >= 1);
      if (!full) continue;
      reported = before.resetAt;
      out.push(
        anomaly({
          kind: 'stuck-after-reset',
          severity: 'critical',
          start: after.time,
          end: undefined,
          sessionId: undefined,
          message: `${after.window} still ${after.status === 'rejected' ? 'rejected' : pct(after.utilization)} ${duration(after.time - before.resetAt)} after its announced reset (${after.source})`,
          certainty: 'confirmed',
          basis: `a server reading (${after.source}) after the reset an earlier reading of the window announced`,
          advice: 'send the evidence (`tokentop evidence --anomaly ID`) to Anthropic support: the window did not reset when announced',
          evidence: [reading(before), reading(after)],
        }),
      );
    }
  }
  return out;
}
