/**
 * A set of strings that keeps 8 bytes per member instead of the string: two independent 32-bit
 * hashes (FNV-1a and a murmur-style mix), open addressing in one Uint32Array. The live ledger keeps
 * the keys of responses it folded this way (a response id is ~28 characters; a Set entry of it
 * ~100 bytes). Two different keys collide with probability ~n²/2^65: below 10^-7 at a million keys.
 */
const EMPTY = 0;

export class KeyHashSet {
  private slots: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.slots = new Uint32Array(2 * pow2AtLeast(Math.ceil((capacity * 4) / 3)));
  }

  get size(): number {
    return this.count;
  }

  /** The bytes it holds (the closing note's figure: a member costs 8 to 16 bytes). */
  get bytes(): number {
    return this.slots.byteLength;
  }

  has(key: string): boolean {
    const [a, b] = hashPair(key);
    return this.find(this.slots, a, b) < 0;
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    const [a, b] = hashPair(key);
    const at = this.find(this.slots, a, b);
    if (at < 0) return false;
    this.slots[at] = a;
    this.slots[at + 1] = b;
    this.count += 1;
    // Kept at most three quarters full (a miss then probes ~8 slots, a hit ~2.5): at half full the
    // set was a third larger, most of the soak bench's remaining growth.
    if (this.count * 4 > (this.slots.length / 2) * 3) this.grow();
    return true;
  }

  /** The slot for (a, b): its index when free, or -1 when it is already there. */
  private find(slots: Uint32Array, a: number, b: number): number {
    const mask = slots.length / 2 - 1;
    for (let i = (a ^ b) & mask; ; i = (i + 1) & mask) {
      const at = 2 * i;
      const sa = slots[at] as number;
      const sb = slots[at + 1] as number;
      if (sa === EMPTY && sb === EMPTY) return at;
      if (sa === a && sb === b) return -1;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      const a = old[at] as number;
      const b = old[at + 1] as number;
      if (a === EMPTY && b === EMPTY) continue;
      const to = this.find(slots, a, b);
      slots[to] = a;
      slots[to + 1] = b;
    }
    this.slots = slots;
  }
}

/** Two 32-bit hashes of the UTF-16 code units; (0, 0) is the empty slot, so it is mapped to (0, 1). */
export function hashPair(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    let k = Math.imul(c, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    b ^= Math.imul(k, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    b = (Math.imul(b, 5) + 0xe6546b64) | 0;
  }
  b ^= key.length;
  b ^= b >>> 16;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 13;
  a >>>= 0;
  b >>>= 0;
  return a === 0 && b === 0 ? [0, 1] : [a, b];
}

function pow2AtLeast(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}
