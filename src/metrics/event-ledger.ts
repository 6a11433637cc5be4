/**
 * Everything the transcripts said, deduplicated: responses by the counting rule, sub-agent spawns
 * by tool-use id, limit messages by line uuid. Pure; reports derive from it with a time range.
 */
import type {
  ApiErrorEvent,
  CostStateEvent,
  LimitEvent,
  RetryEvent,
  SessionTitleEvent,
  SubagentFinishEvent,
  SubagentSpawnEvent,
  TranscriptEvent,
} from '../parse/events.js';
import { UsageLedger, type LedgerChange, type UsageView } from './usage-ledger.js';

/**
 * What the reports and detectors read of a ledger: the same maps, read-only. The store hands this
 * out, so nothing outside it can change what it counts.
 */
export interface LedgerView {
  readonly usage: UsageView;
  readonly spawns: ReadonlyMap<string, SubagentSpawnEvent>;
  readonly finishes: ReadonlyMap<string, SubagentFinishEvent>;
  readonly limits: ReadonlyMap<string, LimitEvent>;
  readonly retries: ReadonlyMap<string, RetryEvent>;
  readonly apiErrors: ReadonlyMap<string, ApiErrorEvent>;
  readonly costStates: ReadonlyMap<string, CostStateEvent>;
  readonly titles: ReadonlyMap<string, SessionTitleEvent>;
  titleOf(sessionId: string): string | undefined;
}

/** Session titles kept at most in a long-running monitor: far more sessions than a screen lists. */
const MAX_TITLES = 10_000;

export class EventLedger implements LedgerView {
  readonly usage = new UsageLedger();
  /** By tool-use id: a spawn copied into a resumed session is still one sub-agent. */
  readonly spawns = new Map<string, SubagentSpawnEvent>();
  readonly finishes = new Map<string, SubagentFinishEvent>();
  /**
   * By key; a timed copy (the message itself) wins over a summary title without a time, and the
   * earliest timed copy over later ones: a resumed session re-stamps the copies it carries.
   */
  readonly limits = new Map<string, LimitEvent>();
  /** By line uuid: a retry copied into a resumed session is still one retry. */
  readonly retries = new Map<string, RetryEvent>();
  readonly apiErrors = new Map<string, ApiErrorEvent>();
  /** Latest cost-state per session (it is a cumulative counter). */
  readonly costStates = new Map<string, CostStateEvent>();
  /** Each session's title: the best source, and within it the line written last. */
  readonly titles = new Map<string, SessionTitleEvent>();

  /**
   * Forget what happened before `time` (the live monitor's memory bound, as the usage records are
   * pruned): spawns, finishes, limits, retries, errors and cost states by their time; titles, which
   * have none, past MAX_TITLES, the oldest first. A long `serve` grew these for as long as it ran.
   */
  pruneBefore(time: number): void {
    const old = (t: number | undefined): boolean => t !== undefined && t < time;
    for (const map of [this.spawns, this.finishes, this.retries, this.apiErrors] as const) for (const [k, e] of map) if (old(e.time)) map.delete(k);
    for (const [k, l] of this.limits) if (old(l.time ?? l.resetAt)) this.limits.delete(k);
    for (const [k, c] of this.costStates) if (old(c.time)) this.costStates.delete(k);
    for (const k of this.titles.keys()) {
      if (this.titles.size <= MAX_TITLES) break;
      this.titles.delete(k);
    }
  }

  /** A session's title, when it has one. */
  titleOf(sessionId: string): string | undefined {
    return this.titles.get(sessionId)?.title;
  }

  /** Apply one event; returns the ledger change for usage events (live metrics use the delta). */
  apply(event: TranscriptEvent): LedgerChange | undefined {
    switch (event.kind) {
      case 'usage':
        return this.usage.add(event);
      case 'subagent-spawn':
        keepEarliest(this.spawns, event.toolUseId, event);
        return undefined;
      case 'subagent-finish':
        keepEarliest(this.finishes, event.toolUseId, event);
        return undefined;
      case 'limit': {
        const known = this.limits.get(event.key);
        if (known === undefined || (event.time !== undefined && (known.time === undefined || event.time < known.time))) this.limits.set(event.key, event);
        return undefined;
      }
      case 'retry':
        keepEarliest(this.retries, event.key, event);
        return undefined;
      case 'api-error':
        keepEarliest(this.apiErrors, event.key, event);
        return undefined;
      case 'cost-state': {
        const known = this.costStates.get(event.scope.sessionId);
        if (known === undefined || event.totalCostUSD >= known.totalCostUSD) this.costStates.set(event.scope.sessionId, event);
        return undefined;
      }
      case 'title': {
        const known = this.titles.get(event.scope.sessionId);
        if (known === undefined || outranks(event, known)) this.titles.set(event.scope.sessionId, event);
        return undefined;
      }
      case 'subagent-progress':
        return undefined;
    }
  }
}

function keepEarliest<E extends { time: number }>(map: Map<string, E>, key: string, event: E): void {
  const known = map.get(key);
  if (known === undefined || event.time < known.time) map.set(key, event);
}

const TITLE_RANK = { summary: 0, ai: 1, custom: 2 } as const;

/** A better source wins; within one, the later line of the same file (a rename), then the greater path: never arrival order. */
function outranks(event: SessionTitleEvent, known: SessionTitleEvent): boolean {
  const rank = TITLE_RANK[event.source] - TITLE_RANK[known.source];
  if (rank !== 0) return rank > 0;
  if (event.origin.file === known.origin.file) return event.origin.line > known.origin.line;
  return event.origin.file > known.origin.file;
}
