/**
 * zod schemas for the transcript lines tokentop reads. Only the fields we use are declared:
 * Claude Code adds fields every release, and a schema that demanded them would reject good lines.
 * Numbers that may be absent or null read as undefined, never as a rejection.
 *
 * zod/mini, not zod: the same engine without the method chains and locales, 48 KB bundled against
 * 755 KB; the full library was most of the CLI's start-up code (measured).
 */
import * as z from 'zod/mini';

/** A token count as written: any number (parse-line.ts refuses what no response could hold), else undefined. */
const count = z.catch(z.optional(z.number()), undefined);
/** zod's reading of an optional text field: a string, else undefined (never a rejection). */
export const optionalString = z.catch(z.optional(z.string()), undefined);
const optionalBoolean = z.catch(z.optional(z.boolean()), undefined);
const optionalNumber = z.catch(z.optional(z.number()), undefined);

/** A message's content: blocks, or (in some eras) one string. */
const contentSchema = z.catch(z.nullish(z.union([z.array(z.unknown()), z.string()])), undefined);

export const usageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
  cache_creation: z.catch(z.nullish(z.object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count })), undefined),
});

const envelope = {
  timestamp: optionalString,
  uuid: optionalString,
  sessionId: optionalString,
  session_id: optionalString,
  agentId: optionalString,
  isSidechain: optionalBoolean,
  cwd: optionalString,
  version: optionalString,
};

export const assistantLineSchema = z.object({
  ...envelope,
  type: z.literal('assistant'),
  requestId: optionalString,
  isApiErrorMessage: optionalBoolean,
  apiErrorStatus: optionalNumber,
  error: z.optional(z.unknown()),
  message: z.object({
    id: optionalString,
    model: optionalString,
    usage: z.catch(z.nullish(usageSchema), undefined),
    content: contentSchema,
  }),
});

export const userLineSchema = z.object({
  ...envelope,
  type: z.literal('user'),
  toolUseResult: z.optional(z.unknown()),
  message: z.catch(z.optional(z.object({ content: contentSchema })), undefined),
});

export const systemLineSchema = z.object({
  ...envelope,
  type: z.literal('system'),
  subtype: optionalString,
  retryInMs: optionalNumber,
  retryAttempt: optionalNumber,
  maxRetries: optionalNumber,
  error: z.optional(z.unknown()),
  cause: z.optional(z.unknown()),
});

export const summaryLineSchema = z.object({
  type: z.literal('summary'),
  summary: z.string(),
  leafUuid: optionalString,
});

/** A session's title: written by Claude Code (`ai-title`) or named by the user (`/rename`, `custom-title`). */
export const aiTitleLineSchema = z.object({ ...envelope, type: z.literal('ai-title'), aiTitle: z.string() });
export const customTitleLineSchema = z.object({ ...envelope, type: z.literal('custom-title'), customTitle: z.string() });

export const progressLineSchema = z.object({
  ...envelope,
  type: z.literal('progress'),
  parentToolUseID: optionalString,
  data: z.catch(z.optional(z.object({ type: optionalString })), undefined),
});

export const costStateLineSchema = z.object({
  ...envelope,
  type: z.literal('cost-state'),
  totalCostUSD: z.number(),
});

/** The lines that carry something tokentop counts; every other `type` is counted as "other". */
export const knownLineSchema = z.discriminatedUnion('type', [
  assistantLineSchema,
  userLineSchema,
  systemLineSchema,
  summaryLineSchema,
  progressLineSchema,
  costStateLineSchema,
  aiTitleLineSchema,
  customTitleLineSchema,
]);

export type AssistantLine = z.infer<typeof assistantLineSchema>;
export type UserLine = z.infer<typeof userLineSchema>;
export type SystemLine = z.infer<typeof systemLineSchema>;
export type SummaryLine = z.infer<typeof summaryLineSchema>;
export type ProgressLine = z.infer<typeof progressLineSchema>;
export type CostStateLine = z.infer<typeof costStateLineSchema>;
export type KnownLine = z.infer<typeof knownLineSchema>;

/** A `tool_use` content block; input fields are those of Task/Agent. */
export const toolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.catch(z.optional(z.object({ description: optionalString, prompt: optionalString, subagent_type: optionalString })), undefined),
});

/** A `tool_result` content block in a user line. */
export const toolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  is_error: optionalBoolean,
});

export const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });

/** The roll-up a Task/Agent tool result carries. Its `usage` is never counted. */
export const agentToolResultSchema = z.object({
  status: optionalString,
  agentId: optionalString,
  totalDurationMs: optionalNumber,
  totalTokens: optionalNumber,
});

/** `<agent>.meta.json` beside a 2.1.x sub-agent transcript. */
export const agentMetaSchema = z.object({
  agentType: optionalString,
  description: optionalString,
  toolUseId: optionalString,
  spawnDepth: optionalNumber,
  isFork: optionalBoolean,
});
export type AgentMeta = z.infer<typeof agentMetaSchema>;
