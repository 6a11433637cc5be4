/**
 * Limits: every limit message (info), and a lockout that comes while local usage in the current
 * 5-hour window is far below what the user's past lockouts took.
 */
import type { LimitEvent } from '../parse/events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { isKnownZone, zoneOffsetMs } from '../parse/zoned-time.js';
import { anomaly, type Anomaly, type Evidence } from './anomaly.js';
import { totalTokens } from '../metrics/token-math.js';
import type { DetectorInput } from './detector-input.js';
import { reading } from './quota-detectors.js';

const FIVE_HOURS = 5 * 3_600_000;
/**
 * The 5-hour session limit's texts. "You're out of extra usage" (the paid overage budget) and weekly
 * limits say nothing about the 5-hour window, so they are no evidence of a premature lockout.
 */
const SESSION_LIMIT = /^(?:Claude AI usage limit reached|You've hit your (?:session )?limit)/;

function line(l: LimitEvent): Evidence {
  return { kind: 'line', file: l.origin.file, line: l.origin.line, note: l.text };
}

const minuteOf = (epochMs: number): string => new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16);

/** "resets 2026-02-10 05:00 America/Los_Angeles (13:00 UTC)": local time in the zone the text names, and UTC. */
function resetWords(l: LimitEvent): string {
  if (l.resetAt === undefined) return l.resetText === undefined ? 'no reset time given' : `resets ${l.resetText} (could not resolve)`;
  const zone = /\(([^)]+)\)/.exec(l.resetText ?? '')?.[1];
  if (zone === undefined || !isKnownZone(zone)) return `resets ${minuteOf(l.resetAt)} UTC`;
  return `resets ${minuteOf(l.resetAt + zoneOffsetMs(l.resetAt, zone))} ${zone} (${minuteOf(l.resetAt).slice(11)} UTC)`;
}

/** limit-hit: every usage- or rate-limit message, with its reset time. */
export function limitHit(input: DetectorInput): Anomaly[] {
  return input.limits.map((l) =>
    anomaly({
      kind: 'limit-hit',
      severity: 'info',
      start: l.time ?? l.resetAt ?? 0,
      end: undefined,
      sessionId: l.scope.sessionId,
      message: `${l.limitKind === 'usage-limit' ? 'usage limit reached' : 'rate limited'}: ${resetWords(l)}`,
      evidence: [line(l)],
    }),
  );
}

/**
 * premature-lockout: a limit message or a rejected reading while the tokens of the 5 hours before it
 * are below lockoutFractionOfP90 of the P90 of past lockouts' windows (with at least three of
 * them), or below lockoutFloorTokens without that history.
 */
export function prematureLockout(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const responses = [...input.responses].sort((a, b) => a.time - b.time);
  const windowTokens = (end: number): number => {
    let sum = 0;
    for (const r of responses) if (r.time > end - FIVE_HOURS && r.time <= end) sum += totalTokens(r);
    return sum;
  };
  const lockouts: Array<{ time: number; sessionId: string | undefined; evidence: Evidence }> = [
    ...input.limits.filter((l) => l.time !== undefined && SESSION_LIMIT.test(l.text)).map((l) => ({ time: l.time as number, sessionId: l.scope.sessionId, evidence: line(l) })),
    ...input.quota.filter((q: QuotaReading) => q.status === 'rejected' && (q.window === '5h' || q.window === 'unified')).map((q) => ({ time: q.time, sessionId: undefined, evidence: reading(q) })),
  ].sort((a, b) => a.time - b.time);

  const out: Anomaly[] = [];
  const past: number[] = [];
  let lastReported = -Infinity;
  for (const lockout of lockouts) {
    const used = windowTokens(lockout.time);
    const p90 = past.length >= 3 ? percentile(past, 0.9) : undefined;
    const bar = p90 === undefined ? t.lockoutFloorTokens : p90 * t.lockoutFractionOfP90;
    // One lockout, often written several times (retries, sub-agents): report it once per 5 hours.
    if (used < bar && lockout.time - lastReported > FIVE_HOURS) {
      lastReported = lockout.time;
      const usual = p90 === undefined ? `the ${compact(t.lockoutFloorTokens)} floor` : `${Math.round(t.lockoutFractionOfP90 * 100)}% of your usual ${compact(p90)} at lockout (P90 of ${past.length})`;
      out.push(
        anomaly({
          kind: 'premature-lockout',
          severity: 'critical',
          start: lockout.time,
          end: undefined,
          sessionId: lockout.sessionId,
          message: `locked out after only ${compact(used)} tokens in this 5-hour window, below ${usual}`,
          evidence: [lockout.evidence, { kind: 'figure', name: 'tokens in the 5 hours before', value: used, note: 'from transcripts, by the counting rule' }],
        }),
      );
    }
    past.push(used);
  }
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function compact(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : String(Math.round(n));
}
