import { describe, expect, it } from 'vitest';
import { oneLine, stripControl } from './untrusted-text.js';

describe('stripControl', () => {
  it.each([
    ['\u001b[31mred\u001b[0m', 'red'],
    ['title\u001b]0;pwned\u0007!', 'title!'],
    ['osc-st\u001b]8;;http://x\u001b\\link', 'osc-stlink'],
    ['clear\u001b[2J\u001b[Hscreen', 'clearscreen'],
    ['bell\u0007 and back\u0008space', 'bell and backspace'],
    ['c1\u009b31mcsi', 'c1csi'],
    ['bidi \u202eevil\u202c', 'bidi evil'],
    ['tab\there', 'tab here'],
    ['keeps ünïcødé and 日本語', 'keeps ünïcødé and 日本語'],
  ])('%j -> %j', (input, expected) => {
    expect(stripControl(input)).toBe(expected);
  });
});

describe('oneLine', () => {
  it('folds newlines and cuts with an ellipsis', () => {
    expect(oneLine('a\n\nb', 10)).toBe('a ⏎ b');
    expect(oneLine('abcdefghij', 5)).toBe('abcd…');
  });
});
