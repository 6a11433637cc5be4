/**
 * zod schemas for the transcript lines tokentop reads. Only the fields we use are declared:
 * Claude Code adds fields every release, and a schema that demanded them would reject good lines.
 * Numbers that may be absent or null read as undefined, never as a rejection.
 */
import { z } from 'zod';

const count = z.number().finite().nonnegative().optional().catch(undefined);
const optionalString = z.string().optional().catch(undefined);

export const usageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
  cache_creation: z
    .object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count })
    .nullish()
    .catch(undefined),
});

const envelope = {
  timestamp: optionalString,
  uuid: optionalString,
  sessionId: optionalString,
  session_id: optionalString,
  agentId: optionalString,
  isSidechain: z.boolean().optional().catch(undefined),
  cwd: optionalString,
};

export const assistantLineSchema = z.object({
  ...envelope,
  type: z.literal('assistant'),
  requestId: optionalString,
  isApiErrorMessage: z.boolean().optional().catch(undefined),
  apiErrorStatus: z.number().optional().catch(undefined),
  error: z.unknown().optional(),
  message: z.object({
    id: optionalString,
    model: optionalString,
    usage: usageSchema.nullish().catch(undefined),
    content: z.union([z.array(z.unknown()), z.string()]).nullish().catch(undefined),
  }),
});

export const userLineSchema = z.object({
  ...envelope,
  type: z.literal('user'),
  toolUseResult: z.unknown().optional(),
  message: z
    .object({ content: z.union([z.array(z.unknown()), z.string()]).nullish().catch(undefined) })
    .optional()
    .catch(undefined),
});

export const systemLineSchema = z.object({
  ...envelope,
  type: z.literal('system'),
  subtype: optionalString,
  retryInMs: z.number().optional().catch(undefined),
  retryAttempt: z.number().optional().catch(undefined),
  maxRetries: z.number().optional().catch(undefined),
  error: z.unknown().optional(),
  cause: z.unknown().optional(),
});

export const summaryLineSchema = z.object({
  type: z.literal('summary'),
  summary: z.string(),
  leafUuid: optionalString,
});

export const progressLineSchema = z.object({
  ...envelope,
  type: z.literal('progress'),
  parentToolUseID: optionalString,
  data: z.object({ type: optionalString }).optional().catch(undefined),
});

export const costStateLineSchema = z.object({
  ...envelope,
  type: z.literal('cost-state'),
  totalCostUSD: z.number().finite(),
});

/** The lines that carry something tokentop counts; every other `type` is counted as "other". */
export const knownLineSchema = z.discriminatedUnion('type', [
  assistantLineSchema,
  userLineSchema,
  systemLineSchema,
  summaryLineSchema,
  progressLineSchema,
  costStateLineSchema,
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
  input: z
    .object({ description: optionalString, prompt: optionalString, subagent_type: optionalString })
    .optional()
    .catch(undefined),
});

/** A `tool_result` content block in a user line. */
export const toolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  is_error: z.boolean().optional().catch(undefined),
});

export const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });

/** The roll-up a Task/Agent tool result carries. Its `usage` is never counted (DOMAIN.md 2). */
export const agentToolResultSchema = z.object({
  status: optionalString,
  agentId: optionalString,
  totalDurationMs: z.number().optional().catch(undefined),
  totalTokens: z.number().optional().catch(undefined),
});

/** `<agent>.meta.json` beside a 2.1.x sub-agent transcript. */
export const agentMetaSchema = z.object({
  agentType: optionalString,
  description: optionalString,
  toolUseId: optionalString,
  spawnDepth: z.number().optional().catch(undefined),
  isFork: z.boolean().optional().catch(undefined),
});
export type AgentMeta = z.infer<typeof agentMetaSchema>;
