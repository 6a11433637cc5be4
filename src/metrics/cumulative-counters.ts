/**
 * Cumulative tokens, responses and cost since the process started (its backfill included), one
 * row per source, model and project: what `tokentop serve` exports as Prometheus counters. Only
 * ever grows: transcripts are fed the ledger's deltas (the ledger itself is pruned and folded; a
 * counter must not fall, and a streaming copy adds only what it adds); the proxy and Claude Code's
 * own telemetry add what they report.
 */
import type { TokenUsage } from '../parse/events.js';
import { addCost, responseCostUSD } from '../pricing/cost.js';
import { priceOf, type PriceTable } from '../pricing/price-table.js';
import type { LedgerChange } from './usage-ledger.js';

/** Where a count came from: the transcripts (by the counting rule), a proxy's log, Claude Code's OTLP export. */
export type CounterSource = 'transcripts' | 'proxy' | 'otel';

export interface CounterRow {
  readonly source: CounterSource;
  readonly model: string;
  /** Only transcripts name the project; '' for the others. */
  readonly project: string;
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  readonly responses: number;
  readonly costUSD: number;
  /** Whether costUSD is a cost: transcripts' models in the price table, OTel's own figure; never the proxy's. */
  readonly priced: boolean;
}

type Row = { -readonly [K in keyof CounterRow]: CounterRow[K] };

/** The four token fields another source reports. */
export type ReportedTokens = Pick<TokenUsage, 'input' | 'output' | 'cacheCreation' | 'cacheRead'>;

export class CumulativeCounters {
  private readonly byKey = new Map<string, Row>();

  constructor(private readonly prices: PriceTable) {}

  /** A transcript response as the ledger changed it, priced by the price table. */
  addChange({ record, delta, isNew }: LedgerChange): void {
    const row = this.row('transcripts', record.model, record.scope.project);
    addTokens(row, delta);
    if (isNew) row.responses += 1;
    const price = priceOf(this.prices, record.model);
    if (price === undefined) row.priced = false;
    // In whole nano-dollars, the new cost added and the old taken away apart: the sum telescopes, the same in any order.
    else row.costUSD = addCost(addCost(row.costUSD, responseCostUSD(price, record)), isNew ? 0 : -responseCostUSD(price, minus(record, delta)));
  }

  /** Tokens the proxy or an OTel export reported, with the cost OTel gave (the proxy gives none). */
  addReported(source: Exclude<CounterSource, 'transcripts'>, model: string, tokens: ReportedTokens, costUSD?: number): void {
    const row = this.row(source, model, '');
    addTokens(row, tokens);
    if (costUSD !== undefined) row.costUSD = addCost(row.costUSD, costUSD);
  }

  /** One response the proxy or OTel counted (OTel reports them apart from the tokens). */
  addResponse(source: Exclude<CounterSource, 'transcripts'>, model: string): void {
    this.row(source, model, '').responses += 1;
  }

  rows(): readonly CounterRow[] {
    return [...this.byKey.values()];
  }

  /** Whether a source has counted anything (a source never seen is not exported as 0). */
  has(source: CounterSource): boolean {
    for (const row of this.byKey.values()) if (row.source === source) return true;
    return false;
  }

  private row(source: CounterSource, model: string, project: string): Row {
    const key = `${source}\u0000${model}\u0000${project}`;
    let row = this.byKey.get(key);
    if (row === undefined) {
      row = { source, model, project, input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0, costUSD: 0, priced: source !== 'proxy' };
      this.byKey.set(key, row);
    }
    return row;
  }
}

function addTokens(row: Row, tokens: ReportedTokens): void {
  row.input += tokens.input;
  row.output += tokens.output;
  row.cacheCreation += tokens.cacheCreation;
  row.cacheRead += tokens.cacheRead;
}

function minus<R extends TokenUsage>(r: R, d: TokenUsage): TokenUsage {
  return { input: r.input - d.input, output: r.output - d.output, cacheCreation: r.cacheCreation - d.cacheCreation, cacheRead: r.cacheRead - d.cacheRead, cacheCreation5m: r.cacheCreation5m - d.cacheCreation5m, cacheCreation1h: r.cacheCreation1h - d.cacheCreation1h };
}
