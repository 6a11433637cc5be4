/** Number formats shared by the text report and the UI. Pure. */

export { compact } from '../metrics/token-math.js';

/** 1234567 -> `1,234,567`. */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`;
}

/** `$12.34`; a `*` marks an estimate that leaves out unpriced models, `?` one with no price at all. */
export function usd(amount: number, complete = true): string {
  if (!complete && amount === 0) return '?';
  const text = amount >= 100 ? `$${amount.toFixed(0)}` : `$${amount.toFixed(2)}`;
  return complete ? text : `${text}*`;
}

/** `2026-02-10 21:54` in UTC: reports must read the same on every machine. */
export function shortTime(iso: string | null): string {
  return iso === null ? '–' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export { cell } from './text-width.js';
