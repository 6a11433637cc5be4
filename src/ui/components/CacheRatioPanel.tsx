/** Prompt-cache hit ratio per slice of the window, 0-100%, token-weighted. */
import type { ReactNode } from 'react';
import type { WindowView } from '../../metrics/live-metrics.js';
import { percent } from '../../report/format.js';
import { projectView } from '../project-view.js';
import { ChartPanel, plotColumns } from './ChartPanel.js';

export interface CacheRatioPanelProps {
  readonly view: WindowView;
  readonly width: number;
  readonly plotHeight: number;
  readonly color: boolean;
}

export function CacheRatioPanel({ view, width, plotHeight, color }: CacheRatioPanelProps): ReactNode {
  const { cacheRatio } = projectView(view, plotColumns(width));
  const latest = [...cacheRatio].reverse().find((r) => r !== null) ?? null;
  return (
    <ChartPanel
      title="Cache hit ratio"
      aside={`now ${percent(latest)}  window ${percent(view.windowCacheRatio)}`}
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
