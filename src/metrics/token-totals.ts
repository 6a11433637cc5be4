/** Token totals: one shape for a report's whole, a model, a session and a period, and the live models view. */
import type { ResponseRecord } from './usage-ledger.js';
import { addCost, responseCostUSD } from '../pricing/cost.js';
import { priceOf, type ModelPrice, type PriceTable } from '../pricing/price-table.js';

export interface TokenTotals {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  responses: number;
  /** Estimated from the price table; excludes responses of unpriced models (see costComplete). */
  costUSD: number;
  costComplete: boolean;
}

export function emptyTotals(): TokenTotals {
  return { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0, costUSD: 0, costComplete: true };
}

/** One record (a response, or a folded minute of them) into `totals`; `cost` undefined when its model has no price. */
export function addRecord(totals: TokenTotals, r: ResponseRecord, cost: number | undefined): void {
  totals.input += r.input;
  totals.output += r.output;
  totals.cacheCreation += r.cacheCreation;
  totals.cacheRead += r.cacheRead;
  totals.responses += r.folded?.responses ?? 1;
  if (cost === undefined) totals.costComplete = false;
  else totals.costUSD = addCost(totals.costUSD, cost);
}

/** A record's cost by the price table, each model looked up once (a report reads every response). */
export function costLookup(prices: PriceTable): (r: ResponseRecord) => number | undefined {
  const cache = new Map<string, ModelPrice | undefined>();
  return (r) => {
    if (!cache.has(r.model)) cache.set(r.model, priceOf(prices, r.model));
    const price = cache.get(r.model);
    return price === undefined ? undefined : responseCostUSD(price, r);
  };
}

/** Per model, the totals of the records `keep` takes. */
export function totalsByModel(records: Iterable<ResponseRecord>, prices: PriceTable, keep: (r: ResponseRecord) => boolean): Map<string, TokenTotals> {
  const costOf = costLookup(prices);
  const byModel = new Map<string, TokenTotals>();
  for (const r of records) {
    if (!keep(r)) continue;
    let totals = byModel.get(r.model);
    if (totals === undefined) byModel.set(r.model, (totals = emptyTotals()));
    addRecord(totals, r, costOf(r));
  }
  return byModel;
}
