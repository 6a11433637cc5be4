import { describe, expect, it } from 'vitest';
import { isFramedObject, NeedleFilter } from './needle-filter.js';

/** A small deterministic PRNG, so a failure can be replayed. */
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

describe('NeedleFilter', () => {
  const needles = ['"usage"', '"api_error"', '"cost-state"'];
  const pieces = ['{"type":"user"', '"usage"', 'xx', '"api_', 'error"', '"cost-state"', 'é', '"', ':', 'usage', '日本'];

  it('agrees with a naive per-line search on 2,000 random lines across chunk offsets', () => {
    const random = rng(42);
    const lines = Array.from({ length: 2000 }, () => Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
    const body = Buffer.from(lines.join('\n') + '\n');
    // Bytes after the chunk (stale buffer contents) hold needles too: they must not leak into a line.
    const buf = Buffer.concat([Buffer.from('"usage"\n'), body, Buffer.from('"usage""api_error"')]);
    const filter = new NeedleFilter(needles);
    filter.chunk(buf, 8, 8 + body.length);
    let start = 8;
    for (const line of lines) {
      const end = start + Buffer.byteLength(line);
      expect(filter.matches(start, end), line).toBe(needles.some((n) => line.includes(n)));
      start = end + 1;
    }
  });
});

describe('isFramedObject', () => {
  it.each([
    ['{"a":1}', true],
    ['  {"a":1}\r', true],
    ['{"a":', false],
    ['"a"}', false],
    ['', false],
    ['{', false],
  ])('%j -> %s', (text, framed) => {
    const buf = Buffer.from(text);
    expect(isFramedObject(buf, 0, buf.length)).toBe(framed);
  });
});
