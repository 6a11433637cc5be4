/**
 * The monitor on a terminal that cannot move its cursor (TERM=dumb: an editor's shell buffer, a
 * serial console): a line of figures now and then, and a line for each anomaly as it lights the
 * lamp, appended like a log. Pure: a snapshot in, text out.
 */
import type { Anomaly } from '../detect/anomaly.js';
import { oneLine } from '../parse/untrusted-text.js';
import { compact, percent } from '../report/format.js';
import type { MonitorSnapshot } from '../store/snapshot.js';
import { clock } from './format-time.js';

/** One line: the clock, LIVE or PAUSED, the rate by type, the cache hit ratio, sub-agents, quota and lamp. */
export function plainStatus(s: MonitorSnapshot): string {
  const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const t = s.view.tokens;
  const state = s.paused ? 'PAUSED' : s.clock.mode === 'replay' ? 'REPLAY' : 'LIVE';
  const quota = s.quota.map((q) => `${q.window} ${q.utilization === undefined ? '?' : `${Math.round(q.utilization * 100)}%`}`).join(' ');
  const lamp = s.lamp.state === 'OK' ? 'OK' : `${s.lamp.state} (${s.lamp.lit})`;
  return [
    `${clock(s.now)} ${state}`,
    `now ${compact(s.view.currentRate)}/min`,
    `${s.window}: in ${compact(total(t.input))} out ${compact(total(t.output))} cache wr ${compact(total(t.cacheWrite))} rd ${compact(total(t.cacheRead))}`,
    `cache ${percent(s.view.windowCacheRatio)}`,
    `sub-agents ${s.running.length}`,
    ...(quota === '' ? [] : [`quota ${quota}`]),
    `lamp ${lamp}`,
  ].join(' · ');
}

/** A lit anomaly's line, once, when it first appears. */
export function plainAnomaly(a: Anomaly): string {
  const word = a.severity === 'critical' ? 'ANOMALY' : a.severity === 'warn' ? 'WATCH' : 'info';
  return `${word} ${a.kind}: ${oneLine(a.message, 400)}`;
}
