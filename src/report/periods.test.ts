import { describe, expect, it } from 'vitest';
import { EventLedger } from '../metrics/event-ledger.js';
import type { Scope, UsageEvent } from '../parse/events.js';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { periodsOf, type PeriodKind } from './periods.js';

const scope = (sessionId: string): Scope => ({ sessionId, agentId: undefined, isSidechain: false, project: 'p', cwd: '/p' });
const response = (key: string, iso: string, session = 's1', output = 100): UsageEvent => ({
  kind: 'usage',
  key,
  time: Date.parse(iso),
  model: 'claude-opus-4-6',
  usage: { input: 10, output, cacheCreation: 1000, cacheRead: 5000, cacheCreation5m: 1000, cacheCreation1h: 0 },
  scope: scope(session),
  origin: { file: 'f', line: 1 },
});

function ledgerOf(events: UsageEvent[]): EventLedger {
  const ledger = new EventLedger();
  for (const e of events) ledger.apply(e);
  return ledger;
}

const all = (): boolean => true;
const periods = (ledger: EventLedger, kind: PeriodKind, zone = 'UTC') => periodsOf(ledger, kind, BUNDLED_PRICES, zone, all);

describe('periodsOf', () => {
  it('cuts days where the zone has them: 23:30 UTC is the next day in Tokyo, the same in Los Angeles', () => {
    const ledger = ledgerOf([response('a', '2026-03-07T23:30:00Z'), response('b', '2026-03-08T01:00:00Z'), response('c', '2026-03-08T12:00:00Z')]);
    expect(periods(ledger, 'day', 'UTC').map((p) => [p.period, p.totals.responses])).toEqual([['2026-03-07', 1], ['2026-03-08', 2]]);
    expect(periods(ledger, 'day', 'Asia/Tokyo').map((p) => [p.period, p.totals.responses])).toEqual([['2026-03-08', 3]]);
    const la = periods(ledger, 'day', 'America/Los_Angeles');
    expect(la.map((p) => [p.period, p.totals.responses])).toEqual([['2026-03-07', 2], ['2026-03-08', 1]]);
    // 2026-03-08 is the spring-forward day there: 23 hours, from 08:00Z to 07:00Z.
    expect(la[1]).toMatchObject({ start: '2026-03-08T08:00:00.000Z', end: '2026-03-09T07:00:00.000Z' });
  });

  it('names ISO weeks by the year of their Thursday, and months by the zone', () => {
    const ledger = ledgerOf([response('a', '2026-12-31T10:00:00Z'), response('b', '2027-01-03T10:00:00Z'), response('c', '2027-01-04T10:00:00Z')]);
    expect(periods(ledger, 'week').map((p) => [p.period, p.totals.responses, p.start])).toEqual([
      ['2026-W53', 2, '2026-12-28T00:00:00.000Z'],
      ['2027-W01', 1, '2027-01-04T00:00:00.000Z'],
    ]);
    expect(periods(ledger, 'month').map((p) => p.period)).toEqual(['2026-12', '2027-01']);
  });

  it('blocks: 5 hours from the hour of the first response; a response after the block opens the next', () => {
    const ledger = ledgerOf([response('a', '2026-12-02T09:40:00Z'), response('b', '2026-12-02T13:59:00Z'), response('c', '2026-12-02T14:00:00Z'), response('d', '2026-12-02T23:10:00Z')]);
    expect(periods(ledger, 'block').map((p) => [p.start, p.end, p.totals.responses])).toEqual([
      ['2026-12-02T09:00:00.000Z', '2026-12-02T14:00:00.000Z', 2],
      ['2026-12-02T14:00:00.000Z', '2026-12-02T19:00:00.000Z', 1],
      ['2026-12-02T23:00:00.000Z', '2026-12-03T04:00:00.000Z', 1],
    ]);
  });

  it('sessions carry their title; every kind adds up to the whole, cost included', () => {
    const events = Array.from({ length: 60 }, (_, i) => response(`m${i}`, new Date(Date.parse('2026-11-20T00:00:00Z') + i * 7 * 3_600_000).toISOString(), `s${i % 4}`, 50 + i));
    const ledger = ledgerOf(events);
    ledger.apply({ kind: 'title', time: undefined, title: 'Fix the parser', source: 'ai', scope: scope('s2'), origin: { file: 'f', line: 2 } });
    const bySession = periods(ledger, 'session');
    expect(bySession.find((p) => p.period === 's2')?.title).toBe('Fix the parser');
    expect(bySession.find((p) => p.period === 's1')?.title).toBeNull();
    for (const kind of ['day', 'week', 'month', 'session', 'block'] as const) {
      const list = periods(ledger, kind, 'Europe/Paris');
      const sum = (k: 'input' | 'output' | 'cacheCreation' | 'cacheRead' | 'responses'): number => list.reduce((a, p) => a + p.totals[k], 0);
      expect(sum('responses'), kind).toBe(60);
      expect(sum('output'), kind).toBe(events.reduce((a, e) => a + e.usage.output, 0));
      expect(list.reduce((a, p) => a + p.totals.costUSD, 0)).toBeCloseTo(periods(ledger, 'day', 'UTC').reduce((a, p) => a + p.totals.costUSD, 0), 9);
    }
  });
});
