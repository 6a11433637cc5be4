/**
 * What decides, before a full parse, whether a line can yield an event (see parse-line.ts). The
 * reader probes a line's bytes for its first `"type":"` value (the top-level type in every
 * Claude Code era; `message` for assistant lines written message-first) and applies this policy.
 * Keep it in step with parse-line.ts: a test parses the whole corpus both ways and compares.
 */

export type LineRoute =
  /** Parse the line fully. */
  | 'parse'
  /** Parse only if the tool result answers a known sub-agent spawn (its tool_use_id near the head). */
  | 'tool-result'
  /** Parse only if the progress line's parentToolUseID (near the tail) is a known sub-agent spawn. */
  | 'progress'
  /** Parse only if the line holds one of TRANSCRIPT_NEEDLES (a type we do not know the shape of). */
  | 'scan'
  /** Nothing to read: check the framing only. */
  | 'skip';

const ROUTES: Readonly<Record<string, LineRoute>> = {
  assistant: 'parse',
  message: 'parse',
  summary: 'parse',
  system: 'scan',
  'cost-state': 'parse',
  user: 'tool-result',
  tool_result: 'tool-result',
  progress: 'progress',
  'file-history-snapshot': 'skip',
  'file-history-delta': 'skip',
  'queue-operation': 'skip',
  'last-prompt': 'skip',
  mode: 'skip',
  'permission-mode': 'skip',
  'agent-name': 'skip',
  'custom-title': 'parse',
  'ai-title': 'parse',
  'bridge-session': 'skip',
  'fork-context-ref': 'skip',
  'atis-latch': 'skip',
};

/** The route of a line whose first `"type":"` value is `firstType` (undefined: none in the head). */
export function routeOf(firstType: string | undefined): LineRoute {
  return (firstType === undefined ? undefined : ROUTES[firstType]) ?? 'scan';
}

/** For lines of unknown shape: any of these means the line may carry an event. */
export const TRANSCRIPT_NEEDLES: readonly string[] = ['"usage"', '"type":"summary"', '"api_error"', '"cost-state"', '"async_launched"', '"agent_progress"'];

/** How far into a line its envelope's `"type":"` and a tool result's `"tool_use_id":"` are looked for. */
export const HEAD_WINDOW = 4096;
/** How far back from a line's end a progress line's `"parentToolUseID":"` is looked for. */
export const TAIL_WINDOW = 1024;
