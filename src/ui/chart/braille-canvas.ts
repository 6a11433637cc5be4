/**
 * A braille canvas: 2x4 dots per character cell, a colour per cell, lines drawn with Bresenham.
 *
 * Vendored, not imported. Upstream: blessed-contrib's braille canvas, the npm packages
 * drawille-canvas-blessed-contrib 0.1.3 (its Context: strokeStyle, moveTo, lineTo, stroke),
 * drawille-blessed-contrib 1.0.0 (the dot map and cell colours) and bresenham 0.0.3 (the line), by
 * Bence Dányi and contributors (github.com/madbence/node-drawille-canvas, node-drawille), MIT
 * licence. Why: tokentop draws the cells itself (one colour span per run of cells; the canvas's own
 * frame() wrapped every cell in an escape pair and Ink tokenized each one on every render: most of
 * an idle monitor's CPU) and so read the canvas's private `_canvas`. Only the part used is kept:
 * no transforms, fills, text or images. Colours are recorded as the canvas did, 0-9 (9: default).
 */

/** The dot of a cell at (x % 2, y % 4), as the bit of the braille character U+2800 + bits. */
const DOTS = [
  [0x1, 0x8],
  [0x2, 0x10],
  [0x4, 0x20],
  [0x40, 0x80],
] as const;

export const CANVAS_COLORS: Readonly<Record<string, number>> = { black: 0, red: 1, green: 2, yellow: 3, blue: 4, magenta: 5, cyan: 6, white: 7, normal: 9 };

export class BrailleCanvas {
  /** Per cell, row by row: its dots, and the colour of the last dot set in it. */
  readonly content: Uint8Array;
  readonly colors: Array<number | undefined>;
  /** The colour the next stroke draws in (a CANVAS_COLORS name). */
  strokeStyle = 'normal';
  private path: Array<{ x: number; y: number; stroke: boolean }> = [];

  /** Width and height in dots: multiples of 2 and 4. */
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (width % 2 !== 0 || height % 4 !== 0) throw new Error('a braille canvas is 2 dots wide and 4 high per cell');
    this.content = new Uint8Array((width * height) / 8);
    this.colors = new Array<number | undefined>((width * height) / 8);
  }

  beginPath(): void {
    this.path = [];
  }

  moveTo(x: number, y: number): void {
    this.path.push({ x: Math.floor(x), y: Math.floor(y), stroke: false });
  }

  lineTo(x: number, y: number): void {
    this.path.push({ x: Math.floor(x), y: Math.floor(y), stroke: true });
  }

  /** Draw the path's segments (each lineTo from the point before it). */
  stroke(): void {
    for (let i = 0; i + 1 < this.path.length; i++) {
      const from = this.path[i] as { x: number; y: number };
      const to = this.path[i + 1] as { x: number; y: number; stroke: boolean };
      if (to.stroke) this.line(from.x, from.y, to.x, to.y);
    }
  }

  /** Set the dot at (x, y); outside the canvas, nothing. */
  set(x: number, y: number): void {
    if (!(x >= 0 && x < this.width && y >= 0 && y < this.height)) return;
    const cell = Math.floor(x / 2) + (this.width / 2) * Math.floor(y / 4);
    this.content[cell] = (this.content[cell] ?? 0) | (DOTS[y % 4] as readonly [number, number])[x % 2] as number;
    this.colors[cell] = CANVAS_COLORS[this.strokeStyle] ?? 9;
  }

  /** Bresenham's line from (x0, y0) to (x1, y1), both ends included. */
  private line(x0: number, y0: number, x1: number, y1: number): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const adx = Math.abs(dx);
    const ady = Math.abs(dy);
    const sx = dx > 0 ? 1 : -1;
    const sy = dy > 0 ? 1 : -1;
    let eps = 0;
    if (adx > ady) {
      for (let x = x0, y = y0; sx < 0 ? x >= x1 : x <= x1; x += sx) {
        this.set(x, y);
        eps += ady;
        if (eps << 1 >= adx) {
          y += sy;
          eps -= adx;
        }
      }
    } else {
      for (let x = x0, y = y0; sy < 0 ? y >= y1 : y <= y1; y += sy) {
        this.set(x, y);
        eps += adx;
        if (eps << 1 >= ady) {
          x += sx;
          eps -= ady;
        }
      }
    }
  }
}
