/**
 * Decides, at byte level, whether a line contains any of a few needles, without decoding it.
 *
 * Each needle is searched once per chunk (Buffer.indexOf, native speed), remembering the next hit;
 * a line matches when some needle's next hit falls inside it. A chunk of N bytes costs one pass
 * per needle whatever the number of lines, and no per-line allocation.
 */
export class NeedleFilter {
  private readonly needles: readonly Buffer[];
  private readonly next: number[];
  private view: Buffer = Buffer.alloc(0);
  private viewStart = 0;

  constructor(needles: readonly string[]) {
    this.needles = needles.map((n) => Buffer.from(n, 'utf8'));
    this.next = needles.map(() => -1);
  }

  /** Start a new chunk: buf[start, end) holds whole lines and possibly an unfinished tail. */
  chunk(buf: Buffer, start: number, end: number): void {
    // Bounded at `end` so a search for an absent needle stops at the chunk instead of scanning stale bytes.
    this.view = buf.subarray(0, end);
    this.viewStart = start;
    this.next.fill(-1);
  }

  /** True when bytes [start, end) of the current chunk contain a needle. Lines must come in order. */
  matches(start: number, end: number): boolean {
    for (let i = 0; i < this.needles.length; i++) {
      let hit = this.next[i] as number;
      if (hit === -1 || (hit < start && hit !== Infinity)) {
        const found = this.view.indexOf(this.needles[i] as Buffer, Math.max(start, this.viewStart));
        hit = found < 0 ? Infinity : found;
        this.next[i] = hit;
      }
      if (hit < end) return true;
    }
    return false;
  }
}

/** True when the line looks like one JSON object (first and last non-blank bytes are braces). */
export function isFramedObject(buf: Buffer, start: number, end: number): boolean {
  let s = start;
  let e = end - 1;
  while (s <= e && isBlank(buf[s] as number)) s++;
  while (e >= s && isBlank(buf[e] as number)) e--;
  return e > s && buf[s] === 0x7b && buf[e] === 0x7d;
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}
