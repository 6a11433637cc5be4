/**
 * Every detector threshold, with its default. Documented in README ("Reset anomalies"); a user can
 * override any of them with --thresholds FILE.
 */
export interface Thresholds {
  /** counter-reset: a utilization drop of at least this (0..1) before the announced reset. */
  readonly counterDrop: number;
  /** reset-moved: the announced reset jumps by at least this, without a reset. */
  readonly resetJumpMs: number;
  /** premature-lockout: rejected while a server reading of that window before the lockout was below this (0..1). */
  readonly lockoutServerLow: number;
  /** ... a reading at most this long before the lockout (older: nothing is claimed), */
  readonly lockoutReadingMs: number;
  /** ... critical when it came at most this long before (warn when older: usage may have climbed). */
  readonly lockoutConfirmMs: number;
  /** runaway-subagents: more active at once than this. */
  readonly subagentCeiling: number;
  /** runaway-subagents: this many spawns within subagentBurstMs in one session. */
  readonly subagentBurst: number;
  readonly subagentBurstMs: number;
  /** workflow-run: a requested fan-out is reported (info); warn past this many input-equivalent tokens in one run, */
  readonly workflowTokenBudget: number;
  /** ... or when a session starts this many runs within workflowRepeatMs. */
  readonly workflowRepeatCount: number;
  readonly workflowRepeatMs: number;
  /** subagent-loop: the same whole prompt, to the same agent type, spawned this many times within subagentLoopMs. */
  readonly subagentLoopCount: number;
  readonly subagentLoopMs: number;
  /** cache-miss-cascade: this many consecutive busy requests that write the context again. */
  readonly cascadeLength: number;
  /** ... each writing at least this many tokens, */
  readonly cascadeMinWrite: number;
  /** ... with cache reads at most this fraction of what they read and wrote, */
  readonly cascadeMaxReadFraction: number;
  /** The cache TTL assumed for a write that does not declare its own (usage.cache_creation: 5m or 1h). */
  readonly cacheTtlMs: number;
  /** cache-miss: one unexplained rewrite of at least this many input-equivalent tokens (writes weighed 1.25x or 2x). */
  readonly singleMissTokens: number;
  /** burn-spike: a minute's input-equivalent tokens (weighed by price) this many times the trailing hour's median minute, */
  readonly spikeFactor: number;
  /** ... and at least this many input-equivalent tokens a minute. */
  readonly spikeFloorPerMinute: number;
  /** retry-storm: this many api_error retries within retryStormMs in one session. */
  readonly retryStormCount: number;
  readonly retryStormMs: number;
  /** ... storms with a gap under this between them, in any session, are one outage and one anomaly. */
  readonly retryOutageGapMs: number;
  /** source-desync: transcripts and proxy differ by more than this fraction over a period, */
  readonly desyncTolerance: number;
  /** ... when both saw at least this many tokens in it. */
  readonly desyncFloorTokens: number;
  readonly desyncPeriodMs: number;
  /** source-desync (dashboard vs CLI): the usage endpoint's and the statusline's figure of one window more than this apart (0..1), */
  readonly dashboardDesyncPoints: number;
  /** ... read at most this far apart. */
  readonly dashboardDesyncMs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  counterDrop: 0.1,
  resetJumpMs: 15 * 60_000,
  lockoutServerLow: 0.8,
  lockoutReadingMs: 15 * 60_000,
  lockoutConfirmMs: 5 * 60_000,
  subagentCeiling: 8,
  subagentBurst: 10,
  subagentBurstMs: 5 * 60_000,
  workflowTokenBudget: 20_000_000,
  workflowRepeatCount: 3,
  workflowRepeatMs: 60 * 60_000,
  subagentLoopCount: 3,
  subagentLoopMs: 10 * 60_000,
  cascadeLength: 3,
  cascadeMinWrite: 20_000,
  cascadeMaxReadFraction: 0.05,
  cacheTtlMs: 5 * 60_000,
  singleMissTokens: 100_000,
  spikeFactor: 5,
  spikeFloorPerMinute: 200_000,
  retryStormCount: 5,
  retryStormMs: 3 * 60_000,
  retryOutageGapMs: 15 * 60_000,
  desyncTolerance: 0.2,
  desyncFloorTokens: 100_000,
  desyncPeriodMs: 10 * 60_000,
  dashboardDesyncPoints: 0.1,
  dashboardDesyncMs: 5 * 60_000,
};
