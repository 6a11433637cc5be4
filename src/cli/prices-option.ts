/** `--prices FILE`: the bundled table, with a user's JSON table added over it (ours, or LiteLLM's file). */
import { fromLiteLlm, isLiteLlmTable } from '../pricing/litellm-prices.js';
import { BUNDLED_PRICES, priceOverrideSchema, withOverride, type PriceTable } from '../pricing/price-table.js';
import { UsageError } from './command-io.js';
import { readJsonOption } from './json-file-option.js';
import './zod-messages.js';

export async function loadPrices(file: string | undefined): Promise<PriceTable> {
  if (file === undefined) return BUNDLED_PRICES;
  const raw = await readJsonOption(file, 'price table');
  if (isLiteLlmTable(raw)) {
    const { override } = fromLiteLlm(raw);
    if (Object.keys(override.models).length === 0) throw new UsageError(`price table ${file} is LiteLLM's format but prices no Claude model`);
    return withOverride(BUNDLED_PRICES, override, `${file} (LiteLLM format)`);
  }
  const parsed = priceOverrideSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`price table ${file} is neither {"models":{"<model>":{"input":N,"output":N}}} nor LiteLLM's model_prices_and_context_window.json: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return withOverride(BUNDLED_PRICES, parsed.data, file);
}
