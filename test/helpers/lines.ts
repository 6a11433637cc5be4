/**
 * Builders for transcript lines in Claude Code's shape, for tests. Each returns the
 * JSON text of one line, compact like Claude Code writes it.
 */

export interface Envelope {
  sessionId?: string;
  timestamp?: string;
  uuid?: string;
  cwd?: string;
  agentId?: string;
  isSidechain?: boolean;
  version?: string;
}

let counter = 0;
function nextUuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

function envelope(e: Envelope): Record<string, unknown> {
  return {
    parentUuid: null,
    isSidechain: e.isSidechain ?? false,
    userType: 'external',
    cwd: e.cwd ?? '/home/dev/app',
    sessionId: e.sessionId ?? 'sess-1',
    version: e.version ?? '2.1.39',
    gitBranch: 'main',
    ...(e.agentId === undefined ? {} : { agentId: e.agentId }),
  };
}

export interface UsageFields {
  input?: number;
  output?: number;
  cacheCreation?: number;
  cacheRead?: number;
  cache1h?: number;
}

export function usageObject(u: UsageFields): Record<string, unknown> {
  const cacheCreation = u.cacheCreation ?? 0;
  return {
    input_tokens: u.input ?? 0,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: u.cacheRead ?? 0,
    cache_creation: { ephemeral_5m_input_tokens: cacheCreation - (u.cache1h ?? 0), ephemeral_1h_input_tokens: u.cache1h ?? 0 },
    output_tokens: u.output ?? 0,
    service_tier: 'standard',
  };
}

export interface AssistantOptions extends Envelope, UsageFields {
  messageId?: string;
  requestId?: string;
  model?: string;
  content?: unknown[];
}

/** One copy of an assistant response: one content block, the usage as of that block. */
export function assistantLine(o: AssistantOptions): string {
  return JSON.stringify({
    ...envelope(o),
    message: {
      model: o.model ?? 'claude-sonnet-4-5-20250929',
      id: o.messageId ?? `msg_${nextUuid()}`,
      type: 'message',
      role: 'assistant',
      content: o.content ?? [{ type: 'text', text: 'ok' }],
      stop_reason: null,
      stop_sequence: null,
      usage: usageObject(o),
    },
    requestId: o.requestId ?? `req_${nextUuid()}`,
    type: 'assistant',
    uuid: o.uuid ?? nextUuid(),
    timestamp: o.timestamp ?? '2026-02-10T10:00:00.000Z',
  });
}

export function taskToolUse(id: string, description: string, prompt = 'Do the thing', subagentType = 'general-purpose', name = 'Task'): unknown {
  return { type: 'tool_use', id, name, input: { subagent_type: subagentType, description, prompt } };
}

/** A synthetic error message, as Claude Code writes for limits and API errors. */
export function syntheticLine(o: Envelope & { text: string; error?: string; status?: number }): string {
  return JSON.stringify({
    ...envelope(o),
    type: 'assistant',
    uuid: o.uuid ?? nextUuid(),
    timestamp: o.timestamp ?? '2026-02-10T10:00:00.000Z',
    message: {
      id: nextUuid(),
      model: '<synthetic>',
      role: 'assistant',
      stop_reason: 'stop_sequence',
      type: 'message',
      usage: usageObject({}),
      content: [{ type: 'text', text: o.text }],
    },
    ...(o.error === undefined ? {} : { error: o.error }),
    ...(o.status === undefined ? {} : { apiErrorStatus: o.status }),
    isApiErrorMessage: true,
  });
}

/** The user line that ends a Task/Agent sub-agent, with its usage roll-up (never to be counted). */
export function agentResultLine(o: Envelope & { toolUseId: string; agentId: string; status?: string; totalTokens?: number; rollup?: UsageFields }): string {
  return JSON.stringify({
    ...envelope(o),
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: o.toolUseId, type: 'tool_result', content: [{ type: 'text', text: 'done' }] }] },
    uuid: o.uuid ?? nextUuid(),
    timestamp: o.timestamp ?? '2026-02-10T10:00:00.000Z',
    toolUseResult: {
      status: o.status ?? 'completed',
      prompt: 'Do the thing',
      agentId: o.agentId,
      content: [{ type: 'text', text: 'done' }],
      totalDurationMs: 1234,
      totalTokens: o.totalTokens ?? 5000,
      totalToolUseCount: 3,
      usage: usageObject(o.rollup ?? { input: 999, output: 999, cacheRead: 99999 }),
    },
  });
}

export function toolResultLine(o: Envelope & { toolUseId: string; text: string }): string {
  return JSON.stringify({
    ...envelope(o),
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: o.toolUseId, type: 'tool_result', content: o.text }] },
    uuid: o.uuid ?? nextUuid(),
    timestamp: o.timestamp ?? '2026-02-10T10:00:00.000Z',
    toolUseResult: { stdout: o.text, stderr: '', interrupted: false },
  });
}

export function retryLine(o: Envelope & { attempt: number; code?: string }): string {
  return JSON.stringify({
    ...envelope(o),
    type: 'system',
    subtype: 'api_error',
    level: 'error',
    error: o.code === undefined ? {} : { cause: { code: o.code } },
    retryInMs: 500 * o.attempt,
    retryAttempt: o.attempt,
    maxRetries: 10,
    timestamp: o.timestamp ?? '2026-02-10T10:00:00.000Z',
    uuid: o.uuid ?? nextUuid(),
  });
}

export function agentProgressLine(o: Envelope & { parentToolUseId: string }): string {
  return JSON.stringify({
    ...envelope(o),
    type: 'progress',
    data: { message: { type: 'assistant', message: { usage: usageObject({ input: 7, output: 7 }) } }, type: 'agent_progress', prompt: '', agentId: 'a1' },
    toolUseID: `agent_msg_${nextUuid()}`,
    parentToolUseID: o.parentToolUseId,
    uuid: o.uuid ?? nextUuid(),
    timestamp: o.timestamp ?? '2026-02-10T10:00:00.000Z',
  });
}

export function summaryLine(summary: string, leafUuid = nextUuid()): string {
  return JSON.stringify({ type: 'summary', summary, leafUuid });
}

export function costStateLine(sessionId: string, totalCostUSD: number): string {
  return JSON.stringify({ type: 'cost-state', sessionId, totalCostUSD, modelUsage: {} });
}

/** Lines joined as a JSONL file body, with the trailing newline Claude Code writes. */
export function jsonl(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}
