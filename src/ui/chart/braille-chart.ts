/**
 * Line charts drawn with braille dots (2x4 per character) on blessed-contrib's braille canvas
 * (vendored: braille-canvas.ts), returned as lines of text an Ink <Text> can show. Pure: series,
 * size and colour choice in, strings out.
 */
import { BrailleCanvas } from './braille-canvas.js';

export interface ChartLine {
  readonly values: ReadonlyArray<number | null>;
  /** A canvas colour name (red, green, yellow, blue, magenta, cyan, white). */
  readonly color: string;
  /** Drawn instead of dots when there is no colour (NO_COLOR): what tells the lines apart then. */
  readonly glyph?: string;
}

export interface ChartOptions {
  /** Character cells. */
  readonly width: number;
  readonly height: number;
  /** The value drawn at the top row; 0 is the bottom row. */
  readonly max: number;
  readonly color: boolean;
}

/** One string per character row, each exactly `width` cells. A null value breaks the line. */
export function renderChart(lines: readonly ChartLine[], options: ChartOptions): string[] {
  const width = Math.max(1, Math.floor(options.width));
  const height = Math.max(1, Math.floor(options.height));
  if (!options.color && lines.some((l) => l.glyph !== undefined)) return glyphRows(lines, width, height, options.max);
  const ctx = new BrailleCanvas(width * 2, height * 4);
  const top = height * 4 - 1;
  const scale = options.max > 0 ? top / options.max : 0;
  for (const line of lines) {
    ctx.strokeStyle = line.color;
    ctx.beginPath();
    const n = line.values.length;
    let open = false;
    line.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        open = false;
        return;
      }
      const x = n <= 1 ? 0 : Math.round((i * (width * 2 - 1)) / (n - 1));
      const y = top - Math.round(Math.min(v, options.max) * scale);
      if (open) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      // A lone point still shows: a one-pixel stroke to itself.
      if (!open) ctx.lineTo(x, y);
      open = true;
    });
    ctx.stroke();
  }
  return frameRows(ctx, width, height, options.color);
}

/**
 * Without colour, braille lines of four series are one grey tangle: each series is drawn as its
 * own glyph instead, one per character cell, a later series over an earlier one where they meet.
 */
function glyphRows(lines: readonly ChartLine[], width: number, height: number, max: number): string[] {
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  for (const line of lines) {
    const n = line.values.length;
    if (n === 0) continue;
    for (let x = 0; x < width; x++) {
      // The cell shows the largest value of the points that fall in it, as the braille line would reach it.
      const from = Math.floor((x * n) / width);
      const to = Math.max(from + 1, Math.floor(((x + 1) * n) / width));
      let v: number | null = null;
      for (let i = from; i < to && i < n; i++) {
        const value = line.values[i];
        if (value !== null && value !== undefined && Number.isFinite(value) && (v === null || value > v)) v = value;
      }
      // Nothing at zero: every quiet series would write its glyph along the bottom row.
      if (v === null || v <= 0) continue;
      const y = height - 1 - Math.round((Math.min(Math.max(v, 0), max) / (max > 0 ? max : 1)) * (height - 1));
      const row = grid[y];
      if (row !== undefined) row[x] = line.glyph ?? '•';
    }
  }
  return grid.map((row) => row.join(''));
}

/**
 * The canvas as text, one colour span per run of same-coloured cells. The canvas's own frame()
 * wraps every cell in its own escape pair, and Ink tokenizes each one on every render: most of an
 * idle monitor's CPU went there (measured).
 */
function frameRows(canvas: BrailleCanvas, width: number, height: number, color: boolean): string[] {
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    let open: string | undefined;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const dots = canvas.content[i] ?? 0;
      const code = dots === 0 || !color ? undefined : sgr(canvas.colors[i]);
      if (code !== open) {
        if (open !== undefined) row += '\u001b[39m';
        if (code !== undefined) row += code;
        open = code;
      }
      row += dots === 0 ? ' ' : String.fromCharCode(0x2800 + dots);
    }
    if (open !== undefined) row += '\u001b[39m';
    rows.push(row);
  }
  return rows;
}

/** The canvas records a cell's colour as a 0-9 code (9: the terminal's default). */
function sgr(color: number | undefined): string {
  return `\u001b[3${color ?? 9}m`;
}

/** A round upper bound for a y-axis: 1, 2 or 5 times a power of ten, at least `value`. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
