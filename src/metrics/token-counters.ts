/**
 * Cumulative tokens, responses and cost by model and project since the process started (its
 * backfill included): what `tokentop serve` exports as Prometheus counters. Fed by the ledger's
 * deltas, so it only ever grows (the ledger itself is pruned and folded; a counter must not fall),
 * and a streaming copy adds only what it adds.
 */
import type { TokenUsage } from '../parse/events.js';
import { addCost, responseCostUSD } from '../pricing/cost.js';
import { priceOf, type PriceTable } from '../pricing/price-table.js';
import type { LedgerChange } from './usage-ledger.js';

export interface CounterRow {
  readonly model: string;
  readonly project: string;
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  responses: number;
  costUSD: number;
  priced: boolean;
}

export class TokenCounters {
  private readonly rows = new Map<string, CounterRow>();

  constructor(private readonly prices: PriceTable) {}

  add({ record, delta, isNew }: LedgerChange): void {
    const key = `${record.model}\u0000${record.scope.project}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { model: record.model, project: record.scope.project, input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0, costUSD: 0, priced: true };
      this.rows.set(key, row);
    }
    row.input += delta.input;
    row.output += delta.output;
    row.cacheCreation += delta.cacheCreation;
    row.cacheRead += delta.cacheRead;
    if (isNew) row.responses += 1;
    const price = priceOf(this.prices, record.model);
    if (price === undefined) row.priced = false;
    // In whole nano-dollars, the new cost added and the old taken away apart: the sum telescopes, the same in any order.
    else row.costUSD = addCost(addCost(row.costUSD, responseCostUSD(price, record)), isNew ? 0 : -responseCostUSD(price, minus(record, delta)));
  }

  values(): IterableIterator<CounterRow> {
    return this.rows.values();
  }
}

function minus<R extends TokenUsage>(r: R, d: TokenUsage): TokenUsage {
  return { input: r.input - d.input, output: r.output - d.output, cacheCreation: r.cacheCreation - d.cacheCreation, cacheRead: r.cacheRead - d.cacheRead, cacheCreation5m: r.cacheCreation5m - d.cacheCreation5m, cacheCreation1h: r.cacheCreation1h - d.cacheCreation1h };
}
