/**
 * Text cut and padded to display columns (string-width), in the text report and the monitor alike:
 * a CJK character or an emoji takes two columns, and widths counted in characters misaligned every
 * table with such a name in it and pushed the file name off a footer (seen in tmux). Paths are cut
 * in their middle (the head says which tree, the tail which file), other text at its end.
 */
import stringWidth from 'string-width';
import { oneLine } from '../parse/untrusted-text.js';

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pad or cut `text` to exactly `width` columns; a cut ends in `…`. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const w = stringWidth(text);
  const fitted = w <= width ? text : `${fitFromStart(text, Math.max(0, width - 1))}…`;
  const pad = ' '.repeat(Math.max(0, width - stringWidth(fitted)));
  return align === 'left' ? fitted + pad : pad + fitted;
}

/** A path in at most `max` columns: its head, `…`, and its tail with the whole file name when it fits. */
export function middleCut(text: string, max: number): string {
  const flat = oneLine(text, Number.MAX_SAFE_INTEGER);
  if (stringWidth(flat) <= max) return flat;
  // Keep at least 70% for the tail, and the whole file name (from the last slash) when it fits.
  const slash = flat.lastIndexOf('/');
  const fileName = slash < 0 ? 0 : stringWidth(flat.slice(slash));
  const tail = Math.min(max - 2, Math.max(Math.ceil((max - 1) * 0.7), fileName));
  return `${fitFromStart(flat, Math.max(0, max - 1 - tail))}…${fitFromEnd(flat, tail)}`;
}

/** A path padded or cut in its middle to exactly `width` columns. */
export function pathCell(text: string, width: number): string {
  return cell(middleCut(text, width), width);
}

/** Words into lines of at most `width` columns (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && stringWidth(line) + 1 + stringWidth(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The longest head of `text` at most `width` columns wide (whole graphemes: an emoji is never split). */
function fitFromStart(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** The longest tail of `text` at most `width` columns wide. */
function fitFromEnd(text: string, width: number): string {
  const parts = graphemes(text);
  let out = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const g = parts[i] as string;
    const w = stringWidth(g);
    if (used + w > width) break;
    out = g + out;
    used += w;
  }
  return out;
}

const segmenter = new Intl.Segmenter();

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
