/**
 * The snapshot the screen draws, built from the store's parts as they are at `now`: no detector
 * runs here, nothing is changed. Width-free: the UI fits it to the terminal.
 */
import type { Anomaly } from '../detect/anomaly.js';
import type { Lamp } from '../detect/lamp.js';
import type { LedgerView } from '../metrics/event-ledger.js';
import type { LiveMetrics } from '../metrics/live-metrics.js';
import type { QuotaEstimate } from '../metrics/quota-estimate.js';
import type { QuotaRangeName, QuotaSeries } from '../metrics/quota-series.js';
import { HOUR_MS } from '../metrics/token-math.js';
import { totalsByModel } from '../metrics/token-totals.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { ClaudeCodeAgents } from './claude-code-agents.js';
import type { LatestReadings } from './latest-readings.js';
import { WINDOWS, type ClockState, type ModelRow, type MonitorSnapshot, type QuotaViewSnapshot, type SessionRow, type SessionSort, type SourceProgress } from './snapshot.js';
import type { ViewState } from './view-state.js';

export interface SnapshotParts {
  readonly now: number;
  readonly view: ViewState;
  readonly live: LiveMetrics;
  readonly ledger: LedgerView;
  readonly prices: PriceTable;
  /** Sessions last active before it are not listed. */
  readonly sessionHorizon: number;
  readonly claudeCodeAgents: ClaudeCodeAgents;
  readonly anomalies: readonly Anomaly[];
  readonly lamp: Lamp;
  readonly readings: LatestReadings;
  /** While the quota view is open: its range, the series it charts and the estimates. */
  readonly quotaView: { readonly range: QuotaRangeName; readonly series: QuotaSeries; readonly estimates: readonly QuotaEstimate[] } | undefined;
  readonly quotaTrend: MonitorSnapshot['quotaTrend'];
  /** Tokens in the last minute by the proxy and by OTel; undefined for a source never seen. */
  readonly rates: { readonly proxy: number | undefined; readonly otel: number | undefined };
  readonly header: { readonly clock: ClockState; readonly startedAt: number; readonly watched: readonly string[]; readonly progress: SourceProgress; readonly notice: string | undefined };
}

export function buildSnapshot(parts: SnapshotParts): MonitorSnapshot {
  const { now, view, live, header } = parts;
  const window = WINDOWS[view.windowIndex] ?? WINDOWS[0];
  const sessions = sessionRows(live, parts.ledger, view.sessionSort, parts.sessionHorizon);
  const focus = view.focusId === undefined ? undefined : sessions.find((s) => s.id === view.focusId);
  const fromClaudeCode = parts.claudeCodeAgents.running(now, focus?.id, (id) => live.sessions.get(id)?.project ?? '');
  const p = header.progress;
  return {
    now,
    clock: header.clock,
    startedAt: header.startedAt,
    paused: false,
    arrivedWhilePaused: 0,
    window: window.name,
    windowMs: window.ms,
    focus,
    view: live.view(now, window.ms, focus?.id),
    sessions,
    sessionSort: view.sessionSort,
    sessionOffset: Math.min(view.sessionOffset, Math.max(0, sessions.length - 1)),
    running:
      fromClaudeCode ??
      live.subagents.activeAt(now, focus?.id).map((a) => ({ toolUseId: a.toolUseId, subagentType: a.subagentType, description: a.description, sessionId: a.sessionId, project: a.project, elapsedMs: now - a.spawnedAt, tokens: a.tokens })),
    runningFrom: fromClaudeCode === undefined ? 'transcripts' : 'claude-code',
    anomalies: parts.anomalies,
    lamp: parts.lamp,
    quota: parts.readings.quota(),
    proxyRate: parts.rates.proxy,
    otelRate: parts.rates.otel,
    sources: { watched: header.watched, files: p.files, lines: p.lines, malformed: p.malformed },
    backfill: { done: p.backfillDone, filesRead: p.backfillRead, filesTotal: p.backfillTotal },
    notice: header.notice,
    quotaView: quotaViewOf(parts, now),
    claudeCache: parts.readings.claudeCache,
    quotaTrend: parts.quotaTrend,
    models: view.modelsOpen ? modelRows(parts, now - window.ms, now, focus?.id) : undefined,
  };
}

/** The sessions active since `horizon`, in the table's order. */
export function sessionRows(live: LiveMetrics, ledger: LedgerView, by: SessionSort, horizon: number): SessionRow[] {
  const rows: SessionRow[] = [];
  for (const s of live.sessions.values()) {
    if (s.lastActivity < horizon) continue;
    rows.push({ id: s.id, title: ledger.titleOf(s.id), project: s.project, cwd: s.cwd, models: [...s.models].sort(), tokens: s.tokens, costUSD: s.costUSD, costComplete: s.costComplete, lastActivity: s.lastActivity });
  }
  const key = (s: SessionRow): number => (by === 'tokens' ? s.tokens : by === 'cost' ? s.costUSD : s.lastActivity);
  return rows.sort((a, b) => key(b) - key(a) || b.lastActivity - a.lastActivity || a.id.localeCompare(b.id));
}

function quotaViewOf(parts: SnapshotParts, now: number): QuotaViewSnapshot | undefined {
  const open = parts.quotaView;
  if (open === undefined) return undefined;
  // The 5h range is aligned to the block: it ends at the window's reset when that is known.
  const block = open.estimates.find((e) => e.window === '5h')?.resetAt;
  const to = open.range === '5h' && block !== undefined && block > now && block - now < 5 * HOUR_MS ? block : now;
  return { chart: open.series.chart(open.range, to), estimates: open.estimates, bySource: parts.readings.bySource() };
}

/** Per model, the responses of [from, to] (one session's when focused); it reads the ledger: only while the view is open. */
function modelRows(parts: SnapshotParts, from: number, to: number, sessionId: string | undefined): ModelRow[] {
  const byModel = totalsByModel(parts.ledger.usage.values(), parts.prices, (r) => r.time >= from && r.time <= to && (sessionId === undefined || r.scope.sessionId === sessionId));
  return [...byModel]
    .map(([model, t]) => ({ model, input: t.input, output: t.output, cacheWrite: t.cacheCreation, cacheRead: t.cacheRead, responses: t.responses, costUSD: t.costUSD, priced: t.costComplete }))
    .sort((a, b) => b.costUSD - a.costUSD || b.output - a.output || a.model.localeCompare(b.model));
}
