import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatuslineReading } from '../../parse/statusline.js';
import { readQuotaRecord } from './quota-record-reader.js';
import { previousGeneration } from '../../sources/quota-record-paths.js';
import { RecordPathError, recordReading } from './quota-record-writer.js';

const T = Date.parse('2026-11-21T10:00:00Z');
const reading = (time: number, used: number): StatuslineReading => ({ time, sessionId: 's', model: 'Opus', costUSD: 1, fiveHour: { usedPercentage: used, resetsAt: T + 9_000_000 }, sevenDay: { usedPercentage: 41, resetsAt: T + 300_000_000 } });

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentop-record-'));
  file = join(dir, 'tokentop', 'statusline.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the local quota record', () => {
  it('writes a changed reading at once, the same reading again only after a minute', () => {
    expect(recordReading(file, reading(T, 31))).toBe('written');
    expect(recordReading(file, reading(T + 5_000, 31))).toBe('unchanged');
    expect(recordReading(file, reading(T + 6_000, 32))).toBe('written');
    expect(recordReading(file, reading(T + 60_000, 32))).toBe('unchanged');
    expect(recordReading(file, reading(T + 66_000, 32))).toBe('written');
    expect(readQuotaRecord(file).counts).toMatchObject({ lines: 3, readings: 6, malformed: 0 });
  });

  it('rotates past 4 MiB into statusline.1.jsonl, and readers take both generations', () => {
    recordReading(file, reading(T, 10));
    // Fill the current generation past its bound with valid readings.
    const line = `${readFileSync(file, 'utf8')}`;
    appendFileSync(file, line.repeat(Math.ceil((4 * 1024 * 1024) / line.length)));
    recordReading(file, reading(T + 1000, 11));
    expect(existsSync(previousGeneration(file))).toBe(true);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    const record = readQuotaRecord(file);
    expect(record.readings.filter((r) => r.window === '5h').at(-1)?.utilization).toBe(0.11);
    expect(record.counts.lines).toBeGreaterThan(20_000);
    // The next rotation drops the oldest generation: the record stays within two.
    appendFileSync(file, line.repeat(Math.ceil((4 * 1024 * 1024) / line.length)));
    recordReading(file, reading(T + 2000, 12));
    expect(readQuotaRecord(file).counts.lines).toBeLessThan(2 * 4 * 1024 * 1024 / 100);
  });

  it('leaves rotation to whoever holds the lock, and clears a lock a killed process left', () => {
    recordReading(file, reading(T, 10));
    appendFileSync(file, 'x'.repeat(4 * 1024 * 1024));
    const lock = `${file}.rotate-lock`;
    writeFileSync(lock, '');
    recordReading(file, reading(T + 1000, 11));
    expect(existsSync(previousGeneration(file))).toBe(false);
    expect(existsSync(lock)).toBe(true);
    // A lock older than 10 s was left by a process that died: cleared, and the next run rotates.
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    recordReading(file, reading(T + 2000, 12));
    expect(existsSync(lock)).toBe(false);
    recordReading(file, reading(T + 3000, 13));
    expect(existsSync(previousGeneration(file))).toBe(true);
  });

  it('skips and counts a broken line, a BOM and a torn last line', () => {
    recordReading(file, reading(T, 10));
    appendFileSync(file, 'not json\n{"time": "yesterday"}\n\ufeff{"time":1,"fiveHour":{"usedPercentage":20}}\n');
    recordReading(file, reading(T + 1000, 11));
    appendFileSync(file, '{"time":1,"fiveHour":{"usedPerc');
    const record = readQuotaRecord(file);
    expect(record.counts).toMatchObject({ lines: 6, malformed: 3 });
    expect(record.readings.map((r) => r.utilization)).toEqual([0.1, 0.41, 0.2, 0.11, 0.41]);
  });

  it('keeps the reading when a dir sits at the rotation lock, and says why', () => {
    recordReading(file, reading(T, 10));
    appendFileSync(file, 'x'.repeat(4 * 1024 * 1024) + '\n');
    mkdirSync(`${file}.rotate-lock`);
    const problems: string[] = [];
    expect(recordReading(file, reading(T + 1000, 11), (p) => problems.push(p))).toBe('written');
    expect(problems).toEqual([expect.stringMatching(/cannot rotate .*rotate-lock is not a lock file tokentop made \(a directory\); remove it; readings are still kept$/)]);
    expect(readQuotaRecord(file).readings.filter((r) => r.window === '5h').at(-1)?.utilization).toBe(0.11);
  });

  it('refuses a FIFO at the record path at once, instead of writing a reading into it to be lost', () => {
    mkdirSync(join(dir, 'tokentop'), { recursive: true });
    execFileSync('mkfifo', [file]);
    expect(() => recordReading(file, reading(T, 10))).toThrow(RecordPathError);
    expect(() => recordReading(file, reading(T, 10))).toThrow(/is a FIFO, not a regular file/);
  });
});
