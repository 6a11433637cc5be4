import { describe, expect, it } from 'vitest';
import { readThreads } from './read-threads.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const threads = (setting: string | undefined, cores: number, free: number): number => readThreads(setting, cores, free).threads;

describe('readThreads', () => {
  it('is one per core by default, what TOKENTOP_READ_THREADS says otherwise, at most 8', () => {
    expect(threads(undefined, 2, 8 * GIB)).toBe(2);
    expect(threads(undefined, 16, 8 * GIB)).toBe(8);
    expect(threads('1', 16, 8 * GIB)).toBe(1);
    expect(threads('3', 2, 8 * GIB)).toBe(3);
    expect(threads('many', 4, 8 * GIB)).toBe(4);
    expect(threads('0', 4, 8 * GIB)).toBe(4);
  });

  it('starts no more read threads by default than free memory holds (256 MiB kept, 64 MiB a thread)', () => {
    expect(threads(undefined, 16, 200 * MIB)).toBe(1);
    expect(threads(undefined, 16, 256 * MIB + 3 * 64 * MIB)).toBe(4);
    expect(threads(undefined, 2, 256 * MIB + 64 * MIB)).toBe(2);
    // Asked for by name, the threads are the user's choice.
    expect(threads('4', 16, 200 * MIB)).toBe(4);
  });

  it('by default wants 128 MiB to read per thread; asked for by name, splits any read over a MiB a thread', () => {
    expect(readThreads(undefined, 8, 8 * GIB).bytesPerThread).toBe(128 * MIB);
    expect(readThreads('4', 8, 8 * GIB).bytesPerThread).toBe(MIB);
  });
});
