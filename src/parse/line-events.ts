/** The events of user, system and progress lines: a sub-agent's result, an API retry, a sub-agent's progress. Pure. */
import type { Origin, Scope, TranscriptEvent } from './events.js';
import { agentToolResultSchema, toolResultBlockSchema, type ProgressLine, type SystemLine, type UserLine } from './schemas.js';

/** A content block's `type`, whatever the block is. */
export function blockType(block: unknown): unknown {
  return typeof block === 'object' && block !== null ? (block as { type?: unknown }).type : undefined;
}

export function userEvents(line: UserLine, time: number, scope: Scope, origin: Origin): TranscriptEvent[] {
  const content = line.message?.content;
  if (!Array.isArray(content) || typeof line.toolUseResult !== 'object' || line.toolUseResult === null) return [];
  const result = agentToolResultSchema.safeParse(line.toolUseResult);
  if (!result.success) return [];
  const r = result.data;
  // Only a sub-agent's result carries these; other tools' results are not ours to read.
  const isAgentResult = r.agentId !== undefined || r.totalTokens !== undefined || r.status === 'async_launched';
  if (!isAgentResult) return [];
  for (const block of content) {
    if (blockType(block) !== 'tool_result') continue;
    const toolResult = toolResultBlockSchema.safeParse(block);
    if (!toolResult.success) continue;
    return [
      {
        kind: 'subagent-finish',
        toolUseId: toolResult.data.tool_use_id,
        time,
        status: r.status ?? (toolResult.data.is_error === true ? 'error' : 'unknown'),
        agentId: r.agentId,
        totalTokens: r.totalTokens,
        durationMs: r.totalDurationMs,
        scope,
        origin,
      },
    ];
  }
  return [];
}

export function systemEvents(line: SystemLine, time: number, scope: Scope, origin: Origin): TranscriptEvent[] {
  if (line.subtype !== 'api_error') return [];
  return [
    {
      kind: 'retry',
      key: line.uuid ?? `${origin.file}#${origin.line}`,
      time,
      attempt: line.retryAttempt,
      maxRetries: line.maxRetries,
      retryInMs: line.retryInMs,
      errorCode: errorCodeOf(line.error) ?? errorCodeOf(line.cause),
      scope,
      origin,
    },
  ];
}

/** `{cause:{code}}`, `{code}`, `{status}` or `{error:{type}}`: whatever names the failure. */
function errorCodeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.code === 'string') return v.code;
  if (typeof v.status === 'number') return String(v.status);
  const nested = errorCodeOf(v.cause) ?? errorCodeOf(v.error);
  if (nested !== undefined) return nested;
  return typeof v.type === 'string' ? v.type : undefined;
}

export function progressEvents(line: ProgressLine, time: number, scope: Scope, origin: Origin): TranscriptEvent[] {
  if (line.data?.type !== 'agent_progress' || line.parentToolUseID === undefined) return [];
  return [{ kind: 'subagent-progress', toolUseId: line.parentToolUseID, time, scope, origin }];
}
