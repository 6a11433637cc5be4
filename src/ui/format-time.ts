/** Times as a person reads them on the screen. Pure: the moment and `now` are passed in. */
import { duration } from '../metrics/token-math.js';

/** `3m ago`, `just now`. */
export function age(time: number, now: number): string {
  return now - time < 5000 ? 'just now' : `${duration(now - time)} ago`;
}

/** `14:05`, local time: a quiet screen is redrawn every 5 s, so seconds would jump. */
export function clock(time: number): string {
  const d = new Date(time);
  return [d.getHours(), d.getMinutes()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `2026-02-10`, local time, like clock(). */
export function day(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
