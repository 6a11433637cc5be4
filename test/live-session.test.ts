/**
 * The monitor's exit summary is `summary`'s report: LiveSession over the fixture config dir (the
 * backfill reaching back to it) against `summary`'s one-shot read of the same files.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/detect/thresholds.js';
import { loadHistory } from '../src/pipeline/load-history.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { LiveSession } from '../src/session/live-session.js';
import { summarizeHistory } from '../src/session/summarize.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { FIXTURE_TRUTH, writeFixtureConfigDir } from './helpers/config-dir.js';

let config: string;
beforeAll(async () => {
  config = await writeFixtureConfigDir();
});
afterAll(async () => {
  await rm(config, { recursive: true, force: true });
});

describe('LiveSession', () => {
  it('ends with the same report as summary on the same files, sub-agent files included', async () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const backfillMs = 60 * 86_400_000;
    const session = new LiveSession({
      prices: BUNDLED_PRICES,
      thresholds: DEFAULT_THRESHOLDS,
      window: '5m',
      backfillMs,
      paths: [config],
      roots: [join(config, 'projects')],
      proxyPlan: { files: [], dirs: [] },
      statuslineFile: undefined,
      now: () => now,
    });
    try {
      await session.start();
      await vi.waitFor(() => expect(session.store.sourceProgress.backfillDone).toBe(true), { timeout: 5000, interval: 20 });
      const exit = session.summary('test');
      const files = (await findTranscripts([config])).files;
      const summary = summarizeHistory(await loadHistory(files), undefined, { prices: BUNDLED_PRICES, thresholds: DEFAULT_THRESHOLDS, now, version: 'test', since: now - backfillMs, until: now + 1 });
      expect(exit.totals.output).toBe(FIXTURE_TRUTH.output);
      expect(exit.subagents.files).toBeGreaterThan(0);
      const { watch, ...rest } = { ...exit, sources: undefined };
      const sources = exit.sources;
      expect(watch?.watchedFrom).toBe(new Date(now).toISOString());
      expect(rest).toEqual({ ...summary, sources: undefined });
      // Line counts differ by design: a tailer holds a last line with no newline (Claude Code is
      // mid-write) where a one-shot read takes it, and the live reader parses progress lines too.
      expect(sources.files).toBe(summary.sources.files);
      expect(sources.lines).toBe(summary.sources.lines - summary.sources.partialLines);
    } finally {
      await session.stop();
    }
  });
});
