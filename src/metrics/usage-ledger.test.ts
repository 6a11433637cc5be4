import { describe, expect, it } from 'vitest';
import type { Scope, TokenUsage, UsageEvent } from '../parse/events.js';
import { UsageLedger } from './usage-ledger.js';

const scope = (sessionId: string): Scope => ({ sessionId, agentId: undefined, isSidechain: false, project: 'p', cwd: undefined });
const usage = (u: Partial<TokenUsage>): TokenUsage => ({ input: 0, output: 0, cacheCreation: 0, cacheRead: 0, cacheCreation5m: 0, cacheCreation1h: 0, ...u });
const copy = (key: string, time: number, u: Partial<TokenUsage>, session = 's1', model = 'claude-opus-4-6'): UsageEvent => ({
  kind: 'usage',
  key,
  time,
  model,
  usage: usage(u),
  scope: scope(session),
  origin: { file: 'f', line: time },
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('UsageLedger: the counting rule', () => {
  // Streaming copies: input and cache repeat, output grows; a resumed session re-copies the response later.
  const copies = [
    copy('msg_1', 1000, { input: 3, cacheCreation: 500, cacheRead: 9000, output: 3 }),
    copy('msg_1', 1001, { input: 3, cacheCreation: 500, cacheRead: 9000, output: 161 }),
    copy('msg_1', 1002, { input: 3, cacheCreation: 500, cacheRead: 9000, output: 40 }),
    copy('msg_1', 5000, { input: 3, cacheCreation: 500, cacheRead: 9000, output: 161 }, 'resumed-session'),
  ];

  it('keeps the per-field maximum and the first copy time, in every arrival order', () => {
    for (const order of permutations(copies)) {
      const ledger = new UsageLedger();
      for (const c of order) ledger.add(c);
      const r = ledger.get('msg_1');
      expect(r).toMatchObject({ time: 1000, input: 3, output: 161, cacheCreation: 500, cacheRead: 9000, copies: 4 });
      expect(r?.scope.sessionId).toBe('s1');
    }
  });

  it('reports what each copy added, so live totals never double count', () => {
    const ledger = new UsageLedger();
    const deltas = copies.map((c) => ledger.add(c)?.delta.output);
    expect(deltas).toEqual([3, 158, 0, 0]);
    expect(deltas.reduce((a = 0, b = 0) => a + b, 0)).toBe(161);
  });

  it('breaks a time tie by session id, not by arrival', () => {
    const a = copy('k', 10, { input: 1 }, 'b-session');
    const b = copy('k', 10, { input: 1 }, 'a-session');
    for (const order of [[a, b], [b, a]]) {
      const ledger = new UsageLedger();
      for (const c of order) ledger.add(c);
      expect(ledger.get('k')?.scope.sessionId).toBe('a-session');
    }
  });

  it('learns the model from a later copy when the first had none', () => {
    const ledger = new UsageLedger();
    ledger.add(copy('k', 1, {}, 's', 'unknown'));
    ledger.add(copy('k', 2, {}, 's', 'claude-haiku-4-5'));
    expect(ledger.get('k')?.model).toBe('claude-haiku-4-5');
  });

  it('pruneBefore forgets old responses only', () => {
    const ledger = new UsageLedger();
    ledger.add(copy('old', 1, {}));
    ledger.add(copy('new', 100, {}));
    expect(ledger.pruneBefore(50)).toBe(1);
    expect([...ledger.values()].map((r) => r.key)).toEqual(['new']);
  });
});

describe('UsageLedger.fold: a bounded live ledger that keeps every total', () => {
  const MIN = 60_000;
  // 40 responses, 4 a minute over 10 minutes, in two sessions, one of them above the price tier.
  const events = Array.from({ length: 40 }, (_, i) => copy(`msg_${i}`, i * 15_000, { input: 10 + i, output: 100 + i, cacheCreation: i, cacheCreation1h: i % 2, cacheRead: i % 3 === 0 ? 250_000 : 1_000 }, i % 2 === 0 ? 's1' : 's2'));
  const totalsOf = (ledger: UsageLedger): Record<string, number> => {
    const t = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, cacheCreation1h: 0, responses: 0 };
    for (const r of ledger.values()) {
      t.input += r.input;
      t.output += r.output;
      t.cacheCreation += r.cacheCreation;
      t.cacheRead += r.cacheRead;
      t.cacheCreation1h += r.cacheCreation1h;
      t.responses += r.folded?.responses ?? 1;
    }
    return t;
  };

  it('folds the oldest past the cap, keeping the totals, the responses and the tier of each', () => {
    const whole = new UsageLedger();
    const folding = new UsageLedger();
    for (const e of events) {
      whole.add(e);
      folding.add(e);
    }
    expect(folding.fold(10)).toBe(30);
    expect(folding.unfolded).toBe(10);
    expect(totalsOf(folding)).toEqual(totalsOf(whole));
    expect(folding.foldedUpTo).toBe(29 * 15_000);
    const folded = [...folding.values()].filter((r) => r.folded !== undefined);
    // 30 responses over 7.5 minutes: one record per minute, session and tier, never one per response.
    expect(folded.length).toBeLessThan(30);
    expect(folded.length).toBeGreaterThanOrEqual(8);
    for (const r of folded) expect(r.promptOverTier).toBe(r.cacheRead >= 250_000);
    // Each folded record's first time is a response's, its last within the same minute.
    for (const r of folded) expect(Math.floor((r.folded?.lastTime ?? 0) / MIN)).toBe(Math.floor(r.time / MIN));
  });

  it('counts a later copy of a folded response once: it adds nothing', () => {
    const ledger = new UsageLedger();
    for (const e of events) ledger.add(e);
    ledger.fold(5);
    const before = totalsOf(ledger);
    expect(ledger.add({ ...(events[3] as UsageEvent), scope: scope('resumed'), time: 9_999_999 })).toBeUndefined();
    expect(totalsOf(ledger)).toEqual(before);
    // A response never seen is still new.
    expect(ledger.add(copy('msg_new', 9_999_999, { output: 7 }))?.isNew).toBe(true);
  });

  it('folds nothing under the cap, and pruneBefore forgets folded records and their keys by age', () => {
    const ledger = new UsageLedger();
    for (const e of events) ledger.add(e);
    expect(ledger.fold(40)).toBe(0);
    ledger.fold(0);
    expect(ledger.unfolded).toBe(0);
    ledger.pruneBefore(Number.MAX_SAFE_INTEGER);
    expect(ledger.size).toBe(0);
    // Its key is gone with its hour: a copy now counts as new.
    expect(ledger.add(events[0] as UsageEvent)?.isNew).toBe(true);
  });
});
