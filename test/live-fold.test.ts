// A monitor left open under heavy load holds at most LIVE_RESPONSES_HELD responses one by one;
// what it folds keeps the exit summary's every figure and the anomalies found before the fold.
import { describe, expect, it } from 'vitest';
import type { Scope, TranscriptEvent } from '../src/parse/events.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { summarizeStore } from '../src/session/summarize.js';
import { LIVE_RESPONSES_HELD, MonitorStore } from '../src/store/monitor-store.js';

const START = Date.parse('2026-11-21T08:00:00Z');
const scope = (sessionId: string, agentId?: string): Scope => ({ sessionId, agentId, isSidechain: agentId !== undefined, project: '-home-dev-api', cwd: '/home/dev/api' });

function events(): TranscriptEvent[] {
  const out: TranscriptEvent[] = [];
  // A cache-miss cascade first: three busy requests in a row that write the whole context again.
  for (let i = 0; i < 4; i++) {
    const write = i === 0 ? 1_000 : 90_000;
    out.push({ kind: 'usage', key: `cascade_${i}`, time: START + 60_000 + i * 20_000, model: 'claude-opus-4-6', usage: { input: 5, output: 300, cacheCreation: write, cacheRead: i === 0 ? 80_000 : 0, cacheCreation5m: write, cacheCreation1h: 0 }, scope: scope('s-cascade'), origin: { file: 'cascade.jsonl', line: i + 1 } });
  }
  // Then more responses than the monitor holds, in three sessions (one a sub-agent's), some above the price tier.
  const n = LIVE_RESPONSES_HELD + 5_000;
  for (let i = 0; i < n; i++) {
    const s = i % 3 === 0 ? scope('s-a') : i % 3 === 1 ? scope('s-b') : scope('s-a', 'agent-1');
    out.push({ kind: 'usage', key: `msg_${i}`, time: START + 200_000 + i * 100, model: i % 5 === 0 ? 'claude-sonnet-4-5' : 'claude-opus-4-6', usage: { input: 3 + (i % 7), output: 50 + (i % 400), cacheCreation: 200, cacheRead: i % 11 === 0 ? 210_000 : 20_000 + i, cacheCreation5m: 200, cacheCreation1h: 0 }, scope: s, origin: { file: `${s.sessionId}.jsonl`, line: i + 1 } });
  }
  return out;
}

function summaryOf(store: MonitorStore, now: number) {
  const lines = { files: 1, lines: 0, malformed: 0, notices: [] } as never;
  return summarizeStore(store, lines, [], {}, { from: START, to: now }, { prices: BUNDLED_PRICES, now, version: 'test' });
}

describe('the live ledger past its cap', () => {
  it('folds the oldest responses and keeps every total, session, model and the anomalies found before', () => {
    const now = START + 200_000 + (LIVE_RESPONSES_HELD + 5_000) * 100 + 1_000;
    const folding = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: START, watched: ['/x'] });
    const whole = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: START, watched: ['/x'], keepHistory: true });
    for (const e of events()) {
      folding.apply(e);
      whole.apply(e);
    }
    folding.tick(now);
    whole.tick(now);
    expect(folding.history().ledger.usage.unfolded).toBe(LIVE_RESPONSES_HELD);
    expect(whole.history().ledger.usage.unfolded).toBe(LIVE_RESPONSES_HELD + 5_004);

    // A copy of a folded response (a resumed session) still counts once.
    folding.apply({ ...(events()[10] as TranscriptEvent & { kind: 'usage' }), scope: scope('s-resumed'), time: now });
    whole.apply({ ...(events()[10] as TranscriptEvent & { kind: 'usage' }), scope: scope('s-resumed'), time: now });

    const a = summaryOf(folding, now);
    const b = summaryOf(whole, now);
    expect(a.totals).toEqual(b.totals);
    expect(a.models).toEqual(b.models);
    expect(a.sessions.map((s) => [s.id, s.totals, s.firstTime, s.lastTime, s.models])).toEqual(b.sessions.map((s) => [s.id, s.totals, s.firstTime, s.lastTime, s.models]));
    expect(a.totals.responses).toBe(LIVE_RESPONSES_HELD + 5_004);
    // The cascade was folded away, and is still listed, as it was found.
    const cascade = (s: typeof a) => s.anomalies.filter((x) => x.kind === 'cache-miss-cascade').map((x) => x.id);
    expect(cascade(b)).toHaveLength(1);
    expect(cascade(a)).toEqual(cascade(b));
    expect(folding.getSnapshot().anomalies.map((x) => x.id)).toContain(cascade(b)[0]);
  });
});
