/**
 * What a transcript's path says about it: which session, which sub-agent, which project.
 * The three sub-agent eras each have a layout; the lines' own sessionId/agentId win when present.
 */
import { basename, dirname } from 'node:path';

export type TranscriptLayout =
  /** `<project>/<sessionId>.jsonl`, possibly with inline `isSidechain` lines (1.0.x). */
  | 'session'
  /** `<project>/agent-<id>.jsonl` beside the session files (2.0.x); parent from the lines. */
  | 'flat-agent'
  /** `<project>/<sessionId>/subagents/agent-<id>.jsonl` (2.1.x). */
  | 'subagent-dir';

export interface TranscriptPath {
  readonly path: string;
  readonly layout: TranscriptLayout;
  /** Undefined for flat agent files: only their lines know the parent session. */
  readonly sessionId: string | undefined;
  readonly agentId: string | undefined;
  /** The project dir name (the cwd slug). */
  readonly project: string;
}

const AGENT_FILE = /^agent-(.+)\.jsonl$/;

export function classifyTranscriptPath(path: string): TranscriptPath {
  const name = basename(path);
  const dir = dirname(path);
  const agent = AGENT_FILE.exec(name);
  if (agent?.[1] !== undefined) {
    if (basename(dir) === 'subagents') {
      const sessionDir = dirname(dir);
      return { path, layout: 'subagent-dir', sessionId: basename(sessionDir), agentId: agent[1], project: basename(dirname(sessionDir)) };
    }
    return { path, layout: 'flat-agent', sessionId: undefined, agentId: agent[1], project: basename(dir) };
  }
  return { path, layout: 'session', sessionId: name.replace(/\.jsonl$/, ''), agentId: undefined, project: basename(dir) };
}

/** `agent-<id>.jsonl` -> `agent-<id>.meta.json` (2.1.x sub-agents only). */
export function metaPathOf(transcript: TranscriptPath): string | undefined {
  return transcript.layout === 'subagent-dir' ? transcript.path.replace(/\.jsonl$/, '.meta.json') : undefined;
}

