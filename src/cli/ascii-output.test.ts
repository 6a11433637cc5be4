import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { toAscii, wantsAscii } from './ascii-output.js';

describe('ASCII output', () => {
  it('is wanted when the locale is set and not UTF-8', () => {
    expect(wantsAscii({ LANG: 'C' })).toBe(true);
    expect(wantsAscii({ LANG: 'en_US.UTF-8', LC_ALL: 'POSIX' })).toBe(true);
    expect(wantsAscii({ LANG: 'en_US.UTF-8' })).toBe(false);
    expect(wantsAscii({ LC_CTYPE: 'C.utf8', LANG: 'C' })).toBe(false);
    expect(wantsAscii({})).toBe(false);
  });

  it('keeps every line to its columns: boxes, braille, bars, wide text', () => {
    const frame = ['╭──╮ ⣀⠤⠒⠉ 5h ███░░ 31% ↻2h · 決済 🔍…', '\u001b[32m│ ok │\u001b[39m'];
    for (const line of frame) {
      const ascii = toAscii(line);
      expect(ascii).toMatch(/^[\x00-\x7f]*$/);
      expect(stringWidth(ascii)).toBe(stringWidth(line));
    }
    expect(toAscii(frame[0] ?? '')).toBe('+--+ **** 5h ###.. 31% @2h . ???? ??~');
  });
});
