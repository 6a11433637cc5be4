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
    const deltas = copies.map((c) => ledger.add(c).delta.output);
    expect(deltas).toEqual([3, 158, 0, 0]);
    expect(deltas.reduce((a, b) => a + b, 0)).toBe(161);
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
