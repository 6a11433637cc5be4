import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { summarizeHistory } from '../src/session/summarize.js';
import type { Summary } from '../src/report/summary.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import type { WrittenHistory } from '../src/synth/write-history.js';
import { writeHistory } from '../src/synth/write-history.js';

let dir: string;
let written: WrittenHistory;
let summary: Summary;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokentop-synth-'));
  written = writeHistory(dir, { seed: 11, start: Date.parse('2026-10-01T08:00:00Z'), targetBytes: 12 * 1024 * 1024 });
  const { files } = await findTranscripts([dir]);
  summary = summarizeHistory(await loadHistory(files), undefined, { prices: BUNDLED_PRICES, now: 0, version: 'test' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a synthetic history read back', () => {
  it('holds every layout, resumed copies and sub-agents', () => {
    expect(written.bytes).toBeGreaterThan(12 * 1024 * 1024);
    expect(summary.sources.filesByLayout.session).toBeGreaterThan(5);
    expect(summary.sources.filesByLayout['subagent-dir']).toBeGreaterThan(0);
    expect(summary.sources.filesByLayout['flat-agent']).toBeGreaterThan(0);
    expect(summary.sources.malformed).toBe(0);
  });

  it('summarizes to exactly the truth the generator wrote', () => {
    const t = written.truth;
    expect(summary.totals).toMatchObject({ input: t.input, output: t.output, cacheCreation: t.cacheCreation, cacheRead: t.cacheRead, responses: t.responses });
    expect(summary.subagents.spawned).toBe(t.spawns);
    expect(summary.retries.count).toBe(t.retries);
    expect(summary.limits.length).toBe(t.limits);
  });

  it('is the same history, byte for byte, for the same seed', async () => {
    const other = await mkdtemp(join(tmpdir(), 'tokentop-synth-'));
    try {
      const again = writeHistory(other, { seed: 11, start: Date.parse('2026-10-01T08:00:00Z'), targetBytes: 12 * 1024 * 1024 });
      expect(again).toEqual(written);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
