import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashRange, readSourceFile } from './source-file.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

describe('readSourceFile', () => {
  it('finds each wanted line by byte offset, across 1 MiB read chunks, a last line without newline included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokentop-source-'));
    dirs.push(dir);
    const long = `{"k":"${'x'.repeat(1_500_000)}"}`;
    const lines = ['{"a":1}', '', '{"日本":"語"}', long, '{"last":true}'];
    const text = lines.join('\n');
    const file = join(dir, 'f.jsonl');
    await writeFile(file, text);
    const record = await readSourceFile(file, new Set([1, 3, 4, 5, 9]));
    expect(record.size).toBe(Buffer.byteLength(text));
    expect(record.sha256).toBe(sha(text));
    expect(record.changedDuringRun).toBe(false);
    expect(record.missing).toEqual([9]);
    const bytes = Buffer.from(text);
    for (const l of record.lines) {
      const original = lines[l.line - 1] as string;
      expect(l.text).toBe(original);
      expect(l.length).toBe(Buffer.byteLength(original));
      expect(bytes.subarray(l.offset, l.offset + l.length).toString()).toBe(original);
      expect(l.sha256).toBe(sha(original));
      expect(await hashRange(file, l.offset, l.length)).toBe(l.sha256);
    }
    expect(await hashRange(file, bytes.length - 2, 10)).toBeUndefined();
  });

  it('a file written to while it is read is hashed as it was when the read began, and said to have changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokentop-source-'));
    dirs.push(dir);
    const file = join(dir, 'growing.jsonl');
    const before = '{"a":1}\n{"b":2}\n';
    await writeFile(file, before);
    const record = await readSourceFile(file, new Set([2]), () => appendFile(file, '{"c":3}\n'));
    expect(record.changedDuringRun).toBe(true);
    expect(record.size).toBe(before.length);
    expect(record.sha256).toBe(sha(before));
    expect(record.lines.map((l) => l.text)).toEqual(['{"b":2}']);
    expect((await readSourceFile(file, new Set([3]))).changedDuringRun).toBe(false);
  });
});
