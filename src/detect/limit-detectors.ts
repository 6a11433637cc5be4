/**
 * Limits: every lockout once (info), and a lockout that is premature: rejected while the server's own
 * counter for that window was low, or, with no server reading near it, while local usage in the
 * window was far below what the user's past lockouts took.
 */
import type { LimitEvent } from '../parse/events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { isKnownZone, zoneOffsetMs } from '../parse/zoned-time.js';
import { compact, duration, HOUR_MS, MINUTE_MS, totalTokens } from '../metrics/token-math.js';
import { anomaly, type Anomaly } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';
import { lockoutEvidence, lockoutsOf, type Lockout, type LockoutLimit } from './lockouts.js';
import { reading } from './quota-detectors.js';

const WINDOW_MS: Partial<Record<LockoutLimit, number>> = { '5h': 5 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };
const WINDOW_NAME: Partial<Record<LockoutLimit, string>> = { '5h': '5-hour', '7d': 'weekly' };
/** A server reading this close to a lockout tells what the server counted then. */
const NEAR_MS = 15 * MINUTE_MS;

const LABEL: Record<LockoutLimit, string> = {
  '5h': '5-hour limit reached',
  '7d': 'weekly limit reached',
  extra: 'extra usage used up',
  spend: 'monthly spend limit reached',
  rate: 'rate limited (API 429)',
};

const minuteOf = (epochMs: number): string => new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16);

/** "resets 2026-02-10 05:00 America/Los_Angeles (13:00 UTC)": local time in the zone the text names, and UTC. */
function resetWords(l: LimitEvent | undefined, lockout: Lockout): string {
  if (lockout.limit === 'spend') return 'no reset: the cap is raised by hand';
  if (lockout.limit === 'rate') return 'retried by Claude Code';
  if (lockout.resetAt === undefined) return l?.resetText === undefined ? 'no reset time given' : `resets ${l.resetText} (could not resolve)`;
  const zone = /\(([^)]+)\)/.exec(l?.resetText ?? '')?.[1];
  if (zone === undefined || !isKnownZone(zone)) return `resets ${minuteOf(lockout.resetAt)} UTC`;
  return `resets ${minuteOf(lockout.resetAt + zoneOffsetMs(lockout.resetAt, zone))} ${zone} (${minuteOf(lockout.resetAt).slice(11)} UTC)`;
}

/** Local tokens in the window that ended at `end`. */
function tokensBefore(responses: DetectorInput['responses'], end: number, windowMs: number): number {
  let sum = 0;
  for (const r of responses) if (r.time > end - windowMs && r.time <= end) sum += totalTokens(r);
  return sum;
}

/** limit-hit: every lockout once, with its reset and how many messages said so. */
export function limitHit(input: DetectorInput): Anomaly[] {
  return lockoutsOf(input.limits, []).map((lockout) => {
    const windowMs = WINDOW_MS[lockout.limit];
    const count = lockout.messages.length > 1 ? ` · ${lockout.messages.length} messages` : '';
    // Claude.ai, another machine or another tool spend the same plan: local tokens are not all of it.
    const elsewhere = windowMs !== undefined && tokensBefore(input.responses, lockout.start, windowMs) === 0 ? ` · no local usage in the ${WINDOW_NAME[lockout.limit]} window before it: usage elsewhere counts toward the same limit` : '';
    return anomaly({
      kind: 'limit-hit',
      severity: 'info',
      start: lockout.start,
      end: lockout.resetAt,
      sessionId: lockout.sessionId,
      message: `${LABEL[lockout.limit]}: ${resetWords(lockout.messages[0], lockout)}${count}${elsewhere}`,
      evidence: lockoutEvidence(lockout),
    });
  });
}

/** The server reading of the lockout's window nearest to it, before its reset. */
function serverReading(quota: readonly QuotaReading[], lockout: Lockout): QuotaReading | undefined {
  const wanted = lockout.limit === '5h' ? ['5h', 'unified'] : [lockout.limit];
  let best: QuotaReading | undefined;
  for (const q of quota) {
    if (!wanted.includes(q.window) || q.utilization === undefined || Math.abs(q.time - lockout.start) > NEAR_MS) continue;
    if (lockout.resetAt !== undefined && q.time >= lockout.resetAt) continue;
    if (best === undefined || Math.abs(q.time - lockout.start) < Math.abs(best.time - lockout.start)) best = q;
  }
  return best;
}

/**
 * premature-lockout, for the 5-hour and weekly windows. With a server reading near the lockout, the
 * server's own counter decides: rejected under lockoutServerLow of the window is premature. Without
 * one, local tokens in the window are compared with the P90 of past lockouts of the same window
 * (three or more), or for the 5-hour window with lockoutFloorTokens. No local usage at all is never
 * premature: usage elsewhere counts toward the same limit (limit-hit says so).
 */
export function prematureLockout(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const out: Anomaly[] = [];
  const past: Partial<Record<LockoutLimit, number[]>> = {};
  for (const lockout of lockoutsOf(input.limits, input.quota)) {
    const windowMs = WINDOW_MS[lockout.limit];
    if (windowMs === undefined) continue;
    const name = WINDOW_NAME[lockout.limit] ?? lockout.limit;
    const server = serverReading(input.quota, lockout);
    const used = tokensBefore(input.responses, lockout.start, windowMs);
    const history = (past[lockout.limit] ??= []);
    const base = { kind: 'premature-lockout' as const, severity: 'critical' as const, start: lockout.start, end: lockout.resetAt, sessionId: lockout.sessionId };
    const usedFigure = { kind: 'figure' as const, name: `local tokens in the ${name} window before`, value: used, note: 'from transcripts, by the counting rule' };
    if (server?.utilization !== undefined) {
      if (server.utilization < t.lockoutServerLow) {
        const when = server.time <= lockout.start ? `${duration(lockout.start - server.time)} before` : `${duration(server.time - lockout.start)} after`;
        out.push(anomaly({ ...base, message: `rejected at ${Math.round(server.utilization * 100)}% of the ${name} window (${server.source} reading ${when})`, evidence: [...lockoutEvidence(lockout), reading(server), usedFigure] }));
      }
    } else if (used > 0) {
      const p90 = history.length >= 3 ? percentile(history, 0.9) : undefined;
      const bar = p90 !== undefined ? p90 * t.lockoutFractionOfP90 : lockout.limit === '5h' ? t.lockoutFloorTokens : undefined;
      if (bar !== undefined && used < bar) {
        const usual = p90 === undefined ? `the ${compact(t.lockoutFloorTokens)} floor` : `${Math.round(t.lockoutFractionOfP90 * 100)}% of your usual ${compact(p90)} at lockout (P90 of ${history.length})`;
        out.push(anomaly({ ...base, message: `locked out after only ${compact(used)} tokens in this ${name} window, below ${usual}`, evidence: [...lockoutEvidence(lockout), usedFigure] }));
      }
    }
    if (used > 0) history.push(used);
  }
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
