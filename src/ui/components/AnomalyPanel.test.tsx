import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { lampOf } from '../../detect/lamp.js';
import { AnomalyPanel } from './AnomalyPanel.js';

const NOW = Date.parse('2026-11-21T10:30:00Z');
const render = (quota: Parameters<typeof AnomalyPanel>[0]['quota'], rows: number, width = 100): string =>
  renderToString(<AnomalyPanel anomalies={[]} lamp={lampOf([], NOW)} quota={quota} now={NOW} width={width} rows={rows} color={false} />, { columns: width });

describe('AnomalyPanel: the quota as far as it is known', () => {
  it('with no reading at all, says how to get them instead of a blank row', () => {
    expect(render([], 3)).toContain('no quota readings yet: run `tokentop setup`');
    expect(render([], 1)).toContain('Reset anomalies · no quota readings: tokentop setup');
  });

  it('shows a reading past its reset as stale, never as the current figure', () => {
    const stale = { window: '5h' as const, utilization: 0.31, status: undefined, resetAt: NOW - 20 * 60_000, source: 'statusline' as const, time: NOW - 2 * 3_600_000 };
    const fresh = { window: '7d' as const, utilization: 0.41, status: undefined, resetAt: NOW + 86_400_000, source: 'statusline' as const, time: NOW - 60_000 };
    const text = render([stale, fresh], 4, 140);
    expect(text).toMatch(/5h .*–  stale: 31% before its reset 20m ago; no reading since \(statusline, 2h/);
    expect(text).toMatch(/7d .*41%/);
    expect(render([stale, fresh], 1, 140)).toContain('Quota 5h stale · 7d 41%');
  });
});
