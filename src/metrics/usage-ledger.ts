/**
 * The counting rule: one response = one key; across every copy, in any file and any
 * order, keep the per-field maximum; the tokens belong to the time (and session) of the first copy.
 *
 * The result is independent of the order copies arrive in: max is commutative, and "first" is the
 * earliest timestamp, ties broken by session and agent id rather than by arrival.
 */
import type { Origin, Scope, TokenUsage, UsageEvent } from '../parse/events.js';

export interface ResponseRecord {
  readonly key: string;
  /** Time of the earliest copy. */
  time: number;
  model: string;
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  cacheCreation5m: number;
  cacheCreation1h: number;
  /** Scope of the earliest copy: whose tokens these are. */
  scope: Scope;
  /** Where the earliest copy is written: the line an anomaly points to. */
  origin: Origin;
  copies: number;
}

export interface LedgerChange {
  readonly record: ResponseRecord;
  readonly isNew: boolean;
  /** What this copy added to the totals (all zero for a copy that adds nothing). */
  readonly delta: TokenUsage;
}

export const ZERO_USAGE: TokenUsage = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, cacheCreation5m: 0, cacheCreation1h: 0 };

const FIELDS = ['input', 'output', 'cacheCreation', 'cacheRead', 'cacheCreation5m', 'cacheCreation1h'] as const;

export class UsageLedger {
  private readonly records = new Map<string, ResponseRecord>();

  get size(): number {
    return this.records.size;
  }

  values(): IterableIterator<ResponseRecord> {
    return this.records.values();
  }

  get(key: string): ResponseRecord | undefined {
    return this.records.get(key);
  }

  add(event: UsageEvent): LedgerChange {
    const existing = this.records.get(event.key);
    if (existing === undefined) {
      const record: ResponseRecord = { key: event.key, time: event.time, model: event.model, ...event.usage, scope: event.scope, origin: event.origin, copies: 1 };
      this.records.set(event.key, record);
      return { record, isNew: true, delta: event.usage };
    }
    existing.copies += 1;
    const delta = { ...ZERO_USAGE } as Record<(typeof FIELDS)[number], number>;
    for (const field of FIELDS) {
      const value = event.usage[field];
      if (value > existing[field]) {
        delta[field] = value - existing[field];
        existing[field] = value;
      }
    }
    if (isEarlier(event, existing)) {
      existing.time = event.time;
      existing.scope = event.scope;
      existing.origin = event.origin;
      if (event.model !== 'unknown') existing.model = event.model;
    } else if (existing.model === 'unknown' && event.model !== 'unknown') {
      existing.model = event.model;
    }
    return { record: existing, isNew: false, delta };
  }

  /** Forget responses older than `time` (bounded memory for live use); returns how many. */
  pruneBefore(time: number): number {
    let removed = 0;
    for (const [key, record] of this.records) {
      if (record.time < time) {
        this.records.delete(key);
        removed += 1;
      }
    }
    return removed;
  }
}

function isEarlier(event: UsageEvent, record: ResponseRecord): boolean {
  if (event.time !== record.time) return event.time < record.time;
  return scopeOrder(event.scope) < scopeOrder(record.scope);
}

function scopeOrder(scope: Scope): string {
  return `${scope.sessionId}\u0000${scope.agentId ?? ''}`;
}
