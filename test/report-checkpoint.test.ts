/**
 * The last report is taken as it was when nothing it was built from changed, and only then: a
 * grown file, other thresholds or another range read the history as before. The report is the same
 * either way (but for when it was made, and how it was read).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { writeHistory } from '../src/synth/write-history.js';
import { assistantLine, jsonl } from './helpers/lines.js';
import { CLI, EMPTY_CONFIG_HOME, EMPTY_STATE_HOME, runCli } from './helpers/run-cli.js';

let dir: string;
let history: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentop-report-kept-'));
  history = join(dir, 'history');
  writeHistory(history, { seed: 5, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: 2 * 1024 * 1024 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(cache: string, ...flags: string[]): Summary {
  return summaryOf(history, cache, ...flags);
}

function summaryOf(path: string, cache: string, ...flags: string[]): Summary {
  const r = runCli(['summary', path, '--json', '--no-statusline', ...flags], { XDG_CACHE_HOME: cache });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const transcriptsIn = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.jsonl'))
    .map((d) => join(d.parentPath, d.name))
    .sort();
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

  it('is read anew, equal to a cold read, after a file is cut short, replaced, removed or added, with other prices, and by another build', () => {
    const own = join(dir, 'own-history');
    writeHistory(own, { seed: 6, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: 3 * 1024 * 1024 });
    const cache = mkdtempSync(join(dir, 'cache-'));
    const files = transcriptsIn(own);
    const [first, second, third, fourth] = files;
    if (fourth === undefined || first === undefined || second === undefined || third === undefined) throw new Error('the synthetic history has under 4 transcripts');
    /** One output count's last digit changed: the same size, other bytes, a new inode. */
    const replace = (file: string): void => {
      const text = readFileSync(file, 'utf8').replace(/("output_tokens":\d*)(\d)/, (_m, head: string, d: string) => `${head}${d === '9' ? '8' : String(Number(d) + 1)}`);
      writeFileSync(`${file}.new`, text);
      renameSync(`${file}.new`, file);
    };
    const changes: Array<[string, () => void]> = [
      ['cut short', () => truncateSync(first, Math.floor(statSync(first).size / 2))],
      ['replaced (same size)', () => replace(second)],
      ['removed', () => rmSync(third)],
      ['added', () => writeFileSync(join(dirname(fourth), 'added-after-keep.jsonl'), jsonl([assistantLine({ sessionId: 'added', messageId: 'msg_added_after_keep', input: 3, output: 5 })]))],
    ];
    summaryOf(own, cache);
    for (const [what, change] of changes) {
      expect({ what, kept: summaryOf(own, cache).index?.reportKept }).toEqual({ what, kept: true });
      change();
      const after = summaryOf(own, cache);
      expect({ what, kept: after.index?.reportKept }).toEqual({ what, kept: undefined });
      expect(said(after)).toEqual(said(summaryOf(own, cache, '--no-cache')));
    }

    // Other prices: the same tokens, other costs, not the kept report's.
    const before = summaryOf(own, cache);
    expect(before.index?.reportKept).toBe(true);
    const prices = join(dir, 'other-prices.json');
    writeFileSync(prices, JSON.stringify({ models: Object.fromEntries(before.models.map((m) => [m.model, { input: 100, output: 100 }])) }));
    const repriced = summaryOf(own, cache, '--prices', prices);
    expect(repriced.index?.reportKept).toBeUndefined();
    expect(said(repriced)).toEqual(said(summaryOf(own, cache, '--prices', prices, '--no-cache')));
    expect(repriced.totals.costUSD).not.toBeCloseTo(before.totals.costUSD, 2);

    // Another build (the bundle with another source hash): neither its index nor its report is trusted.
    // (One report is kept, the last run's: the default prices' is made again first.)
    summaryOf(own, cache);
    expect(summaryOf(own, cache).index?.reportKept).toBe(true);
    // The bundle copied with the package.json it reads its version from: only the source hash differs.
    const otherPackage = mkdtempSync(join(dir, 'other-build-'));
    const otherBin = join(otherPackage, 'dist', 'bin');
    cpSync(dirname(CLI), otherBin, { recursive: true });
    cpSync(join(dirname(CLI), '..', '..', 'package.json'), join(otherPackage, 'package.json'));
    const chunks = join(otherBin, 'chunks');
    const withId = readdirSync(chunks).find((f) => readFileSync(join(chunks, f), 'utf8').includes('function buildId('));
    if (withId === undefined) throw new Error('no chunk defines buildId');
    const text = readFileSync(join(chunks, withId), 'utf8');
    const rebuilt = text.replace(/(function buildId\(version\) \{\n\s*return true \? `\$\{version\}\+\$\{")[0-9a-f]+"/, '$1000000000000"');
    expect(rebuilt).not.toBe(text);
    writeFileSync(join(chunks, withId), rebuilt);
    const r = spawnSync(process.execPath, [join(otherBin, 'tokentop.mjs'), 'summary', own, '--json', '--no-statusline'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: cache },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const byOther = JSON.parse(r.stdout) as Summary;
    expect(byOther.index?.reportKept).toBeUndefined();
    expect(byOther.index?.readFiles).toBe(byOther.sources.files);
    expect(said(byOther)).toEqual(said(summaryOf(own, cache, '--no-cache')));
  });
});
