import { describe, expect, it } from 'vitest';
import { readThreads } from './read-threads.js';

describe('readThreads', () => {
  it('is one per core by default, what TOKENTOP_READ_THREADS says otherwise, at most 8', () => {
    expect(readThreads(undefined, 2)).toBe(2);
    expect(readThreads(undefined, 16)).toBe(8);
    expect(readThreads('1', 16)).toBe(1);
    expect(readThreads('3', 2)).toBe(3);
    expect(readThreads('many', 4)).toBe(4);
    expect(readThreads('0', 4)).toBe(4);
  });
});
