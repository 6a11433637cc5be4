/** What a detector reports: an anomaly a person can read, with the evidence to take to support. */

export type AnomalyKind =
  | 'counter-reset'
  | 'reset-moved'
  | 'stuck-after-reset'
  | 'premature-lockout'
  | 'limit-hit'
  | 'runaway-subagents'
  | 'subagent-loop'
  | 'cache-miss-cascade'
  | 'idle-purge'
  | 'burn-spike'
  | 'retry-storm'
  | 'source-desync';

export type Severity = 'info' | 'warn' | 'critical';

export type Evidence =
  /** A transcript or proxy log line. */
  | { readonly kind: 'line'; readonly file: string; readonly line: number; readonly note: string }
  /** A quota reading: header values and when they were seen. */
  | {
      readonly kind: 'reading';
      readonly time: number;
      readonly window: string;
      readonly source: string;
      readonly utilization: number | undefined;
      readonly status: string | undefined;
      readonly resetAt: number | undefined;
      /** The line the reading was read from, when known (a proxy log's, the quota record's). */
      readonly file?: string;
      readonly line?: number;
    }
  /** A figure worked out from many lines (a rate, a total). */
  | { readonly kind: 'figure'; readonly name: string; readonly value: number; readonly note: string };

export interface Anomaly {
  /** Stable for the same anomaly across runs: kind, session and start. */
  readonly id: string;
  readonly kind: AnomalyKind;
  readonly severity: Severity;
  readonly start: number;
  /** Undefined while it lasts. */
  readonly end: number | undefined;
  readonly sessionId: string | undefined;
  /** One line a person understands. */
  readonly message: string;
  readonly evidence: readonly Evidence[];
}

export function anomaly(fields: Omit<Anomaly, 'id'>): Anomaly {
  return { id: `${fields.kind}:${fields.sessionId ?? '-'}:${fields.start}`, ...fields };
}
