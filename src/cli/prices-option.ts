/** `--prices FILE`: the bundled table, with a user's JSON table added over it. */
import { BUNDLED_PRICES, priceOverrideSchema, withOverride, type PriceTable } from '../pricing/price-table.js';
import { UsageError } from './command-io.js';
import { readJsonOption } from './json-file-option.js';
import './zod-messages.js';

export async function loadPrices(file: string | undefined): Promise<PriceTable> {
  if (file === undefined) return BUNDLED_PRICES;
  const raw = await readJsonOption(file, 'price table');
  const parsed = priceOverrideSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`price table ${file} is not {"models":{"<model>":{"input":N,"output":N}}}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return withOverride(BUNDLED_PRICES, parsed.data, file);
}
