import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { fixtureStore, NOW } from '../../../test/helpers/monitor-fixture.js';
import type { QuotaEstimate } from '../../metrics/quota-estimate.js';
import { Screen } from '../Screen.js';
import { estimateLine, sourceComparison, timeTicks } from './QuotaPanel.js';

const MIN = 60_000;

describe('the quota view', () => {
  it('opens with u over the whole body, at every size, and w cycles 5h, 24h, 7d', () => {
    const store = fixtureStore(NOW, { quota: true });
    store.command('quota', NOW);
    for (const [cols, rows] of [
      [80, 23],
      [120, 39],
      [200, 59],
    ] as const) {
      const lines = renderToString(<Screen snapshot={store.getSnapshot()} cols={cols} rows={rows} color={false} />, { columns: cols }).split('\n');
      expect(lines).toHaveLength(rows);
      for (const line of lines.slice(1, -1)) expect(line.length).toBe(cols);
      const text = lines.join('\n');
      expect(text).toContain('Quota over time · 5h (the current block)');
      expect(text).toMatch(/5h +31% · \d\d:\d\d → \d\d:\d\d, resets in 2h05m · no estimate yet: 1 of 6 readings/);
      expect(text).toContain('▲');
    }
    store.command('window', NOW);
    expect(store.getSnapshot().quotaView?.chart.range).toBe('24h');
    // 24h and 7d: the axis names the dates, and now is marked at its end.
    const day = renderToString(<Screen snapshot={store.getSnapshot()} cols={120} rows={39} color={false} />, { columns: 120 });
    expect(day).toMatch(/^│ +\d\d-\d\d \d\d:\d\d +\d\d-\d\d \d\d:\d\d .*\d\d-\d\d \d\d:\d\d │$/m);
    expect(day).toMatch(/▲ │$/m);
    store.command('window', NOW);
    expect(store.getSnapshot().quotaView?.chart.range).toBe('7d');
    // The token-rate window is left alone while the quota view cycles its own.
    expect(store.getSnapshot().window).toBe('5m');
    store.command('quota', NOW);
    expect(store.getSnapshot().quotaView).toBeUndefined();
  });

  it('says what the estimate rests on, and whether the window fills before its reset', () => {
    const base: QuotaEstimate = { window: '5h', utilization: 0.31, resetAt: NOW + 125 * MIN, windowStart: NOW - 175 * MIN, tokensPerPercent: 18_200, basis: 14, spanPoints: 22, burnPerMinute: 12_000, fullAt: NOW + 80 * MIN };
    expect(estimateLine(base, NOW)).toMatch(/^5h +31% · \d\d:\d\d → \d\d:\d\d, resets in 2h05m · 18\.2k tokens per 1% \(14 readings\) · full in 1h20m at 12\.0k\/min, before the reset$/);
    expect(estimateLine({ ...base, fullAt: NOW + 200 * MIN }, NOW)).toMatch(/full in 3h20m at 12\.0k\/min, after the reset: it resets first$/);
    expect(estimateLine({ ...base, tokensPerPercent: undefined, basis: 8, spanPoints: 2, fullAt: undefined }, NOW)).toMatch(/no estimate yet: 8 readings span 2 of 5 points$/);
  });
});

describe("the quota view: the dashboard's figure beside the CLI's", () => {
  it('a line per window read by more than one source, with how far apart they are; none for a window read by one', () => {
    const bySource = [
      { window: '5h' as const, source: 'statusline' as const, utilization: 1, resetAt: NOW + 3_600_000, time: NOW - 2 * MIN },
      { window: '5h' as const, source: 'usage-api' as const, utilization: 0.73, resetAt: NOW + 3_600_000, time: NOW - MIN },
      { window: '7d' as const, source: 'statusline' as const, utilization: 0.4, resetAt: NOW + 86_400_000, time: NOW - 2 * MIN },
    ];
    expect(sourceComparison(bySource, NOW)).toEqual(['5h  CLI statusline 100% (2m ago) · dashboard 73% (1m ago): 27 points apart']);
    expect(sourceComparison(bySource.slice(2), NOW)).toEqual([]);
  });

  it('shows it in the view, from the store, when both sources read the window', () => {
    const store = fixtureStore(NOW, { quota: true });
    store.applyReading({ window: '5h', time: NOW - MIN, utilization: 0.73, status: undefined, resetAt: NOW + 2 * 3_600_000 + 5 * MIN, remaining: undefined, limit: undefined, source: 'usage-api' });
    store.command('quota', NOW);
    const text = renderToString(<Screen snapshot={store.getSnapshot()} cols={120} rows={39} color={false} />, { columns: 120 });
    expect(text).toMatch(/5h +.*dashboard 73% \(1m ago\).*points apart/);
  });
});

describe("the cache chart: Claude Code's own figure beside the transcripts'", () => {
  it('shows its hit ratio and the cause of its last miss when its statusline gave them', () => {
    const store = fixtureStore(NOW, { quota: true });
    store.applyReading({ window: '5h', time: NOW - MIN, utilization: 0.3, status: undefined, resetAt: NOW + 3_600_000, remaining: undefined, limit: undefined, source: 'statusline', cache: { sessionId: 's', misses: 3, lastMissCause: 'tools_changed', hitRatio: 0.92 } });
    store.tick(NOW);
    const text = renderToString(<Screen snapshot={store.getSnapshot()} cols={200} rows={59} color={false} />, { columns: 200 });
    expect(text).toMatch(/Cache hit ratio .*now .*window .*· Claude Code 92\.0%, last miss: tools_changed/);
  });

  it('spreads the time axis: as many labels as fit, both ends, dates past 5 hours', () => {
    const week = timeTicks(NOW - 7 * 24 * 60 * MIN, NOW, 100, true);
    expect(week).toHaveLength(100);
    expect(week.trim().split(/\s{2,}/)).toHaveLength(5);
    expect(week).toMatch(/^\d\d-\d\d \d\d:\d\d .* \d\d-\d\d \d\d:\d\d$/);
    const block = timeTicks(NOW - 5 * 60 * MIN, NOW, 30, false);
    expect(block).toMatch(/^\d\d:\d\d( +\d\d:\d\d)+$/);
    expect(block.trim().split(/ +/).length).toBeGreaterThanOrEqual(3);
  });
});
