/**
 * The demo's scripted incidents light the reset-anomaly indicator in a real terminal: WATCH for the
 * sub-agent burst (25 s) and the cache-miss cascade (70 s), ANOMALY for the counter that falls to 0
 * (130 s), with a detail view, an automatic evidence snapshot and the exit summary's list.
 * It runs the demo in real time, so it takes about two and a half minutes.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

describe.skipIf(!hasTmux())('the reset-anomaly indicator on the demo', () => {
  const term = new Tmux();
  let cwd: string | undefined;
  afterAll(async () => {
    term.kill();
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it('goes from OK to WATCH to ANOMALY as the script plays, and shows the evidence', { timeout: 240_000 }, async () => {
    // Snapshots and the exit summary go to a temp dir named on the command line (the monitor's
    // options pass through the demo), so the test leaves nothing behind.
    cwd = await mkdtemp(join(tmpdir(), 'tokentop-anomaly-'));
    const summaryFile = join(cwd, 'exit-summary.json');
    term.start(`node ${CLI} --demo --snapshot-dir ${cwd} --summary-file ${summaryFile}; echo EXIT=$?; sleep 60`, 120, 40, { TZ: 'UTC' });
    expect(await term.waitFor((s) => s.includes('Quota · reset anomalies'), 10_000)).toMatch(/OK\s*│/);

    const watch = await term.waitFor((s) => /WATCH \(\d+\)/.test(s), 60_000);
    expect(watch).toMatch(/runaway-subagents|subagent-loop/);

    const alarm = await term.waitFor((s) => /ANOMALY \(\d+\)/.test(s) && s.includes('counter-reset'), 150_000);
    expect(alarm).toMatch(/counter-reset: 5h quota counter fell from 3\d% to 0% with \dh\d\dm left before its reset/);
    await term.waitFor((s) => s.includes('evidence snapshot'), 10_000);

    term.keys('a');
    const detail = await term.waitFor((s) => s.includes('(1 of '), 5_000);
    expect(detail).toMatch(/CRITICAL counter-reset/);
    expect(detail).toMatch(/5h 3\d\.\d% allowed reset .* \(proxy\)/);
    expect(detail).toMatch(/5h 0\.0% allowed reset .* \(proxy\)/);

    term.keys('q');
    const after = await term.waitFor((s) => s.includes('EXIT='), 10_000);
    expect(after).toContain('EXIT=0');
    expect(after).toMatch(/ANOMALIES \(\d+ warn or critical/);
    expect(after).toMatch(/CRITICAL counter-reset/);
    expect(after).toMatch(/WARN\s+cache-miss-cascade/);

    const exit = JSON.parse(await readFile(summaryFile, 'utf8')) as { anomalies: { kind: string }[] };
    expect(exit.anomalies.map((a) => a.kind)).toContain('counter-reset');

    const snapshots = readdirSync(cwd).filter((f) => f.startsWith('tokentop-snapshot-') && f.endsWith('.json'));
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    const texts = await Promise.all(snapshots.map((f) => readFile(join(cwd as string, f), 'utf8')));
    expect(texts.some((t) => t.includes('"counter-reset"'))).toBe(true);
  });
});
