/** What a FileTailer takes and gives: the sink of its lines, its notices, its options, its prints, and the read buffer tailers share. */

/** Receives complete lines as byte ranges; `buf` is only valid during the call. */
export interface LineSink {
  /**
   * bytes [start, end) of `buf` are one line without its newline; `lineNo` is 1-based; the line
   * starts at byte `fileOffset` of the file (a record can point back at it).
   */
  line(buf: Buffer, start: number, end: number, lineNo: number, fileOffset: number): void;
}

export type TailNotice =
  | { readonly kind: 'truncated'; readonly path: string; readonly previousOffset: number }
  /**
   * Another file took the path. `previous` is the file it replaced, where its reading stopped: it may
   * be seen again under another name (logrotate renames it away, then creates the path anew).
   */
  | { readonly kind: 'replaced'; readonly path: string; readonly previous?: { readonly identity: string; readonly resume: ResumePoint } }
  | { readonly kind: 'deleted'; readonly path: string }
  | { readonly kind: 'line-too-long'; readonly path: string; readonly lineNo: number; readonly bytes: number }
  | { readonly kind: 'error'; readonly path: string; readonly message: string }
  /** A FIFO, socket or device with a transcript's name: opening it would block, so it is never opened. */
  | { readonly kind: 'not-a-file'; readonly path: string };

export interface PollResult {
  readonly bytesRead: number;
  readonly lines: number;
  readonly notices: readonly TailNotice[];
}

/** A read buffer shared by every tailer polled from one loop; it grows to fit the longest line. */
export class ScratchBuffer {
  buf: Buffer;
  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }
  /** Make room for at least `size` bytes, keeping the first `keep` bytes. */
  ensure(size: number, keep: number): void {
    if (this.buf.length >= size) return;
    const bigger = Buffer.allocUnsafe(Math.max(size, this.buf.length * 2));
    this.buf.copy(bigger, 0, 0, keep);
    this.buf = bigger;
  }
}

export interface TailerOptions {
  /** A line longer than this is skipped (and reported); Claude Code writes lines of ~500 KB. */
  readonly maxLineBytes?: number;
  /** Start reading here instead of at 0 (e.g. to skip history already accounted for). */
  readonly startOffset?: number;
  /** Go on from where another tailer of the same file stopped (the file was renamed): its line number. */
  readonly startLineNo?: number;
  /**
   * The file `startOffset` belongs to, when known without opening it (a record of the index): if
   * another file has its name by the first poll, it is read from its start, as a replaced file is.
   */
  readonly identity?: { readonly dev: number; readonly ino: number };
  /**
   * What the file must hold for `startOffset` to be trusted (a file renamed within the tree, seen
   * again under its new name): checked at the first poll, and read from its start when it does not
   * hold (a file deleted and a new one given the same inode number).
   */
  readonly expect?: TailPrints;
}

/** The bytes a tailer had read, as prints: the 32 before `offset` and a hash of the head. */
export interface TailPrints {
  readonly offset: number;
  readonly fingerprint: Buffer | undefined;
  readonly headHash: string | undefined;
  readonly headLength: number;
}

/** Where another tailer of the same file goes on: before any unfinished line (its bytes are read again), with the prints to check. */
export interface ResumePoint {
  readonly offset: number;
  readonly lineNo: number;
  readonly prints: TailPrints;
}
