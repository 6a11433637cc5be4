/**
 * Limits. Every lockout once (limit-hit, info), with what this machine's transcripts can say of the
 * window before it; and premature-lockout, which is a claim about the server's own counter and so
 * needs the server's own reading of that window shortly before the lockout. Local tokens never
 * make that claim: they are a lower bound on plan usage (claude.ai, other machines and accounts
 * spend the same plan; see local-usage.ts).
 */
import type { LimitEvent } from '../parse/events.js';
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { isKnownZone, zoneOffsetMs } from '../parse/zoned-time.js';
import { oneLine } from '../parse/untrusted-text.js';
import { compact, duration, HOUR_MS } from '../metrics/token-math.js';
import { anomaly, type Anomaly } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';
import { factsOf } from './detector-facts.js';
import { configRootOf, localUsage, type LocalUsage } from './local-usage.js';
import { lockoutEvidence, lockoutsOf, type Lockout, type LockoutLimit } from './lockouts.js';
import { reading } from './quota-detectors.js';

const WINDOW_MS: Partial<Record<LockoutLimit, number>> = { '5h': 5 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };
const WINDOW_NAME: Partial<Record<LockoutLimit, string>> = { '5h': '5-hour', '7d': 'weekly' };
/** Windows open on the hour of their first request: a first local response this long after the opening still opened it. */
const OPENED_HERE_MS = HOUR_MS;
/** A reading whose reset is this far from the lockout's is of another window (or another account). */
const SAME_WINDOW_MS = HOUR_MS;

const LABEL: Record<LockoutLimit, string> = {
  '5h': '5-hour limit reached',
  '7d': 'weekly limit reached',
  extra: 'extra usage used up',
  spend: 'monthly spend limit reached',
  rate: 'rate limited (API 429)',
};

const ADVICE: Record<LockoutLimit, string> = {
  '5h': 'wait for the reset, or check claude.ai/settings/usage; to have the next lockout judged against the server counter, record readings with `tokentop statusline` (README: Quota readings)',
  '7d': 'wait for the reset, or check claude.ai/settings/usage; to have the next lockout judged against the server counter, record readings with `tokentop statusline` (README: Quota readings)',
  extra: 'add extra usage at claude.ai/settings/usage, or wait for the plan window to reset',
  spend: 'raise the monthly spend limit at claude.ai/settings/usage',
  rate: 'nothing: Claude Code retries by itself; many of these are a retry storm',
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

/** The config dir of a lockout: its first message's. */
const rootOf = (lockout: Lockout): string | undefined => (lockout.messages[0] === undefined ? undefined : configRootOf(lockout.messages[0].origin.file));

/** When the window that ran out opened: its reset less its length, else the lockout less its length. */
const openedAt = (lockout: Lockout, windowMs: number): number => (lockout.resetAt ?? lockout.start) - windowMs;

/** Per session: its responses copied from a resumed session, and whether any is its main transcript's. */
interface SessionResponses {
  copies: number;
  main: boolean;
}

/** Each session's SessionResponses, in one pass (asked once per lockout, it was a pass per lockout). */
function responsesBySession(input: DetectorInput, copied: (r: ResponseRecord) => boolean): ReadonlyMap<string | undefined, SessionResponses> {
  const out = new Map<string | undefined, SessionResponses>();
  for (const r of input.responses) {
    let s = out.get(r.scope.sessionId);
    if (s === undefined) out.set(r.scope.sessionId, (s = { copies: 0, main: false }));
    if (copied(r)) s.copies += 1;
    if (!r.scope.isSidechain) s.main = true;
  }
  return out;
}

/** What the transcripts of the lockout's config dir say of its window: tokens, who opened it, the session's main file. */
function localWords(usage: LocalUsage, sessions: () => ReadonlyMap<string | undefined, SessionResponses>, lockout: Lockout, baseline: Map<string, number[]>): string {
  const windowMs = WINDOW_MS[lockout.limit];
  const root = rootOf(lockout);
  if (windowMs === undefined || root === undefined) return '';
  const name = WINDOW_NAME[lockout.limit] ?? lockout.limit;
  const opened = openedAt(lockout, windowMs);
  const used = usage.window(root, opened, lockout.start);
  const history = baseline.get(`${root}\u0000${lockout.limit}`) ?? [];
  baseline.set(`${root}\u0000${lockout.limit}`, used.tokens > 0 ? [...history, used.tokens] : history);
  const parts: string[] = [];
  if (used.tokens === 0) parts.push(`no local usage in the ${name} window before it: usage elsewhere counts toward the same limit`);
  else parts.push(`this machine used ${compact(used.tokens)} input-equivalent tokens since the window opened at ${minuteOf(opened)} UTC (Anthropic-served responses in this config dir only); usage on claude.ai or other machines counts toward the same limit`);
  if (used.firstTime !== undefined && used.firstTime - opened > OPENED_HERE_MS) parts.push(`the window opened before the first local activity (${minuteOf(used.firstTime)} UTC)`);
  const session = sessions().get(lockout.sessionId);
  const copies = session?.copies ?? 0;
  if (copies > 0) parts.push(`${copies} responses of this session are copies from a resumed session, with no time of their own: not counted in the window`);
  const sessionId = lockout.sessionId;
  if (sessionId !== undefined && session?.main !== true && !lockout.messages.some((l) => !l.scope.isSidechain)) {
    parts.push("this session's main transcript is not here");
  }
  if (history.length >= 3) parts.push(`earlier ${name} lockouts in this config dir came at ${compact(percentile(history, 0.9))} local (P90 of ${history.length})`);
  return parts.map((p) => ` · ${p}`).join('');
}

/** limit-hit: every lockout once, with its reset, how many messages said so, and what local files can say of it. */
export function limitHit(input: DetectorInput): Anomaly[] {
  const { copied } = factsOf(input);
  const usage = localUsage(input.responses, (r) => !copied.response(r));
  const baseline = new Map<string, number[]>();
  let bySession: ReadonlyMap<string | undefined, SessionResponses> | undefined;
  const sessions = (): ReadonlyMap<string | undefined, SessionResponses> => (bySession ??= responsesBySession(input, copied.response));
  return lockoutsOf(input.limits, [], copied.limit).map((lockout) => {
    const count = lockout.messages.length > 1 ? ` · ${lockout.messages.length} messages` : '';
    const first = lockout.messages[0];
    const where = first === undefined ? 'a rejected reading' : `${first.origin.file}:${first.origin.line}`;
    const judged = !lockout.copied;
    // A copy's reset was read against its re-stamped time: neither the reset nor the window it names can be trusted.
    const message = judged
      ? `${LABEL[lockout.limit]}: ${resetWords(first, lockout)}${count}${localWords(usage, sessions, lockout, baseline)}`
      : `a limit message copied into a resumed session: "${oneLine(first?.text ?? '', 120)}"${count} · dated after its own reset, or re-stamped with the lines around it: when it came, and which window ran out, are not known, so it is not judged`;
    return anomaly({
      kind: 'limit-hit',
      severity: 'info',
      start: lockout.start,
      end: judged ? lockout.resetAt : undefined,
      sessionId: lockout.sessionId,
      message,
      certainty: judged ? 'confirmed' : 'inferred',
      basis: judged ? `the server's limit message, as Claude Code wrote it (${where}); local tokens are a lower bound on what the plan counted` : `the message's time is a resumed session's re-stamp (${where})`,
      advice: ADVICE[lockout.limit],
      evidence: lockoutEvidence(lockout),
    });
  });
}

/** The server readings of `windows` in the `nearMs` before `time`, newest first, of the same window as the reset (when both say). */
function readingsBefore(quota: readonly QuotaReading[], windows: readonly string[], time: number, nearMs: number, resetAt: number | undefined): QuotaReading[] {
  return quota
    .filter((q) => windows.includes(q.window) && q.time <= time && time - q.time <= nearMs && (resetAt === undefined || q.resetAt === undefined || Math.abs(q.resetAt - resetAt) <= SAME_WINDOW_MS))
    .sort((a, b) => b.time - a.time);
}

/** Is the other plan window full near the lockout? Then it, not this one, explains the rejection. */
function otherWindowFull(quota: readonly QuotaReading[], lockout: Lockout, nearMs: number, low: number): boolean {
  const other = lockout.limit === '5h' ? ['7d'] : ['5h', 'unified'];
  return readingsBefore(quota, other, lockout.start, nearMs, undefined).some((q) => q.status === 'rejected' || (q.utilization !== undefined && q.utilization >= low));
}

/**
 * premature-lockout, for the 5-hour and weekly windows: the server's own reading of that window, at
 * most lockoutReadingMs before the lockout, was under lockoutServerLow, and no reading of the other
 * window says that one was full. Critical (confirmed by the server) when the reading came at most
 * lockoutConfirmMs before; warn when older, since usage can climb in the meantime. With no such
 * reading there is no claim to make: limit-hit says what local files show.
 */
export function prematureLockout(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const { copied } = factsOf(input);
  const out: Anomaly[] = [];
  for (const lockout of lockoutsOf(input.limits, input.quota, copied.limit)) {
    const name = WINDOW_NAME[lockout.limit];
    if (name === undefined || lockout.copied) continue;
    const windows = lockout.limit === '5h' ? ['5h', 'unified'] : ['7d'];
    const server = readingsBefore(input.quota, windows, lockout.start, t.lockoutReadingMs, lockout.resetAt).find((q) => q.utilization !== undefined);
    if (server?.utilization === undefined || server.utilization >= t.lockoutServerLow) continue;
    if (otherWindowFull(input.quota, lockout, t.lockoutReadingMs, t.lockoutServerLow)) continue;
    const before = lockout.start - server.time;
    const percent = Math.round(server.utilization * 100);
    out.push(
      anomaly({
        kind: 'premature-lockout',
        severity: before <= t.lockoutConfirmMs ? 'critical' : 'warn',
        start: lockout.start,
        end: lockout.resetAt,
        sessionId: lockout.sessionId,
        message: `rejected at ${percent}% of the ${name} window (${server.source} reading ${duration(before)} before)`,
        certainty: 'confirmed',
        basis: `the server's own ${name} counter read ${percent}% ${duration(before)} before the lockout${before > t.lockoutConfirmMs ? '; usage may have climbed since that reading' : ''}, and no reading of the other window was full`,
        advice: 'keep the evidence (`tokentop evidence --anomaly ID`) and send it to Anthropic support with the reset time',
        evidence: [...lockoutEvidence(lockout), reading(server)],
      }),
    );
  }
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
