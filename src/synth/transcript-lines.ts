/**
 * Builders for Claude Code transcript lines, used by the synthetic history and the demo.
 * They take explicit values and return one compact JSON line without its newline.
 */

/** The envelope fields every line of one (sub-)session shares. */
export interface LineEnv {
  readonly sessionId: string;
  readonly cwd: string;
  readonly version: string;
  readonly isSidechain: boolean;
  readonly agentId?: string;
  readonly gitBranch?: string;
}

export interface Usage {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  /** Part of cacheCreation written with the 1-hour TTL. */
  readonly cacheCreation1h: number;
}

function envelope(env: LineEnv, parentUuid: string | null): Record<string, unknown> {
  return {
    parentUuid,
    isSidechain: env.isSidechain,
    userType: 'external',
    cwd: env.cwd,
    sessionId: env.sessionId,
    version: env.version,
    gitBranch: env.gitBranch ?? 'main',
    ...(env.agentId === undefined ? {} : { agentId: env.agentId }),
  };
}

export function usageJson(u: Usage): Record<string, unknown> {
  return {
    input_tokens: u.input,
    cache_creation_input_tokens: u.cacheCreation,
    cache_read_input_tokens: u.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: u.cacheCreation - u.cacheCreation1h, ephemeral_1h_input_tokens: u.cacheCreation1h },
    output_tokens: u.output,
    service_tier: 'standard',
  };
}

export interface LineIds {
  readonly uuid: string;
  readonly parentUuid: string | null;
  readonly time: number;
}

export function userPromptLine(env: LineEnv, ids: LineIds, text: string): string {
  return JSON.stringify({ ...envelope(env, ids.parentUuid), type: 'user', message: { role: 'user', content: text }, uuid: ids.uuid, timestamp: iso(ids.time) });
}

export interface ResponseCopy {
  readonly messageId: string;
  readonly requestId: string;
  readonly model: string;
  readonly block: Record<string, unknown>;
  readonly usage: Usage;
  readonly last: boolean;
}

/** One copy of a streamed response: one content block and the usage as of that block. */
export function assistantCopyLine(env: LineEnv, ids: LineIds, copy: ResponseCopy): string {
  return JSON.stringify({
    ...envelope(env, ids.parentUuid),
    message: {
      model: copy.model,
      id: copy.messageId,
      type: 'message',
      role: 'assistant',
      content: [copy.block],
      stop_reason: copy.last ? (copy.block.type === 'tool_use' ? 'tool_use' : 'end_turn') : null,
      stop_sequence: null,
      usage: usageJson(copy.usage),
    },
    requestId: copy.requestId,
    type: 'assistant',
    uuid: ids.uuid,
    timestamp: iso(ids.time),
  });
}

export function toolResultLine(env: LineEnv, ids: LineIds, toolUseId: string, content: string, toolUseResult: unknown): string {
  return JSON.stringify({
    ...envelope(env, ids.parentUuid),
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: toolUseId, type: 'tool_result', content }] },
    uuid: ids.uuid,
    timestamp: iso(ids.time),
    toolUseResult,
  });
}

export function agentProgressLine(env: LineEnv, ids: LineIds, parentToolUseId: string, agentId: string, embedded: string): string {
  return JSON.stringify({
    ...envelope(env, ids.parentUuid),
    type: 'progress',
    data: { message: JSON.parse(embedded) as unknown, type: 'agent_progress', prompt: '', agentId },
    toolUseID: `agent_msg_${ids.uuid}`,
    parentToolUseID: parentToolUseId,
    uuid: ids.uuid,
    timestamp: iso(ids.time),
  });
}

export function hookProgressLine(env: LineEnv, ids: LineIds, toolUseId: string): string {
  return JSON.stringify({
    ...envelope(env, ids.parentUuid),
    type: 'progress',
    data: { type: 'hook_progress', hookEvent: 'PostToolUse', hookName: 'PostToolUse:Edit', command: 'npx prettier --write' },
    parentToolUseID: toolUseId,
    toolUseID: toolUseId,
    timestamp: iso(ids.time),
    uuid: ids.uuid,
  });
}

export function turnDurationLine(env: LineEnv, ids: LineIds, durationMs: number): string {
  return JSON.stringify({ ...envelope(env, ids.parentUuid), type: 'system', subtype: 'turn_duration', durationMs, timestamp: iso(ids.time), uuid: ids.uuid, isMeta: false });
}

export function retryLine(env: LineEnv, ids: LineIds, attempt: number, code: string): string {
  return JSON.stringify({
    ...envelope(env, ids.parentUuid),
    type: 'system',
    subtype: 'api_error',
    level: 'error',
    error: { cause: { code, path: 'https://api.anthropic.com/v1/messages?beta=true', errno: 0 } },
    retryInMs: 500 * 2 ** (attempt - 1),
    retryAttempt: attempt,
    maxRetries: 10,
    timestamp: iso(ids.time),
    uuid: ids.uuid,
  });
}

/** A synthetic error message, as Claude Code writes for a usage limit. */
export function limitMessageLine(env: LineEnv, ids: LineIds, messageId: string, text: string): string {
  return JSON.stringify({
    ...envelope(env, ids.parentUuid),
    type: 'assistant',
    uuid: ids.uuid,
    timestamp: iso(ids.time),
    message: {
      id: messageId,
      container: null,
      model: '<synthetic>',
      role: 'assistant',
      stop_reason: 'stop_sequence',
      stop_sequence: '',
      type: 'message',
      usage: usageJson({ input: 0, output: 0, cacheCreation: 0, cacheRead: 0, cacheCreation1h: 0 }),
      content: [{ type: 'text', text }],
    },
    error: 'rate_limit',
    isApiErrorMessage: true,
  });
}

/** Claude Code 2.1.x's title of a session: no timestamp, no uuid. */
export function aiTitleLine(sessionId: string, aiTitle: string): string {
  return JSON.stringify({ type: 'ai-title', aiTitle, sessionId });
}

/** A title the user gave a session (`/rename`). */
export function customTitleLine(sessionId: string, customTitle: string): string {
  return JSON.stringify({ type: 'custom-title', customTitle, sessionId });
}

export function summaryTitleLine(summary: string, leafUuid: string): string {
  return JSON.stringify({ type: 'summary', summary, leafUuid });
}

export function fileHistorySnapshotLine(messageId: string, time: number): string {
  return JSON.stringify({ type: 'file-history-snapshot', messageId, snapshot: { messageId, trackedFileBackups: {}, timestamp: iso(time) }, isSnapshotUpdate: false });
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
