import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { cell, middleCut, pathCell, wrap } from './text-width.js';

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

describe('cell, pathCell and wrap count display columns', () => {
  it('pads and cuts wide text to exactly the width', () => {
    for (const text of ['日本語のプロジェクト名', '🚀 launch 🚀 again', 'plain ascii text here', 'e\u0301tude']) {
      for (const width of [1, 5, 8, 12, 30]) {
        expect(stringWidth(cell(text, width))).toBe(width);
        expect(stringWidth(cell(text, width, 'right'))).toBe(width);
      }
    }
    // An emoji is never split in two, nor a combining accent from its letter.
    expect(cell('🚀🚀🚀', 4)).toBe('🚀… ');
    expect(cell('e\u0301tude', 3)).toBe('e\u0301t…');
  });

  it('cuts a path in its middle, keeping its last dir', () => {
    const cut = pathCell('/home/dev/プロジェクト/ウェブアプリ/packages/フロント', 24);
    expect(stringWidth(cut)).toBe(24);
    expect(cut).toMatch(/^\/home.*….*フロント$/);
  });

  it('wraps by columns', () => {
    const lines = wrap('日本語 の テキスト を 折り返す ための 文章 です', 12);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(12);
    expect(lines.join(' ')).toBe('日本語 の テキスト を 折り返す ための 文章 です');
  });
});

