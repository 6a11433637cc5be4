/**
 * The dashboard and the CLI disagree (DOMAIN.md section 11: 100% vs 73%, 17% vs 33%): the usage
 * endpoint claude.ai's page reads (`usage-api`) and Claude Code's statusline input, read within a
 * few minutes of each other for the same window and reset, more than dashboardDesyncPoints apart.
 * Both are the server's own figures, so it is confirmed; one anomaly per window and reset.
 */
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { duration } from '../metrics/token-math.js';
import { anomaly, type Anomaly } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';
import { reading } from './quota-detectors.js';

/** Readings whose resets are this close announce the same reset (the endpoint and the statusline round differently). */
const SAME_RESET_MS = 10 * 60_000;

export function dashboardDesync(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const dashboard = input.quota.filter((q) => q.source === 'usage-api' && q.utilization !== undefined);
  if (dashboard.length === 0) return [];
  const cli = input.quota.filter((q) => q.source === 'statusline' && q.utilization !== undefined);
  const reported = new Set<string>();
  const out: Anomaly[] = [];
  for (const d of [...dashboard].sort((a, b) => a.time - b.time)) {
    const s = nearest(cli, d, t.dashboardDesyncMs);
    if (s === undefined) continue;
    const gap = Math.abs((d.utilization as number) - (s.utilization as number));
    const key = `${d.window}/${Math.round((d.resetAt ?? 0) / SAME_RESET_MS)}`;
    if (gap <= t.dashboardDesyncPoints || reported.has(key)) continue;
    reported.add(key);
    const pct = (q: QuotaReading): string => `${Math.round((q.utilization as number) * 100)}%`;
    out.push(
      anomaly({
        kind: 'source-desync',
        severity: 'warn',
        start: Math.max(d.time, s.time),
        end: undefined,
        sessionId: undefined,
        message: `the dashboard shows the ${d.window} window at ${pct(d)} while Claude Code's statusline showed ${pct(s)} (${duration(Math.abs(d.time - s.time))} apart, the same reset)`,
        certainty: 'confirmed',
        basis: "two server figures of one window and one reset: the usage endpoint claude.ai's page reads, and the rate limits Claude Code hands its statusline",
        advice: 'keep the evidence (`tokentop evidence --anomaly ID`); which figure a lockout follows is the one that counts: say so to support with both readings',
        evidence: [reading(s), reading(d)],
      }),
    );
  }
  return out;
}

/** The statusline reading of the same window nearest to `d`, within `nearMs`, announcing the same reset, with no reset between. */
function nearest(cli: readonly QuotaReading[], d: QuotaReading, nearMs: number): QuotaReading | undefined {
  let best: QuotaReading | undefined;
  for (const s of cli) {
    if (s.window !== d.window || Math.abs(s.time - d.time) > nearMs) continue;
    if (s.resetAt !== undefined && d.resetAt !== undefined && Math.abs(s.resetAt - d.resetAt) > SAME_RESET_MS) continue;
    const reset = Math.min(s.resetAt ?? Infinity, d.resetAt ?? Infinity);
    if (Math.max(s.time, d.time) >= reset) continue;
    if (best === undefined || Math.abs(s.time - d.time) < Math.abs(best.time - d.time)) best = s;
  }
  return best;
}
