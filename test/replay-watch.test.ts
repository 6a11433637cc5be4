/** After a long replay, the exit summary's watch figures cover the whole watch, not the last hours the live rings hold. */
import { describe, expect, it } from 'vitest';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { runCli } from './helpers/run-cli.js';

describe.skipIf(!hasRealCorpus)('a replay of the real sample (13 months)', () => {
  it('counts every spawn and the busiest minute of the whole watch, copies of resumed sessions left out', () => {
    const r = runCli(['replay', REAL_TRANSCRIPTS, '--speed', 'max', '--json', '--no-statusline']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { subagents: { spawned: number }; watch: { subagentsSpawned: number; peakTokensPerMinute: number; peakConcurrentSubagents: number } };
    // Before: 0 spawned (the report counted 54) and the last 7 hours' peak, 97k.
    expect(s.watch.subagentsSpawned).toBe(s.subagents.spawned);
    expect(s.watch.peakTokensPerMinute).toBeGreaterThan(1_000_000);
    // The two busiest minutes by stamp are 65 and 55 copies on one millisecond (5.7M, 4.6M): not the peak.
    expect(s.watch.peakTokensPerMinute).toBeLessThan(2_000_000);
    expect(s.watch.peakConcurrentSubagents).toBeGreaterThan(0);
  });
});
