/** The estimated cost of one response. Per response, because the 200k tier depends on its prompt size. */
import type { ModelPrice } from './price-table.js';

export interface CostableUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  readonly cacheCreation1h: number;
}

const PER_TOKEN = 1 / 1_000_000;
const TIER_THRESHOLD = 200_000;

export function responseCostUSD(price: ModelPrice, u: CostableUsage): number {
  const prompt = u.input + u.cacheCreation + u.cacheRead;
  const rate = price.above200k !== undefined && prompt > TIER_THRESHOLD ? price.above200k : price;
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
