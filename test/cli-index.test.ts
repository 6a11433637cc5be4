/**
 * `tokentop summary` through the persistent index, as a user runs it: cold, warm and --no-cache
 * give the same report on the real corpus and a synthetic history; two runs at once; the index
 * never lands inside a read path; prices apply to cached tokens.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { writeHistory } from '../src/synth/write-history.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { CLI, EMPTY_CONFIG_HOME, EMPTY_STATE_HOME, runCli } from './helpers/run-cli.js';

let dir: string;
let synth: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentop-cli-index-'));
  synth = join(dir, 'synth');
  writeHistory(synth, { seed: 11, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: 4 * 1024 * 1024 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(path: string, cache: string, ...flags: string[]): Summary {
  return summaryWith({}, path, cache, ...flags);
}

function summaryWith(env: NodeJS.ProcessEnv, path: string, cache: string, ...flags: string[]): Summary {
  const r = runCli(['summary', path, '--json', ...flags], { XDG_CACHE_HOME: cache, ...env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

/** The report but its time and how it was read. */
const said = (s: Summary): unknown => ({ ...s, generatedAt: undefined, index: undefined });

describe('summary through the index', () => {
  const cases = [
    ['a synthetic history', () => synth],
    ...(hasRealCorpus ? [['the real corpus', () => REAL_TRANSCRIPTS] as const] : []),
  ] as const;
  for (const [name, path] of cases) {
    it(`cold = warm = --no-cache on ${name}`, () => {
      const cache = mkdtempSync(join(dir, 'cache-'));
      const cold = summary(path(), cache);
      const warm = summary(path(), cache);
      const plain = summary(path(), cache, '--no-cache');
      expect(cold.index?.readFiles).toBe(cold.sources.files);
      // Files whose last line has no newline yet are read on from the index's offset: only that line.
      expect((warm.index?.unchangedFiles ?? 0) + (warm.index?.grownFiles ?? 0)).toBe(warm.sources.files);
      expect(warm.index?.readFiles).toBe(0);
      expect(plain.index).toBeUndefined();
      expect(said(warm)).toEqual(said(cold));
      expect(said(plain)).toEqual(said(cold));
      expect(cold.totals.responses).toBeGreaterThan(0);
      const oneThread = summaryWith({ TOKENTOP_READ_THREADS: '1' }, path(), mkdtempSync(join(dir, 'cache-')));
      expect(oneThread.index?.threads).toBe(1);
      expect(said(oneThread)).toEqual(said(cold));
      // By default a thread per 128 MiB to read, at most one per core: the real corpus (41 MiB) is read on one.
      expect(cold.index?.threads).toBe(Math.max(1, Math.min(8, availableParallelism(), Math.floor(cold.sources.bytes / (128 * 1024 * 1024)))));
      if (cold.sources.bytes > 4 * 1024 * 1024) {
        // TOKENTOP_READ_THREADS=N asks for N, whatever the cores and the size: the same report.
        const four = summaryWith({ TOKENTOP_READ_THREADS: '4' }, path(), mkdtempSync(join(dir, 'cache-')));
        expect(four.index?.threads).toBe(4);
        expect(said(four)).toEqual(said(cold));
      }
    });
  }

  it('says where the index is and how big in the text report', () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    runCli(['summary', synth], { XDG_CACHE_HOME: cache });
    const text = runCli(['summary', synth], { XDG_CACHE_HOME: cache }).stdout;
    const size = statSync(join(cache, 'tokentop', 'history.index')).size;
    // Wrapped to the width like the report's other long lines.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('index: '));
    const said = lines.slice(at, at + 3).join(' ');
    expect(said).toMatch(new RegExp(`^index: [\\d,]+ files unchanged, 0 read on, 0 read whole · 0\\.0 MiB read · index ${(size / 1048576).toFixed(1)} MiB \\(${join(cache, 'tokentop', 'history.index')}\\)`));
    for (const line of lines.slice(at, at + 3)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('leaves the index untouched with --no-cache', () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    summary(synth, cache, '--no-cache');
    expect(existsSync(join(cache, 'tokentop'))).toBe(false);
    summary(synth, cache);
    const before = readFileSync(join(cache, 'tokentop', 'history.index'));
    writeFileSync(join(synth, 'projects', 'extra.jsonl'), '{"type":"user"}\n');
    try {
      summary(synth, cache, '--no-cache');
      expect(readFileSync(join(cache, 'tokentop', 'history.index')).equals(before)).toBe(true);
    } finally {
      rmSync(join(synth, 'projects', 'extra.jsonl'));
    }
  });

  it('two runs at once: both exact, and the index they leave is whole', async () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    const truth = summary(synth, cache, '--no-cache');
    const run = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, 'summary', synth, '--json'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: cache } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 && err === '' ? resolve(out) : reject(new Error(`exit ${String(code)}: ${err}`))));
      });
    const both = await Promise.all([run(), run(), run()]);
    for (const out of both) expect(said(JSON.parse(out) as Summary)).toEqual(said(truth));
    const after = summary(synth, cache);
    expect(after.index?.rebuilt).toBeNull();
    expect(after.index?.readFiles).toBe(0);
    expect(said(after)).toEqual(said(truth));
  });

  it('applies the prices of this run to cached tokens (records hold tokens, not costs)', () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    const before = summary(synth, cache);
    const prices = join(dir, 'prices.json');
    const models = Object.fromEntries(before.models.map((m) => [m.model, { input: 100, output: 100 }]));
    writeFileSync(prices, JSON.stringify({ models }));
    const warm = summary(synth, cache, '--prices', prices);
    expect(warm.index?.readFiles).toBe(0);
    expect(warm.totals.costUSD).toBeCloseTo(summary(synth, cache, '--prices', prices, '--no-cache').totals.costUSD, 9);
    expect(warm.totals.costUSD).not.toBeCloseTo(before.totals.costUSD, 2);
  });

  it('is not kept inside a path it reads', () => {
    const cache = join(synth, 'cache-inside');
    const r = runCli(['summary', synth, '--json'], { XDG_CACHE_HOME: cache });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not using the index: its dir .* is inside .*, which tokentop reads and never writes to/);
    expect(existsSync(cache)).toBe(false);
  });

  it('says once on stderr when it rebuilt a corrupt index, and the report is still exact', () => {
    const cache = mkdtempSync(join(dir, 'cache-'));
    const truth = summary(synth, cache);
    writeFileSync(join(cache, 'tokentop', 'history.index'), 'not an index');
    const r = runCli(['summary', synth, '--json'], { XDG_CACHE_HOME: cache });
    expect(r.stderr).toBe(`tokentop: the index ${join(cache, 'tokentop', 'history.index')} was corrupt (no header); rebuilt from the transcripts\n`);
    expect(said(JSON.parse(r.stdout) as Summary)).toEqual(said(truth));
  });
});
