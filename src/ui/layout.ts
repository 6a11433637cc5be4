/**
 * Layout is a pure function of the terminal size and of how many rows the tables hold: which
 * screen, and how tall each part is. The parts always sum to the rows available, so a frame never
 * scrolls.
 */
export type LayoutKind = 'short' | 'stacked' | 'compact' | 'standard' | 'wide';

export interface Layout {
  readonly kind: LayoutKind;
  readonly cols: number;
  readonly rows: number;
  /** Character rows of plot area (without the panel's title and border rows). */
  readonly rateChart: number;
  readonly smallCharts: number;
  /** Rows of a table under its title: the column header and the data rows. */
  readonly sessionRows: number;
  readonly agentRows: number;
  readonly anomalyRows: number;
  /** Charts and tables in pairs beside each other; false: every panel full width, one under another. */
  readonly sideBySide: boolean;
  /** The charts have nothing to draw: they are one line together, and their rows go to the tables. */
  readonly chartsCollapsed: boolean;
}

/** What the tables hold now: they are given the rows to show it, when the terminal has them. */
export interface LayoutContent {
  readonly sessions: number;
  readonly agents: number;
  /** Nothing in the chart window and no sub-agent: every chart would be a flat line. */
  readonly chartsEmpty?: boolean;
}

/** Rows a bordered chart panel spends besides its plot: border top/bottom and a title line. */
export const CHART_CHROME = 3;
/** Rows a bordered table panel spends besides its rows: border top/bottom and the title line. */
export const TABLE_CHROME = 3;

/** Below this width the panels are stacked (a vertical split); below STACKED_MIN_COLS only text fits. */
const SIDE_BY_SIDE_MIN_COLS = 80;
const STACKED_MIN_COLS = 40;
/** The least rows of each part: the rate chart 3, the small charts 2, a table its header and 2 rows. */
const MIN_RATE = 3;
const MIN_SMALL = 2;
const MIN_TABLE = 3;
/** A small chart taller than this says nothing more: the rows go to the rate chart and the tables. */
const MAX_SMALL = 12;

/**
 * `rows` is what the screen may use: the terminal's rows less one, because a frame as tall as the
 * terminal makes Ink clear the whole screen on every render. So an 80x24 terminal lays out 80x23.
 *
 * From 80 columns: header; the token-rate chart across; the cache-ratio and sub-agent charts side by
 * side; the session and sub-agent tables side by side; the anomaly panel; footer. Narrower but tall
 * (a vertical split, 40-79 columns and 36 rows or more): the same panels full width, one under
 * another. Spare rows go first to the tables, up to what they hold, then to the charts (the rate
 * chart 3 rows for every 2 of the small ones, which stop at 12). Else the short layout: a line per
 * metric with a sparkline (components/ShortBody.tsx).
 */
export function computeLayout(cols: number, rows: number, content: LayoutContent = { sessions: 0, agents: 0 }): Layout {
  const sideBySide = cols >= SIDE_BY_SIDE_MIN_COLS;
  if (content.chartsEmpty === true) {
    const collapsed = collapsedLayout(cols, rows, content, sideBySide);
    if (collapsed !== undefined) return collapsed;
  }
  const kind: LayoutKind = !sideBySide ? 'stacked' : cols >= 160 && rows >= 49 ? 'wide' : cols >= 110 && rows >= 35 ? 'standard' : 'compact';
  const anomalyRows = kind === 'wide' ? 4 : kind === 'standard' ? 3 : compactAnomalyRows(rows);
  // Header and footer take a row each; the anomaly panel adds its two border rows.
  const charts = sideBySide ? 2 : 3;
  const tables = sideBySide ? 1 : 2;
  const chrome = 2 + (anomalyRows + 2) + charts * CHART_CHROME + tables * TABLE_CHROME;
  const least = MIN_RATE + MIN_SMALL * (charts - 1) + MIN_TABLE * tables;
  if (cols < STACKED_MIN_COLS || rows < 23 || rows - chrome < least) {
    return { kind: 'short', cols, rows, rateChart: 0, smallCharts: 0, sessionRows: Math.max(0, rows - 9), agentRows: 0, anomalyRows: 0, sideBySide: false, chartsCollapsed: false };
  }
  let spare = rows - chrome - least;
  // Tables: a header row and a row each (and one for "+N more"), at most a third of the spare rows
  // beside each other, half when stacked (two tables, and a split pane is kept open to read them).
  const want = (held: number): number => Math.max(MIN_TABLE, Math.min(held + 2, 40));
  const tableCap = Math.floor(spare / (sideBySide ? 3 : 2));
  let sessionRows = MIN_TABLE;
  let agentRows = MIN_TABLE;
  if (sideBySide) {
    const extra = Math.min(tableCap, Math.max(want(content.sessions), want(content.agents)) - MIN_TABLE);
    sessionRows += extra;
    agentRows += extra;
    spare -= extra;
  } else {
    const forSessions = Math.min(tableCap, want(content.sessions) - MIN_TABLE);
    const forAgents = Math.min(tableCap - forSessions, want(content.agents) - MIN_TABLE);
    sessionRows += forSessions;
    agentRows += forAgents;
    spare -= forSessions + forAgents;
  }
  // Charts: 3 rows to the rate chart for every 2 to each small one, until the small ones stop.
  const smallCharts = Math.min(MAX_SMALL, MIN_SMALL + Math.floor((spare * 2) / (3 + 2 * (charts - 1))));
  spare -= (smallCharts - MIN_SMALL) * (charts - 1);
  const rateChart = MIN_RATE + spare;
  return { kind, cols, rows, rateChart, smallCharts, sessionRows, agentRows, anomalyRows, sideBySide, chartsCollapsed: false };
}

/**
 * The indicator: the lamp in the title at 80x24; from 28 rows the latest anomaly gets a line of
 * its own, from 32 the quota bar too.
 */
function compactAnomalyRows(rows: number): number {
  return rows >= 32 ? 3 : rows >= 28 ? 2 : 1;
}

/**
 * Flat charts give their rows to the tables (the real sample at 200x60 showed 12 of its 52 sessions
 * under ~24 rows of empty charts): the charts become one line, the tables take the rest, the
 * sub-agents table (beside or under the sessions) no more than it holds. Undefined where the full
 * layout would not fit anyway (the short layout then).
 */
function collapsedLayout(cols: number, rows: number, content: LayoutContent, sideBySide: boolean): Layout | undefined {
  const kind: LayoutKind = !sideBySide ? 'stacked' : cols >= 160 && rows >= 49 ? 'wide' : cols >= 110 && rows >= 35 ? 'standard' : 'compact';
  const anomalyRows = kind === 'wide' ? 4 : kind === 'standard' ? 3 : compactAnomalyRows(rows);
  // With no sub-agent running, its table is left out (the sessions take its place).
  const tables = sideBySide || content.agents === 0 ? 1 : 2;
  const room = rows - 2 - (anomalyRows + 2) - 1 - tables * TABLE_CHROME;
  if (cols < STACKED_MIN_COLS || rows < 23 || room < MIN_TABLE * tables) return undefined;
  const want = (held: number): number => Math.max(MIN_TABLE, held + 2);
  let sessionRows: number;
  let agentRows: number;
  if (sideBySide) {
    sessionRows = Math.min(room, want(Math.max(content.sessions, content.agents)));
    agentRows = sessionRows;
  } else if (content.agents === 0) {
    agentRows = 0;
    sessionRows = Math.min(want(content.sessions), room);
  } else {
    agentRows = Math.min(want(content.agents), Math.max(MIN_TABLE, room - want(content.sessions)));
    sessionRows = Math.min(want(content.sessions), room - agentRows);
  }
  // What the tables do not hold goes to the anomaly panel's list.
  const left = room - sessionRows - (sideBySide ? 0 : agentRows);
  return { kind, cols, rows, rateChart: 0, smallCharts: 0, sessionRows, agentRows, anomalyRows: anomalyRows + left, sideBySide, chartsCollapsed: true };
}
