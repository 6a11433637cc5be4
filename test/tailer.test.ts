import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, rename, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTailer, ScratchBuffer, type LineSink, type TailNotice } from '../src/sources/file-tailer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokentop-tailer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Collects lines as strings, and the notices of every poll. */
function collector(): LineSink & { lines: string[]; lineNos: number[]; notices: TailNotice[] } {
  const sink = {
    lines: [] as string[],
    lineNos: [] as number[],
    notices: [] as TailNotice[],
    line(buf: Buffer, start: number, end: number, lineNo: number) {
      sink.lines.push(buf.toString('utf8', start, end));
      sink.lineNos.push(lineNo);
    },
  };
  return sink;
}

function poll(tailer: FileTailer, sink: ReturnType<typeof collector>, scratch = new ScratchBuffer(4096)): void {
  const result = tailer.poll(sink, scratch);
  sink.notices.push(...result.notices);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('FileTailer', () => {
  it('reads only appended bytes and holds a partial line until its newline', async () => {
    const file = join(dir, 'a.jsonl');
    await writeFile(file, '{"n":1}\n{"n":');
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    expect(sink.lines).toEqual(['{"n":1}']);
    expect(tailer.pendingBytes).toBe(5);
    await appendFile(file, '2}\n{"n":3}\n');
    poll(tailer, sink);
    expect(sink.lines).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(sink.lineNos).toEqual([1, 2, 3]);
    expect(tailer.offset).toBe(24);
    tailer.close();
  });

  it('keeps a multi-byte character whole when a write splits its bytes', async () => {
    const file = join(dir, 'utf8.jsonl');
    const text = Buffer.from('{"t":"日本語 é 🎉"}\n');
    const tailer = new FileTailer(file);
    const sink = collector();
    await writeFile(file, '');
    // Split inside every multi-byte sequence, one byte at a time.
    for (const byte of text) {
      await appendFile(file, Buffer.from([byte]));
      poll(tailer, sink);
    }
    expect(sink.lines).toEqual(['{"t":"日本語 é 🎉"}']);
    tailer.close();
  });

  it('reads nothing from an empty file, without a notice', async () => {
    const file = join(dir, 'empty.jsonl');
    await writeFile(file, '');
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    expect(sink.lines).toEqual([]);
    expect(sink.notices).toEqual([]);
    tailer.close();
  });

  it('restarts at 0 after truncation', async () => {
    const file = join(dir, 't.jsonl');
    await writeFile(file, 'one\ntwo\nthree\n');
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    await truncate(file, 0);
    await appendFile(file, 'four\n');
    poll(tailer, sink);
    expect(sink.lines).toEqual(['one', 'two', 'three', 'four']);
    expect(sink.notices.map((n) => n.kind)).toEqual(['truncated']);
    tailer.close();
  });

  it('notices a truncate-and-regrow that ends with the same 32 bytes before the old offset', async () => {
    const file = join(dir, 'regrow-same-tail.jsonl');
    const tail = `${'t'.repeat(40)}\n`;
    await writeFile(file, `first-${tail}`);
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    // Rewritten: another head, the same bytes before the old offset, and more after it.
    await writeFile(file, `FIRST-${tail}more\n`);
    poll(tailer, sink);
    expect(sink.notices.map((n) => n.kind)).toEqual(['truncated']);
    expect(sink.lines).toEqual([`first-${'t'.repeat(40)}`, `FIRST-${'t'.repeat(40)}`, 'more']);
    tailer.close();
  });

  it('notices a truncate-and-regrow past the old offset between two polls', async () => {
    const file = join(dir, 'regrow.jsonl');
    await writeFile(file, 'aaaa\nbbbb\n');
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    await writeFile(file, 'cccccccc\ndddddddd\n');
    poll(tailer, sink);
    expect(sink.lines).toEqual(['aaaa', 'bbbb', 'cccccccc', 'dddddddd']);
    expect(sink.notices.map((n) => n.kind)).toEqual(['truncated']);
    tailer.close();
  });

  it('drains the old file before reading a replacement from its start', async () => {
    const file = join(dir, 'r.jsonl');
    await writeFile(file, 'old-1\n');
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    await appendFile(file, 'old-2\n');
    await writeFile(join(dir, 'next'), 'new-1\nnew-2\n');
    await rename(join(dir, 'next'), file);
    poll(tailer, sink);
    expect(sink.lines).toEqual(['old-1', 'old-2', 'new-1', 'new-2']);
    expect(sink.notices.map((n) => n.kind)).toEqual(['replaced']);
    tailer.close();
  });

  it('drains, closes and reports a deleted file, and reads it again from 0 if it comes back', async () => {
    const file = join(dir, 'd.jsonl');
    await writeFile(file, 'x-1\n');
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink);
    await appendFile(file, 'x-2\n');
    await unlink(file);
    poll(tailer, sink);
    poll(tailer, sink);
    expect(sink.lines).toEqual(['x-1', 'x-2']);
    expect(sink.notices.map((n) => n.kind)).toEqual(['deleted']);
    await writeFile(file, 'y-1\n');
    poll(tailer, sink);
    expect(sink.lines.at(-1)).toBe('y-1');
    tailer.close();
  });

  it('reads a 1 MB line whole, growing the read buffer', async () => {
    const file = join(dir, 'big.jsonl');
    const big = `{"t":"${'x'.repeat(1024 * 1024)}"}`;
    await writeFile(file, `${big}\nsmall\n`);
    const tailer = new FileTailer(file);
    const sink = collector();
    poll(tailer, sink, new ScratchBuffer(1024));
    expect(sink.lines.map((l) => l.length)).toEqual([big.length, 5]);
    tailer.close();
  });

  it('skips a line over maxLineBytes, reports it, and goes on with the next', async () => {
    const file = join(dir, 'huge.jsonl');
    await writeFile(file, `before\n${'y'.repeat(50_000)}\nafter\n`);
    const tailer = new FileTailer(file, { maxLineBytes: 10_000 });
    const sink = collector();
    poll(tailer, sink, new ScratchBuffer(1024));
    expect(sink.lines).toEqual(['before', 'after']);
    expect(sink.lineNos).toEqual([1, 3]);
    expect(sink.notices).toEqual([{ kind: 'line-too-long', path: file, lineNo: 2, bytes: 50_000 }]);
    tailer.close();
  });

  it('reports a path that is no regular file as a notice, not an exception, and never opens it', () => {
    const tailer = new FileTailer(dir); // a directory cannot be read as a file
    const sink = collector();
    poll(tailer, sink);
    expect(sink.notices.map((n) => n.kind)).toEqual(['not-a-file']);
  });

  it('never blocks on a FIFO with a transcript name', () => {
    const fifo = join(dir, 'trap.jsonl');
    execFileSync('mkfifo', [fifo]);
    const sink = collector();
    // Opening a FIFO for reading blocks until a writer comes: this poll returning at all is the test.
    poll(new FileTailer(fifo), sink);
    expect(sink.notices.map((n) => n.kind)).toEqual(['not-a-file']);
  });

  it('tails 2,000 files with one shared buffer', async () => {
    const files = await Promise.all(
      Array.from({ length: 2000 }, async (_, i) => {
        const file = join(dir, `f${i}.jsonl`);
        await writeFile(file, `${i}-a\n${i}-b\n`);
        return file;
      }),
    );
    const scratch = new ScratchBuffer();
    const tailers = files.map((f) => new FileTailer(f));
    const sink = collector();
    for (const t of tailers) poll(t, sink, scratch);
    await Promise.all(files.map((f, i) => appendFile(f, `${i}-c\n`)));
    for (const t of tailers) poll(t, sink, scratch);
    for (const t of tailers) t.close();
    expect(sink.lines).toHaveLength(6000);
    expect(sink.lines.filter((l) => l.endsWith('-c'))).toHaveLength(2000);
  });

  it('10,000 lines in random chunks, a rotation and a truncation halfway: none lost, none doubled, order kept', async () => {
    const random = rng(7);
    const file = join(dir, 'stress.jsonl');
    await writeFile(file, '');
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ n: i, pad: 'é日'.repeat(Math.floor(random() * 40)) }));
    const tailer = new FileTailer(file);
    const sink = collector();
    const scratch = new ScratchBuffer(512);
    let pending = Buffer.alloc(0);

    const writeLines = async (from: number, to: number, pollChance: number): Promise<void> => {
      pending = Buffer.concat([pending, Buffer.from(lines.slice(from, to).map((l) => `${l}\n`).join(''))]);
      // Random-sized chunks, cut anywhere (inside multi-byte characters too), polled at random moments.
      while (pending.length > 0) {
        const size = 1 + Math.floor(random() * 3000);
        await appendFile(file, pending.subarray(0, size));
        pending = pending.subarray(size);
        if (random() < pollChance) poll(tailer, sink, scratch);
      }
    };

    await writeLines(0, 4900, 0.4);
    // Rotation: a burst lands in the old file after our last poll, then a new file takes the name.
    poll(tailer, sink, scratch);
    await writeLines(4900, 5000, 0);
    await rename(file, `${file}.1`);
    await writeFile(file, '');
    await writeLines(5000, 6000, 0.4);
    poll(tailer, sink, scratch);
    // Truncation, then a burst larger than the old offset before the next poll: only the fingerprint sees it.
    await truncate(file, 0);
    await writeLines(6000, 9000, 0);
    await writeLines(9000, 10_000, 0.4);
    poll(tailer, sink, scratch);
    tailer.close();

    const seen = sink.lines.map((l) => (JSON.parse(l) as { n: number }).n);
    expect(seen).toHaveLength(10_000);
    expect(seen).toEqual(lines.map((_, i) => i));
    expect(sink.notices.map((n) => n.kind)).toEqual(['replaced', 'truncated']);
  });
});
