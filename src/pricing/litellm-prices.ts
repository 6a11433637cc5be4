/**
 * LiteLLM's `model_prices_and_context_window.json` as a price table: many users have it already
 * (LiteLLM, ccusage and others fetch it). Its Claude entries are read; prices per token become
 * prices per million. Where one model has several entries (Anthropic's own, Bedrock, Vertex,
 * OpenRouter), Anthropic's own wins: the others can price the same model differently.
 */
import * as z from 'zod/mini';
import { normalizeModelId, type PriceOverride } from './price-table.js';

const perToken = z.optional(z.number().check(z.nonnegative()));
const entrySchema = z.object({
  input_cost_per_token: perToken,
  output_cost_per_token: perToken,
  input_cost_per_token_above_200k_tokens: perToken,
  output_cost_per_token_above_200k_tokens: perToken,
  litellm_provider: z.optional(z.string()),
});

/** Whether `raw` looks like LiteLLM's file: an object of entries, some with `input_cost_per_token`. */
export function isLiteLlmTable(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || 'models' in raw) return false;
  return Object.values(raw).some((v) => typeof v === 'object' && v !== null && 'input_cost_per_token' in v);
}

/** The Claude models of a LiteLLM table; entries that do not parse are skipped and counted. */
export function fromLiteLlm(raw: Record<string, unknown>): { override: PriceOverride; skipped: number } {
  const models: Record<string, PriceOverride['models'][string]> = {};
  const rank = new Map<string, number>();
  let skipped = 0;
  for (const [key, value] of Object.entries(raw)) {
    const name = key.split('/').at(-1) ?? key;
    if (!/claude/i.test(name)) continue;
    const parsed = entrySchema.safeParse(value);
    const input = parsed.success ? parsed.data.input_cost_per_token : undefined;
    const output = parsed.success ? parsed.data.output_cost_per_token : undefined;
    if (!parsed.success || input === undefined || output === undefined) {
      skipped += 1;
      continue;
    }
    const e = parsed.data;
    const id = normalizeModelId(name);
    // Anthropic's own entry (no prefix, or anthropic/) over a cloud's or a relay's.
    const own = !key.includes('/') || key.startsWith('anthropic/') ? 0 : 1;
    if ((rank.get(id) ?? Infinity) <= own) continue;
    rank.set(id, own);
    const million = (perTokenPrice: number): number => Math.round(perTokenPrice * 1e6 * 1e6) / 1e6;
    const above =
      e.input_cost_per_token_above_200k_tokens !== undefined && e.output_cost_per_token_above_200k_tokens !== undefined
        ? { above200k: { input: million(e.input_cost_per_token_above_200k_tokens), output: million(e.output_cost_per_token_above_200k_tokens) } }
        : {};
    models[id] = { input: million(input), output: million(output), ...above };
  }
  return { override: { models }, skipped };
}
