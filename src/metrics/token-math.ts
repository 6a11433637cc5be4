/**
 * Token arithmetic, defined once and used by metrics, detect, report and ui: totals, the prompt-cache
 * hit ratio, rates, percentages and the durations shown beside them. Pure.
 */

/** The four token types of a response, as every layer counts them. */
export interface TokenCounts {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** All four types together. */
export function totalTokens(t: TokenCounts): number {
  return t.input + t.output + t.cacheCreation + t.cacheRead;
}

/** The prompt's tokens: what the cache could have served (output never is). */
export function promptTokens(t: Omit<TokenCounts, 'output'>): number {
  return t.input + t.cacheCreation + t.cacheRead;
}

/**
 * Prompt-cache hit ratio, token-weighted: cache read / (input + cache write + cache read); null when
 * nothing was read or written (no prompt, no ratio: 0% would claim a miss).
 */
export function cacheHitRatio(t: Omit<TokenCounts, 'output'>): number | null {
  const prompt = promptTokens(t);
  return prompt === 0 ? null : t.cacheRead / prompt;
}

/**
 * Tokens weighed by what they cost against an input token, the same for every Claude model: a
 * cache read costs 0.1 of an input token, a 5-minute cache write 1.25, output 5 (input:output is
 * 1:5 across the price list). A busy minute of cache reads is cheap; one of writes and output is not.
 */
export function inputEquivalentTokens(t: TokenCounts): number {
  return t.input + 1.25 * t.cacheCreation + 0.1 * t.cacheRead + 5 * t.output;
}

/** `tokens` spread over `ms`, per minute. */
export function perMinute(tokens: number, ms: number): number {
  return ms > 0 ? (tokens * MINUTE_MS) / ms : 0;
}

/** `42s`, `3m`, `1h05m`, `2d`: a duration as the screen, the reports and the anomaly texts show it. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d`;
}

/** 1234 -> `1.2k`, 12345678 -> `12.3M`; exact below 1000. */
export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const v = n / size;
      return `${Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)}${unit}`;
    }
  }
  return String(n);
}
