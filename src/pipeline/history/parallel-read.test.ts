import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerShares } from './parallel-read.js';

const MIB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'tokentop-shares-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sparse files of the given MiB: their size is all the split reads. */
function files(mib: readonly number[]): string[] {
  return mib.map((m, i) => {
    const f = join(dir, `f${i}-${m}.jsonl`);
    writeFileSync(f, '');
    truncateSync(f, m * 1024 * 1024);
    return f;
  });
}

describe('workerShares', () => {
  it('cuts the files to read into parts of about equal bytes, in file order, the first the main thread\'s', () => {
    const list = files([10, 10, 10, 10, 10, 10, 10, 10]);
    const parts = workerShares(list, () => false, { threads: 4, bytesPerThread: MIB });
    expect(parts).toEqual([list.slice(2, 4), list.slice(4, 6), list.slice(6, 8)]);
  });

  it('leaves the files the index has to the main thread, and splits nothing small or on one thread', () => {
    const list = files([20, 1, 20, 20]);
    expect(workerShares(list, (f) => f === list[0], { threads: 2, bytesPerThread: MIB })).toEqual([list.slice(3)]);
    expect(workerShares(list, () => false, { threads: 1, bytesPerThread: MIB })).toEqual([]);
    // As many threads as there are bytesPerThread to read, at most `threads`: 3 MiB at 2 MiB a thread is one.
    expect(workerShares(files([1, 2]), () => false, { threads: 8, bytesPerThread: 2 * MIB })).toEqual([]);
    const [a, b, c, d] = files([3, 3, 3, 3]);
    expect(workerShares([a, b, c, d] as string[], () => false, { threads: 8, bytesPerThread: 6 * MIB })).toEqual([[c, d]]);
  });
});
