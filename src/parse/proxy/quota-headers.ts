/**
 * Quota readings from response headers: the subscription windows of the unified
 * headers (5h, 7d, overage) and the classic per-minute limits of API keys.
 */
import type { Origin } from '../events.js';
import type { Headers } from './headers.js';

export type QuotaWindow = '5h' | '7d' | 'overage' | 'unified' | 'requests' | 'tokens' | 'input-tokens' | 'output-tokens';

export interface QuotaReading {
  readonly window: QuotaWindow;
  /** Epoch ms of the response that carried it. */
  readonly time: number;
  /** 0..1 (the statusline's 0-100 percentages are divided by 100). */
  readonly utilization: number | undefined;
  readonly status: string | undefined;
  readonly resetAt: number | undefined;
  /** Classic limits only. */
  readonly remaining: number | undefined;
  readonly limit: number | undefined;
  /**
   * Claude Code's own view of the prompt cache when this reading came from its statusline input with
   * `prompt_cache` (2.1.251+): the session, the misses so far and the cause it names for the last one.
   * The cache rules defer to it (confirmed beats inferred).
   */
  readonly cache?: { readonly sessionId: string | undefined; readonly misses: number | undefined; readonly lastMissCause: string | undefined; readonly hitRatio?: number | undefined } | undefined;
  /** Which source said it: proxy headers, Claude Code's statusline input, or the usage endpoint claude.ai's page reads. */
  readonly source: 'proxy' | 'statusline' | 'usage-api';
  /** The line it was read from (a proxy log's response, a quota record's line), when known: evidence points there. */
  readonly origin?: Origin | undefined;
}

const UNIFIED = 'anthropic-ratelimit-unified-';
const CLASSIC = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

export function quotaFromHeaders(h: Headers, time: number, origin?: Origin): QuotaReading[] {
  const out: QuotaReading[] = [];
  const num = (name: string): number | undefined => {
    const v = h.get(name);
    const n = v === undefined ? Number.NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const epoch = (name: string): number | undefined => {
    const s = num(name);
    return s === undefined ? undefined : s * 1000;
  };
  const reading = (window: QuotaWindow, fields: Partial<QuotaReading>): QuotaReading => ({ window, time, utilization: undefined, status: undefined, resetAt: undefined, remaining: undefined, limit: undefined, source: 'proxy', ...(origin === undefined ? {} : { origin }), ...fields });

  if (h.has(`${UNIFIED}status`) || h.has(`${UNIFIED}reset`)) {
    out.push(reading('unified', { status: h.get(`${UNIFIED}status`), resetAt: epoch(`${UNIFIED}reset`) }));
  }
  for (const [window, key] of [['5h', '5h'], ['7d', '7d'], ['overage', 'overage']] as const) {
    const utilization = num(`${UNIFIED}${key}-utilization`);
    const status = h.get(`${UNIFIED}${key}-status`);
    if (utilization === undefined && status === undefined) continue;
    out.push(reading(window, { utilization, status, resetAt: epoch(`${UNIFIED}${key}-reset`) }));
  }
  for (const kind of CLASSIC) {
    const limit = num(`anthropic-ratelimit-${kind}-limit`);
    const remaining = num(`anthropic-ratelimit-${kind}-remaining`);
    if (limit === undefined && remaining === undefined) continue;
    const reset = h.get(`anthropic-ratelimit-${kind}-reset`);
    const resetAt = reset === undefined ? undefined : Date.parse(reset);
    out.push(reading(kind, { limit, remaining, utilization: limit !== undefined && remaining !== undefined && limit > 0 ? (limit - remaining) / limit : undefined, resetAt: Number.isNaN(resetAt) ? undefined : resetAt }));
  }
  return out;
}
