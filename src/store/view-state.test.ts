import { describe, expect, it } from 'vitest';
import { initialView, reduceView } from './view-state.js';

describe('reduceView', () => {
  const ids = ['a', 'b', 'c'];

  it('focuses each session in the order listed, then all again', () => {
    let v = initialView();
    const seen: Array<string | undefined> = [];
    for (let i = 0; i < 4; i++) seen.push((v = reduceView(v, 'focus', ids)).focusId);
    expect(seen).toEqual(['a', 'b', 'c', undefined]);
  });

  it('keeps the scroll within the table, and a new order starts at the top', () => {
    let v = reduceView(initialView(), { scroll: 5 }, ids);
    expect(v.sessionOffset).toBe(2);
    v = reduceView(v, { scroll: -9 }, ids);
    expect(v.sessionOffset).toBe(0);
    v = reduceView(v, { scrollTo: 'bottom' }, ids);
    expect(v.sessionOffset).toBe(2);
    v = reduceView(v, 'sort', ids);
    expect([v.sessionSort, v.sessionOffset]).toEqual(['tokens', 0]);
  });

  it('cycles the chart window, or the quota range while the quota view is open', () => {
    let v = reduceView(initialView('1h'), 'window', ids);
    expect(v.windowIndex).toBe(initialView('6h').windowIndex);
    v = reduceView(v, 'quota', ids);
    expect(v.quotaRange).toBe('5h');
    v = reduceView(v, 'window', ids);
    expect([v.quotaRange, v.windowIndex]).toEqual(['24h', initialView('6h').windowIndex]);
    expect(reduceView(v, 'quota', ids).quotaRange).toBeUndefined();
  });
});
