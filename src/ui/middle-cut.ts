/** Paths are cut in their middle: the head says which tree, the tail which file (and line). */
import { oneLine } from '../parse/untrusted-text.js';

export function middleCut(text: string, max: number): string {
  const flat = oneLine(text, Number.MAX_SAFE_INTEGER);
  if (flat.length <= max) return flat;
  // Keep at least 70% for the tail, and the whole file name (from the last slash) when it fits.
  const fileName = flat.length - flat.lastIndexOf('/');
  const tail = Math.min(max - 2, Math.max(Math.ceil((max - 1) * 0.7), flat.lastIndexOf('/') >= 0 ? fileName : 0));
  return `${flat.slice(0, Math.max(0, max - 1 - tail))}…${flat.slice(flat.length - tail)}`;
}
