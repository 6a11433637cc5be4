import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../report/summary.js';
import { loadReport, reportKey, saveReport } from './report-checkpoint.js';

const dir = mkdtempSync(join(tmpdir(), 'tokentop-report-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DAY = 86_400_000;
const T = Date.parse('2026-11-01T00:00:00Z');

describe('the report checkpoint', () => {
  it('brings the clock to now: an anomaly past a week goes to history, and the lamp with it', () => {
    const anomaly = { id: 'counter-reset:-:1', kind: 'counter-reset', severity: 'critical', standing: 'lit', start: new Date(T).toISOString(), end: new Date(T + 60_000).toISOString() };
    const kept = { generatedAt: new Date(T).toISOString(), anomalies: [anomaly], lamp: { state: 'ANOMALY', lit: 1, acknowledged: 0, history: 0 } } as unknown as Summary;
    saveReport(dir, 'k', kept);
    const soon = loadReport(dir, 'k', T + DAY);
    expect(soon?.lamp).toEqual({ state: 'ANOMALY', lit: 1, acknowledged: 0, history: 0 });
    expect(soon?.generatedAt).toBe(new Date(T + DAY).toISOString());
    const later = loadReport(dir, 'k', T + 8 * DAY);
    expect(later?.lamp).toEqual({ state: 'OK', lit: 0, acknowledged: 0, history: 1 });
    expect(later?.anomalies[0]?.standing).toBe('history');
    expect(loadReport(dir, 'other', T)).toBeUndefined();
  });

  it('keys a report by every file\'s identity: a byte more is another key; a file gone is none', () => {
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, 'x\n');
    const before = reportKey([file], { o: 1 });
    expect(reportKey([file], { o: 1 })).toBe(before);
    expect(reportKey([file], { o: 2 })).not.toBe(before);
    writeFileSync(file, 'xy\n');
    expect(reportKey([file], { o: 1 })).not.toBe(before);
    expect(reportKey([join(dir, 'gone.jsonl')], { o: 1 })).toBeUndefined();
  });
});
