/**
 * Layout is a pure function of the terminal size: which screen, and how tall each part is. The
 * parts always sum to the rows available, so a frame never scrolls.
 */
export type LayoutKind = 'minimal' | 'compact' | 'standard' | 'wide';

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
  /** Tables beside each other rather than stacked. */
  readonly tablesSideBySide: boolean;
}

/** Rows a bordered chart panel spends besides its plot: border top/bottom and a title line. */
export const CHART_CHROME = 3;
/** Rows a bordered table panel spends besides its rows: border top/bottom and the title line. */
export const TABLE_CHROME = 3;

/**
 * `rows` is what the screen may use: the terminal's rows less one, because a frame as tall as the
 * terminal makes Ink clear the whole screen on every render. So an 80x24 terminal lays out 80x23.
 *
 * Every full layout has the same shape: header; the token-rate chart across; the cache-ratio and
 * sub-agent charts side by side; the session and sub-agent tables side by side; the anomaly panel;
 * footer. Sizes grow with the terminal. Below 80x24 a minimal text screen replaces the charts.
 */
export function computeLayout(cols: number, rows: number): Layout {
  const base = { cols, rows, tablesSideBySide: true };
  if (cols < 80 || rows < 23) {
    return { ...base, kind: 'minimal', rateChart: 0, smallCharts: 0, sessionRows: Math.max(0, rows - 9), agentRows: 0, anomalyRows: 0, tablesSideBySide: false };
  }
  const [kind, smallCharts, tableRows, anomalyRows]: [LayoutKind, number, number, number] =
    cols >= 160 && rows >= 49 ? ['wide', 10, 12, 4] : cols >= 110 && rows >= 35 ? ['standard', 6, 7, 3] : ['compact', 2, 3, compactAnomalyRows(rows)];
  // Header and footer take a row each; the anomaly panel adds its two border rows.
  const body = rows - 2;
  const rateChart = body - (anomalyRows + 2) - (smallCharts + CHART_CHROME) - (tableRows + TABLE_CHROME) - CHART_CHROME;
  return { ...base, kind, rateChart, smallCharts, sessionRows: tableRows, agentRows: tableRows, anomalyRows };
}

/**
 * A compact screen's indicator: the lamp in the title at 80x24; from 28 rows the latest anomaly gets a
 * line of its own, from 32 the quota bar too. The rows come from the token-rate chart, which can spare them.
 */
function compactAnomalyRows(rows: number): number {
  return rows >= 32 ? 3 : rows >= 28 ? 2 : 1;
}
