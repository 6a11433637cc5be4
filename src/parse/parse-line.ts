/**
 * One transcript line (text) -> typed events, or the reason it was rejected. Pure and total:
 * it never throws, whatever the input (a malformed line is counted and skipped, never fatal).
 */
import type { LimitEvent, Origin, Scope, SessionTitleEvent, TokenUsage, TranscriptEvent } from './events.js';
import { errorKind } from './error-kind.js';
import { parseLimitText } from './limit-text.js';
import { leanAssistantLine } from './lean-assistant.js';
import { textHash } from './text-hash.js';
import { safeName } from './untrusted-text.js';
import { redactSecrets } from './secrets.js';
import { blockType, progressEvents, systemEvents, userEvents } from './line-events.js';
import {
  knownLineSchema,
  textBlockSchema,
  toolUseBlockSchema,
  type AssistantLine,
  type KnownLine,
} from './schemas.js';

/** What the file's location says about its lines (see sources/transcript-path.ts). */
export interface LineContext {
  readonly file: string;
  readonly line: number;
  /** Session id from the path: the file name of a session file, the parent dir of `subagents/`. */
  readonly pathSessionId: string | undefined;
  /** Agent id from an `agent-<id>.jsonl` file name. */
  readonly pathAgentId: string | undefined;
  readonly project: string;
  /**
   * The time of the last timed line before this one in the same file: an assistant line whose own
   * timestamp cannot be read (a redactor mangled it) is placed there, since its tokens were spent.
   */
  readonly previousTime?: number | undefined;
}

export type ParseOutcome =
  | { readonly status: 'ok'; readonly lineType: string; readonly events: readonly TranscriptEvent[]; readonly placedAtPreviousTime?: true }
  | {
      readonly status: 'rejected';
      readonly reason: RejectReason;
      /** A usage line whose time cannot be read, with no earlier time to take: given one (the next), it parses. */
      readonly awaitsTime?: true;
    };

export type RejectReason = 'invalid-json' | 'not-an-object' | 'no-type' | 'bad-timestamp' | 'bad-usage' | `schema:${string}`;

/**
 * No response holds a billion tokens of one type: a count at or above this, negative, fractional or
 * not finite is not a count (seen in fuzzing: 1e30 made $5e24, 1.8e308 made totals Infinity).
 */
export const MAX_TOKENS_PER_RESPONSE = 1e9;

const SUBAGENT_TOOLS = new Set(['Task', 'Agent']);
const SYNTHETIC_MODEL = '<synthetic>';
const PROMPT_HEAD = 200;
const NO_EVENTS: readonly TranscriptEvent[] = [];

const KNOWN_TYPES: ReadonlySet<string> = new Set(['assistant', 'user', 'system', 'summary', 'progress', 'cost-state', 'ai-title', 'custom-title']);

/** Parse one line. `text` is the line without its newline. `lean: false` checks assistant lines with zod too (the proof's other path). */
export function parseLine(text: string, ctx: LineContext, options: { readonly lean?: boolean } = {}): ParseOutcome {
  let raw: unknown;
  try {
    // A byte order mark (an editor saved the file) is not part of the JSON.
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { status: 'rejected', reason: 'invalid-json' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { status: 'rejected', reason: 'not-an-object' };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string') return { status: 'rejected', reason: 'no-type' };
  if (!KNOWN_TYPES.has(type)) return { status: 'ok', lineType: type, events: NO_EVENTS };
  if (type === 'assistant' && !usageCountsAreNumbers((raw as { message?: unknown }).message)) return { status: 'rejected', reason: 'bad-usage' };
  if (type === 'assistant' && options.lean !== false) {
    const lean = leanAssistantLine(raw as Record<string, unknown>);
    if (lean !== undefined) return eventsOf(lean, ctx);
  }

  const parsed = knownLineSchema.safeParse(raw);
  if (!parsed.success) return { status: 'rejected', reason: `schema:${type}` };
  return eventsOf(parsed.data, ctx);
}

function eventsOf(line: KnownLine, ctx: LineContext): ParseOutcome {
  const origin: Origin = { file: ctx.file, line: ctx.line };
  switch (line.type) {
    case 'summary': {
      const scope = scopeOf({}, ctx);
      const title: SessionTitleEvent = { kind: 'title', time: undefined, title: redactSecrets(line.summary), source: 'summary', scope, origin };
      const limit = parseLimitText(line.summary, undefined);
      if (!limit) return ok('summary', [title]);
      const key = line.leafUuid ?? `${ctx.file}#${ctx.line}`;
      return ok('summary', [{ kind: 'limit', key, time: undefined, text: redactSecrets(line.summary), ...limit, scope, origin }]);
    }
    case 'ai-title':
      return ok('ai-title', [{ kind: 'title', time: undefined, title: redactSecrets(line.aiTitle), source: 'ai', scope: scopeOf(line, ctx), origin }]);
    case 'custom-title':
      return ok('custom-title', [{ kind: 'title', time: undefined, title: redactSecrets(line.customTitle), source: 'custom', scope: scopeOf(line, ctx), origin }]);
    case 'cost-state': {
      const time = optionalTime(line.timestamp);
      return ok('cost-state', [{ kind: 'cost-state', time, totalCostUSD: line.totalCostUSD, scope: scopeOf(line, ctx), origin }]);
    }
    default: {
      const own = line.timestamp === undefined ? Number.NaN : Date.parse(line.timestamp);
      if (Number.isNaN(own) && line.type !== 'assistant') return { status: 'rejected', reason: 'bad-timestamp' };
      if (Number.isNaN(own) && ctx.previousTime === undefined) return { status: 'rejected', reason: 'bad-timestamp', awaitsTime: true };
      if (Number.isNaN(own) && line.type === 'assistant') {
        if (!usageIsSane(line.message.usage)) return { status: 'rejected', reason: 'bad-usage' };
        const events = assistantEvents(line, ctx.previousTime as number, scopeOf(line, ctx), origin);
        return { status: 'ok', lineType: 'assistant', events, placedAtPreviousTime: true };
      }
      const time = own;
      const scope = scopeOf(line, ctx);
      switch (line.type) {
        case 'assistant':
          if (!usageIsSane(line.message.usage)) return { status: 'rejected', reason: 'bad-usage' };
          return ok('assistant', assistantEvents(line, time, scope, origin));
        case 'user':
          return ok('user', userEvents(line, time, scope, origin));
        case 'system':
          return ok(`system:${line.subtype ?? 'none'}`, systemEvents(line, time, scope, origin));
        case 'progress':
          return ok(`progress:${line.data?.type ?? 'none'}`, progressEvents(line, time, scope, origin));
      }
    }
  }
}

const COUNT_FIELDS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;
const TTL_FIELDS = ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens'] as const;

/**
 * Each token count present is a finite number or null: "100", true, "0x10" or 1e400 (Infinity once
 * parsed) is a count nobody can read, and such a line is bad-usage, not a response of 0 tokens.
 */
function usageCountsAreNumbers(message: unknown): boolean {
  const usage = typeof message === 'object' && message !== null ? (message as { usage?: unknown }).usage : undefined;
  if (typeof usage !== 'object' || usage === null) return true;
  const u = usage as Record<string, unknown>;
  const readable = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));
  if (!COUNT_FIELDS.every((f) => readable(u[f]))) return false;
  const ttl = u.cache_creation;
  return typeof ttl !== 'object' || ttl === null || TTL_FIELDS.every((f) => readable((ttl as Record<string, unknown>)[f]));
}

/** Every token count a non-negative integer below MAX_TOKENS_PER_RESPONSE (absent ones are fine). */
function usageIsSane(u: AssistantLine['message']['usage']): boolean {
  if (u === undefined || u === null) return true;
  const counts = [u.input_tokens, u.output_tokens, u.cache_creation_input_tokens, u.cache_read_input_tokens, u.cache_creation?.ephemeral_5m_input_tokens, u.cache_creation?.ephemeral_1h_input_tokens];
  return counts.every((n) => n === undefined || (Number.isInteger(n) && n >= 0 && n < MAX_TOKENS_PER_RESPONSE));
}

function ok(lineType: string, events: readonly TranscriptEvent[]): ParseOutcome {
  return { status: 'ok', lineType, events };
}

function optionalTime(timestamp: string | undefined): number | undefined {
  if (timestamp === undefined) return undefined;
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? undefined : t;
}

interface EnvelopeLike {
  sessionId?: string | undefined;
  session_id?: string | undefined;
  agentId?: string | undefined;
  isSidechain?: boolean | undefined;
  cwd?: string | undefined;
  version?: string | undefined;
}

function scopeOf(line: EnvelopeLike, ctx: LineContext): Scope {
  const agentId = line.agentId ?? ctx.pathAgentId;
  return {
    sessionId: line.sessionId ?? line.session_id ?? ctx.pathSessionId ?? 'unknown',
    agentId,
    isSidechain: line.isSidechain === true || agentId !== undefined,
    project: safeName(ctx.project),
    cwd: line.cwd,
    ...(line.version === undefined ? {} : { version: line.version }),
  };
}

function assistantEvents(line: AssistantLine, time: number, scope: Scope, origin: Origin): TranscriptEvent[] {
  const { message } = line;
  const blocks = Array.isArray(message.content) ? message.content : [];
  if (message.model === SYNTHETIC_MODEL || line.isApiErrorMessage === true) {
    return syntheticEvents(line, blocks, time, scope, origin);
  }
  const events: TranscriptEvent[] = [];
  if (message.usage) {
    const u = message.usage;
    const usage: TokenUsage = {
      input: u.input_tokens ?? 0,
      output: u.output_tokens ?? 0,
      cacheCreation: u.cache_creation_input_tokens ?? 0,
      cacheRead: u.cache_read_input_tokens ?? 0,
      cacheCreation5m: u.cache_creation?.ephemeral_5m_input_tokens ?? 0,
      cacheCreation1h: u.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    };
    const key = message.id ?? line.requestId ?? `${origin.file}#${origin.line}`;
    events.push({ kind: 'usage', key, time, model: message.model === undefined ? 'unknown' : safeName(message.model), usage, scope, origin });
  }
  for (const block of blocks) {
    // Most blocks are text or thinking: a cheap look first, since a failed safeParse builds an error.
    if (blockType(block) !== 'tool_use') continue;
    const toolUse = toolUseBlockSchema.safeParse(block);
    if (!toolUse.success || !SUBAGENT_TOOLS.has(toolUse.data.name)) continue;
    const input = toolUse.data.input;
    events.push({
      kind: 'subagent-spawn',
      toolUseId: toolUse.data.id,
      time,
      subagentType: input?.subagent_type ?? 'general-purpose',
      description: redactSecrets(input?.description ?? ''),
      promptHead: redactSecrets(input?.prompt ?? '').slice(0, PROMPT_HEAD),
      promptHash: input?.prompt === undefined || input.prompt === '' ? '' : textHash(input.prompt),
      scope,
      origin,
    });
  }
  return events;
}

/** Synthetic assistant lines are error messages written by Claude Code itself, never API responses. */
function syntheticEvents(line: AssistantLine, blocks: readonly unknown[], time: number, scope: Scope, origin: Origin): TranscriptEvent[] {
  const text = firstText(line.message.content, blocks);
  if (text === undefined) return [];
  const limit = parseLimitText(text, time);
  if (limit) {
    const key = line.uuid ?? line.message.id ?? `${origin.file}#${origin.line}`;
    const event: LimitEvent = { kind: 'limit', key, time, text: redactSecrets(text), ...limit, scope, origin };
    return [event];
  }
  const status = line.apiErrorStatus ?? statusFromText(text);
  return [{ kind: 'api-error', key: line.uuid ?? `${origin.file}#${origin.line}`, time, text: redactSecrets(text), status, errorKind: errorKind(text, status), scope, origin }];
}

function firstText(content: AssistantLine['message']['content'], blocks: readonly unknown[]): string | undefined {
  if (typeof content === 'string') return content;
  for (const block of blocks) {
    if (blockType(block) !== 'text') continue;
    const t = textBlockSchema.safeParse(block);
    if (t.success) return t.data.text;
  }
  return undefined;
}


function statusFromText(text: string): number | undefined {
  const m = /^API Error: (\d{3})\b/.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
