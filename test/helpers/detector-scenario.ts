/**
 * Builders for detector scenarios: each test writes the few events its incident needs, at minutes
 * from T0, and gets a full DetectorInput with everything else empty.
 */
import type { DetectorInput } from '../../src/detect/detector-input.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/detect/thresholds.js';
import type { ResponseRecord } from '../../src/metrics/usage-ledger.js';
import type { LimitEvent, RetryEvent, Scope, SubagentFinishEvent, SubagentSpawnEvent } from '../../src/parse/events.js';
import type { ProxyRequestEvent } from '../../src/parse/proxy/proxy-events.js';
import type { QuotaReading } from '../../src/parse/proxy/quota-headers.js';
import { parseLimitText } from '../../src/parse/limit-text.js';
import { textHash } from '../../src/parse/text-hash.js';

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const MIN = 60_000;
export const at = (minutes: number): number => T0 + minutes * MIN;

export function scopeOf(sessionId = 's1', agentId?: string): Scope {
  return { sessionId, agentId, isSidechain: agentId !== undefined, project: '-home-dev-app', cwd: '/home/dev/app' };
}

let serial = 0;

/** Where a thread's lines are: a session file, or a sub-agent's own file beside it (2.1.x), in one config dir. */
export const fileOf = (sessionId = 's1', agentId?: string): string => `/c/projects/-home-dev-app/${sessionId}${agentId === undefined ? '' : `/subagents/agent-${agentId}`}.jsonl`;

export function response(minutes: number, tokens: Partial<Pick<ResponseRecord, 'input' | 'output' | 'cacheCreation' | 'cacheRead'>>, sessionId = 's1', agentId?: string): ResponseRecord {
  const r = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, ...tokens };
  return { key: `msg_${++serial}`, time: at(minutes), model: 'claude-sonnet-4-5', ...r, cacheCreation5m: r.cacheCreation, cacheCreation1h: 0, scope: scopeOf(sessionId, agentId), origin: { file: fileOf(sessionId, agentId), line: serial }, copies: 1 };
}

/** A Task spawn; its prompt is `Please <description>` unless given (the loop rule compares whole prompts). */
export function spawn(minutes: number, description: string, sessionId = 's1', prompt = `Please ${description}`): SubagentSpawnEvent {
  const id = `toolu_${++serial}`;
  return { kind: 'subagent-spawn', toolUseId: id, time: at(minutes), subagentType: 'general-purpose', description, promptHead: prompt.slice(0, 200), promptHash: textHash(prompt), scope: scopeOf(sessionId), origin: { file: fileOf(), line: serial } };
}

export function finish(of: SubagentSpawnEvent, minutes: number, agentId?: string): SubagentFinishEvent {
  return { kind: 'subagent-finish', toolUseId: of.toolUseId, time: at(minutes), status: 'completed', agentId, totalTokens: 1000, durationMs: undefined, scope: of.scope, origin: { file: of.origin.file, line: of.origin.line + 1 } };
}

/** A limit message at `minutes`, classified by the real parser; its reset instant given (default: 5 hours after T0). */
export function limit(minutes: number, text = "You've hit your limit · resets 2pm (Europe/Paris)", resetAt: number | undefined = at(5 * 60)): LimitEvent {
  const parsed = parseLimitText(text, at(minutes));
  if (parsed === undefined) throw new Error(`not a limit text: ${text}`);
  return { kind: 'limit', key: `limit-${++serial}`, time: at(minutes), text, ...parsed, resetAt, scope: scopeOf(), origin: { file: fileOf(), line: serial } };
}

export function retry(minutes: number, sessionId = 's1', errorCode: string | undefined = 'overloaded_error'): RetryEvent {
  return { kind: 'retry', key: `retry-${++serial}`, time: at(minutes), attempt: 1, maxRetries: 10, retryInMs: 1000, errorCode, scope: scopeOf(sessionId), origin: { file: fileOf(), line: serial } };
}

/** A unified-limit reading of the 5h window: utilization 0..1 at `minutes`, resetting at `resetMinutes`. */
export function quota(minutes: number, utilization: number | undefined, resetMinutes: number, status = 'allowed', window: QuotaReading['window'] = '5h'): QuotaReading {
  return { window, time: at(minutes), utilization, status, resetAt: at(resetMinutes), remaining: undefined, limit: undefined, source: 'proxy' };
}

export function proxyRequest(minutes: number, tokens: number, messageId?: string): ProxyRequestEvent {
  return { kind: 'proxy-request', time: at(minutes), model: 'claude-sonnet-4-5', status: 200, durationMs: 900, messageId, usage: { input: tokens, output: 0, cacheCreation: 0, cacheRead: 0 }, quota: [], origin: { file: '/logs/proxy.jsonl', line: ++serial } };
}

/** A response with more said of it: model, Claude Code version, 1-hour cache writes, its file. */
export function responseWith(minutes: number, tokens: Partial<Pick<ResponseRecord, 'input' | 'output' | 'cacheCreation' | 'cacheRead' | 'cacheCreation1h'>>, more: { sessionId?: string; agentId?: string; model?: string; version?: string; file?: string } = {}): ResponseRecord {
  const r = response(minutes, tokens, more.sessionId, more.agentId);
  const oneHour = tokens.cacheCreation1h ?? 0;
  return { ...r, model: more.model ?? r.model, cacheCreation5m: r.cacheCreation - oneHour, cacheCreation1h: oneHour, scope: { ...r.scope, ...(more.version === undefined ? {} : { version: more.version }) }, origin: { ...r.origin, file: more.file ?? r.origin.file } };
}

export function scenario(parts: Partial<Omit<DetectorInput, 'thresholds'>> & { thresholds?: Partial<Thresholds> }): DetectorInput {
  return {
    now: parts.now ?? at(24 * 60),
    thresholds: { ...DEFAULT_THRESHOLDS, ...parts.thresholds },
    responses: parts.responses ?? [],
    spawns: parts.spawns ?? [],
    finishes: parts.finishes ?? [],
    limits: parts.limits ?? [],
    retries: parts.retries ?? [],
    quota: parts.quota ?? [],
    proxyRequests: parts.proxyRequests ?? [],
    otelTokens: parts.otelTokens ?? [],
    apiErrors: parts.apiErrors ?? [],
  };
}
