/**
 * One source file as the bundle records it: its size, mtime and sha256 as they were when it was
 * read, and the lines the evidence points at with their byte offset, length and sha256, so that
 * anyone can check the bundle against the original. The file is read once, up to the size it had
 * when the read began; a file that changed meanwhile is said to have, never hashed half-written.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

export interface LocatedLine {
  /** 1-based, as the evidence numbers lines. */
  readonly line: number;
  readonly offset: number;
  /** Bytes, without the newline. */
  readonly length: number;
  readonly sha256: string;
  readonly text: string;
}

export interface SourceFileRecord {
  readonly path: string;
  readonly size: number;
  readonly mtime: string;
  readonly sha256: string;
  /** The size or mtime was different once the read was over: appended to, or rewritten. */
  readonly changedDuringRun: boolean;
  readonly lines: readonly LocatedLine[];
  /** Line numbers asked for that the file does not have (truncated since). */
  readonly missing: readonly number[];
}

const CHUNK = 1 << 20;

/** `whileReading` runs after the bytes are read and before the file is looked at again (a test appends there). */
export async function readSourceFile(path: string, wanted: ReadonlySet<number>, whileReading?: () => Promise<void>): Promise<SourceFileRecord> {
  const before = await stat(path);
  const whole = createHash('sha256');
  const found: LocatedLine[] = [];
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let position = 0;
    let lineNo = 1;
    let lineStart = 0;
    /** The pieces of the current line, kept only when it is wanted. */
    let pieces: Buffer[] = [];
    const endLine = (end: number): void => {
      if (wanted.has(lineNo)) {
        const bytes = Buffer.concat(pieces);
        found.push({ line: lineNo, offset: lineStart, length: end - lineStart, sha256: createHash('sha256').update(bytes).digest('hex'), text: bytes.toString('utf8') });
      }
      pieces = [];
      lineNo += 1;
      lineStart = end + 1;
    };
    while (position < before.size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, before.size - position), position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      whole.update(chunk);
      let from = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, nl + 1)) {
        if (wanted.has(lineNo)) pieces.push(Buffer.from(chunk.subarray(from, nl)));
        endLine(position + nl);
        from = nl + 1;
      }
      if (wanted.has(lineNo) && from < bytesRead) pieces.push(Buffer.from(chunk.subarray(from)));
      position += bytesRead;
    }
    // A last line without its newline.
    if (lineStart < position) endLine(position);
    await whileReading?.();
    const after = await stat(path);
    return {
      path,
      size: position,
      mtime: before.mtime.toISOString(),
      sha256: whole.digest('hex'),
      changedDuringRun: after.size !== before.size || after.mtimeMs !== before.mtimeMs || position !== before.size,
      lines: found,
      missing: [...wanted].filter((n) => !found.some((f) => f.line === n)).sort((a, b) => a - b),
    };
  } finally {
    await handle.close();
  }
}

/** sha256 of `length` bytes of `path` from `offset`; undefined when the file is shorter. */
export async function hashRange(path: string, offset: number, length: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(1, length)));
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - done), offset + done);
      if (bytesRead === 0) return undefined;
      hash.update(buffer.subarray(0, bytesRead));
      done += bytesRead;
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
