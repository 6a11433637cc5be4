import { describe, expect, it } from 'vitest';
import { middleCut } from './middle-cut.js';

describe('middleCut', () => {
  it('keeps a path whole when it fits, else its head and its whole file name', () => {
    expect(middleCut('/a/b/c.json', 20)).toBe('/a/b/c.json');
    const cut = middleCut('/home/someone/.local/state/tokentop/snapshots/tokentop-snapshot-20261202-104752.json', 50);
    expect(cut).toHaveLength(50);
    expect(cut).toMatch(/^\/home.*…\/tokentop-snapshot-20261202-104752\.json$/);
  });

  it('cuts a file name too when nothing else fits', () => {
    expect(middleCut('/x/averyveryverylongfilename.jsonl', 12)).toHaveLength(12);
  });
});
