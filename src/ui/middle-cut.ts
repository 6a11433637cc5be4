/**
 * Paths are cut in their middle: the head says which tree, the tail which file (and line). Widths
 * are display columns (string-width): a CJK character or an emoji takes two, and a cut counted in
 * characters pushed the file name off a line with a wide dir name in it (seen in tmux).
 */
import stringWidth from 'string-width';
import { oneLine } from '../parse/untrusted-text.js';

export function middleCut(text: string, max: number): string {
  const flat = oneLine(text, Number.MAX_SAFE_INTEGER);
  if (stringWidth(flat) <= max) return flat;
  // Keep at least 70% for the tail, and the whole file name (from the last slash) when it fits.
  const slash = flat.lastIndexOf('/');
  const fileName = slash < 0 ? 0 : stringWidth(flat.slice(slash));
  const tail = Math.min(max - 2, Math.max(Math.ceil((max - 1) * 0.7), fileName));
  return `${fitFromStart(flat, Math.max(0, max - 1 - tail))}…${fitFromEnd(flat, tail)}`;
}

/** The longest head of `text` at most `width` columns wide. */
function fitFromStart(text: string, width: number): string {
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}

/** The longest tail of `text` at most `width` columns wide. */
function fitFromEnd(text: string, width: number): string {
  let out = '';
  for (const ch of [...text].reverse()) {
    if (stringWidth(ch + out) > width) break;
    out = ch + out;
  }
  return out;
}
