import { describe, expect, it } from 'vitest';
import { hashPair, KeyHashSet } from './key-hash-set.js';

describe('KeyHashSet', () => {
  it('holds what was added and nothing else, across growth', () => {
    const set = new KeyHashSet(4);
    const keys = Array.from({ length: 50_000 }, (_, i) => `msg_01${i.toString(36).padStart(22, '_')}`);
    for (const k of keys) expect(set.add(k)).toBe(true);
    expect(set.size).toBe(50_000);
    expect(set.add(keys[123] as string)).toBe(false);
    expect(keys.every((k) => set.has(k))).toBe(true);
    expect(keys.some((k) => set.has(`${k}!`))).toBe(false);
    // 8 bytes a key, at most three quarters full: 10.7-21.3 bytes a key held.
    expect(set.bytes / set.size).toBeLessThanOrEqual(21.4);
  });

  it('tells apart keys that differ in one character, and non-ASCII ones', () => {
    const seen = new Set<string>();
    for (const k of ['a', 'b', 'ab', 'ba', '日本', '日夲', '🙂', '', 'msg_1', 'msg_2']) seen.add(hashPair(k).join(':'));
    expect(seen.size).toBe(10);
  });
});
