import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { middleCut } from './middle-cut.js';

describe('middleCut', () => {
  it('keeps a path whole when it fits, else its head and its whole file name', () => {
    expect(middleCut('/a/b/c.json', 20)).toBe('/a/b/c.json');
    const cut = middleCut('/home/someone/.local/state/tokentop/snapshots/tokentop-snapshot-20261202-104752.json', 50);
    expect(cut).toHaveLength(50);
    expect(cut).toMatch(/^\/home.*…\/tokentop-snapshot-20261202-104752\.json$/);
  });

  it('counts display columns: a wide dir name does not push the file name off the line', () => {
    const cut = middleCut('/tmp/快照-📸/tokentop-snapshot-20261202-122443.json (+ .txt)', 50);
    expect(stringWidth(cut)).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/…\/tokentop-snapshot-20261202-122443\.json \(\+ \.txt\)$/);
  });

  it('cuts a file name too when nothing else fits', () => {
    expect(middleCut('/x/averyveryverylongfilename.jsonl', 12)).toHaveLength(12);
  });
});
