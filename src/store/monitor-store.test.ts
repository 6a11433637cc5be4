import { describe, expect, it } from 'vitest';
import { fixtureEvents, fixtureStore, NOW } from '../../test/helpers/monitor-fixture.js';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { MonitorStore, NOTICE_MS } from './monitor-store.js';

describe('MonitorStore', () => {
  it('publishes on change, every 5 s while the window has data, every 30 s when quiet', () => {
    const busy = fixtureStore();
    let published = 0;
    busy.subscribe(() => (published += 1));
    busy.tick(NOW + 4000);
    expect(published).toBe(0);
    busy.tick(NOW + 5000);
    expect(published).toBe(1);

    const quiet = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 10 * 60_000 });
    let quietPublished = 0;
    quiet.subscribe(() => (quietPublished += 1));
    quiet.tick(NOW);
    quietPublished = 0;
    quiet.tick(NOW + 10_000);
    expect(quietPublished).toBe(0);
    quiet.tick(NOW + 30_000);
    expect(quietPublished).toBe(1);
    quiet.apply(fixtureEvents()[0]!);
    quiet.tick(NOW + 30_001);
    expect(quietPublished).toBe(2);
  });

  it('keeps events before the backfill start out of the charts, but in the ledger for deduplication', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 60_000 });
    for (const e of fixtureEvents()) store.apply(e);
    store.tick(NOW);
    // The fixture's responses span the last 4 minutes: only the last minute's are charted.
    expect(store.history().ledger.usage.size).toBe(40);
    const charted = store.getSnapshot().sessions.reduce((n, s) => n + s.tokens, 0);
    const all = [...store.history().ledger.usage.values()].reduce((n, r) => n + r.input + r.output + r.cacheCreation + r.cacheRead, 0);
    expect(charted).toBeGreaterThan(0);
    expect(charted).toBeLessThan(all / 3);
  });

  it('cycles the window and the focus, and freezes while paused', () => {
    const store = fixtureStore();
    store.command('window', NOW);
    expect(store.getSnapshot().window).toBe('15m');
    store.command('focus', NOW);
    expect(store.getSnapshot().focus?.id).toBe(store.getSnapshot().sessions[0]?.id);
    store.command('focus', NOW);
    store.command('focus', NOW);
    expect(store.getSnapshot().focus).toBeUndefined();
    store.command('pause', NOW);
    const frozen = store.getSnapshot().view;
    store.apply({ ...fixtureEvents()[0]!, kind: 'usage', key: 'new-one' } as never);
    store.tick(NOW + 1000);
    expect(store.getSnapshot().view).toBe(frozen);
    expect(store.getSnapshot().arrivedWhilePaused).toBe(1);
  });

  it('tells of a new critical anomaly once, after publishing the snapshot that holds it', () => {
    const told: string[][] = [];
    const store: MonitorStore = new MonitorStore({
      prices: BUNDLED_PRICES,
      startedAt: NOW,
      watched: ['/x'],
      historyFrom: NOW - 60_000,
      onCritical: (anomalies) => told.push([...anomalies.map((a) => a.kind), ...store.getSnapshot().anomalies.map((a) => `shown:${a.kind}`)]),
    });
    const reading = (time: number, utilization: number) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt: NOW + 3 * 3_600_000, remaining: undefined, limit: undefined, source: 'proxy' as const });
    store.applyReading(reading(NOW, 0.3));
    store.tick(NOW);
    store.applyReading(reading(NOW + 10_000, 0));
    store.tick(NOW + 10_000);
    store.applyReading(reading(NOW + 20_000, 0));
    store.tick(NOW + 20_000);
    expect(told).toEqual([['counter-reset', 'shown:counter-reset']]);
    expect(store.getSnapshot().anomalies.map((a) => [a.kind, a.severity])).toEqual([['counter-reset', 'critical']]);
  });

  it('does not report a critical anomaly of history read behind the first frame: it came before the watch', () => {
    const told: string[] = [];
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 3_600_000, onCritical: (anomalies) => told.push(...anomalies.map((a) => a.kind)) });
    const reading = (time: number, utilization: number) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt: NOW + 3 * 3_600_000, remaining: undefined, limit: undefined, source: 'proxy' as const });
    // A counter reset ten minutes before the watch began: shown, critical, but no automatic evidence snapshot.
    store.applyReading(reading(NOW - 20 * 60_000, 0.3));
    store.applyReading(reading(NOW - 10 * 60_000, 0));
    store.tick(NOW);
    expect(store.getSnapshot().anomalies.map((a) => [a.kind, a.severity])).toEqual([['counter-reset', 'critical']]);
    expect(told).toEqual([]);
    // One during the watch is reported.
    store.applyReading(reading(NOW + 60_000, 0.35));
    store.applyReading(reading(NOW + 70_000, 0.05));
    store.tick(NOW + 70_000);
    expect(told).toEqual(['counter-reset']);
  });

  it('lists a session whose only line is a limit message, as summary and the exit summary count it', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 3_600_000 });
    for (const e of fixtureEvents()) store.apply(e);
    const scope = { sessionId: 'opened-while-locked-out', agentId: undefined, isSidechain: false, project: '-home-dev-app', cwd: '/home/dev/app' };
    store.apply({ kind: 'limit', key: 'u-locked', time: NOW - 60_000, text: "You've hit your limit · resets 2pm (UTC)", limitKind: 'usage-limit', window: '5h', resetAt: NOW + 3_600_000, resetText: '2pm (UTC)', scope, origin: { file: '/x/locked.jsonl', line: 1 } });
    store.tick(NOW);
    const ids = store.getSnapshot().sessions.map((s) => s.id);
    expect(ids).toContain('opened-while-locked-out');
    expect(store.getSnapshot().sessions.find((s) => s.id === 'opened-while-locked-out')).toMatchObject({ tokens: 0 });
  });

  it("takes Claude Code's own view of its running sub-agents while it is fresh, and says so; the transcripts' after", () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 3_600_000 });
    store.applySubagentStatus({ time: NOW, sessionId: 's1', tasks: [
      { id: 't1', name: 'audit', type: 'Explore', status: 'running', description: 'Audit the adapter', startTime: NOW - 45_000, model: undefined, tokenCount: 12_300 },
      { id: 't2', name: undefined, type: 'Plan', status: 'completed', description: 'done one', startTime: NOW - 90_000, model: undefined, tokenCount: 800 },
    ] });
    store.tick(NOW + 1000);
    expect(store.getSnapshot().runningFrom).toBe('claude-code');
    expect(store.getSnapshot().running).toEqual([{ toolUseId: 't1', subagentType: 'Explore', description: 'Audit the adapter', sessionId: 's1', project: '', elapsedMs: 46_000, tokens: 12_300 }]);
    // Its statusline has not run for over 30 s: its view is stale, and the transcripts' is shown.
    store.tick(NOW + 40_000);
    expect(store.getSnapshot().runningFrom).toBe('transcripts');
    expect(store.getSnapshot().running).toEqual([]);
  });

  it('prunes the ledger of spawns, limits, retries and errors by age, as it prunes responses: a long serve stays bounded', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 3_600_000 });
    const scope = { sessionId: 's1', agentId: undefined, isSidechain: false, project: 'p', cwd: undefined };
    const origin = { file: '/x/s1.jsonl', line: 1 };
    const events = (time: number, n: number) => [
      { kind: 'subagent-spawn' as const, toolUseId: `toolu_${n}`, time, subagentType: 'Explore', description: 'd', promptHead: 'p', scope, origin },
      { kind: 'retry' as const, key: `retry_${n}`, time, attempt: 1, maxRetries: 10, retryInMs: 500, errorCode: undefined, scope, origin },
      { kind: 'limit' as const, key: `limit_${n}`, time, text: "You've hit your limit", limitKind: 'usage-limit' as const, window: '5h' as const, resetAt: time + 3_600_000, resetText: undefined, scope, origin },
      { kind: 'api-error' as const, key: `err_${n}`, time, text: 'API Error: 500', status: 500, errorKind: 'server' as const, scope, origin },
    ];
    for (const e of [...events(NOW - 10 * 3_600_000, 1), ...events(NOW - 30 * 60_000, 2)]) store.apply(e);
    store.tick(NOW + 61_000);
    expect([...store.history().ledger.spawns.keys()]).toEqual(['toolu_2']);
    expect([...store.history().ledger.retries.keys()]).toEqual(['retry_2']);
    expect([...store.history().ledger.limits.keys()]).toEqual(['limit_2']);
    expect([...store.history().ledger.apiErrors.keys()]).toEqual(['err_2']);
  });

  it('runs the detectors in tick, not when a snapshot is built by a command', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 60_000 });
    const reading = (time: number, utilization: number) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt: NOW + 3 * 3_600_000, remaining: undefined, limit: undefined, source: 'statusline' as const });
    store.applyReading(reading(NOW, 0.31));
    store.applyReading(reading(NOW + 10_000, 0));
    // A command publishes a fresh snapshot at once, with what the last tick found: nothing yet.
    store.command('window', NOW + 10_000);
    expect(store.getSnapshot().anomalies).toEqual([]);
    expect(store.getSnapshot().quota[0]?.utilization).toBe(0);
    store.tick(NOW + 10_000);
    expect(store.getSnapshot().anomalies.map((a) => a.kind)).toEqual(['counter-reset']);
  });

  it('keeps each quota reading once, in the proxy ledger, whatever its source', () => {
    const store = fixtureStore(NOW, { quota: true });
    store.applyReading({ window: '5h', time: NOW, utilization: 0.4, status: 'allowed', resetAt: NOW + 3_600_000, remaining: undefined, limit: undefined, source: 'statusline' });
    expect(store.history().proxy.quota.map((q) => `${q.window}/${q.source}`)).toEqual(['5h/proxy', '7d/proxy', '5h/statusline']);
  });

  it('acknowledge dims what lights the lamp until a new anomaly comes', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 60_000 });
    const reading = (time: number, utilization: number, resetAt = NOW + 3 * 3_600_000) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt, remaining: undefined, limit: undefined, source: 'statusline' as const });
    store.applyReading(reading(NOW, 0.31));
    store.applyReading(reading(NOW + 10_000, 0));
    store.tick(NOW + 10_000);
    expect(store.getSnapshot().lamp).toMatchObject({ state: 'ANOMALY', lit: 1 });
    store.command('acknowledge', NOW + 11_000);
    expect(store.getSnapshot().lamp).toMatchObject({ state: 'OK', lit: 0, acknowledged: 1 });
    // Another drop: a new anomaly lights it again (with a reset-moved: the reset jumped an hour).
    store.applyReading(reading(NOW + 20_000, 0.4, NOW + 4 * 3_600_000));
    store.applyReading(reading(NOW + 30_000, 0.1, NOW + 4 * 3_600_000));
    store.tick(NOW + 30_000);
    expect(store.getSnapshot().lamp).toMatchObject({ state: 'ANOMALY', lit: 2, acknowledged: 1 });
  });

  it('lists the sessions of a long backfill by last activity, not only the last hours', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 400 * 86_400_000 });
    const old = fixtureEvents().filter((e) => e.kind === 'usage').map((e) => ({ ...e, time: NOW - 30 * 86_400_000 }));
    for (const e of old) store.apply(e);
    store.tick(NOW);
    store.tick(NOW + 61_000);
    expect(store.getSnapshot().sessions.length).toBeGreaterThan(0);
    // With the default 6-hour backfill, a month-old session is not listed.
    const recent = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: NOW, watched: ['/x'], historyFrom: NOW - 6 * 3_600_000 });
    for (const e of old) recent.apply(e);
    recent.tick(NOW);
    expect(recent.getSnapshot().sessions).toEqual([]);
  });

  it('the models view sums the window per model, costliest first, and closes again', () => {
    const store = fixtureStore();
    expect(store.getSnapshot().models).toBeUndefined();
    store.command('models', NOW);
    const models = store.getSnapshot().models ?? [];
    // The fixture: 40 responses of one model over the last 4 minutes, all in the 5m window.
    expect(models.map((m) => m.model)).toEqual(['claude-opus-4-6']);
    const events = fixtureEvents().filter((e) => e.kind === 'usage');
    expect(models[0]).toMatchObject({ responses: events.length, output: events.reduce((n, e) => n + (e.kind === 'usage' ? e.usage.output : 0), 0), priced: true });
    expect(models[0]?.costUSD).toBeGreaterThan(0);
    store.command('models', NOW);
    expect(store.getSnapshot().models).toBeUndefined();
  });

  it('sorts the sessions by tokens or cost, and scrolls them within bounds', () => {
    const store = fixtureStore();
    const order = (): string[] => store.getSnapshot().sessions.map((s) => s.id);
    expect(store.getSnapshot().sessionSort).toBe('activity');
    store.command('sort', NOW);
    expect(store.getSnapshot().sessionSort).toBe('tokens');
    const byTokens = store.getSnapshot().sessions.map((s) => s.tokens);
    expect(byTokens).toEqual([...byTokens].sort((a, b) => b - a));
    expect(order()).toHaveLength(2);
    store.command({ scroll: 5 }, NOW);
    expect(store.getSnapshot().sessionOffset).toBe(1);
    store.command({ scroll: -9 }, NOW);
    expect(store.getSnapshot().sessionOffset).toBe(0);
  });
});


describe('footer notices', () => {
  it('show for NOTICE_MS, then the keys come back at the next tick, even on a quiet screen', () => {
    const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: 1_000_000, watched: ['/x'] });
    store.setNotice('snapshot: /tmp/a.json', 1_000_000);
    expect(store.getSnapshot().notice).toBe('snapshot: /tmp/a.json');
    expect(store.isQuiet).toBe(false);
    store.tick(1_000_000 + NOTICE_MS - 1);
    expect(store.getSnapshot().notice).toBe('snapshot: /tmp/a.json');
    store.tick(1_000_000 + NOTICE_MS);
    expect(store.getSnapshot().notice).toBeUndefined();
    expect(store.isQuiet).toBe(true);
  });
});
