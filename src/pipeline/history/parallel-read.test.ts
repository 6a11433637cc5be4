import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerShares } from './parallel-read.js';

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
    const parts = workerShares(list, () => false, 4);
    expect(parts).toEqual([list.slice(2, 4), list.slice(4, 6), list.slice(6, 8)]);
  });

  it('leaves the files the index has to the main thread, and splits nothing small or on one thread', () => {
    const list = files([20, 1, 20, 20]);
    expect(workerShares(list, (f) => f === list[0], 2)).toEqual([list.slice(3)]);
    expect(workerShares(list, () => false, 1)).toEqual([]);
    // Under MIN_PARALLEL_BYTES (32 MiB) to read: one thread.
    expect(workerShares(files([1, 2]), () => false, 8)).toEqual([]);
  });
});
