/**
 * The prompt cache: a rebuild after an idle gap longer than the TTL is expected (an idle
 * purge); consecutive rebuilds while the session is busy are a cascade of misses.
 */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import { compact } from '../metrics/token-math.js';
import { groupBy } from './group-by.js';
import { anomaly, type Anomaly, type Evidence } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';

/** Each session's main thread and each sub-agent apart: they have caches of their own. */
function threads(responses: readonly ResponseRecord[]): ResponseRecord[][] {
  // A folded record is a minute's sum, not a request: it says nothing of a cache rebuild.
  const byThread = groupBy(responses, (r) => (r.folded === undefined ? `${r.scope.sessionId}\u0000${r.scope.agentId ?? ''}` : undefined));
  return [...byThread.values()].map((list) => list.sort((a, b) => a.time - b.time));
}

/** cache-miss-cascade (warn) and idle-purge (info). */
export function cacheMisses(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const out: Anomaly[] = [];
  const rebuild = (r: ResponseRecord): boolean => r.cacheCreation >= t.cascadeMinWrite && r.cacheRead <= t.cascadeMaxReadFraction * (r.cacheCreation + r.cacheRead);
  const evidence = (r: ResponseRecord): Evidence => ({ kind: 'line', file: r.origin.file, line: r.origin.line, note: `${r.key} at ${new Date(r.time).toISOString()}: wrote ${r.cacheCreation} tokens to the cache, read ${r.cacheRead}` });
  for (const list of threads(input.responses)) {
    let run: ResponseRecord[] = [];
    const close = (): void => {
      if (run.length >= t.cascadeLength) {
        const written = run.reduce((sum, r) => sum + r.cacheCreation, 0);
        const first = run[0] as ResponseRecord;
        out.push(
          anomaly({
            kind: 'cache-miss-cascade',
            severity: 'warn',
            start: first.time,
            end: run.at(-1)?.time,
            sessionId: first.scope.sessionId,
            message: `${run.length} requests in a row wrote the whole context to the cache again while the session was busy (${compact(written)} tokens written)`,
            evidence: run.map(evidence),
          }),
        );
      }
      run = [];
    };
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as ResponseRecord;
      const previous = list[i - 1];
      const busy = previous !== undefined && r.time - previous.time <= t.cacheTtlMs;
      if (!rebuild(r) || !busy) {
        close();
        // A rebuild after a longer idle gap than the TTL is what the cache does: note it, no more.
        if (rebuild(r) && previous !== undefined && !busy) {
          out.push(anomaly({ kind: 'idle-purge', severity: 'info', start: r.time, end: undefined, sessionId: r.scope.sessionId, message: `cache rebuilt after ${Math.round((r.time - previous.time) / 60_000)} min idle (expected after the ${Math.round(t.cacheTtlMs / 60_000)}-minute TTL)`, evidence: [evidence(r)] }));
        }
        continue;
      }
      run.push(r);
    }
    close();
  }
  return out;
}
