/**
 * The counting rule: one response = one key; across every copy, in any file and any
 * order, keep the per-field maximum; the tokens belong to the time (and session) of the first copy.
 *
 * The result is independent of the order copies arrive in: max is commutative, and "first" is the
 * earliest timestamp, ties broken by session and agent id rather than by arrival.
 */
import type { Origin, Scope, TokenUsage, UsageEvent } from '../parse/events.js';
import { FoldedResponses } from './folded-responses.js';
import { scopeKey } from './scope-key.js';
import { totalTokens } from './token-math.js';

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
  /** Set on a folded record: each of its responses' prompt was above the price tier (or each below). */
  promptOverTier?: boolean;
  /** Set on a record that stands for several responses the live ledger folded (folded-responses.ts). */
  folded?: { readonly responses: number; readonly lastTime: number };
}

export interface LedgerChange {
  readonly record: ResponseRecord;
  readonly isNew: boolean;
  /** What this copy added to the totals (all zero for a copy that adds nothing). */
  readonly delta: TokenUsage;
}

export const ZERO_USAGE: TokenUsage = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, cacheCreation5m: 0, cacheCreation1h: 0 };

const FIELDS = ['input', 'output', 'cacheCreation', 'cacheRead', 'cacheCreation5m', 'cacheCreation1h'] as const;

/** The read side of a usage ledger (what reports, detectors and exporters may call). */
export type UsageView = Pick<UsageLedger, 'size' | 'unfolded' | 'foldedUpTo' | 'values' | 'tokensIn' | 'get'>;

export class UsageLedger {
  private readonly records = new Map<string, ResponseRecord>();
  /**
   * Every line parses into its own scope object and model string: records share one per distinct
   * value instead (a live monitor holds hundreds of thousands of records; the copies were 40% of them).
   */
  private scopes = new Map<string, Scope>();
  private models = new Map<string, string>();
  private readonly folded = new FoldedResponses();

  /** Records held: responses one by one, and folded records. */
  get size(): number {
    return this.records.size + this.folded.size;
  }

  /** The responses held one by one (the rest are folded). */
  get unfolded(): number {
    return this.records.size;
  }

  /** The latest time of a folded response: anomalies before it cannot be found again from this ledger. */
  get foldedUpTo(): number {
    return this.folded.upTo;
  }

  *values(): IterableIterator<ResponseRecord> {
    yield* this.records.values();
    yield* this.folded.values();
  }

  /** Tokens of the responses in (from, to], folded ones included: an evidence bundle's "local tokens in the window". */
  tokensIn(from: number, to: number): number {
    let sum = 0;
    for (const r of this.values()) if (r.time > from && r.time <= to) sum += totalTokens(r);
    return sum;
  }

  get(key: string): ResponseRecord | undefined {
    return this.records.get(key);
  }

  /** A copy in; undefined when it is a copy of a folded response (counted once, when it was new). */
  add(event: UsageEvent): LedgerChange | undefined {
    const existing = this.records.get(event.key);
    if (existing === undefined) {
      if (this.folded.hasKey(event.key)) return undefined;
      // Written out rather than spread: a literal of known shape keeps every field in the object itself.
      const u = event.usage;
      const record: ResponseRecord = {
        key: event.key,
        time: event.time,
        model: this.model(event.model),
        input: u.input,
        output: u.output,
        cacheCreation: u.cacheCreation,
        cacheRead: u.cacheRead,
        cacheCreation5m: u.cacheCreation5m,
        cacheCreation1h: u.cacheCreation1h,
        scope: this.scope(event.scope),
        origin: event.origin,
        copies: event.copies ?? 1,
      };
      this.records.set(event.key, record);
      return { record, isNew: true, delta: event.usage };
    }
    existing.copies += event.copies ?? 1;
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
      existing.scope = this.scope(event.scope);
      existing.origin = event.origin;
      if (event.model !== 'unknown') existing.model = this.model(event.model);
    } else if (existing.model === 'unknown' && event.model !== 'unknown') {
      existing.model = this.model(event.model);
    }
    return { record: existing, isNew: false, delta };
  }

  /**
   * Fold the oldest responses until at most `keep` are held one by one (the live monitor's memory
   * bound); returns how many were folded. Copies that arrive later, for a response folded, add
   * nothing: a response's copies come within seconds, or whole in a resumed session.
   */
  fold(keep: number): number {
    const excess = this.records.size - keep;
    if (excess <= 0) return 0;
    const oldest = [...this.records.values()].sort((a, b) => a.time - b.time).slice(0, excess);
    for (const r of oldest) {
      this.records.delete(r.key);
      this.folded.add(r);
    }
    return oldest.length;
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
    this.folded.pruneBefore(time);
    // Records keep the objects they hold; the tables start again so that they stay bounded too.
    this.scopes = new Map();
    this.models = new Map();
    return removed;
  }

  private scope(scope: Scope): Scope {
    const id = scopeKey(scope);
    const known = this.scopes.get(id);
    if (known !== undefined) return known;
    this.scopes.set(id, scope);
    return scope;
  }

  private model(model: string): string {
    const known = this.models.get(model);
    if (known !== undefined) return known;
    this.models.set(model, model);
    return model;
  }
}

function isEarlier(event: UsageEvent, record: ResponseRecord): boolean {
  if (event.time !== record.time) return event.time < record.time;
  return scopeOrder(event.scope) < scopeOrder(record.scope);
}

function scopeOrder(scope: Scope): string {
  return `${scope.sessionId}\u0000${scope.agentId ?? ''}`;
}
