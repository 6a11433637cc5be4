/**
 * Sub-agents out of hand: too many running at once in one session, a burst of spawns, the same
 * prompt spawned over and over; and Workflow runs, which fan out by request and are reported as
 * such. Lifetimes come from the agents' own lines (agent-lives.ts), never from a fixed guess.
 */
import { compact } from '../metrics/token-math.js';
import type { SubagentSpawnEvent } from '../parse/events.js';
import { priceOf, type PriceTable } from '../pricing/price-table.js';
import { addCost, responseCostUSD } from '../pricing/cost.js';
import { groupBy } from './group-by.js';
import { eachBurst } from './bursts.js';
import { anomaly, type Anomaly, type Evidence } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';
import { factsOf } from './detector-facts.js';
import { agentLives, peakConcurrency, WORKFLOW_AGENT_TYPE, workflowRunOf, type AgentLife } from './agent-lives.js';

const spawnLine = (s: SubagentSpawnEvent): Evidence => ({ kind: 'line', file: s.origin.file, line: s.origin.line, note: `${s.subagentType}: ${s.description}` });

const lifeLine = (l: AgentLife): Evidence[] => {
  if (l.spawn !== undefined) return [spawnLine(l.spawn)];
  const first = l.responses[0];
  return first === undefined ? [] : [{ kind: 'line', file: first.origin.file, line: first.origin.line, note: `agent ${l.agentId ?? '?'}: first response` }];
};

const SPAWN_ADVICE = 'if you did not ask for this fan-out, stop the session (Esc in Claude Code): sub-agents spend the same plan';

/** runaway-subagents: more than subagentCeiling running at once in one session, or subagentBurst spawns in subagentBurstMs. */
export function runawaySubagents(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const { copied } = factsOf(input);
  const out: Anomaly[] = [];
  // A Workflow run is a requested fan-out: workflowRuns reports it.
  const lives = agentLives(input.responses, input.spawns, input.finishes, (r) => !copied.response(r)).filter((l) => l.workflowRun === undefined);
  for (const [sessionId, list] of groupBy(lives, (l) => l.sessionId)) {
    const edges: Array<[number, number, AgentLife]> = [];
    for (const l of list) edges.push([l.start, 1, l], [l.end, -1, l]);
    edges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const running = new Set<AgentLife>();
    let over: { start: number; peak: number; lives: AgentLife[] } | undefined;
    for (const [time, delta, life] of edges) {
      if (delta > 0) running.add(life);
      else running.delete(life);
      const active = running.size;
      if (delta > 0 && active > t.subagentCeiling) {
        // The evidence names every agent running when the ceiling was passed, not only the ones
        // that passed it: "10 at once" showed two lines.
        if (over === undefined) over = { start: time, peak: 0, lives: [...running] };
        else over.lives.push(life);
        over.peak = Math.max(over.peak, active);
      } else if (over !== undefined && active <= t.subagentCeiling) {
        out.push(
          anomaly({
            kind: 'runaway-subagents',
            severity: 'warn',
            start: over.start,
            end: time,
            sessionId,
            message: `${over.peak} sub-agents running at once in one session (ceiling ${t.subagentCeiling})`,
            certainty: 'inferred',
            basis: "from the agents' own lines: each active from its spawn or first response to its result or last response; a requested parallel fan-out looks the same",
            advice: SPAWN_ADVICE,
            evidence: over.lives.slice(0, 12).flatMap(lifeLine),
          }),
        );
        over = undefined;
      }
    }
  }

  // Bursts: many Task/Agent spawns in a short span within one session.
  const spawns = input.spawns.filter((s) => s.subagentType !== WORKFLOW_AGENT_TYPE).sort((a, b) => a.time - b.time);
  for (const [sessionId, list] of groupBy(spawns, (s) => s.scope.sessionId)) {
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
          certainty: 'inferred',
          basis: 'from the Task/Agent tool uses in the transcript; a fan-out the user asked for looks the same',
          advice: SPAWN_ADVICE,
          evidence: burst.slice(0, 12).map(spawnLine),
        }),
      );
      return reportedUntil;
    });
  }
  return out;
}

/**
 * workflow-run: each Workflow run once (info): its agents, how many ran at once at most, how many
 * never ran (a limit or an error before any response), tokens and cost. A warning past
 * workflowTokenBudget, or for a session that starts workflowRepeatCount runs within workflowRepeatMs.
 */
export function workflowRuns(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const { copied } = factsOf(input);
  const lives = agentLives(input.responses, [], [], (r) => !copied.response(r)).filter((l) => l.workflowRun !== undefined);
  // Agents of a run that wrote only a synthetic error: they never ran.
  const failed = new Map<string, Set<string>>();
  for (const e of [...input.limits, ...(input.apiErrors ?? [])]) {
    const run = workflowRunOf(e.origin.file);
    if (run !== undefined) failed.set(`${e.scope.sessionId}\u0000${run}`, (failed.get(`${e.scope.sessionId}\u0000${run}`) ?? new Set()).add(e.origin.file));
  }
  const runs = [...groupBy(lives, (l) => `${l.sessionId}\u0000${l.workflowRun}`)].map(([key, list]) => ({ key, list, start: Math.min(...list.map((l) => l.start)), end: Math.max(...list.map((l) => l.end)) }));
  runs.sort((a, b) => a.start - b.start);
  const out: Anomaly[] = [];
  for (const [sessionId, sessionRuns] of groupBy(runs, (r) => r.list[0]?.sessionId)) {
    sessionRuns.forEach((run, i) => {
      const runId = run.list[0]?.workflowRun ?? 'wf_?';
      const ran = new Set(run.list.flatMap((l) => l.responses.map((r) => r.origin.file)));
      const neverRan = [...(failed.get(run.key) ?? [])].filter((f) => !ran.has(f)).length;
      const tokens = run.list.reduce((sum, l) => sum + l.tokens, 0);
      const cost = costOf(input.prices, run.list);
      const { peak } = peakConcurrency(run.list);
      const recent = sessionRuns.slice(0, i + 1).filter((r) => run.start - r.start <= t.workflowRepeatMs).length;
      const overBudget = tokens > t.workflowTokenBudget;
      const repeated = recent >= t.workflowRepeatCount;
      const why = [overBudget ? `past the ${compact(t.workflowTokenBudget)} token budget` : '', repeated ? `run ${recent} of this session within ${Math.round(t.workflowRepeatMs / 60_000)} min` : ''].filter((w) => w !== '').join('; ');
      out.push(
        anomaly({
          kind: 'workflow-run',
          severity: overBudget || repeated ? 'warn' : 'info',
          start: run.start,
          end: run.end,
          sessionId,
          message: `Workflow run ${runId}: ${run.list.length} agents, at most ${peak} at once${neverRan > 0 ? `, ${neverRan} never ran (a limit or an error before any response)` : ''}, ${compact(tokens)} input-equivalent tokens${cost === undefined ? '' : `, ~$${cost.toFixed(2)}`}${why === '' ? '' : ` (${why})`}`,
          certainty: 'inferred',
          basis: "a Workflow tool run fans out by request; from the agents' own files, each active from its first to its last response",
          advice: overBudget || repeated ? "if the run was not meant to be this large or to run again, stop the session (Esc) and check the workflow's script" : 'nothing if you asked for this run',
          evidence: run.list.slice(0, 6).flatMap(lifeLine),
        }),
      );
    });
  }
  return out;
}

/** The cost of the lives' responses, or undefined when any model has no price. */
function costOf(prices: PriceTable | undefined, lives: readonly AgentLife[]): number | undefined {
  if (prices === undefined) return undefined;
  let total = 0;
  for (const l of lives) {
    for (const r of l.responses) {
      const price = priceOf(prices, r.model);
      if (price === undefined) return undefined;
      total = addCost(total, responseCostUSD(price, r));
    }
  }
  return total;
}

/**
 * subagent-loop: the same whole prompt (by hash), to the same agent type, spawned subagentLoopCount
 * times within subagentLoopMs in one session. Batches of different work share a preamble
 * ("Audit specs batch 1..6") and their descriptions differ by a number: neither is a loop.
 */
export function subagentLoop(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const spawns = input.spawns.filter((s) => s.subagentType !== WORKFLOW_AGENT_TYPE && s.promptHash !== undefined && s.promptHash !== '');
  const groups = groupBy(
    spawns.sort((a, b) => a.time - b.time),
    (s) => `${s.scope.sessionId}\u0000${s.subagentType}\u0000${s.promptHash ?? ''}`,
  );
  const out: Anomaly[] = [];
  for (const list of groups.values()) {
    for (let i = 0; i + t.subagentLoopCount - 1 < list.length; i++) {
      const first = list[i] as SubagentSpawnEvent;
      const last = list[i + t.subagentLoopCount - 1] as SubagentSpawnEvent;
      if (last.time - first.time > t.subagentLoopMs) continue;
      const repeats = list.filter((s) => s.time >= first.time && s.time - first.time <= t.subagentLoopMs);
      const end = (repeats.at(-1) ?? first).time;
      out.push(
        anomaly({
          kind: 'subagent-loop',
          severity: 'warn',
          start: first.time,
          end,
          sessionId: first.scope.sessionId,
          message: `the same sub-agent task spawned ${repeats.length} times in ${Math.max(1, Math.round((end - first.time) / 60_000))} min: "${(first.description || first.promptHead).slice(0, 60)}"`,
          certainty: 'inferred',
          basis: `the whole prompt is the same each time (by hash), to the same agent type (${first.subagentType}); retrying a failed agent by hand looks the same`,
          advice: 'if you did not ask for these, stop the session (Esc in Claude Code): a loop spends tokens until it is stopped',
          evidence: repeats.slice(0, 12).map(spawnLine),
        }),
      );
      break;
    }
  }
  return out;
}
