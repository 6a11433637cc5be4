import { describe, expect, it } from 'vitest';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { MonitorStore } from '../store/monitor-store.js';
import { prometheusRegistry } from './prometheus-registry.js';

const NOW = Date.parse('2026-11-21T10:00:00Z');
const lines = () => ({ files: 0, filesByLayout: { session: 0, 'flat-agent': 0, 'subagent-dir': 0, 'workflow-agent': 0 }, bytes: 0, lines: 0, parsedLines: 0, blankLines: 0, malformed: 0, malformedByReason: {}, partialLines: 0, lineTypes: {}, placedAtPreviousTime: 0 });

describe('tokentop_anomaly_active', () => {
  it('agrees with the screen: an anomaly acknowledged with c no longer counts', async () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 3_600_000 });
    const reading = (time: number, utilization: number) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt: NOW + 3 * 3_600_000, remaining: undefined, limit: undefined, source: 'proxy' as const });
    store.applyReading(reading(NOW, 0.3));
    store.applyReading(reading(NOW + 10_000, 0));
    store.tick(NOW + 10_000);
    const registry = prometheusRegistry({ store, lines, now: () => NOW + 10_000 });
    const active = async (): Promise<string | undefined> => (await registry.metrics()).split('\n').find((l) => l.startsWith('tokentop_anomaly_active{'));
    expect(await active()).toBe('tokentop_anomaly_active{kind="counter-reset"} 1');
    store.command('acknowledge', NOW + 11_000);
    expect(await active()).toBeUndefined();
  });
});
