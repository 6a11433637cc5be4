/**
 * The typed events that transcript lines become. Everything downstream of parse/ sees only these.
 * Times are epoch milliseconds; a line without a timestamp yields `time: undefined`.
 */
import type { ErrorKind } from './error-kind.js';
import type { LimitText, LimitWindow } from './limit-text.js';

/** Where an event came from: enough for a person to open the file at that line. */
export interface Origin {
  readonly file: string;
  /** 1-based line number in `file`. */
  readonly line: number;
}

/** Which session (and sub-agent, when there is one) a line belongs to. */
export interface Scope {
  readonly sessionId: string;
  /** Set for lines of a sub-agent transcript (its own file, or an inline sidechain with an agentId). */
  readonly agentId: string | undefined;
  /** True for sub-agent lines, whatever the on-disk layout. */
  readonly isSidechain: boolean;
  /** The project dir name (the cwd slug), or the parent dir name for loose files. */
  readonly project: string;
  readonly cwd: string | undefined;
  /**
   * The Claude Code version that wrote the line, when it says. A change inside one thread is an
   * expected cache rebuild; two versions taking turns are two processes writing one session.
   */
  readonly version?: string | undefined;
}

/** Token counts of one API response (or one copy of it). */
export interface TokenUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  /** Parts of cacheCreation by TTL, when the transcript says (otherwise both 0). */
  readonly cacheCreation5m: number;
  readonly cacheCreation1h: number;
}

/** One copy of an API response's usage. Several copies share a `key`; see metrics/usage-ledger.ts. */
export interface UsageEvent {
  readonly kind: 'usage';
  /** message.id, else requestId, else a key unique to this line. */
  readonly key: string;
  readonly time: number;
  readonly model: string;
  readonly usage: TokenUsage;
  readonly scope: Scope;
  readonly origin: Origin;
  /**
   * Set when this event stands for several copies in one file (the index merges them: same key,
   * model and scope; earliest time and line; per-field maximum): how many. Absent: one.
   */
  readonly copies?: number;
}

/** A Task/Agent tool use: the start of a sub-agent. */
export interface SubagentSpawnEvent {
  readonly kind: 'subagent-spawn';
  readonly toolUseId: string;
  readonly time: number;
  readonly subagentType: string;
  readonly description: string;
  /** The first 200 characters of the prompt: what a person reads of it. */
  readonly promptHead: string;
  /**
   * A hash of the whole prompt (empty prompt: ''). A loop repeats the whole prompt; batches of
   * different work share a long preamble, so the head alone cannot tell them apart.
   */
  readonly promptHash?: string;
  readonly scope: Scope;
  readonly origin: Origin;
}

/** The tool result that ends a sub-agent (or says it went on in the background). */
export interface SubagentFinishEvent {
  readonly kind: 'subagent-finish';
  readonly toolUseId: string;
  readonly time: number;
  /** `completed`, `async_launched`, an error text's status, or `unknown`. */
  readonly status: string;
  readonly agentId: string | undefined;
  readonly totalTokens: number | undefined;
  readonly durationMs: number | undefined;
  readonly scope: Scope;
  readonly origin: Origin;
}

/** A progress line of a running sub-agent: it is alive at `time`. */
export interface SubagentProgressEvent {
  readonly kind: 'subagent-progress';
  readonly toolUseId: string;
  readonly time: number;
  readonly scope: Scope;
  readonly origin: Origin;
}

/** A usage-, rate- or spend-limit message, from a synthetic assistant line or a `summary` title. */
export interface LimitEvent {
  readonly kind: 'limit';
  /** The line's uuid, or the summary's leafUuid: one limit message written twice has one key. */
  readonly key: string;
  /** Undefined for `summary` titles, which carry no timestamp. */
  readonly time: number | undefined;
  readonly text: string;
  /** `usage-limit` when a plan window or budget ran out; `rate-limit` for the plain 429 text; `spend-limit` for the monthly cap. */
  readonly limitKind: LimitText['limitKind'];
  /** Which limit: 5h, 7d (weekly), extra (the paid extra usage) or spend (the monthly cap); undefined for a 429. */
  readonly window: LimitWindow | undefined;
  /** Parsed reset instant, when the text has one and it could be resolved. */
  readonly resetAt: number | undefined;
  /** The reset as written, e.g. `5am (America/Los_Angeles)`. */
  readonly resetText: string | undefined;
  readonly scope: Scope;
  readonly origin: Origin;
}

/** Any other synthetic error message (`API Error: 500 …`, `Request timed out`, …). */
export interface ApiErrorEvent {
  readonly kind: 'api-error';
  /** The line's uuid (copies in a resumed session share it), else file and line. */
  readonly key: string;
  readonly time: number;
  readonly text: string;
  readonly status: number | undefined;
  /** auth, overloaded, server, timeout, connection, prompt-too-long, credit or other. */
  readonly errorKind: ErrorKind;
  readonly scope: Scope;
  readonly origin: Origin;
}

/** A `system`/`api_error` retry line. */
export interface RetryEvent {
  readonly kind: 'retry';
  /** The line's uuid (copies in a resumed session share it), else file and line. */
  readonly key: string;
  readonly time: number;
  readonly attempt: number | undefined;
  readonly maxRetries: number | undefined;
  readonly retryInMs: number | undefined;
  readonly errorCode: string | undefined;
  readonly scope: Scope;
  readonly origin: Origin;
}

/** A `cost-state` line: Claude Code's own cumulative cost counter for a session. */
export interface CostStateEvent {
  readonly kind: 'cost-state';
  readonly time: number | undefined;
  readonly totalCostUSD: number;
  readonly scope: Scope;
  readonly origin: Origin;
}

/**
 * A session's title. `custom` (the user named it) outranks `ai` (Claude Code titled it), which
 * outranks `summary` (a compaction's title, written into the session that went on from it).
 */
export interface SessionTitleEvent {
  readonly kind: 'title';
  readonly time: undefined;
  readonly title: string;
  readonly source: 'custom' | 'ai' | 'summary';
  readonly scope: Scope;
  readonly origin: Origin;
}

export type TranscriptEvent =
  | UsageEvent
  | SubagentSpawnEvent
  | SubagentFinishEvent
  | SubagentProgressEvent
  | LimitEvent
  | ApiErrorEvent
  | RetryEvent
  | CostStateEvent
  | SessionTitleEvent;

export type TranscriptEventKind = TranscriptEvent['kind'];
