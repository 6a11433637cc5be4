/**
 * The local quota record: `tokentop statusline` appends each reading to
 * $XDG_STATE_HOME/tokentop/statusline.jsonl (never inside a Claude config dir).
 *
 * Several Claude Code windows run the statusline command at once, so: each reading is one write()
 * of one line to a file opened for appending (O_APPEND makes each write land whole at the end: no
 * interleaved or torn lines); a reading that says what the last line said is not written again
 * unless a minute has passed (the record stays small while it keeps every change); the file is
 * bounded: past MAX_BYTES it becomes statusline.1.jsonl (the previous generation is dropped), under
 * a lock file so that two windows never rotate at once. Kept: two generations, 2 x 4 MiB, about
 * 40,000 readings: four weeks of a reading a minute around the clock, months of ordinary use.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { QuotaReading } from '../../parse/proxy/quota-headers.js';
import { sameQuota, stateLine, type StatuslineReading } from '../../parse/statusline.js';
import { previousGeneration } from '../../sources/quota-record-paths.js';

const MAX_BYTES = 4 * 1024 * 1024;
/** A reading equal to the last one is written again after this, so the record shows the quota was still being read. */
const REPEAT_AFTER_MS = 60_000;
/** A rotation lock older than this was left by a killed process. */
const STALE_LOCK_MS = 10_000;
const TAIL_BYTES = 4096;

export type RecordOutcome = 'written' | 'unchanged';

/** The record is not a regular file (a FIFO, a socket, a dir): nothing written there would be kept. */
export class RecordPathError extends Error {}

/**
 * Append `reading` to the record at `file` unless it repeats the last line within a minute.
 * `onProblem` hears of what was in the way without costing the reading (the record could not be rotated).
 */
export function recordReading(file: string, reading: StatuslineReading, onProblem: (message: string) => void = () => undefined): RecordOutcome {
  return appendLine(file, onProblem, (last) => (last !== undefined && sameQuota(last, reading) && reading.time - (lastTime(last) ?? -Infinity) < REPEAT_AFTER_MS ? undefined : stateLine(reading)));
}

/**
 * The usage endpoint's readings (`--usage-api`), into the same record, marked `source: "usage-api"`:
 * the dashboard's figure kept beside the CLI's, for a dispute later. One line a poll.
 */
export function recordUsageReadings(file: string, readings: readonly QuotaReading[], onProblem: (message: string) => void = () => undefined): RecordOutcome {
  const first = readings[0];
  if (first === undefined) return 'unchanged';
  const window = (name: string): { usedPercentage: number; resetsAt: number | undefined } | undefined => {
    const r = readings.find((q) => q.window === name && q.utilization !== undefined);
    return r === undefined ? undefined : { usedPercentage: Math.round((r.utilization as number) * 10_000) / 100, resetsAt: r.resetAt };
  };
  return appendLine(file, onProblem, () => JSON.stringify({ time: first.time, source: 'usage-api', fiveHour: window('5h'), sevenDay: window('7d') }));
}

/** One line appended whole (O_APPEND), the record rotated first when full; `line` sees the last line and may decline (undefined). */
export function appendLine(file: string, onProblem: (message: string) => void, line: (last: unknown) => string | undefined): RecordOutcome {
  mkdirSync(dirname(file), { recursive: true });
  notARegularFile(file);
  try {
    rotateIfFull(file);
  } catch (error) {
    // A lock path taken by a dir, a rename refused: the record grows past its bound rather than lose the reading.
    onProblem(`cannot rotate ${file}: ${error instanceof Error ? error.message : String(error)}; readings are still kept`);
  }
  // Non-blocking, and checked again on the handle: a FIFO swapped in after the check must not hang Claude Code's status bar.
  const fd = openSync(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new RecordPathError(`${file} is not a regular file: no reading can be kept there`);
    const text = line(lastLine(fd));
    if (text === undefined) return 'unchanged';
    writeSync(fd, `${text}\n`);
    return 'written';
  } finally {
    closeSync(fd);
  }
}

function notARegularFile(file: string): void {
  const info = lstatSync(file, { throwIfNoEntry: false });
  if (info === undefined || info.isFile() || info.isSymbolicLink()) return;
  const what = info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : info.isDirectory() ? 'a directory' : 'a device';
  throw new RecordPathError(`${file} is ${what}, not a regular file: no reading can be kept there`);
}

function rotateIfFull(file: string): void {
  const size = sizeOf(file);
  if (size === undefined || size < MAX_BYTES) return;
  const lock = `${file}.rotate-lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch {
    // Another window is rotating; or a killed one left its lock: clear it for the next run.
    const held = statSync(lock, { throwIfNoEntry: false });
    if (held !== undefined && !held.isFile()) throw new Error(`${lock} is not a lock file tokentop made (a ${held.isDirectory() ? 'directory' : 'special file'}); remove it`);
    if (Date.now() - (held?.mtimeMs ?? Date.now()) > STALE_LOCK_MS) rmSync(lock, { force: true });
    return;
  }
  try {
    // Whoever held the lock before may have rotated already.
    if ((sizeOf(file) ?? 0) >= MAX_BYTES) renameSync(file, previousGeneration(file));
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

function sizeOf(file: string): number | undefined {
  return statSync(file, { throwIfNoEntry: false })?.size;
}

/** The last complete line of the file open at `fd`, parsed; undefined when there is none or it is broken. */
function lastLine(fd: number): unknown {
  const size = fstatSync(fd).size;
  if (size === 0) return undefined;
  const length = Math.min(size, TAIL_BYTES);
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, size - length);
  const text = buf.toString('utf8').replace(/\n$/, '');
  try {
    return JSON.parse(text.slice(text.lastIndexOf('\n') + 1));
  } catch {
    return undefined;
  }
}

function lastTime(line: unknown): number | undefined {
  const time = (line as { time?: unknown } | null)?.time;
  return typeof time === 'number' ? time : undefined;
}
