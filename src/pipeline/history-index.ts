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
import type { FileRecord } from './file-record.js';
import type { RecordRead } from './record-reader.js';

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

export class HistoryIndex {
  /** Records as read from disk, or (put this run) as their JSON text: a third of the memory of the objects. */
  /**
   * Each file's record as the JSON text of its line in the index: parsed only when its file is read
   * (a run over one project does not parse the others'), written back as it was when unchanged.
   */
  private readonly encoded = new Map<string, string>();
  /** Records handed out by `get` and not yet put back: only the encoded form is held after that. */
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
    let text: Buffer;
    try {
      text = await readFile(file);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return new HistoryIndex(dir, build, maxBytes, missing ? undefined : `unreadable (${(error as Error).message})`);
    }
    const loaded = parseIndex(text, build);
    const index = new HistoryIndex(dir, build, maxBytes, loaded.problem);
    index.readBytes = text.length;
    for (const [path, text] of loaded.records) index.encoded.set(path, text);
    return index;
  }

  /** The record of `path` from an earlier run, if any; a record that does not decode is dropped. */
  get(path: string): FileRecord | undefined {
    const encoded = this.encoded.get(path);
    if (encoded === undefined) return undefined;
    try {
      const record = decodeRecord(JSON.parse(encoded) as EncodedRecord);
      this.unchanged.set(path, record);
      return record;
    } catch {
      this.encoded.delete(path);
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
    this.encoded.set(path, text);
    this.fresh.add(path);
  }

  has(path: string): boolean {
    return this.encoded.has(path);
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
    if (this.encoded.delete(path)) this.fresh.add(path);
    this.unchanged.delete(path);
  }

  /** Write the index when this run changed it (or it must be rebuilt); never throws. */
  save(usedThisRun: ReadonlySet<string>): IndexReport {
    const report = this.report;
    report.files = this.encoded.size;
    report.bytes = this.readBytes;
    if (this.fresh.size === 0 && report.rebuilt === undefined && this.readBytes <= this.maxBytes) return report;
    try {
      const texts = this.boundedTexts(usedThisRun);
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const temp = join(this.dir, `${INDEX_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        report.bytes = writeIndex(temp, texts.values(), this.build);
        renameSync(temp, this.file);
      } finally {
        rmSync(temp, { force: true });
      }
      report.files = this.encoded.size;
    } catch (error) {
      report.writeError = error instanceof Error ? error.message : String(error);
    }
    return report;
  }

  /** Each record's text, under the size bound: records of files not used this run go first, the largest first. */
  private boundedTexts(usedThisRun: ReadonlySet<string>): Map<string, string> {
    const texts = new Map<string, string>();
    for (const [path, text] of this.encoded) texts.set(path, `${JSON.stringify(path)}\t${text}`);
    let total = texts.size + 13;
    for (const t of texts.values()) total += Buffer.byteLength(t);
    if (total > this.maxBytes) this.drop(texts, total, usedThisRun);
    return texts;
  }

  private drop(texts: Map<string, string>, total: number, usedThisRun: ReadonlySet<string>): void {
    const sizes = [...texts].map(([path, text]) => ({ path, used: usedThisRun.has(path), bytes: Buffer.byteLength(text) }));
    sizes.sort((a, b) => Number(a.used) - Number(b.used) || b.bytes - a.bytes);
    for (const s of sizes) {
      if (total <= this.maxBytes) break;
      this.encoded.delete(s.path);
      texts.delete(s.path);
      total -= s.bytes + 1;
      this.report.dropped += 1;
    }
  }
}

/** What a person should hear of the index, in one line: only trouble (a corrupt index rebuilt, a failed write, records dropped). */
export function indexTrouble(report: IndexReport): string | undefined {
  const said: string[] = [];
  if (report.rebuilt !== undefined && !report.rebuilt.startsWith('made by another')) said.push(`the index ${report.path} was ${report.rebuilt}; rebuilt from the transcripts`);
  if (report.writeError !== undefined) said.push(`could not write the index ${report.path}: ${report.writeError} (what was read is complete; the next run reads it again)`);
  if (report.dropped > 0) said.push(`the index ${report.path} reached its bound; ${report.dropped} file records dropped`);
  return said.length === 0 ? undefined : said.join('; ');
}

/**
 * Write the records piece by piece (joined, a 4 GiB history's index was held three times over at
 * once): the body after a header of fixed width, then the header with the body's size and sha1.
 */
function writeIndex(file: string, records: Iterable<string>, build: string): number {
  const fd = openSync(file, 'w', 0o600);
  try {
    const hash = createHash('sha1');
    let at = HEADER_BYTES;
    const put = (text: string): void => {
      const bytes = Buffer.from(text);
      hash.update(bytes);
      writeSync(fd, bytes, 0, bytes.length, at);
      at += bytes.length;
    };
    for (const text of records) put(`${text}\n`);
    const header: Header = { format: FORMAT, schema: SCHEMA, build, bytes: at - HEADER_BYTES, sha1: hash.digest('hex') };
    const line = JSON.stringify(header);
    if (line.length >= HEADER_BYTES) throw new Error('index header too long');
    writeSync(fd, `${line.padEnd(HEADER_BYTES - 1)}\n`, 0);
    return at;
  } finally {
    closeSync(fd);
  }
}

/**
 * The records of an index file (path -> its record's JSON text), or why none can be trusted. The
 * body is a line per file: its path as a JSON string, a tab (never inside a JSON string), the record.
 */
function parseIndex(text: Buffer, build: string): { records: Array<[string, string]>; problem: string | undefined } {
  const newline = text.indexOf(0x0a);
  if (newline < 0) return { records: [], problem: 'corrupt (no header)' };
  let header: Partial<Header>;
  try {
    header = JSON.parse(text.toString('utf8', 0, newline)) as Partial<Header>;
  } catch {
    return { records: [], problem: 'corrupt (unreadable header)' };
  }
  if (header.format !== FORMAT) return { records: [], problem: 'not a tokentop index' };
  if (header.schema !== SCHEMA || header.build !== build) return { records: [], problem: `made by another tokentop build (${String(header.build)})` };
  const body = text.subarray(newline + 1);
  if (body.length !== header.bytes) return { records: [], problem: `corrupt (${body.length} bytes where its header says ${String(header.bytes)}: cut short or written twice at once)` };
  if (createHash('sha1').update(body).digest('hex') !== header.sha1) return { records: [], problem: 'corrupt (its checksum does not match)' };
  const records: Array<[string, string]> = [];
  const lines = body.toString('utf8').split('\n');
  lines.pop();
  for (const line of lines) {
    const tab = line.indexOf('\t');
    let path: unknown;
    try {
      path = JSON.parse(line.slice(0, tab));
    } catch {
      path = undefined;
    }
    if (tab < 0 || typeof path !== 'string') return { records: [], problem: 'corrupt (a line names no file)' };
    records.push([path, line.slice(tab + 1)]);
  }
  return { records, problem: undefined };
}
