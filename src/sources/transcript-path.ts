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
  | 'subagent-dir'
  /** `<project>/<sessionId>/subagents/workflows/wf_<runId>/agent-<id>.jsonl` (2.1.2xx): a Workflow script's agents, with no Task/Agent spawn. */
  | 'workflow-agent';

export interface TranscriptPath {
  readonly path: string;
  readonly layout: TranscriptLayout;
  /** Undefined for flat agent files: only their lines know the parent session. */
  readonly sessionId: string | undefined;
  readonly agentId: string | undefined;
  /** The project dir name (the cwd slug). */
  readonly project: string;
  /** The Workflow run (`wf_<runId>`) a workflow agent belongs to. */
  readonly workflowRun?: string;
}

const AGENT_FILE = /^agent-(.+)\.jsonl$/;

export function classifyTranscriptPath(path: string): TranscriptPath {
  const name = basename(path);
  const dir = dirname(path);
  const agent = AGENT_FILE.exec(name);
  if (agent?.[1] !== undefined) {
    if (basename(dirname(dir)) === 'workflows' && basename(dirname(dirname(dir))) === 'subagents') {
      const sessionDir = dirname(dirname(dirname(dir)));
      return { path, layout: 'workflow-agent', sessionId: basename(sessionDir), agentId: agent[1], project: basename(dirname(sessionDir)), workflowRun: basename(dir) };
    }
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
  return transcript.layout === 'subagent-dir' || transcript.layout === 'workflow-agent' ? transcript.path.replace(/\.jsonl$/, '.meta.json') : undefined;
}

/**
 * Whether a `.jsonl` file is a transcript. A Workflow run's `journal.jsonl` (beside its agents, in
 * `subagents/workflows/wf_<runId>/`) is the script's own log, with no usage: not one.
 */
export function isTranscriptFile(path: string): boolean {
  if (!path.endsWith('.jsonl')) return false;
  return !(basename(path) === 'journal.jsonl' && /^wf_/.test(basename(dirname(path))));
}

