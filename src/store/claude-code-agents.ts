/**
 * Claude Code's own view of its running sub-agents (`tokentop subagent-status`'s record), latest
 * per session. While its subagentStatusLine ran lately, the agents table shows this view rather than
 * the one inferred from the transcripts.
 */
import { HOUR_MS } from '../metrics/token-math.js';
import type { SubagentStatus } from '../parse/subagent-status.js';
import type { AgentRow } from './snapshot.js';

/** Claude Code's view is taken while its subagentStatusLine ran this recently. */
const FRESH_MS = 30_000;
/** Task states that are not running. */
const DONE_STATUSES = /^(completed|done|failed|error|cancel|killed|stopped)/i;

export class ClaudeCodeAgents {
  private readonly bySession = new Map<string, SubagentStatus>();

  apply(status: SubagentStatus): void {
    const key = status.sessionId ?? '';
    const known = this.bySession.get(key);
    if (known === undefined || status.time >= known.time) this.bySession.set(key, status);
    // Bounded: a session not heard of for an hour is forgotten.
    for (const [k, v] of this.bySession) if (v.time < status.time - HOUR_MS) this.bySession.delete(k);
  }

  /** The agents running now (of one session when focused), or undefined when Claude Code gave no view lately. */
  running(now: number, focusId: string | undefined, projectOf: (sessionId: string) => string): AgentRow[] | undefined {
    const fresh = [...this.bySession.values()].filter((s) => now - s.time <= FRESH_MS && (focusId === undefined || s.sessionId === focusId));
    if (fresh.length === 0) return undefined;
    return fresh.flatMap((s) =>
      s.tasks
        .filter((t) => !DONE_STATUSES.test(t.status ?? ''))
        .map((t) => ({ toolUseId: t.id, subagentType: t.type ?? t.name ?? 'agent', description: t.description ?? '', sessionId: s.sessionId ?? '', project: projectOf(s.sessionId ?? ''), elapsedMs: t.startTime === undefined ? 0 : Math.max(0, now - t.startTime), tokens: t.tokenCount ?? 0 })),
    );
  }
}
