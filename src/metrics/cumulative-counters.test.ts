import { describe, expect, it } from 'vitest';
import type { UsageEvent } from '../parse/events.js';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { EventLedger } from './event-ledger.js';
import { LiveMetrics } from './live-metrics.js';
import { CumulativeCounters } from './cumulative-counters.js';

const scope = { sessionId: 's', agentId: undefined, isSidechain: false, project: 'p', cwd: undefined };

/** Streaming copies of many responses with awkward prices: each copy's output grows. */
function copies(): UsageEvent[] {
  const out: UsageEvent[] = [];
  for (let i = 0; i < 300; i++) {
    for (const output of [3, 37 + i, 161 + 7 * i]) {
      out.push({ kind: 'usage', key: `msg_${i}`, time: 1000 + i, model: i % 3 === 0 ? 'claude-opus-4-6' : 'claude-sonnet-4-5', usage: { input: 3 + (i % 7), output, cacheCreation: 1234 + i, cacheRead: 98_765 + 13 * i, cacheCreation5m: 1234 + i, cacheCreation1h: 0 }, scope, origin: { file: 'f', line: i } });
    }
  }
  return out;
}

/** The same copies, in another order (a deterministic shuffle). */
function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function totals(events: readonly UsageEvent[]): { counters: number[]; sessions: number[] } {
  const ledger = new EventLedger();
  const counters = new CumulativeCounters(BUNDLED_PRICES);
  const live = new LiveMetrics(BUNDLED_PRICES);
  for (const e of events) {
    const change = ledger.apply(e);
    if (change !== undefined) counters.addChange(change);
    live.apply(e, change);
  }
  return { counters: [...counters.rows()].map((r) => r.costUSD).sort(), sessions: [...live.sessions.values()].map((s) => s.costUSD) };
}

describe('cost counters', () => {
  it('sum to the same dollars, to the last bit, whatever order the copies come in', () => {
    const a = totals(copies());
    const b = totals(shuffled(copies()));
    expect(b.counters).toEqual(a.counters);
    expect(b.sessions).toEqual(a.sessions);
  });
});
