/**
 * The monitor's exit summary is `summary`'s report: LiveSession over the fixture config dir (the
 * backfill reaching back to it) against `summary`'s one-shot read of the same files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/detect/thresholds.js';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { HistoryIndex } from '../src/pipeline/history/history-index.js';
import type { Summary } from '../src/report/summary.js';
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

const now = Date.parse('2026-03-01T00:00:00Z');
const backfillMs = 60 * 86_400_000;

function liveSession(openIndex?: () => Promise<HistoryIndex>): LiveSession {
  return new LiveSession({
    prices: BUNDLED_PRICES,
    thresholds: DEFAULT_THRESHOLDS,
    window: '5m',
    backfillMs,
    paths: [config],
    roots: [join(config, 'projects')],
    proxyPlan: { files: [], dirs: [] },
    statuslineFile: undefined,
    now: () => now,
    openIndex,
  });
}

async function exitSummary(session: LiveSession): Promise<Summary> {
  try {
    await session.start();
    await vi.waitFor(() => expect(session.store.sourceProgress.backfillDone).toBe(true), { timeout: 5000, interval: 20 });
    // A tick (its first one prunes the ledger) before the exit summary, as on a loaded machine: the
    // backfilled history must survive it.
    session.store.tick(now + 1000);
    return session.summary('test');
  } finally {
    await session.stop();
  }
}

describe('LiveSession', () => {
  it('backfills through the index to the same report, cold and warm, and writes the index back', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'tokentop-live-index-'));
    try {
      const open = (): Promise<HistoryIndex> => HistoryIndex.open(cache, 'test');
      const plain = await exitSummary(liveSession());
      const cold = await exitSummary(liveSession(open));
      const index = await open();
      const warmSession = liveSession(() => Promise.resolve(index));
      const warm = await exitSummary(warmSession);
      expect(index.report).toMatchObject({ read: 0, rebuilt: undefined });
      expect(index.report.reused + index.report.grown).toBe(plain.sources.files);
      const said = (s: Summary): unknown => ({ ...s, watch: undefined, generatedAt: undefined });
      expect(said(cold)).toEqual(said(plain));
      expect(said(warm)).toEqual(said(plain));
      expect(warm.totals.output).toBe(FIXTURE_TRUTH.output);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('ends with the same report as summary on the same files, sub-agent files included', async () => {
    const session = liveSession();
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
