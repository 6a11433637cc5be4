/**
 * What Claude Code hands a statusLine command on stdin: the model, the session's cost,
 * and from 2.1.80 the subscription's rate limits. Validated by hand, not with zod: the command must
 * finish well under 100 ms, and loading zod alone takes ~30 ms of that (measured).
 */
import type { QuotaReading } from './proxy/quota-headers.js';
import type { Origin } from './events.js';

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
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function window(v: unknown): StatuslineWindow | undefined {
  const w = obj(v);
  const used = num(w?.used_percentage);
  if (used === undefined || used < 0) return undefined;
  const resets = num(w?.resets_at);
  return { usedPercentage: used, resetsAt: resets === undefined ? undefined : resets * 1000 };
}

/** Undefined when the text is not the JSON object Claude Code sends. */
export function parseStatuslineInput(text: string, now: number): StatuslineReading | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const input = obj(value);
  if (input === undefined) return undefined;
  const model = obj(input.model);
  const limits = obj(input.rate_limits);
  return {
    time: now,
    sessionId: str(input.session_id),
    model: str(model?.display_name) ?? str(model?.id),
    costUSD: num(obj(input.cost)?.total_cost_usd),
    fiveHour: window(limits?.five_hour),
    sevenDay: window(limits?.seven_day),
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

/** The state file's line for a reading: what tokentop keeps of it, nothing more. */
export function stateLine(r: StatuslineReading): string {
  return JSON.stringify({ time: r.time, sessionId: r.sessionId, model: r.model, costUSD: r.costUSD, fiveHour: r.fiveHour, sevenDay: r.sevenDay });
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
  return same(l.fiveHour, r.fiveHour) && same(l.sevenDay, r.sevenDay);
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
  for (const [name, key] of [['5h', 'fiveHour'], ['7d', 'sevenDay']] as const) {
    const w = obj(line[key]);
    const used = num(w?.usedPercentage);
    if (used === undefined) continue;
    out.push({ window: name, time, utilization: used / 100, status: used >= 100 ? 'rejected' : undefined, resetAt: num(w?.resetsAt), remaining: undefined, limit: undefined, source: 'statusline', ...(origin === undefined ? {} : { origin }) });
  }
  return out;
}
