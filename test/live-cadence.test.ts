/**
 * The live session's clock while nothing happens: the store is ticked every 30 s on a quiet screen,
 * not every 5 s (a 5 s interval ran while nothing changed). Fake timers drive it: no wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/detect/thresholds.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { LiveSession } from '../src/session/live-session.js';

let dir: string | undefined;
afterEach(() => {
  vi.useRealTimers();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the live session on a quiet screen', () => {
  it('ticks the store every 30 s, not every 5 s', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokentop-cadence-'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let clock = Date.parse('2026-12-04T10:00:00Z');
    const session = new LiveSession({ prices: BUNDLED_PRICES, thresholds: DEFAULT_THRESHOLDS, window: '5m', backfillMs: 0, paths: [dir], roots: [], proxyPlan: { files: [], dirs: [] }, statuslineFile: undefined, now: () => clock });
    const ticks = vi.spyOn(session.store, 'tick');
    await session.start();
    ticks.mockClear();
    for (let s = 0; s < 120; s += 1) {
      clock += 1000;
      await vi.advanceTimersByTimeAsync(1000);
    }
    // Two minutes of nothing: four ticks, where the 5 s interval made twenty-four.
    expect(ticks.mock.calls.length).toBeLessThanOrEqual(5);
    expect(ticks.mock.calls.length).toBeGreaterThanOrEqual(3);
    await session.stop();
  });

  it('takes a footer notice away within 13 s even on a quiet screen (the 30 s ticker held it)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokentop-cadence-'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let clock = Date.parse('2026-12-04T10:00:00Z');
    const session = new LiveSession({ prices: BUNDLED_PRICES, thresholds: DEFAULT_THRESHOLDS, window: '5m', backfillMs: 0, paths: [dir], roots: [], proxyPlan: { files: [], dirs: [] }, statuslineFile: undefined, now: () => clock });
    await session.start();
    // Quiet for a while: the ticker is at its 30 s pace.
    for (let s = 0; s < 40; s += 1) {
      clock += 1000;
      await vi.advanceTimersByTimeAsync(1000);
    }
    session.store.setNotice('snapshot: /tmp/a.json', clock);
    let shown = 0;
    while (session.store.getSnapshot().notice !== undefined && shown < 40) {
      clock += 1000;
      shown += 1;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(shown).toBeGreaterThanOrEqual(8);
    expect(shown).toBeLessThanOrEqual(13);
    await session.stop();
  });
});
