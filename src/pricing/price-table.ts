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
  /** Where this price comes from, and when it was checked there (the report names both). */
  readonly source?: string;
  readonly date?: string;
}

export interface PriceTable {
  /** When these prices were checked. */
  readonly date: string;
  readonly source: string;
  /** By normalized model id (see normalizeModelId). */
  readonly models: ReadonlyMap<string, ModelPrice>;
}

const SONNET_4_TIER = { input: 6, output: 22.5 };

/** Anthropic's public price list, as DOMAIN.md section 7 has it. */
const ANTHROPIC = { source: "Anthropic's public price list (platform.claude.com pricing page)", date: '2026-11-01' } as const;
/**
 * Models seen in 2026 data that the public list we hold does not name yet: priced as ccusage
 * 20.0.24's offline table prices them (its LiteLLM / models.dev snapshot), read by running it with
 * `--offline` on one-response fixtures of 1M tokens of each type.
 */
const CCUSAGE_20 = { source: 'ccusage 20.0.24 offline table (LiteLLM / models.dev snapshot)', date: '2026-12-02' } as const;

export const BUNDLED_PRICES: PriceTable = {
  date: '2026-12-02',
  source: 'bundled (each price names its source: see `prices` in --json)',
  models: new Map<string, ModelPrice>([
    ['claude-opus-4', { input: 15, output: 75, ...ANTHROPIC }],
    ['claude-opus-4-1', { input: 15, output: 75, ...ANTHROPIC }],
    ['claude-opus-4-5', { input: 5, output: 25, ...ANTHROPIC }],
    ['claude-opus-4-6', { input: 5, output: 25, ...ANTHROPIC }],
    ['claude-opus-4-7', { input: 5, output: 25, ...CCUSAGE_20 }],
    ['claude-opus-4-8', { input: 5, output: 25, ...CCUSAGE_20 }],
    ['claude-opus-5', { input: 5, output: 25, ...CCUSAGE_20 }],
    ['claude-sonnet-4', { input: 3, output: 15, above200k: SONNET_4_TIER, ...ANTHROPIC }],
    ['claude-sonnet-4-5', { input: 3, output: 15, above200k: SONNET_4_TIER, ...ANTHROPIC }],
    ['claude-sonnet-4-6', { input: 3, output: 15, ...ANTHROPIC }],
    ['claude-sonnet-5', { input: 2, output: 10, ...CCUSAGE_20 }],
    ['claude-haiku-4-5', { input: 1, output: 5, ...ANTHROPIC }],
    ['claude-3-5-haiku', { input: 0.8, output: 4, ...ANTHROPIC }],
    ['claude-3-7-sonnet', { input: 3, output: 15, ...ANTHROPIC }],
    ['claude-3-5-sonnet', { input: 3, output: 15, ...ANTHROPIC }],
    ['claude-3-opus', { input: 15, output: 75, ...ANTHROPIC }],
    ['claude-3-haiku', { input: 0.25, output: 1.25, ...ANTHROPIC }],
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

/** Model names seen, normalized: a history names a handful, once per response (six regexes each took 45 ms of a 2 s backfill). */
const normalized = new Map<string, string>();
const MAX_NORMALIZED = 1000;

export function priceOf(table: PriceTable, model: string): ModelPrice | undefined {
  let id = normalized.get(model);
  if (id === undefined) {
    id = normalizeModelId(model);
    if (normalized.size < MAX_NORMALIZED) normalized.set(model, id);
  }
  return table.models.get(id);
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

/** The bundled table with `override`'s models added or replaced; each added price names `source`. */
export function withOverride(base: PriceTable, override: PriceOverride, source: string): PriceTable {
  const models = new Map(base.models);
  const date = override.date ?? 'undated';
  for (const [id, price] of Object.entries(override.models)) {
    const entry: ModelPrice = price.above200k ? { input: price.input, output: price.output, above200k: price.above200k, source, date } : { input: price.input, output: price.output, source, date };
    models.set(normalizeModelId(id), entry);
  }
  return { date: override.date ?? base.date, source: `${base.source} + ${source}`, models };
}
