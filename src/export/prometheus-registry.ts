/**
 * The monitor's state as Prometheus metrics (prom-client): read from the store at each scrape, so a
 * scrape costs what it reads and nothing is kept twice. Counters come from cumulative sums that
 * only grow (store.counters); label sets are bounded (model, project, type, source, window, kind,
 * severity, reason: no session id). Names follow Prometheus conventions: `_total` for counters,
 * base units (`_usd`, `_seconds`, `_ratio`).
 */
import { Counter, Gauge, Registry } from 'prom-client';
import { lampOf } from '../detect/lamp.js';
import type { CounterRow } from '../metrics/cumulative-counters.js';
import type { LineCounts } from '../metrics/line-counts.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { HOUR_MS, MINUTE_MS } from '../metrics/token-math.js';
import type { MonitorStore } from '../store/monitor-store.js';
import type { OtlpCounts } from './otlp-receiver.js';
import { LabelBound } from './label-bound.js';

export interface MetricsSource {
  readonly store: MonitorStore;
  /** The transcripts' line counts (live ingest). */
  readonly lines: () => LineCounts;
  readonly now: () => number;
  /** The OTLP receiver's request counts, when one runs. */
  readonly otlp?: OtlpCounts | undefined;
}

const TYPES = [
  ['input', 'input'],
  ['output', 'output'],
  ['cache_write', 'cacheCreation'],
  ['cache_read', 'cacheRead'],
] as const;

/** Distinct models and projects kept apart in labels; the rest are `other` (label-bound.ts). */
const MAX_MODELS = 100;
const MAX_PROJECTS = 200;

export function prometheusRegistry(source: MetricsSource): Registry {
  const registry = new Registry();
  const { store } = source;
  // Anomalies found since start, by id: a counter of them never falls when old ones are pruned.
  const seen = new Map<string, { kind: string; severity: string }>();
  // Transcripts and proxy logs name models and projects too: bounded like OTLP's, so no file makes /metrics unbounded.
  const models = new LabelBound(MAX_MODELS);
  // OTLP's models are bounded where they are received (otlp-receiver.ts).
  const modelLabel = (row: CounterRow): string => (row.source === 'otel' ? row.model : models.value(row.model));
  const projects = new LabelBound(MAX_PROJECTS);

  new Counter({
    name: 'tokentop_tokens_total',
    help: 'Tokens by type, model, project and source, since tokentop started (its backfill included); transcripts count each response once.',
    labelNames: ['type', 'model', 'project', 'source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const row of store.counterRows()) for (const [type, field] of TYPES) this.inc({ type, model: modelLabel(row), project: row.project === '' ? '' : projects.value(row.project), source: row.source }, row[field]);
    },
  });
  new Counter({
    name: 'tokentop_cost_usd_total',
    help: 'Estimated cost in US dollars by model (the price table of the summary report); models without a price are left out.',
    labelNames: ['model', 'source'],
    registers: [registry],
    collect() {
      this.reset();
      // Transcripts priced by the table; OTel is Claude Code's own figure, as it reported it; the proxy gives none.
      for (const row of store.counterRows()) if (row.priced) this.inc({ model: modelLabel(row), source: row.source }, row.costUSD);
    },
  });
  new Counter({
    name: 'tokentop_responses_total',
    help: 'API responses counted, by source.',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      // Transcripts always (0 before the first response); the proxy and OTel once they counted anything.
      this.inc({ source: 'transcripts' }, 0);
      for (const row of store.counterRows()) this.inc({ source: row.source }, row.responses);
    },
  });
  new Gauge({
    name: 'tokentop_cache_hit_ratio',
    help: 'Prompt-cache hit ratio over the window: cache read / (input + cache write + cache read).',
    labelNames: ['window'],
    registers: [registry],
    collect() {
      this.reset();
      const now = source.now();
      for (const [window, ms] of [['5m', 5 * MINUTE_MS], ['1h', HOUR_MS]] as const) {
        const ratio = store.cacheRatio(now, ms);
        if (ratio !== null) this.set({ window }, ratio);
      }
    },
  });
  new Gauge({
    name: 'tokentop_active_subagents',
    help: 'Sub-agents running now.',
    registers: [registry],
    collect() {
      this.set(store.activeSubagents(source.now()));
    },
  });
  new Gauge({
    name: 'tokentop_quota_utilization_ratio',
    help: "The plan's quota utilization as last read, 0..1, by window (5h, 7d, overage) and source (proxy, statusline).",
    labelNames: ['window', 'source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const q of latestReadings(store)) if (q.utilization !== undefined) this.set({ window: q.window, source: q.source }, q.utilization);
    },
  });
  new Gauge({
    name: 'tokentop_quota_reset_timestamp_seconds',
    help: "When the window's quota resets, as last announced (Unix seconds).",
    labelNames: ['window'],
    registers: [registry],
    collect() {
      this.reset();
      const latest = new Map<string, { time: number; resetAt: number }>();
      for (const q of latestReadings(store)) if (q.resetAt !== undefined && (latest.get(q.window)?.time ?? -Infinity) <= q.time) latest.set(q.window, { time: q.time, resetAt: q.resetAt });
      for (const [window, q] of latest) this.set({ window }, q.resetAt / 1000);
    },
  });
  new Counter({
    name: 'tokentop_anomalies_total',
    help: 'Anomalies found since tokentop started, by kind and severity.',
    labelNames: ['kind', 'severity'],
    registers: [registry],
    collect() {
      this.reset();
      for (const a of store.getSnapshot().anomalies) seen.set(a.id, { kind: a.kind, severity: a.severity });
      for (const a of seen.values()) this.inc({ kind: a.kind, severity: a.severity });
    },
  });
  new Gauge({
    name: 'tokentop_anomaly_active',
    help: 'Anomalies lighting the lamp now (warn or critical, not acknowledged, under a week old), by kind.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      const anomalies = store.getSnapshot().anomalies;
      // As the screen shows it: an anomaly acknowledged with c no longer lights the lamp, nor this gauge.
      const lamp = lampOf(anomalies, source.now(), store.history().acknowledged);
      for (const a of anomalies) if (lamp.standing.get(a.id) === 'lit' && a.severity !== 'info') this.inc({ kind: a.kind });
    },
  });
  new Counter({
    name: 'tokentop_lines_read_total',
    help: 'Transcript lines read.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(source.lines().lines);
    },
  });
  new Counter({
    name: 'tokentop_malformed_lines_total',
    help: 'Transcript lines counted and skipped, by reason.',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(source.lines().malformedByReason)) this.inc({ reason }, n);
    },
  });
  if (source.otlp !== undefined) {
    const otlp = source.otlp;
    new Counter({
      name: 'tokentop_otlp_requests_total',
      help: 'OTLP/HTTP requests received, by signal (metrics, logs) and outcome (ok; capped: a model name went to "other" past 100; rejected: not OTLP; too-large; forbidden: a web page or another Host; unsupported-media-type).',
      labelNames: ['signal', 'outcome'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [key, n] of otlp.requests) {
          const [signal = '', outcome = ''] = key.split('\u0000');
          this.inc({ signal, outcome }, n);
        }
      },
    });
  }
  return registry;
}

/** The latest reading of each window and source. */
function latestReadings(store: MonitorStore): QuotaReading[] {
  const latest = new Map<string, QuotaReading>();
  for (const q of store.quotaReadings()) {
    const key = `${q.window}\u0000${q.source}`;
    if ((latest.get(key)?.time ?? -Infinity) <= q.time) latest.set(key, q);
  }
  return [...latest.values()];
}
