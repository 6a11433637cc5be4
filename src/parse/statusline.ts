/**
 * What Claude Code hands a statusLine command on stdin: the model, the session's cost,
 * and from 2.1.80 the subscription's rate limits. Validated by hand, not with zod: the command must
 * finish well under 100 ms, and loading zod alone takes ~30 ms of that (measured).
 */
import type { QuotaReading } from './proxy/quota-headers.js';
import type { Origin } from './events.js';
import { jsonObject, num, obj, str, type Json } from './json-value.js';

export interface StatuslineWindow {
  /** Percent, 0-100; seen above 100. */
  readonly usedPercentage: number;
  /** Epoch ms, when given. */
  readonly resetsAt: number | undefined;
}

export interface StatuslineReading {
  readonly time: number;
  readonly sessionId: string | undefined;
  readonly model: string | undefined;
  readonly costUSD: number | undefined;
  readonly fiveHour: StatuslineWindow | undefined;
  readonly sevenDay: StatuslineWindow | undefined;
  /** Newer Claude Code (2.1.251+, DOMAIN.md section 11), every one optional. */
  readonly version?: string | undefined;
  /** `rate_limits.spend_limit`: the monthly spend cap. */
  readonly spendLimit?: { readonly usedPercentage: number | undefined; readonly resetsAt: number | undefined; readonly usedUsd: number | undefined; readonly limitUsd: number | undefined; readonly period: string | undefined } | undefined;
  /** `prompt_cache` as given (warm, ttl, requests, misses, hit_ratio, last_miss_cause, miss_causes, …): Claude Code's own view of the cache. */
  readonly promptCache?: Json | undefined;
  /** `context_window` as given. */
  readonly contextWindow?: Json | undefined;
  /** Every other field of the input, kept as given while it fits OTHER_MAX_BYTES; past that, only their names. */
  readonly other?: Json | undefined;
}

/** What is kept of the fields tokentop does not read, per reading: the record stays small (a reading a minute for weeks). */
const OTHER_MAX_BYTES = 8 * 1024;
const READ_KEYS = new Set(['session_id', 'model', 'cost', 'rate_limits', 'version', 'prompt_cache', 'context_window']);

/** The input's other fields, as given, or their names when they are too large to keep whole. */
function otherFields(input: Json): Json | undefined {
  const other = Object.fromEntries(Object.entries(input).filter(([k]) => !READ_KEYS.has(k)));
  if (Object.keys(other).length === 0) return undefined;
  const size = JSON.stringify(other).length;
  return size <= OTHER_MAX_BYTES ? other : { truncated: true, bytes: size, keys: Object.keys(other) };
}

/** An object field kept as given while it is small (a hostile input must not grow the record). */
const smallObject = (v: unknown): Json | undefined => {
  const o = obj(v);
  return o !== undefined && JSON.stringify(o).length <= OTHER_MAX_BYTES ? o : undefined;
};

function window(v: unknown): StatuslineWindow | undefined {
  const w = obj(v);
  const used = num(w?.used_percentage);
  if (used === undefined || used < 0) return undefined;
  const resets = num(w?.resets_at);
  return { usedPercentage: used, resetsAt: resets === undefined ? undefined : resets * 1000 };
}

/** Undefined when the text is not the JSON object Claude Code sends. */
export function parseStatuslineInput(text: string, now: number): StatuslineReading | undefined {
  const input = jsonObject(text);
  if (input === undefined) return undefined;
  const model = obj(input.model);
  const limits = obj(input.rate_limits);
  const spend = obj(limits?.spend_limit);
  const spendResets = num(spend?.resets_at);
  return {
    time: now,
    sessionId: str(input.session_id),
    model: str(model?.display_name) ?? str(model?.id),
    costUSD: num(obj(input.cost)?.total_cost_usd),
    fiveHour: window(limits?.five_hour),
    sevenDay: window(limits?.seven_day),
    version: str(input.version),
    spendLimit: spend === undefined ? undefined : { usedPercentage: num(spend.used_percentage), resetsAt: spendResets === undefined ? undefined : spendResets * 1000, usedUsd: num(spend.used_usd), limitUsd: num(spend.limit_usd), period: str(spend.period) },
    promptCache: smallObject(input.prompt_cache),
    contextWindow: smallObject(input.context_window),
    other: otherFields(input),
  };
}

/** `Opus 4.6 · $1.23 · 5h 31% ↻2h05m · 7d 41% ↻4d` */
export function formatStatusline(r: StatuslineReading, now: number): string {
  const parts = [r.model ?? 'Claude', r.costUSD === undefined ? '$–' : `$${r.costUSD.toFixed(2)}`];
  for (const [label, w] of [['5h', r.fiveHour], ['7d', r.sevenDay]] as const) {
    if (w === undefined) {
      parts.push(`${label} –`);
      continue;
    }
    const reset = w.resetsAt === undefined ? '' : ` ↻${countdown(w.resetsAt - now)}`;
    parts.push(`${label} ${Math.round(w.usedPercentage)}%${reset}`);
  }
  return parts.join(' · ');
}

function countdown(ms: number): string {
  if (ms <= 0) return 'now';
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d`;
}

/** The state file's line for a reading: the quota first, then every other field it was given (bounded). */
export function stateLine(r: StatuslineReading): string {
  return JSON.stringify({ time: r.time, sessionId: r.sessionId, model: r.model, costUSD: r.costUSD, fiveHour: r.fiveHour, sevenDay: r.sevenDay, version: r.version, spendLimit: r.spendLimit, promptCache: r.promptCache, contextWindow: r.contextWindow, other: r.other });
}

/** Whether a state file line (parsed) holds the same quota as `r`: both windows' percentage and reset. */
export function sameQuota(line: unknown, r: StatuslineReading): boolean {
  const l = obj(line);
  if (l === undefined) return false;
  const same = (stored: unknown, w: StatuslineWindow | undefined): boolean => {
    const s = obj(stored);
    if (s === undefined || w === undefined) return s === undefined && w === undefined;
    return num(s.usedPercentage) === w.usedPercentage && num(s.resetsAt) === w.resetsAt;
  };
  // Claude Code's own cache state changes between quota changes: a new miss is a reading worth keeping.
  return same(l.fiveHour, r.fiveHour) && same(l.sevenDay, r.sevenDay) && JSON.stringify(l.promptCache) === JSON.stringify(r.promptCache) && JSON.stringify(l.spendLimit) === JSON.stringify(r.spendLimit);
}

/**
 * A state file line -> quota readings (source `statusline`), as the monitor reads them: none for a
 * reading without rate limits, undefined for a line that is not a reading at all (counted as malformed).
 */
export function quotaFromStateLine(text: string, origin?: Origin): QuotaReading[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  const line = obj(value);
  const time = num(line?.time);
  if (line === undefined || time === undefined) return undefined;
  const out: QuotaReading[] = [];
  // The usage endpoint's readings (--usage-api) share the record, marked as theirs.
  const source = line.source === 'usage-api' ? 'usage-api' : 'statusline';
  const pc = obj(line.promptCache);
  const hitRatio = num(pc?.hit_ratio);
  const cache = pc === undefined ? {} : { cache: { sessionId: str(line.sessionId), misses: num(pc.misses), lastMissCause: str(pc.last_miss_cause), ...(hitRatio === undefined ? {} : { hitRatio }) } };
  for (const [name, key] of [['5h', 'fiveHour'], ['7d', 'sevenDay']] as const) {
    const w = obj(line[key]);
    const used = num(w?.usedPercentage);
    if (used === undefined) continue;
    out.push({ window: name, time, utilization: used / 100, status: used >= 100 ? 'rejected' : undefined, resetAt: num(w?.resetsAt), remaining: undefined, limit: undefined, source, ...cache, ...(origin === undefined ? {} : { origin }) });
  }
  return out;
}
