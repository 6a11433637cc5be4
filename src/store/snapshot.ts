/**
 * What the screen draws: the store's snapshot and its parts, width-free and immutable. The ui/
 * imports these alone; the store that makes them is store/monitor-store.ts.
 */
import type { Anomaly } from '../detect/anomaly.js';
import type { Lamp } from '../detect/lamp.js';
import type { WindowView } from '../metrics/live-metrics.js';
import type { QuotaEstimate } from '../metrics/quota-estimate.js';
import type { QuotaChart } from '../metrics/quota-series.js';
import { HOUR_MS, MINUTE_MS } from '../metrics/token-math.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';

export const WINDOWS = [
  { name: '5m', ms: 5 * MINUTE_MS },
  { name: '15m', ms: 15 * MINUTE_MS },
  { name: '1h', ms: HOUR_MS },
  { name: '6h', ms: 6 * HOUR_MS },
] as const;
export type WindowName = (typeof WINDOWS)[number]['name'];

export function isWindowName(text: string): text is WindowName {
  return WINDOWS.some((w) => w.name === text);
}

/** What the sessions table is ordered by (`o` cycles). */
export const SESSION_SORTS = ['activity', 'tokens', 'cost'] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

export interface SessionRow {
  readonly id: string;
  /** Named by the user, else by Claude Code, else a compaction's summary (transcript text: untrusted). */
  readonly title: string | undefined;
  readonly project: string;
  readonly cwd: string | undefined;
  readonly models: readonly string[];
  readonly tokens: number;
  readonly costUSD: number;
  readonly costComplete: boolean;
  readonly lastActivity: number;
}

export interface AgentRow {
  readonly toolUseId: string;
  readonly subagentType: string;
  readonly description: string;
  readonly sessionId: string;
  readonly project: string;
  readonly elapsedMs: number;
  readonly tokens: number;
}

/** Where the snapshot's time comes from: the wall clock, or a replay's virtual clock. */
export type ClockState = { readonly mode: 'live' } | { readonly mode: 'replay'; readonly speed: number; readonly ended: boolean };

/** The latest reading of one quota window, as the screen shows it. */
export interface QuotaView {
  readonly window: '5h' | '7d';
  /** 0..1 (can exceed 1). */
  readonly utilization: number | undefined;
  readonly status: string | undefined;
  readonly resetAt: number | undefined;
  readonly source: QuotaReading['source'];
  readonly time: number;
}

export interface MonitorSnapshot {
  readonly now: number;
  readonly clock: ClockState;
  readonly startedAt: number;
  readonly paused: boolean;
  /** Events that arrived while the display was frozen. */
  readonly arrivedWhilePaused: number;
  readonly window: WindowName;
  readonly windowMs: number;
  /** The session the charts show alone, or undefined for all. */
  readonly focus: SessionRow | undefined;
  readonly view: WindowView;
  /** In the table's order (sessionSort); the table shows them from sessionOffset on. */
  readonly sessions: readonly SessionRow[];
  readonly sessionSort: SessionSort;
  readonly sessionOffset: number;
  readonly running: readonly AgentRow[];
  /** Whose view `running` is: Claude Code's own (its subagentStatusLine, recorded by `tokentop subagent-status`), or the transcripts'. */
  readonly runningFrom: 'claude-code' | 'transcripts';
  /** Anomalies that started in the shown history, oldest first. */
  readonly anomalies: readonly Anomaly[];
  /** What the lamp shows now, and each anomaly's standing (lit, acknowledged, history). */
  readonly lamp: Lamp;
  /** The 5h and 7d windows as last read (proxy headers or statusline); empty when none was seen. */
  readonly quota: readonly QuotaView[];
  /** Tokens per minute over the last minute as the proxy saw them; undefined without a proxy log. */
  readonly proxyRate: number | undefined;
  /** The same as Claude Code's own telemetry reported it (OTLP); undefined until an export came. */
  readonly otelRate: number | undefined;
  readonly sources: { readonly watched: readonly string[]; readonly files: number; readonly lines: number; readonly malformed: number };
  readonly backfill: { readonly done: boolean; readonly filesRead: number; readonly filesTotal: number };
  /** A line for the footer, e.g. where a snapshot was written. */
  readonly notice: string | undefined;
  /** The quota view (`u`), when it is open: the chart of its range and what the readings say. */
  readonly quotaView: QuotaViewSnapshot | undefined;
  /** Claude Code's own view of the prompt cache, from its latest statusline reading that had one (2.1.251+). */
  readonly claudeCache: { readonly hitRatio: number | undefined; readonly lastMissCause: string | undefined; readonly time: number } | undefined;
  /** The 5h and 7d utilization over the chart window (at most 5 hours), a value per minute (null: no reading): the short layout's quota lines. */
  readonly quotaTrend: { readonly util5h: ReadonlyArray<number | null>; readonly util7d: ReadonlyArray<number | null> };
  /** The models view (`m`), when it is open: per model, the window's tokens and cost, costliest first. */
  readonly models: readonly ModelRow[] | undefined;
}

/** One model's tokens and estimated cost in the chart window (the models view, `m`). */
export interface ModelRow {
  readonly model: string;
  readonly input: number;
  readonly output: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
  readonly responses: number;
  readonly costUSD: number;
  /** False when the model has no price: its cost is unknown, not zero. */
  readonly priced: boolean;
}

export interface QuotaViewSnapshot {
  readonly chart: QuotaChart;
  /** The 5h and 7d windows: tokens per 1%, projection, the window's start and end. */
  readonly estimates: readonly QuotaEstimate[];
  /**
   * The latest reading of each window from each source (proxy, statusline, usage-api): the
   * dashboard's figure beside the CLI's, a line each, when they disagree it shows.
   */
  readonly bySource: ReadonlyArray<{ readonly window: '5h' | '7d'; readonly source: QuotaReading['source']; readonly utilization: number | undefined; readonly resetAt: number | undefined; readonly time: number }>;
}

export interface SourceProgress {
  readonly files: number;
  readonly lines: number;
  readonly malformed: number;
  readonly backfillDone: boolean;
  readonly backfillRead: number;
  readonly backfillTotal: number;
}

/** What a key asks of the store's view: the key table (`ui/keymap.ts`) names these, the store applies them. */
export type ViewCommand = 'window' | 'focus' | 'sort' | 'quota' | 'models' | { readonly scroll: number } | { readonly scrollTo: 'top' | 'bottom' };

/** Everything a key may ask of the store: its view, and the pause and acknowledgement it keeps. */
export type StoreCommand = ViewCommand | 'pause' | 'acknowledge';
