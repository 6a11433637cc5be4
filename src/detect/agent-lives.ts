/**
 * When each sub-agent really ran, from its own lines (DOMAIN.md section 11: real lifetimes are short,
 * a Workflow run of 205 agents had a median life of 37 s). An agent is active from its spawn (or its
 * first response) to its result (or its last response); an agent whose file holds no response (only
 * a synthetic error: a spend cap, a limit) never ran. A spawn with neither a result nor a file of its
 * own is active at its spawn only: nothing says how long it ran.
 */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import { inputEquivalentTokens } from '../metrics/token-math.js';
import type { SubagentFinishEvent, SubagentSpawnEvent } from '../parse/events.js';

export interface AgentLife {
  readonly sessionId: string;
  readonly agentId: string | undefined;
  readonly start: number;
  readonly end: number;
  /** The Workflow run (`wf_…`) of a workflow agent, from its file's path. */
  readonly workflowRun: string | undefined;
  /** Input-equivalent tokens of its own responses. */
  readonly tokens: number;
  readonly responses: readonly ResponseRecord[];
  readonly spawn: SubagentSpawnEvent | undefined;
}

/** The spawn a Workflow agent is given at its first line (pipeline/read/line-parser.ts): not a Task/Agent tool use. */
export const WORKFLOW_AGENT_TYPE = 'workflow-subagent';

const WORKFLOW_DIR = /[\\/]subagents[\\/]workflows[\\/](wf_[^\\/]+)[\\/]/;

export const workflowRunOf = (file: string): string | undefined => WORKFLOW_DIR.exec(file)?.[1];

interface Span {
  start: number;
  end: number;
  tokens: number;
  responses: ResponseRecord[];
  workflowRun: string | undefined;
}

/** Every sub-agent's life; `usable` leaves out responses with no usable time. */
export function agentLives(responses: readonly ResponseRecord[], spawns: readonly SubagentSpawnEvent[], finishes: readonly SubagentFinishEvent[], usable: (r: ResponseRecord) => boolean): AgentLife[] {
  const spans = new Map<string, Span>();
  for (const r of responses) {
    if (r.scope.agentId === undefined || r.folded !== undefined || !usable(r)) continue;
    const key = `${r.scope.sessionId}\u0000${r.scope.agentId}`;
    const span = spans.get(key);
    if (span === undefined) spans.set(key, { start: r.time, end: r.time, tokens: inputEquivalentTokens(r), responses: [r], workflowRun: workflowRunOf(r.origin.file) });
    else {
      span.start = Math.min(span.start, r.time);
      span.end = Math.max(span.end, r.time);
      span.tokens += inputEquivalentTokens(r);
      span.responses.push(r);
    }
  }
  const finishedBy = new Map(finishes.map((f) => [f.toolUseId, f]));
  const sessionSpans = new Map<string, string[]>();
  for (const key of spans.keys()) {
    const sessionId = key.slice(0, key.indexOf('\u0000'));
    const keys = sessionSpans.get(sessionId);
    if (keys === undefined) sessionSpans.set(sessionId, [key]);
    else keys.push(key);
  }
  const lives: AgentLife[] = [];
  const linked = new Set<string>();
  for (const s of spawns) {
    if (s.subagentType === WORKFLOW_AGENT_TYPE) continue;
    const f = finishedBy.get(s.toolUseId);
    const resultAt = f !== undefined && f.status !== 'async_launched' ? f.time : undefined;
    // The result names the agent (2.0+); else the one file of the session that ran within the spawn's life is its own.
    const key = f?.agentId !== undefined ? `${s.scope.sessionId}\u0000${f.agentId}` : resultAt === undefined ? undefined : spanWithin(spans, sessionSpans.get(s.scope.sessionId) ?? [], linked, s.time, resultAt);
    const agentId = key?.split('\u0000')[1];
    const span = key === undefined ? undefined : spans.get(key);
    if (key !== undefined && span !== undefined) linked.add(key);
    const end = Math.max(s.time, resultAt ?? s.time, span?.end ?? s.time);
    lives.push({ sessionId: s.scope.sessionId, agentId, start: s.time, end, workflowRun: undefined, tokens: span?.tokens ?? 0, responses: span?.responses ?? [], spawn: s });
  }
  for (const [key, span] of spans) {
    if (linked.has(key)) continue;
    const [sessionId = '', agentId] = key.split('\u0000');
    lives.push({ sessionId, agentId, start: span.start, end: span.end, workflowRun: span.workflowRun, tokens: span.tokens, responses: span.responses, spawn: undefined });
  }
  return lives;
}

/** Of a session's files (`keys`), the first not yet linked whose responses all fall within [start, end]. */
function spanWithin(spans: ReadonlyMap<string, Span>, keys: readonly string[], linked: ReadonlySet<string>, start: number, end: number): string | undefined {
  return keys.find((key) => {
    const span = spans.get(key);
    return span !== undefined && !linked.has(key) && span.workflowRun === undefined && span.start >= start && span.end <= end;
  });
}

/** The most lives overlapping at one instant, and when that first happened. */
export function peakConcurrency(lives: readonly AgentLife[]): { readonly peak: number; readonly at: number | undefined } {
  const edges: Array<[number, number]> = [];
  for (const l of lives) edges.push([l.start, 1], [l.end, -1]);
  // Starts before ends at the same instant: an agent that ends as another starts overlaps it.
  edges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let active = 0;
  let peak = 0;
  let at: number | undefined;
  for (const [time, delta] of edges) {
    active += delta;
    if (active > peak) {
      peak = active;
      at = time;
    }
  }
  return { peak, at };
}
