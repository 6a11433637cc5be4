/** Sub-agents out of hand: too many at once, a burst of spawns, the same task spawned over and over. */
import { DEFAULT_QUIET_MS } from '../metrics/subagent-tracker.js';
import type { SubagentSpawnEvent } from '../parse/events.js';
import { groupBy } from './group-by.js';
import { eachBurst } from './bursts.js';
import { anomaly, type Anomaly, type Evidence } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';

const spawnLine = (s: SubagentSpawnEvent): Evidence => ({ kind: 'line', file: s.origin.file, line: s.origin.line, note: `${s.subagentType}: ${s.description}` });

/** runaway-subagents: more than subagentCeiling active at once, or subagentBurst spawns in subagentBurstMs in one session. */
export function runawaySubagents(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const finished = new Map(input.finishes.filter((f) => f.status !== 'async_launched').map((f) => [f.toolUseId, f.time]));
  const spawns = [...input.spawns].sort((a, b) => a.time - b.time);
  const out: Anomaly[] = [];

  // Concurrency: each spawn is active until its result (or a quiet period without one).
  const edges: Array<[number, number, SubagentSpawnEvent]> = [];
  for (const s of spawns) {
    edges.push([s.time, 1, s], [finished.get(s.toolUseId) ?? s.time + DEFAULT_QUIET_MS, -1, s]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let active = 0;
  let over: { start: number; peak: number; spawns: SubagentSpawnEvent[] } | undefined;
  for (const [time, delta, s] of edges) {
    active += delta;
    if (delta > 0 && active > t.subagentCeiling) {
      over ??= { start: time, peak: 0, spawns: [] };
      over.peak = Math.max(over.peak, active);
      over.spawns.push(s);
    } else if (over !== undefined && active <= t.subagentCeiling) {
      out.push(
        anomaly({
          kind: 'runaway-subagents',
          severity: over.peak > 2 * t.subagentCeiling ? 'critical' : 'warn',
          start: over.start,
          // Ends come from results, or from the quiet period after a spawn: the latter may lie ahead of now.
          end: time > input.now ? undefined : time,
          sessionId: over.spawns[0]?.scope.sessionId,
          message: `${over.peak} sub-agents running at once (ceiling ${t.subagentCeiling})`,
          evidence: over.spawns.slice(0, 12).map(spawnLine),
        }),
      );
      over = undefined;
    }
  }

  // Bursts: many spawns in a short span within one session.
  const bySession = groupBy(spawns, (s) => s.scope.sessionId);
  for (const [sessionId, list] of bySession) {
    eachBurst(list, t.subagentBurst, t.subagentBurstMs, (from, to) => {
      const burst = list.slice(from, to + 1);
      const first = burst[0] as SubagentSpawnEvent;
      const reportedUntil = (list[to] as SubagentSpawnEvent).time;
      out.push(
        anomaly({
          kind: 'runaway-subagents',
          severity: 'warn',
          start: first.time,
          end: reportedUntil,
          sessionId,
          message: `${burst.length} sub-agents spawned within ${Math.round(t.subagentBurstMs / 60_000)} minutes in one session`,
          evidence: burst.slice(0, 12).map(spawnLine),
        }),
      );
      return reportedUntil;
    });
  }
  return out;
}

/**
 * subagent-loop: the same description, or the same prompt, spawned subagentLoopCount times within
 * subagentLoopMs in one session. A clone loop repeats both; either alone is enough to see it.
 */
export function subagentLoop(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const groups = new Map<string, SubagentSpawnEvent[]>();
  const add = (key: string, s: SubagentSpawnEvent): void => {
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [s]);
    else list.push(s);
  };
  for (const s of [...input.spawns].sort((a, b) => a.time - b.time)) {
    const description = s.description.trim().toLowerCase();
    const prompt = s.promptHead.trim().toLowerCase();
    if (description !== '') add(`${s.scope.sessionId}\u0000d\u0000${description}`, s);
    if (prompt !== '') add(`${s.scope.sessionId}\u0000p\u0000${prompt}`, s);
  }
  const found = new Map<string, Anomaly>();
  for (const list of groups.values()) {
    for (let i = 0; i + t.subagentLoopCount - 1 < list.length; i++) {
      const first = list[i] as SubagentSpawnEvent;
      const last = list[i + t.subagentLoopCount - 1] as SubagentSpawnEvent;
      if (last.time - first.time > t.subagentLoopMs) continue;
      const repeats = list.filter((s) => s.time >= first.time && s.time - first.time <= t.subagentLoopMs);
      const end = (repeats.at(-1) ?? first).time;
      const loop = anomaly({
        kind: 'subagent-loop',
        severity: 'warn',
        start: first.time,
        end,
        sessionId: first.scope.sessionId,
        message: `the same sub-agent task spawned ${repeats.length} times in ${Math.max(1, Math.round((end - first.time) / 60_000))} min: "${(first.description || first.promptHead).slice(0, 60)}"`,
        evidence: repeats.slice(0, 12).map(spawnLine),
      });
      // The same spawns found by description and by prompt: keep the fuller report.
      if ((found.get(loop.id)?.evidence.length ?? 0) < loop.evidence.length) found.set(loop.id, loop);
      break;
    }
  }
  return [...found.values()];
}
