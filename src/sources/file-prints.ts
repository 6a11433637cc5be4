/**
 * A file's prints: what tells, without reading it all, that the bytes read before are still the
 * file's. The sha1 of its first HEAD_BYTES, and its TAIL_BYTES bytes before an offset. The tailer
 * checks them at each poll (a truncate-and-regrow between polls), the index at each run (a file
 * rewritten at the same size). One definition, so both mean the same file by the same bytes.
 */
import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';

/** How much of the head is hashed: a truncate and regrow with the same last 32 bytes was once missed. */
export const HEAD_BYTES = 4096;
/** How many bytes before the offset are kept as they are. */
export const TAIL_BYTES = 32;

/** sha1 of the first min(length, HEAD_BYTES) bytes of the open file, hex; of fewer when the file is shorter. */
export function headHash(fd: number, length: number): string {
  const head = Buffer.alloc(Math.min(length, HEAD_BYTES));
  const n = readSync(fd, head, 0, head.length, 0);
  return createHash('sha1').update(head.subarray(0, n)).digest('hex');
}

/** The TAIL_BYTES (fewer near the start) before `offset` of the open file; undefined when they cannot all be read. */
export function tailBytes(fd: number, offset: number): Buffer | undefined {
  const tail = Buffer.alloc(Math.min(TAIL_BYTES, offset));
  const n = readSync(fd, tail, 0, tail.length, offset - tail.length);
  return n === tail.length ? tail : undefined;
}
