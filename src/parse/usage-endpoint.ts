/**
 * The body of the usage endpoint claude.ai's usage page reads (`GET /api/oauth/usage`):
 * `{five_hour: {utilization, resets_at (ISO)}, seven_day: {...}, seven_day_opus, seven_day_sonnet,
 * extra_usage: {...}}` (DOMAIN.md section 11) -> quota readings of source `usage-api`: the
 * dashboard's own figure, to set beside the statusline's. Utilization is a percentage there (0-100).
 * Pure: what is not this shape is an error with a reason, never a guess.
 */
import type { QuotaReading } from './proxy/quota-headers.js';

export class UsageBodyError extends Error {}

const WINDOWS = [
  ['five_hour', '5h'],
  ['seven_day', '7d'],
] as const;

export function readingsFromUsageBody(text: string, time: number): QuotaReading[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UsageBodyError('the answer is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new UsageBodyError('the answer is not a JSON object');
  const out: QuotaReading[] = [];
  for (const [key, window] of WINDOWS) {
    const w = (body as Record<string, unknown>)[key];
    if (w === null || w === undefined) continue;
    const utilization = (w as { utilization?: unknown }).utilization;
    if (typeof utilization !== 'number' || !Number.isFinite(utilization) || utilization < 0) throw new UsageBodyError(`${key}.utilization is not a percentage`);
    const resets = (w as { resets_at?: unknown }).resets_at;
    const resetAt = typeof resets === 'string' ? Date.parse(resets) : Number.NaN;
    out.push({ window, time, utilization: utilization / 100, status: utilization >= 100 ? 'rejected' : undefined, resetAt: Number.isNaN(resetAt) ? undefined : resetAt, remaining: undefined, limit: undefined, source: 'usage-api' });
  }
  if (out.length === 0) throw new UsageBodyError('no five_hour or seven_day window in the answer');
  return out;
}
