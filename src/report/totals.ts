/** A report's token totals: one shape for the whole report, a model, a session and a period. */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import { addCost } from '../pricing/cost.js';

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
