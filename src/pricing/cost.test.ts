import { describe, expect, it } from 'vitest';
import { responseCostUSD } from './cost.js';
import { BUNDLED_PRICES, normalizeModelId, priceOf, priceOverrideSchema, withOverride } from './price-table.js';

describe('normalizeModelId', () => {
  it.each([
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku'],
    ['claude-opus-4-0', 'claude-opus-4'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['claude-opus-4-5@20251101', 'claude-opus-4-5'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['claude-opus-4.6', 'claude-opus-4-6'],
    ['claude-haiku-4.5', 'claude-haiku-4-5'],
    ['us.anthropic.claude-sonnet-4.5-v1:0', 'claude-sonnet-4-5'],
  ])('%s -> %s', (model, id) => {
    expect(normalizeModelId(model)).toBe(id);
  });
});

describe('dotted aliases from relays', () => {
  it('price as the model they name', () => {
    expect(priceOf(BUNDLED_PRICES, 'claude-opus-4.6')).toEqual(priceOf(BUNDLED_PRICES, 'claude-opus-4-6'));
    expect(priceOf(BUNDLED_PRICES, 'claude-haiku-4.5')).toBeDefined();
  });
});

describe('responseCostUSD', () => {
  const usage = { input: 1_000_000, output: 1_000_000, cacheCreation: 0, cacheRead: 0, cacheCreation1h: 0 };

  it('prices input and output per million tokens', () => {
    expect(responseCostUSD(priceOf(BUNDLED_PRICES, 'claude-opus-4-1-20250805')!, usage)).toBeCloseTo(90, 10);
    expect(responseCostUSD(priceOf(BUNDLED_PRICES, 'claude-haiku-4-5-20251001')!, usage)).toBeCloseTo(6, 10);
  });

  it('prices cache writes at 1.25x (5m) and 2x (1h) input, reads at 0.1x', () => {
    const opus45 = priceOf(BUNDLED_PRICES, 'claude-opus-4-5')!;
    const cache = { input: 0, output: 0, cacheCreation: 3_000_000, cacheCreation1h: 1_000_000, cacheRead: 10_000_000 };
    // 2M x 5 x 1.25 + 1M x 5 x 2 + 10M x 5 x 0.1 = 12.5 + 10 + 5
    expect(responseCostUSD(opus45, cache)).toBeCloseTo(27.5, 10);
  });

  it('uses the long-context rate for a Sonnet 4/4.5 request over 200k prompt tokens, not at 200k', () => {
    const sonnet = priceOf(BUNDLED_PRICES, 'claude-sonnet-4-5-20250929')!;
    const at = { input: 200_000, output: 1000, cacheCreation: 0, cacheRead: 0, cacheCreation1h: 0 };
    expect(responseCostUSD(sonnet, at)).toBeCloseTo(0.2 * 3 + 0.001 * 15, 10);
    const over = { ...at, cacheRead: 100_000 };
    expect(responseCostUSD(sonnet, over)).toBeCloseTo(0.2 * 6 + 0.1 * 6 * 0.1 + 0.001 * 22.5, 10);
  });

  it('knows nothing of models the table lacks, until an override adds them', () => {
    expect(priceOf(BUNDLED_PRICES, 'claude-opus-6')).toBeUndefined();
    const override = priceOverrideSchema.parse({ date: '2026-12-01', models: { 'claude-opus-6': { input: 5, output: 25 } } });
    const table = withOverride(BUNDLED_PRICES, override, 'prices.json');
    expect(priceOf(table, 'claude-opus-6')).toEqual({ input: 5, output: 25, source: 'prices.json', date: '2026-12-01' });
    expect(table.date).toBe('2026-12-01');
    expect(priceOf(table, 'claude-opus-4-6')).toMatchObject({ input: 5, output: 25 });
  });
});
