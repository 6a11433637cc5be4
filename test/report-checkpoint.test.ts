/**
 * The last report is taken as it was when nothing it was built from changed, and only then: a
 * grown file, other thresholds or another range read the history as before. The report is the same
 * either way (but for when it was made, and how it was read).
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { writeHistory } from '../src/synth/write-history.js';
import { assistantLine, jsonl } from './helpers/lines.js';
import { runCli } from './helpers/run-cli.js';

let dir: string;
let history: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentop-report-kept-'));
  history = join(dir, 'history');
  writeHistory(history, { seed: 5, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: 2 * 1024 * 1024 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(cache: string, ...flags: string[]): Summary {
  const r = runCli(['summary', history, '--json', '--no-statusline', ...flags], { XDG_CACHE_HOME: cache });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}
const said = (s: Summary): unknown => ({ ...s, generatedAt: undefined, index: undefined });

describe('the kept report', () => {
  it('is taken when nothing changed, and read anew when a file grew, the thresholds or the range changed', () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    const cold = summary(cache);
    expect(cold.index?.reportKept).toBeUndefined();
    const warm = summary(cache);
    expect(warm.index?.reportKept).toBe(true);
    expect(warm.index?.bytesRead).toBe(0);
    expect(said(warm)).toEqual(said(cold));
    expect(Date.parse(warm.generatedAt)).toBeGreaterThanOrEqual(Date.parse(cold.generatedAt));

    // Other thresholds: read anew (and the report is the one they make).
    const thresholds = join(dir, 'thresholds.json');
    writeFileSync(thresholds, JSON.stringify({ subagentCeiling: 2 }));
    const other = summary(cache, '--thresholds', thresholds);
    expect(other.index?.reportKept).toBeUndefined();
    expect(said(other)).toEqual(said(summary(mkdtempSync(join(dir, 'cache-')), '--thresholds', thresholds)));

    // A grown file: read on, and the new response counted.
    const file = readdirSync(join(history, 'projects'), { recursive: true, withFileTypes: true }).find((d) => d.isFile() && d.name.endsWith('.jsonl'));
    if (file === undefined) throw new Error('no transcript in the synthetic history');
    appendFileSync(join(file.parentPath, file.name), jsonl([assistantLine({ sessionId: 'grown', messageId: 'msg_grown_after_keep', input: 7, output: 11 })]));
    const grown = summary(cache);
    expect(grown.index?.reportKept).toBeUndefined();
    expect(grown.totals.responses).toBe(cold.totals.responses + 1);
    expect(said(grown)).toEqual(said(summary(cache, '--no-cache')));
    // ... and kept again once nothing changes.
    expect(summary(cache).index?.reportKept).toBe(true);
  });
});
