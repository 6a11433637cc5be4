/**
 * The persistent index: per transcript file, the record it yielded, so a later run reads only what
 * changed. One file, `history.index` in tokentop's cache dir (never a Claude dir):
 *
 *   {"format":"tokentop-index","schema":2,"build":"…","bytes":N,"sha1":"…"}   (padded to 256 bytes)
 *   "<path>"\t<record JSON>                                                   (a line per file)
 *
 * The header's sha1 covers the body: a file cut short, flipped or written by two hands is caught
 * before any record is trusted, and the index is rebuilt. It is written whole to a temporary name
 * and renamed over the old one, so a reader (another run) sees the old index or the new, never half.
 * Records hold tokens, not costs: prices are applied at each run, so a price change needs no rebuild.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeRecord, encodeRecord, type EncodedRecord } from './record-codec.js';
import type { FileRecord } from '../read/file-record.js';
import type { RecordRead } from '../read/record-reader.js';

const FORMAT = 'tokentop-index';
/** Bumped when the record's shape or meaning changes. */
const SCHEMA = 2;
export const INDEX_FILE = 'history.index';
/** The header line's width (padded with spaces): written last, once the body's size and hash are known. */
const HEADER_BYTES = 256;
/** 256 MiB: about 50 GiB of history (measured: ~5 MB of index per GiB of transcripts). */
export const DEFAULT_MAX_INDEX_BYTES = 256 * 1024 * 1024;

interface Header {
  readonly format: string;
  readonly schema: number;
  readonly build: string;
  readonly bytes: number;
  readonly sha1: string;
}

/** What the index did in this run: said in the report, and on stderr when it had to be rebuilt. */
export interface IndexReport {
  readonly path: string;
  /** Why the index on disk was not used (corrupt, another build), when it was not. */
  readonly rebuilt: string | undefined;
  /** Files whose record was used whole, used and read on, read from the start. */
  reused: number;
  grown: number;
  read: number;
  /** Bytes read from transcripts this run. */
  bytesRead: number;
  /** The index's size after this run, and the files it holds; records dropped to stay under its bound. */
  bytes: number;
  files: number;
  dropped: number;
  /** Why the index could not be written (read-only cache dir, disk full): the run's totals are unaffected. */
  writeError: string | undefined;
}

/**
 * A file's line of the index, `path\trecord\n`, as bytes (a slice of the index file as read, or made
 * when the record is put): turned into a string only when its file is read. As strings, a 4 GiB
 * history's records held 30-60 MB more of V8's heap (JSON of a CJK title is a two-byte string).
 */
interface IndexLine {
  readonly bytes: Buffer;
  /** Where the record's JSON starts (after the path and its tab); it ends before the newline. */
  readonly recordAt: number;
}

export class HistoryIndex {
  private readonly lines = new Map<string, IndexLine>();
  /** Records handed out by `get` and not yet put back: not encoded again when unchanged. */
  private readonly unchanged = new Map<string, FileRecord>();
  /** Records put this run (new or changed): only then is the index written. */
  private readonly fresh = new Set<string>();
  readonly file: string;
  readonly report: IndexReport;
  private readBytes = 0;

  private constructor(
    readonly dir: string,
    private readonly build: string,
    private readonly maxBytes: number,
    rebuilt: string | undefined,
  ) {
    this.file = join(dir, INDEX_FILE);
    this.report = { path: this.file, rebuilt, reused: 0, grown: 0, read: 0, bytesRead: 0, bytes: 0, files: 0, dropped: 0, writeError: undefined };
  }

  /** Open the index in `dir` (made when missing); an unusable one is set aside, with the reason. */
  static async open(dir: string, build: string, maxBytes = DEFAULT_MAX_INDEX_BYTES): Promise<HistoryIndex> {
    const file = join(dir, INDEX_FILE);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return new HistoryIndex(dir, build, maxBytes, missing ? undefined : `unreadable (${(error as Error).message})`);
    }
    const loaded = parseIndex(bytes, build);
    const index = new HistoryIndex(dir, build, maxBytes, loaded.problem);
    index.readBytes = bytes.length;
    for (const [path, line] of loaded.records) index.lines.set(path, line);
    return index;
  }

  /** The record of `path` from an earlier run, if any; a record that does not decode is dropped. */
  get(path: string): FileRecord | undefined {
    const line = this.lines.get(path);
    if (line === undefined) return undefined;
    try {
      const text = line.bytes.toString('utf8', line.recordAt, line.bytes.length - 1);
      const record = decodeRecord(JSON.parse(text) as EncodedRecord);
      this.unchanged.set(path, record);
      return record;
    } catch {
      this.lines.delete(path);
      this.fresh.add(path);
      return undefined;
    }
  }

  /** Keep `record` (a record `get` gave back, unchanged, is not encoded again). */
  put(record: FileRecord): void {
    const given = this.unchanged.get(record.path);
    this.unchanged.delete(record.path);
    if (given !== record) this.putText(record.path, JSON.stringify(encodeRecord(record)));
  }

  /** Keep a record already in the index's text (a read thread's). */
  putText(path: string, text: string): void {
    this.unchanged.delete(path);
    const head = Buffer.from(`${JSON.stringify(path)}\t`);
    this.lines.set(path, { bytes: Buffer.concat([head, Buffer.from(text), NEWLINE]), recordAt: head.length });
    this.fresh.add(path);
  }

  has(path: string): boolean {
    return this.lines.has(path);
  }

  /** Count what became of one file's record in this run. */
  tally(read: Pick<RecordRead, 'reuse' | 'bytesRead'>): void {
    const report = this.report;
    report.bytesRead += read.bytesRead;
    if (read.reuse === 'unchanged' && read.bytesRead === 0) report.reused += 1;
    else if (read.reuse === 'unchanged' || read.reuse === 'grown') report.grown += 1;
    else report.read += 1;
  }

  /** Drop the record of a file that is gone. */
  forget(path: string): void {
    if (this.lines.delete(path)) this.fresh.add(path);
    this.unchanged.delete(path);
  }

  /** Write the index when this run changed it (or it must be rebuilt, or it is over its bound); never throws. */
  save(usedThisRun: ReadonlySet<string>): IndexReport {
    const report = this.report;
    report.files = this.lines.size;
    report.bytes = this.readBytes;
    if (this.fresh.size === 0 && report.rebuilt === undefined && this.readBytes <= this.maxBytes) return report;
    try {
      this.keepUnderBound(usedThisRun);
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const temp = join(this.dir, `${INDEX_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        report.bytes = writeIndex(temp, this.lines, this.build);
        renameSync(temp, this.file);
      } finally {
        rmSync(temp, { force: true });
      }
      report.files = this.lines.size;
    } catch (error) {
      report.writeError = error instanceof Error ? error.message : String(error);
    }
    return report;
  }

  /** Past the bound, records of files not used this run go first, the largest first. */
  private keepUnderBound(usedThisRun: ReadonlySet<string>): void {
    const sizes = [...this.lines].map(([path, line]) => ({ path, used: usedThisRun.has(path), bytes: line.bytes.length }));
    let total = HEADER_BYTES + sizes.reduce((sum, s) => sum + s.bytes, 0);
    if (total <= this.maxBytes) return;
    sizes.sort((a, b) => Number(a.used) - Number(b.used) || b.bytes - a.bytes);
    for (const s of sizes) {
      if (total <= this.maxBytes) break;
      this.lines.delete(s.path);
      total -= s.bytes;
      this.report.dropped += 1;
    }
  }
}

const NEWLINE = Buffer.from('\n');

/** What a person should hear of the index, in one line: only trouble (a corrupt index rebuilt, a failed write, records dropped). */
export function indexTrouble(report: IndexReport): string | undefined {
  const said: string[] = [];
  if (report.rebuilt !== undefined && !report.rebuilt.startsWith('made by another')) said.push(`the index ${report.path} was ${report.rebuilt}; rebuilt from the transcripts`);
  if (report.writeError !== undefined) said.push(`could not write the index ${report.path}: ${report.writeError} (what was read is complete; the next run reads it again)`);
  if (report.dropped > 0) said.push(`the index ${report.path} reached its bound; ${report.dropped} file records dropped`);
  return said.length === 0 ? undefined : said.join('; ');
}

/**
 * Write the lines through a 1 MiB buffer (a line a write() took ~0.3 s for 8,800 files), unchanged
 * ones as the bytes they were read as: the body after a header of fixed width, then the header with
 * the body's size and sha1.
 */
function writeIndex(file: string, lines: ReadonlyMap<string, IndexLine>, build: string): number {
  const fd = openSync(file, 'w', 0o600);
  try {
    const hash = createHash('sha1');
    const chunk = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    let at = HEADER_BYTES;
    const flush = (): void => {
      hash.update(chunk.subarray(0, used));
      writeSync(fd, chunk, 0, used, at);
      at += used;
      used = 0;
    };
    const put = (bytes: Buffer): void => {
      if (used + bytes.length > chunk.length) flush();
      if (bytes.length > chunk.length) {
        hash.update(bytes);
        writeSync(fd, bytes, 0, bytes.length, at);
        at += bytes.length;
        return;
      }
      bytes.copy(chunk, used);
      used += bytes.length;
    };
    for (const line of lines.values()) put(line.bytes);
    flush();
    const header: Header = { format: FORMAT, schema: SCHEMA, build, bytes: at - HEADER_BYTES, sha1: hash.digest('hex') };
    const text = JSON.stringify(header);
    if (text.length >= HEADER_BYTES) throw new Error('index header too long');
    writeSync(fd, `${text.padEnd(HEADER_BYTES - 1)}\n`, 0);
    return at;
  } finally {
    closeSync(fd);
  }
}

/**
 * The records of an index file (path -> its record's JSON text), or why none can be trusted. The
 * body is a line per file: its path as a JSON string, a tab (never inside a JSON string), the record.
 */
function parseIndex(bytes: Buffer, build: string): { records: Array<[string, IndexLine]>; problem: string | undefined } {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return { records: [], problem: 'corrupt (no header)' };
  let header: Partial<Header>;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline)) as Partial<Header>;
  } catch {
    return { records: [], problem: 'corrupt (unreadable header)' };
  }
  if (header.format !== FORMAT) return { records: [], problem: 'not a tokentop index' };
  if (header.schema !== SCHEMA || header.build !== build) return { records: [], problem: `made by another tokentop build (${String(header.build)})` };
  const body = bytes.subarray(newline + 1);
  if (body.length !== header.bytes) return { records: [], problem: `corrupt (${body.length} bytes where its header says ${String(header.bytes)}: cut short or written twice at once)` };
  if (createHash('sha1').update(body).digest('hex') !== header.sha1) return { records: [], problem: 'corrupt (its checksum does not match)' };
  const records: Array<[string, IndexLine]> = [];
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf(0x0a, start);
    const tab = body.indexOf(0x09, start);
    if (end < 0 || tab < 0 || tab > end) return { records: [], problem: 'corrupt (a line names no file)' };
    let path: unknown;
    try {
      path = JSON.parse(body.toString('utf8', start, tab));
    } catch {
      path = undefined;
    }
    if (typeof path !== 'string') return { records: [], problem: 'corrupt (a line names no file)' };
    records.push([path, { bytes: body.subarray(start, end + 1), recordAt: tab + 1 - start }]);
    start = end + 1;
  }
  return { records, problem: undefined };
}
