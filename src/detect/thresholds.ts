/**
 * Every detector threshold, with its default. Documented in README ("Reset anomalies"); a user can
 * override any of them with --thresholds FILE.
 */
export interface Thresholds {
  /** counter-reset: a utilization drop of at least this (0..1) before the announced reset. */
  readonly counterDrop: number;
  /** reset-moved: the announced reset jumps by at least this, without a reset. */
  readonly resetJumpMs: number;
  /** premature-lockout: local tokens in the 5h window below this are "far below usual" with no history. */
  readonly lockoutFloorTokens: number;
  /** premature-lockout: below this fraction of the P90 of past windows that ended in a limit. */
  readonly lockoutFractionOfP90: number;
  /** premature-lockout: rejected while a server reading of that window near the lockout was below this (0..1). */
  readonly lockoutServerLow: number;
  /** runaway-subagents: more active at once than this. */
  readonly subagentCeiling: number;
  /** runaway-subagents: this many spawns within subagentBurstMs in one session. */
  readonly subagentBurst: number;
  readonly subagentBurstMs: number;
  /** subagent-loop: the same task spawned this many times within subagentLoopMs. */
  readonly subagentLoopCount: number;
  readonly subagentLoopMs: number;
  /** cache-miss-cascade: this many consecutive busy requests that write the context again. */
  readonly cascadeLength: number;
  /** ... each writing at least this many tokens, */
  readonly cascadeMinWrite: number;
  /** ... with cache reads at most this fraction of what they read and wrote, */
  readonly cascadeMaxReadFraction: number;
  /** ... the previous request within the cache TTL. */
  readonly cacheTtlMs: number;
  /** burn-spike: a minute's input-equivalent tokens (weighed by price) this many times the trailing hour's median minute, */
  readonly spikeFactor: number;
  /** ... and at least this many input-equivalent tokens a minute. */
  readonly spikeFloorPerMinute: number;
  /** retry-storm: this many api_error retries within retryStormMs in one session. */
  readonly retryStormCount: number;
  readonly retryStormMs: number;
  /** source-desync: transcripts and proxy differ by more than this fraction over a period, */
  readonly desyncTolerance: number;
  /** ... when both saw at least this many tokens in it. */
  readonly desyncFloorTokens: number;
  readonly desyncPeriodMs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  counterDrop: 0.1,
  resetJumpMs: 15 * 60_000,
  lockoutFloorTokens: 2_000_000,
  lockoutFractionOfP90: 0.5,
  lockoutServerLow: 0.8,
  subagentCeiling: 8,
  subagentBurst: 10,
  subagentBurstMs: 5 * 60_000,
  subagentLoopCount: 3,
  subagentLoopMs: 10 * 60_000,
  cascadeLength: 3,
  cascadeMinWrite: 20_000,
  cascadeMaxReadFraction: 0.05,
  cacheTtlMs: 5 * 60_000,
  spikeFactor: 5,
  spikeFloorPerMinute: 200_000,
  retryStormCount: 5,
  retryStormMs: 3 * 60_000,
  desyncTolerance: 0.2,
  desyncFloorTokens: 100_000,
  desyncPeriodMs: 10 * 60_000,
};
