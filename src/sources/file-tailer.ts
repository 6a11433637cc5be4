/**
 * Reads only the bytes appended to one file since the last poll and hands out complete lines.
 *
 * Invariants:
 * - `offset` is the file position just past the last byte consumed; bytes of an unfinished last line
 *   are held in `carry` (as bytes: a multi-byte character may straddle two reads) until their newline.
 * - Truncation (size < offset, or the bytes just before offset changed) restarts at 0.
 * - Replacement (a new inode at the path) first drains the old handle to its end, then starts the
 *   new file at 0: nothing written before the swap is lost.
 * - Deletion closes the handle and reports it; a later poll finds the file again if it comes back.
 * It reports what it saw as notices and never logs.
 *
 * I/O is synchronous on purpose: reading appended bytes from the page cache takes microseconds,
 * while each async fs call costs a thread-pool round trip (measured: 180 ms idle of 500 ms when
 * reading 300 files). A caller that must stay responsive yields between polls.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { HEAD_BYTES, headHash, tailBytes } from './file-prints.js';

import type { LineSink, PollResult, ResumePoint, ScratchBuffer, TailerOptions, TailNotice, TailPrints } from './tail-types.js';

export { ScratchBuffer, type LineSink, type PollResult, type ResumePoint, type TailerOptions, type TailNotice, type TailPrints } from './tail-types.js';

const MIN_READ = 64 * 1024;
const NEWLINE = 0x0a;

export class FileTailer {
  readonly path: string;
  private readonly maxLineBytes: number;
  private handle: number | undefined;
  private ino: number | undefined;
  private dev: number | undefined;
  private offsetValue: number;
  private lineNoValue = 0;
  private carry: Buffer | undefined;
  /** Skipping the rest of a line that outgrew maxLineBytes. */
  private skipping = false;
  private skippedBytes = 0;
  /** The last bytes before `offset`, to notice a truncate-and-regrow between two polls. */
  private fingerprint: Buffer | undefined;
  /** A hash of the file's first `headLength` bytes, for the same reason. */
  private headHash: string | undefined;
  private headLength = 0;
  private goneTold = false;
  private expected: TailPrints | undefined;

  constructor(path: string, options: TailerOptions = {}) {
    this.path = path;
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
    this.offsetValue = options.startOffset ?? 0;
    this.lineNoValue = options.startLineNo ?? 0;
    this.ino = options.identity?.ino;
    this.dev = options.identity?.dev;
    this.expected = options.expect;
  }

  /**
   * Where a tailer of this file under another name goes on: the start of the unfinished last line,
   * so that a line half written before a rename is read whole from the renamed file.
   */
  get resumePoint(): ResumePoint {
    return {
      offset: this.offsetValue - this.pendingBytes,
      lineNo: this.lineNoValue,
      prints: { offset: this.offsetValue, fingerprint: this.fingerprint, headHash: this.headHash, headLength: this.headLength },
    };
  }

  /** `dev:ino` of the file once it was opened: the same file under another name has the same. */
  get identity(): string | undefined {
    return this.ino === undefined ? undefined : `${this.dev ?? 0}:${this.ino}`;
  }

  get offset(): number {
    return this.offsetValue;
  }

  /** Number of complete lines handed out so far (line numbers restart after truncation). */
  get lineNo(): number {
    return this.lineNoValue;
  }

  /** Whether a handle is held open (see release()). */
  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  /** Bytes of an unfinished last line held back. */
  get pendingBytes(): number {
    return this.carry?.length ?? 0;
  }

  /** Read everything appended since the last poll. Never throws: failures become notices. */
  poll(sink: LineSink, scratch: ScratchBuffer): PollResult {
    const notices: TailNotice[] = [];
    let bytesRead = 0;
    let lines = 0;
    try {
      let info = statOrUndefined(this.path);
      if (info !== undefined && !info.isFile) {
        this.close();
        notices.push({ kind: 'not-a-file', path: this.path });
        return { bytesRead, lines, notices };
      }
      if (info === undefined) {
        if (this.handle !== undefined) {
          // Deleted: what was appended before the unlink is still readable through our handle.
          ({ bytesRead, lines } = this.drain(sink, scratch));
          this.close();
        }
        // Told once, handle held or released: the reader stops following it.
        if (this.ino !== undefined && !this.goneTold) {
          this.goneTold = true;
          notices.push({ kind: 'deleted', path: this.path });
        }
        return { bytesRead, lines, notices };
      }
      if (this.handle !== undefined && (info.ino !== this.ino || info.dev !== this.dev)) {
        ({ bytesRead, lines } = this.drain(sink, scratch));
        this.close();
        const previous = this.handOff();
        this.restart();
        notices.push({ kind: 'replaced', path: this.path, ...previous });
      } else if (this.handle === undefined && this.ino !== undefined && (info.ino !== this.ino || info.dev !== this.dev)) {
        // Released earlier (see release()) and replaced since: the old bytes cannot be drained.
        const previous = this.handOff();
        this.restart();
        notices.push({ kind: 'replaced', path: this.path, ...previous });
      }
      if (this.handle === undefined) {
        // Non-blocking: a FIFO swapped in between the stat and the open must not freeze the process.
        this.handle = openSync(this.path, constants.O_RDONLY | constants.O_NONBLOCK);
        // Identity and size from the handle itself, so a swap between stat and open is not missed.
        const opened = fstatSync(this.handle);
        if (!opened.isFile()) {
          this.close();
          notices.push({ kind: 'not-a-file', path: this.path });
          return { bytesRead, lines, notices };
        }
        this.ino = opened.ino;
        this.dev = opened.dev;
        info = { ino: opened.ino, dev: opened.dev, size: opened.size, isFile: true };
      }
      const expected = this.expected;
      this.expected = undefined;
      if (expected !== undefined && !this.printsHold(expected, info.size)) {
        // Not the file those bytes were read from (an inode number reused): none of its bytes were read.
        notices.push({ kind: 'replaced', path: this.path });
        this.restart();
      } else if (info.size < this.offsetValue || !this.fingerprintHolds()) {
        notices.push({ kind: 'truncated', path: this.path, previousOffset: this.offsetValue });
        this.restart();
      }
      const more = this.drain(sink, scratch, notices);
      return { bytesRead: bytesRead + more.bytesRead, lines: lines + more.lines, notices };
    } catch (error) {
      notices.push({ kind: 'error', path: this.path, message: error instanceof Error ? error.message : String(error) });
      this.close();
      return { bytesRead, lines, notices };
    }
  }

  /** Hand out the held partial line as if its newline had come (end of a one-shot read). */
  flushPartial(sink: LineSink): boolean {
    const carry = this.carry;
    if (carry === undefined || carry.length === 0 || this.skipping) return false;
    this.carry = undefined;
    this.lineNoValue += 1;
    sink.line(carry, 0, carry.length, this.lineNoValue, this.offsetValue - carry.length);
    return true;
  }

  /** Close the handle but remember the position: the next poll reopens and checks the inode. */
  release(): void {
    this.close();
  }

  close(): void {
    const fd = this.handle;
    this.handle = undefined;
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // Closing a handle can only fail if it is already gone; nothing is lost either way.
    }
  }

  /** The file being left behind, for whoever sees it again under another name. */
  private handOff(): { previous?: { identity: string; resume: ResumePoint } } {
    const identity = this.identity;
    return identity === undefined ? {} : { previous: { identity, resume: this.resumePoint } };
  }

  private restart(): void {
    this.offsetValue = 0;
    this.lineNoValue = 0;
    this.carry = undefined;
    this.skipping = false;
    this.skippedBytes = 0;
    this.fingerprint = undefined;
    this.headHash = undefined;
    this.headLength = 0;
  }

  private fingerprintHolds(): boolean {
    const expected = this.fingerprint;
    if (expected === undefined || this.handle === undefined) return true;
    const actual = Buffer.alloc(expected.length);
    const bytesRead = readSync(this.handle, actual, 0, expected.length, this.offsetValue - expected.length);
    if (bytesRead !== expected.length || !actual.equals(expected)) return false;
    return this.headHash === undefined || this.hashHead(this.handle, this.headLength) === this.headHash;
  }

  private printsHold(p: TailPrints, size: number): boolean {
    if (this.handle === undefined || size < p.offset) return false;
    if (p.fingerprint !== undefined) {
      const actual = Buffer.alloc(p.fingerprint.length);
      const n = readSync(this.handle, actual, 0, actual.length, p.offset - actual.length);
      if (n !== actual.length || !actual.equals(p.fingerprint)) return false;
    }
    return p.headHash === undefined || this.hashHead(this.handle, p.headLength) === p.headHash;
  }

  private hashHead(handle: number, length: number): string {
    return headHash(handle, length);
  }

  /** Read from offset to the current end of the open handle, emitting complete lines. */
  private drain(sink: LineSink, scratch: ScratchBuffer, notices?: TailNotice[]): { bytesRead: number; lines: number } {
    const handle = this.handle;
    if (handle === undefined) return { bytesRead: 0, lines: 0 };
    let filled = this.carry?.length ?? 0;
    scratch.ensure(filled + MIN_READ, 0);
    if (this.carry !== undefined) this.carry.copy(scratch.buf, 0);
    this.carry = undefined;
    let bytesRead = 0;
    let lines = 0;
    for (;;) {
      if (scratch.buf.length - filled < MIN_READ) scratch.ensure(filled + MIN_READ, filled);
      const buf = scratch.buf;
      const n = readSync(handle, buf, filled, buf.length - filled, this.offsetValue);
      if (n === 0) break;
      this.offsetValue += n;
      bytesRead += n;
      const end = filled + n;
      // buf[0] is the byte at offset - end of the file.
      const consumed = this.emitLines(buf, end, this.offsetValue - end, sink, notices);
      lines += consumed.lines;
      filled = end - consumed.upTo;
      if (filled > 0 && consumed.upTo > 0) buf.copyWithin(0, consumed.upTo, end);
      if (!this.skipping && filled > this.maxLineBytes) this.startSkipping(filled);
      // While skipping an over-long line its bytes are dropped, never buffered.
      if (this.skipping) filled = 0;
    }
    this.carry = filled > 0 ? Buffer.from(scratch.buf.subarray(0, filled)) : undefined;
    this.remember(handle);
    return { bytesRead, lines };
  }

  private startSkipping(bytes: number): void {
    this.skipping = true;
    this.skippedBytes = bytes;
  }

  /** Emit every complete line in buf[0, end); returns where the unfinished tail starts. */
  private emitLines(buf: Buffer, end: number, base: number, sink: LineSink, notices: TailNotice[] | undefined): { upTo: number; lines: number } {
    let start = 0;
    let lines = 0;
    if (this.skipping) {
      const nl = buf.indexOf(NEWLINE, 0);
      if (nl < 0 || nl >= end) {
        this.skippedBytes += end;
        return { upTo: end, lines: 0 };
      }
      this.lineNoValue += 1;
      notices?.push({ kind: 'line-too-long', path: this.path, lineNo: this.lineNoValue, bytes: this.skippedBytes + nl });
      this.skipping = false;
      this.skippedBytes = 0;
      start = nl + 1;
    }
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0 || nl >= end) break;
      this.lineNoValue += 1;
      if (nl - start > this.maxLineBytes) {
        notices?.push({ kind: 'line-too-long', path: this.path, lineNo: this.lineNoValue, bytes: nl - start });
      } else {
        lines += 1;
        sink.line(buf, start, nl, this.lineNoValue, base + start);
      }
      start = nl + 1;
    }
    return { upTo: start, lines };
  }

  private remember(handle: number): void {
    if (this.offsetValue === 0) {
      this.fingerprint = undefined;
      return;
    }
    this.fingerprint = tailBytes(handle, this.offsetValue);
    // The head's hash is taken again only while the head is still growing toward HEAD_BYTES.
    const head = Math.min(HEAD_BYTES, this.offsetValue);
    if (head !== this.headLength || this.headHash === undefined) {
      this.headLength = head;
      this.headHash = this.hashHead(handle, head);
    }
  }
}

function statOrUndefined(path: string): { ino: number; dev: number; size: number; isFile: boolean } | undefined {
  try {
    const s = statSync(path);
    return { ino: s.ino, dev: s.dev, size: s.size, isFile: s.isFile() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
