import { describe, expect, it } from 'vitest';
import { textHash } from './text-hash.js';

describe('textHash', () => {
  it('is 16 hex digits, the same for the same text, different for texts that differ in one character, even after a long shared start', () => {
    const preamble = 'Audit the specs of this repository. '.repeat(50);
    const hashes = ['', 'a', 'b', `${preamble}batch 1`, `${preamble}batch 2`, `${preamble}batch 1 `].map(textHash);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(textHash(`${preamble}batch 1`)).toBe(hashes[3]);
  });
});
