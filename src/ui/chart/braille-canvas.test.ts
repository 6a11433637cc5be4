import { describe, expect, it } from 'vitest';
import { BrailleCanvas } from './braille-canvas.js';

const chars = (c: BrailleCanvas): string => Array.from(c.content, (d) => String.fromCharCode(0x2800 + d)).join('');

describe('BrailleCanvas (vendored blessed-contrib canvas)', () => {
  it('sets the dot of each (x, y) in its cell, the colour of the stroke with it, and ignores what is outside', () => {
    const c = new BrailleCanvas(4, 4);
    c.strokeStyle = 'cyan';
    c.set(0, 0);
    c.set(1, 3);
    c.set(9, 9);
    c.set(-1, 0);
    expect(chars(c)).toBe('⢁⠀');
    expect(c.colors).toEqual([6, undefined]);
  });

  it('draws a path with Bresenham: a lone point, a flat line, a steep one; a moveTo breaks the line', () => {
    const c = new BrailleCanvas(8, 8);
    c.strokeStyle = 'yellow';
    c.beginPath();
    c.moveTo(0, 7);
    c.lineTo(7, 7);
    c.moveTo(0, 0);
    c.lineTo(0, 0);
    c.moveTo(7, 0);
    c.lineTo(7, 3);
    c.stroke();
    expect(chars(c)).toBe('⠁⠀⠀⢸⣀⣀⣀⣀');
    expect(new Set(c.colors.filter((x) => x !== undefined))).toEqual(new Set([3]));
  });
});
