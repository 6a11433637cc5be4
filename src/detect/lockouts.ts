/**
 * Lockouts: the limit messages and rejected readings of one limit, grouped. One lockout is one
 * window (or budget) that ran out and one reset, however many messages say so (retries, sub-agents
 * and resumed sessions write the same message again and again).
 */
import type { LimitEvent } from '../parse/events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { HOUR_MS, MINUTE_MS } from '../metrics/token-math.js';
import type { Evidence } from './anomaly.js';
import { reading } from './quota-detectors.js';

/** What ran out: a plan window, the paid extra usage, the monthly spend cap, or the API's plain 429. */
export type LockoutLimit = '5h' | '7d' | 'extra' | 'spend' | 'rate';

export interface Lockout {
  readonly limit: LockoutLimit;
  /** The first message or rejected reading of it that is not a copy (for summary titles with no time: their reset). */
  readonly start: number;
  readonly resetAt: number | undefined;
  readonly sessionId: string | undefined;
  readonly messages: readonly LimitEvent[];
  readonly rejections: readonly QuotaReading[];
  /**
   * Every message of it is a copy carried into a resumed session (isCopy) and no server reading
   * rejected: when it really came is not known, so no rule judges it.
   */
  readonly copied: boolean;
}

/** Messages without a reset that are this close together are one lockout. */
const SAME_LOCKOUT_MS = 5 * HOUR_MS;
/** Evidence lines kept per lockout: enough to open the file; the count says how many more. */
const EVIDENCE_LINES = 5;

function limitOf(l: LimitEvent): LockoutLimit {
  if (l.limitKind === 'rate-limit') return 'rate';
  return l.window ?? '5h';
}

/** A quota reading's window as a lockout's: the unified status speaks for the 5-hour window. */
function readingLimit(q: QuotaReading): LockoutLimit | undefined {
  if (q.window === '5h' || q.window === 'unified') return '5h';
  if (q.window === '7d') return '7d';
  return undefined;
}

/** Group limit messages and rejected readings into lockouts, oldest first. */
export function lockoutsOf(limits: readonly LimitEvent[], quota: readonly QuotaReading[], isCopy: (l: LimitEvent) => boolean = () => false): Lockout[] {
  type Item = { limit: LockoutLimit; time: number; resetAt: number | undefined; message?: LimitEvent; rejection?: QuotaReading };
  const items: Item[] = [];
  for (const l of limits) {
    const time = l.time ?? l.resetAt;
    if (time !== undefined) items.push({ limit: limitOf(l), time, resetAt: l.resetAt, message: l });
  }
  for (const q of quota) {
    const limit = readingLimit(q);
    if (limit !== undefined && q.status === 'rejected') items.push({ limit, time: q.time, resetAt: q.resetAt, rejection: q });
  }
  items.sort((a, b) => a.time - b.time);
  type Open = { -readonly [K in keyof Lockout]: Lockout[K] } & { messages: LimitEvent[]; rejections: QuotaReading[] };
  const open = new Map<string, { lockout: Open; last: number }>();
  const out: Open[] = [];
  for (const item of items) {
    // The same limit with the same reset (to the minute) is the same lockout; without a reset, the same limit within 5 hours.
    const key = item.resetAt === undefined ? `${item.limit}/-` : `${item.limit}/${Math.round(item.resetAt / MINUTE_MS)}`;
    const known = open.get(key);
    if (known !== undefined && (item.resetAt !== undefined || item.time - known.last <= SAME_LOCKOUT_MS)) {
      known.last = item.time;
      if (item.message !== undefined) known.lockout.messages.push(item.message);
      if (item.rejection !== undefined) known.lockout.rejections.push(item.rejection);
      const copy = item.message !== undefined && isCopy(item.message);
      // The first message that is not a copy dates the lockout (a copy's re-stamp may sort before it).
      if (known.lockout.copied && !copy) {
        known.lockout.copied = false;
        known.lockout.start = item.time;
        known.lockout.sessionId = item.message?.scope.sessionId;
      }
      continue;
    }
    const copied = item.message !== undefined && isCopy(item.message);
    const lockout: Open = { limit: item.limit, start: item.time, resetAt: item.resetAt, sessionId: item.message?.scope.sessionId, messages: item.message === undefined ? [] : [item.message], rejections: item.rejection === undefined ? [] : [item.rejection], copied };
    open.set(key, { lockout, last: item.time });
    out.push(lockout);
  }
  return out;
}

/** The lines and readings that show a lockout: the first few, and how many more. */
export function lockoutEvidence(lockout: Lockout): Evidence[] {
  const lines: Evidence[] = lockout.messages.slice(0, EVIDENCE_LINES).map((l) => ({ kind: 'line', file: l.origin.file, line: l.origin.line, note: l.text }));
  const more = lockout.messages.length - EVIDENCE_LINES;
  return [
    ...lines,
    ...(more > 0 ? [{ kind: 'figure' as const, name: 'more messages of this lockout', value: more, note: 'the same limit and reset' }] : []),
    ...lockout.rejections.slice(0, EVIDENCE_LINES).map(reading),
  ];
}
