import { describe, expect, it } from 'vitest';
import { readThreads } from './read-threads.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe('readThreads', () => {
  it('is one per core by default, what TOKENTOP_READ_THREADS says otherwise, at most 8', () => {
    expect(readThreads(undefined, 2, 8 * GIB)).toBe(2);
    expect(readThreads(undefined, 16, 8 * GIB)).toBe(8);
    expect(readThreads('1', 16, 8 * GIB)).toBe(1);
    expect(readThreads('3', 2, 8 * GIB)).toBe(3);
    expect(readThreads('many', 4, 8 * GIB)).toBe(4);
    expect(readThreads('0', 4, 8 * GIB)).toBe(4);
  });

  it('starts no more read threads by default than free memory holds (256 MiB kept, 64 MiB a thread)', () => {
    expect(readThreads(undefined, 16, 200 * MIB)).toBe(1);
    expect(readThreads(undefined, 16, 256 * MIB + 3 * 64 * MIB)).toBe(4);
    expect(readThreads(undefined, 2, 256 * MIB + 64 * MIB)).toBe(2);
    // Asked for by name, the threads are the user's choice.
    expect(readThreads('4', 16, 200 * MIB)).toBe(4);
  });
});
