/**
 * The bundled price table (USD per million tokens) and the override format. Dated: prices change,
 * and a cost estimate should say which table it used. Cache prices are multiples of the input price
 *: write 5m = 1.25x, write 1h = 2x, read = 0.1x.
 */
import * as z from 'zod/mini';

export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Prices for a request whose prompt (input + cache write + cache read) exceeds 200k tokens. */
  readonly above200k?: { readonly input: number; readonly output: number };
}

export interface PriceTable {
  /** When these prices were checked. */
  readonly date: string;
  readonly source: string;
  /** By normalized model id (see normalizeModelId). */
  readonly models: ReadonlyMap<string, ModelPrice>;
}

const SONNET_4_TIER = { input: 6, output: 22.5 };

export const BUNDLED_PRICES: PriceTable = {
  date: '2026-11-01',
  source: "bundled (Anthropic's public price list)",
  models: new Map<string, ModelPrice>([
    ['claude-opus-4', { input: 15, output: 75 }],
    ['claude-opus-4-1', { input: 15, output: 75 }],
    ['claude-opus-4-5', { input: 5, output: 25 }],
    ['claude-opus-4-6', { input: 5, output: 25 }],
    ['claude-sonnet-4', { input: 3, output: 15, above200k: SONNET_4_TIER }],
    ['claude-sonnet-4-5', { input: 3, output: 15, above200k: SONNET_4_TIER }],
    ['claude-sonnet-4-6', { input: 3, output: 15 }],
    ['claude-haiku-4-5', { input: 1, output: 5 }],
    ['claude-3-5-haiku', { input: 0.8, output: 4 }],
    ['claude-3-7-sonnet', { input: 3, output: 15 }],
    ['claude-3-5-sonnet', { input: 3, output: 15 }],
    ['claude-3-opus', { input: 15, output: 75 }],
    ['claude-3-haiku', { input: 0.25, output: 1.25 }],
  ]),
};

/**
 * `claude-sonnet-4-20250514` -> `claude-sonnet-4`; also drops `-latest`, `-0` minor versions,
 * Bedrock (`anthropic.…-v1:0`) and Vertex (`…@20250514`) decorations.
 */
export function normalizeModelId(model: string): string {
  return model
    .toLowerCase()
    .replace(/^(?:[a-z]{2}\.)?anthropic\./, '')
    // Relays write versions with a dot: claude-opus-4.6 is claude-opus-4-6.
    .replace(/(\d)\.(\d)/g, '$1-$2')
    .replace(/[@:].*$/, '')
    .replace(/-v\d+$/, '')
    .replace(/-(?:\d{8}|latest)$/, '')
    .replace(/-0$/, '');
}

export function priceOf(table: PriceTable, model: string): ModelPrice | undefined {
  return table.models.get(normalizeModelId(model));
}

const perMillion = z.number().check(z.nonnegative());
const priceSchema = z.object({
  input: perMillion,
  output: perMillion,
  above200k: z.optional(z.object({ input: perMillion, output: perMillion })),
});

/** `--prices FILE`: `{"date"?: "...", "models": {"claude-opus-5": {"input": 5, "output": 25}}}`. */
export const priceOverrideSchema = z.object({
  date: z.optional(z.string()),
  models: z.record(z.string(), priceSchema),
});

export type PriceOverride = z.infer<typeof priceOverrideSchema>;

/** The bundled table with `override`'s models added or replaced. */
export function withOverride(base: PriceTable, override: PriceOverride, source: string): PriceTable {
  const models = new Map(base.models);
  for (const [id, price] of Object.entries(override.models)) {
    const entry: ModelPrice = price.above200k ? { input: price.input, output: price.output, above200k: price.above200k } : { input: price.input, output: price.output };
    models.set(normalizeModelId(id), entry);
  }
  return { date: override.date ?? base.date, source: `${base.source} + ${source}`, models };
}
