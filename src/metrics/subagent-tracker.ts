/**
 * Which sub-agents are running. A sub-agent is active over
 * [spawn, min(finish, last activity + quiet period)): a Task/Agent tool use starts it, its tool
 * result ends it, and one whose end never comes (Claude Code killed) expires after the quiet period.
 * `async_launched` is not an end: the agent goes on in the background until it falls quiet.
 * Pure; memory is bounded by prune().
 */
import type { SubagentFinishEvent, SubagentSpawnEvent } from '../parse/events.js';

export const DEFAULT_QUIET_MS = 5 * 60_000;

export interface TrackedAgent {
  readonly toolUseId: string;
  readonly sessionId: string;
  readonly project: string;
  readonly subagentType: string;
  readonly description: string;
  readonly spawnedAt: number;
  lastSeen: number;
  finishedAt: number | undefined;
  agentId: string | undefined;
  /** Tokens of its own responses seen so far, or the total its result reported. */
  tokens: number;
}

export class SubagentTracker {
  private readonly agents = new Map<string, TrackedAgent>();
  private readonly byAgentId = new Map<string, string>();

  constructor(readonly quietMs = DEFAULT_QUIET_MS) {}

  get size(): number {
    return this.agents.size;
  }

  spawn(e: SubagentSpawnEvent): void {
    if (this.agents.has(e.toolUseId)) return;
    this.agents.set(e.toolUseId, {
      toolUseId: e.toolUseId,
      sessionId: e.scope.sessionId,
      project: e.scope.project,
      subagentType: e.subagentType,
      description: e.description,
      spawnedAt: e.time,
      lastSeen: e.time,
      finishedAt: undefined,
      agentId: undefined,
      tokens: 0,
    });
  }

  finish(e: SubagentFinishEvent): void {
    const agent = this.agents.get(e.toolUseId);
    if (agent === undefined) return;
    if (e.agentId !== undefined) this.link(e.agentId, e.toolUseId);
    agent.lastSeen = Math.max(agent.lastSeen, e.time);
    if (e.status === 'async_launched') return;
    agent.finishedAt = agent.finishedAt === undefined ? e.time : Math.min(agent.finishedAt, e.time);
    if (e.totalTokens !== undefined) agent.tokens = Math.max(agent.tokens, e.totalTokens);
  }

  /** A progress line of the agent's parent tool use, at `time`. */
  seen(toolUseId: string, time: number): void {
    const agent = this.agents.get(toolUseId);
    if (agent !== undefined) agent.lastSeen = Math.max(agent.lastSeen, time);
  }

  /** The agent file `agentId` belongs to the spawn `toolUseId` (from its .meta.json or its result). */
  link(agentId: string, toolUseId: string): void {
    this.byAgentId.set(agentId, toolUseId);
    const agent = this.agents.get(toolUseId);
    if (agent !== undefined) agent.agentId = agentId;
  }

  /** Tokens of a response written in the agent's own file: it is alive, and they are its own. */
  usage(agentId: string, tokens: number, time: number): void {
    const toolUseId = this.byAgentId.get(agentId);
    const agent = toolUseId === undefined ? undefined : this.agents.get(toolUseId);
    if (agent === undefined) return;
    agent.lastSeen = Math.max(agent.lastSeen, time);
    if (agent.finishedAt === undefined) agent.tokens += tokens;
  }

  /** When the agent stops counting as active. */
  endOf(agent: TrackedAgent): number {
    const quietEnd = agent.lastSeen + this.quietMs;
    return agent.finishedAt === undefined ? quietEnd : Math.min(agent.finishedAt, quietEnd);
  }

  /** The agents active at `time`, oldest first; `sessionId` narrows to one session. */
  activeAt(time: number, sessionId?: string): TrackedAgent[] {
    const out: TrackedAgent[] = [];
    for (const a of this.agents.values()) {
      if ((sessionId === undefined || a.sessionId === sessionId) && a.spawnedAt <= time && time < this.endOf(a)) out.push(a);
    }
    return out.sort((x, y) => x.spawnedAt - y.spawnedAt);
  }

  /**
   * Agents active at any moment of each of `columns` equal slices of [from, to). Sampling the end
   * of a slice would miss an agent that ran for seconds inside a 3-minute slice.
   */
  countSeries(from: number, to: number, columns: number, sessionId?: string): number[] {
    const out = new Array<number>(columns).fill(0);
    const width = (to - from) / columns;
    for (const a of this.agents.values()) {
      if (sessionId !== undefined && a.sessionId !== sessionId) continue;
      const end = this.endOf(a);
      const first = Math.max(0, Math.floor((a.spawnedAt - from) / width));
      const last = Math.min(columns - 1, Math.ceil((end - from) / width) - 1);
      for (let c = first; c <= last; c++) out[c] = (out[c] ?? 0) + 1;
    }
    return out;
  }

  /** The most agents active at once in [from, to), and how many were spawned then. */
  peakConcurrent(from: number, to: number): { peak: number; spawned: number } {
    const edges: Array<[number, number]> = [];
    let spawned = 0;
    for (const a of this.agents.values()) {
      const end = this.endOf(a);
      if (end <= from || a.spawnedAt >= to) continue;
      if (a.spawnedAt >= from) spawned += 1;
      edges.push([Math.max(a.spawnedAt, from), 1], [Math.min(end, to), -1]);
    }
    edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let now = 0;
    let peak = 0;
    for (const [, delta] of edges) peak = Math.max(peak, (now += delta));
    return { peak, spawned };
  }

  /** Forget agents that ended before `time`. */
  prune(time: number): void {
    for (const [id, a] of this.agents) {
      if (this.endOf(a) < time) {
        this.agents.delete(id);
        if (a.agentId !== undefined) this.byAgentId.delete(a.agentId);
      }
    }
  }
}
