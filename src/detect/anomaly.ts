/** What a detector reports: an anomaly a person can read, with the evidence to take to support. */

export type AnomalyKind =
  | 'counter-reset'
  | 'reset-moved'
  | 'stuck-after-reset'
  | 'premature-lockout'
  | 'limit-hit'
  | 'runaway-subagents'
  | 'subagent-loop'
  | 'workflow-run'
  | 'cache-miss'
  | 'cache-miss-cascade'
  | 'idle-purge'
  | 'two-writers'
  | 'burn-spike'
  | 'retry-storm'
  | 'source-desync';

export type Severity = 'info' | 'warn' | 'critical';

/**
 * How tokentop knows: `confirmed` by a figure the server itself gave (a quota reading, a rejected
 * status, Claude Code's own telemetry), or `inferred` from local files, which other explanations
 * may fit (usage elsewhere, files that are not here). Only a confirmed anomaly may be critical.
 */
export type Certainty = 'confirmed' | 'inferred';

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
  /** One line a person understands: what was observed. */
  readonly message: string;
  readonly certainty: Certainty;
  /** How it knows, and what else could explain the same lines: one sentence. */
  readonly basis: string;
  /** What the user can do about it: one sentence. */
  readonly advice: string;
  readonly evidence: readonly Evidence[];
}

/** An anomaly with its id; a critical one that is only inferred is lowered to warn (see Certainty). */
export function anomaly(fields: Omit<Anomaly, 'id'>): Anomaly {
  const severity = fields.severity === 'critical' && fields.certainty !== 'confirmed' ? 'warn' : fields.severity;
  return { id: `${fields.kind}:${fields.sessionId ?? '-'}:${fields.start}`, ...fields, severity };
}
