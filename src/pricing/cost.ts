/** The estimated cost of one response. Per response, because the 200k tier depends on its prompt size. */
import type { ModelPrice } from './price-table.js';

export interface CostableUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  readonly cacheCreation1h: number;
  /**
   * Set on a folded record (the sum of several responses): whether each of them had a prompt above
   * the tier. A sum's own prompt size says nothing of its parts'.
   */
  readonly promptOverTier?: boolean | undefined;
}

const PER_TOKEN = 1 / 1_000_000;
const TIER_THRESHOLD = 200_000;

/** Whether one response's prompt (input, cache write and read) is priced at the higher tier. */
export function promptOverTier(u: CostableUsage): boolean {
  return u.promptOverTier ?? u.input + u.cacheCreation + u.cacheRead > TIER_THRESHOLD;
}

export function responseCostUSD(price: ModelPrice, u: CostableUsage): number {
  const rate = price.above200k !== undefined && promptOverTier(u) ? price.above200k : price;
  // 1h writes are named by the transcript; every other write is a 5-minute one.
  const write1h = Math.min(u.cacheCreation1h, u.cacheCreation);
  const write5m = u.cacheCreation - write1h;
  const inputEquivalent = u.input + write5m * 1.25 + write1h * 2 + u.cacheRead * 0.1;
  return (inputEquivalent * rate.input + u.output * rate.output) * PER_TOKEN;
}

/** Costs are added in whole nano-dollars: float sums depend on their order, and a total must not depend on read order. */
const NANO = 1e9;

/** `total + cost`, exact to the nano-dollar and the same in any order (below ~$4M, where doubles hold every nano-dollar). */
export function addCost(total: number, cost: number): number {
  return (Math.round(total * NANO) + Math.round(cost * NANO)) / NANO;
}
