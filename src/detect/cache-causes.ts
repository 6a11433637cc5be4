/**
 * Why each large cache write happened, before any rule judges it (DOMAIN.md sections 3 and 11).
 * A write that rebuilds the context (much written, little read) is, in this order:
 * - `first-request`: a thread's first request builds its cache (a session's, a sub-agent's);
 * - `compaction`: a compaction agent's request, or the main thread's rebuild right after one;
 * - `unattributed`: an inline sidechain line (1.0.x) with no agent id: which thread it belongs to,
 *   and so what it follows, is not known;
 * - `idle-purge`: the thread was quiet longer than the TTL its last write declared (5m or 1h);
 * - `model-change`, `version-change`: a new model or Claude Code version has a cache of its own;
 * - `two-writers`: versions taking turns in one thread: two Claude Code processes append to one
 *   session, and each rebuilds what the other wrote;
 * - `miss`: none of these, inside the TTL of a warm thread: a prompt-cache miss.
 * Each write has one cause, so a response is never expected to one rule and anomalous to another.
 */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { groupBy } from './group-by.js';
import type { Thresholds } from './thresholds.js';

export type WriteCauseKind = 'first-request' | 'compaction' | 'unattributed' | 'idle-purge' | 'model-change' | 'version-change' | 'two-writers' | 'miss';

export interface WriteCause {
  readonly kind: WriteCauseKind;
  readonly response: ResponseRecord;
  /** The thread's request before it, when there is one. */
  readonly previous: ResponseRecord | undefined;
  /** The TTL in force: declared by the thread's last write, else thresholds.cacheTtlMs. */
  readonly ttlMs: number;
  /** The cause Claude Code itself named for this miss (its statusline's prompt_cache), when it did: confirmed beats inferred. */
  readonly reported?: string;
}

const HOUR_MS = 3_600_000;
/** A compaction agent's request this close before a main-thread rebuild explains it. */
const AFTER_COMPACTION_MS = 10 * 60_000;

export const isCompactionAgent = (agentId: string | undefined): boolean => agentId?.startsWith('acompact') === true;

/** A write that rebuilds the context: at least cascadeMinWrite written, reads at most cascadeMaxReadFraction. */
export function isRebuild(r: ResponseRecord, t: Thresholds): boolean {
  return r.cacheCreation >= t.cascadeMinWrite && r.cacheRead <= t.cascadeMaxReadFraction * (r.cacheCreation + r.cacheRead);
}

/** Input-equivalent tokens of a response's cache write: 5-minute writes 1.25x input, 1-hour writes 2x (undeclared: 1.25x). */
export function writeWeight(r: ResponseRecord): number {
  const declared = r.cacheCreation5m + r.cacheCreation1h;
  return 1.25 * r.cacheCreation5m + 2 * r.cacheCreation1h + 1.25 * Math.max(0, r.cacheCreation - declared);
}

/** Each session's main thread and each sub-agent apart: they have caches of their own. Inline sidechains share one key. */
const threadKey = (r: ResponseRecord): string => `${r.scope.sessionId}\u0000${r.scope.agentId ?? (r.scope.isSidechain ? '\u0001' : '')}`;

/** Claude Code reports a miss this long after the request at most (its statusline runs every few seconds, when the session is shown). */
const REPORT_AFTER_MS = 10 * 60_000;
const REPORT_BEFORE_MS = 60_000;

/** Each miss Claude Code reported, per session: when its statusline's miss count grew, and the cause it named. */
function reportedMisses(quota: readonly QuotaReading[]): Map<string, Array<{ time: number; cause: string }>> {
  const bySession = new Map<string, Array<{ time: number; misses: number; cause: string | undefined }>>();
  for (const q of quota) {
    const c = q.cache;
    if (c?.sessionId === undefined || c.misses === undefined) continue;
    const list = bySession.get(c.sessionId) ?? bySession.set(c.sessionId, []).get(c.sessionId);
    if (list !== undefined && list.at(-1)?.time !== q.time) list.push({ time: q.time, misses: c.misses, cause: c.lastMissCause });
  }
  const out = new Map<string, Array<{ time: number; cause: string }>>();
  for (const [session, list] of bySession) {
    list.sort((a, b) => a.time - b.time);
    const misses = list.flatMap((cur, i) => (i > 0 && cur.misses > (list[i - 1]?.misses ?? cur.misses) && cur.cause !== undefined ? [{ time: cur.time, cause: cur.cause }] : []));
    if (misses.length > 0) out.set(session, misses);
  }
  return out;
}

/** A cause Claude Code names for an expired cache: the rebuild is what the cache does, not a miss. */
const EXPIRED = /ttl|expir|idle|timeout/i;

/**
 * The cause of every large write of `responses`, by response key; `copied` marks responses with no
 * usable time. `quota` carries Claude Code's own cache reports (QuotaReading.cache): where one names
 * the cause of a miss or a purge, it is taken over tokentop's inference.
 */
export function classifyWrites(responses: readonly ResponseRecord[], t: Thresholds, copied: (r: ResponseRecord) => boolean, quota: readonly QuotaReading[] = []): Map<string, WriteCause> {
  const reported = reportedMisses(quota);
  const out = new Map<string, WriteCause>();
  // A folded record is a minute's sum, not a request: it says nothing of a cache rebuild.
  const usable = responses.filter((r) => r.folded === undefined && !copied(r));
  const compactions = new Map<string, number[]>();
  for (const r of usable) {
    if (!isCompactionAgent(r.scope.agentId)) continue;
    const times = compactions.get(r.scope.sessionId);
    if (times === undefined) compactions.set(r.scope.sessionId, [r.time]);
    else times.push(r.time);
  }
  for (const list of groupBy(usable, threadKey).values()) {
    list.sort((a, b) => a.time - b.time);
    let ttlMs = t.cacheTtlMs;
    const versionSeen = new Map<string, number>();
    list.forEach((r, i) => {
      const previous = list[i - 1];
      if (isRebuild(r, t)) out.set(r.key, withReport({ kind: causeOf(r, previous, ttlMs, versionSeen, compactions.get(r.scope.sessionId) ?? []), response: r, previous, ttlMs }, reported.get(r.scope.sessionId)));
      if (r.cacheCreation1h > 0) ttlMs = HOUR_MS;
      else if (r.cacheCreation5m > 0) ttlMs = 5 * 60_000;
      else if (r.cacheCreation > 0) ttlMs = t.cacheTtlMs;
      if (r.scope.version !== undefined) versionSeen.set(r.scope.version, r.time);
    });
  }
  return out;
}

function causeOf(r: ResponseRecord, previous: ResponseRecord | undefined, ttlMs: number, versionSeen: ReadonlyMap<string, number>, compactions: readonly number[]): WriteCauseKind {
  if (isCompactionAgent(r.scope.agentId)) return 'compaction';
  if (previous === undefined) return 'first-request';
  if (r.scope.isSidechain && r.scope.agentId === undefined) return 'unattributed';
  if (r.scope.agentId === undefined && compactions.some((c) => c <= r.time && r.time - c <= AFTER_COMPACTION_MS)) return 'compaction';
  if (r.time - previous.time > ttlMs) return 'idle-purge';
  if (r.model !== previous.model) return 'model-change';
  const version = r.scope.version;
  if (version !== undefined && previous.scope.version !== undefined && version !== previous.scope.version) {
    // A version this thread wrote before, within the hour, back again: two processes take turns.
    const seen = versionSeen.get(version);
    return seen !== undefined && r.time - seen <= HOUR_MS ? 'two-writers' : 'version-change';
  }
  return 'miss';
}

/** A miss or purge Claude Code reported around this write: its cause decides (a reported expiry is a purge, any other a miss). */
function withReport(c: WriteCause, reports: ReadonlyArray<{ time: number; cause: string }> | undefined): WriteCause {
  if (reports === undefined || (c.kind !== 'miss' && c.kind !== 'idle-purge')) return c;
  const r = c.response.time;
  const report = reports.find((m) => m.time >= r - REPORT_BEFORE_MS && m.time <= r + REPORT_AFTER_MS);
  if (report === undefined) return c;
  return { ...c, kind: EXPIRED.test(report.cause) ? 'idle-purge' : 'miss', reported: report.cause };
}
