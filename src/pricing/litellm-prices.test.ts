import { describe, expect, it } from 'vitest';
import { fromLiteLlm, isLiteLlmTable } from './litellm-prices.js';
import { BUNDLED_PRICES, priceOf, withOverride } from './price-table.js';

/** A few entries in the shape of LiteLLM's model_prices_and_context_window.json (values made up). */
const TABLE = {
  sample_spec: { input_cost_per_token: 0, output_cost_per_token: 0, litellm_provider: 'one of …' },
  'claude-opus-9': { input_cost_per_token: 7e-6, output_cost_per_token: 3.5e-5, cache_read_input_token_cost: 7e-7, litellm_provider: 'anthropic' },
  'bedrock/us.anthropic.claude-opus-9-v1:0': { input_cost_per_token: 9e-6, output_cost_per_token: 4e-5, litellm_provider: 'bedrock' },
  'vertex_ai/claude-sonnet-9@20270101': { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5, input_cost_per_token_above_200k_tokens: 6e-6, output_cost_per_token_above_200k_tokens: 2.25e-5 },
  'anthropic/claude-haiku-9': { input_cost_per_token: 1e-6, output_cost_per_token: 5e-6 },
  'claude-broken': { input_cost_per_token: 'free' },
  'gpt-9': { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
};

describe('LiteLLM price tables', () => {
  it('tells its format from ours', () => {
    expect(isLiteLlmTable(TABLE)).toBe(true);
    expect(isLiteLlmTable({ models: { 'claude-x': { input: 1, output: 2 } } })).toBe(false);
    expect(isLiteLlmTable([])).toBe(false);
  });

  it('reads the Claude entries per million tokens, Anthropic\'s own over a cloud\'s, the tier when given', () => {
    const { override, skipped } = fromLiteLlm(TABLE);
    expect(skipped).toBe(1);
    expect(override.models).toEqual({
      'claude-opus-9': { input: 7, output: 35 },
      'claude-sonnet-9': { input: 3, output: 15, above200k: { input: 6, output: 22.5 } },
      'claude-haiku-9': { input: 1, output: 5 },
    });
    const table = withOverride(BUNDLED_PRICES, override, 'prices.json (LiteLLM format)');
    expect(priceOf(table, 'claude-opus-9-20270101')).toMatchObject({ input: 7, output: 35, source: 'prices.json (LiteLLM format)' });
    // The bundled prices stay for the rest.
    expect(priceOf(table, 'claude-opus-4-6')).toMatchObject({ input: 5, output: 25 });
  });
});

describe('the bundled table', () => {
  it('prices the models seen in 2026 data, each with its source and date', () => {
    for (const model of ['claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5', 'claude-sonnet-5', 'claude-opus-4.6', 'claude-sonnet-5-20260301']) {
      const price = priceOf(BUNDLED_PRICES, model);
      expect(price, model).toBeDefined();
      expect(price?.source, model).toMatch(/\w/);
      expect(price?.date, model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const price of BUNDLED_PRICES.models.values()) expect(price.source).toBeDefined();
  });
});
