/** Prompt-cache hit ratio per slice of the window, 0-100%, token-weighted. */
import type { ReactNode } from 'react';
import type { WindowView } from '../../metrics/live-metrics.js';
import { percent } from '../../report/format.js';
import { oneLine } from '../../parse/untrusted-text.js';
import type { MonitorSnapshot } from '../../store/snapshot.js';
import { projectView } from '../project-view.js';
import { ChartPanel, plotColumns } from './ChartPanel.js';

export interface CacheRatioPanelProps {
  readonly view: WindowView;
  /** Claude Code's own figure (its statusline's prompt_cache), shown beside the transcripts' when it has one. */
  readonly claude?: MonitorSnapshot['claudeCache'];
  readonly width: number;
  readonly plotHeight: number;
  readonly color: boolean;
}

export function CacheRatioPanel({ view, claude, width, plotHeight, color }: CacheRatioPanelProps): ReactNode {
  const { cacheRatio } = projectView(view, plotColumns(width));
  const latest = [...cacheRatio].reverse().find((r) => r !== null) ?? null;
  // Half a narrow screen has room for Claude Code's figure, not for its words.
  const wide = width >= 90;
  const own = claude === undefined ? '' : `  · ${wide ? 'Claude Code' : 'CC'} ${percent(claude.hitRatio ?? null)}${claude.lastMissCause === undefined || !wide ? '' : `, last miss: ${oneLine(claude.lastMissCause, 24)}`}`;
  return (
    <ChartPanel
      title="Cache hit ratio"
      aside={`now ${percent(latest)}  window ${percent(view.windowCacheRatio)}${own}`}
      width={width}
      plotHeight={plotHeight}
      lines={[{ color: 'magenta', values: cacheRatio }]}
      max={1}
      axis={['100%', '50%', '0%']}
      legend={[]}
      color={color}
      span={{ from: view.from, to: view.to }}
    />
  );
}
