/**
 * A short smoke of the reset-anomaly indicator in a real terminal: the demo started 135 s into its
 * script (--skip), so the lockout and the counter drop are in its first frames. ANOMALY on screen, an
 * automatic evidence snapshot, the detail view, and the exit summary's list. The script moment by
 * moment (OK -> WATCH -> ANOMALY -> recovery) is tested without a terminal in demo-incidents.test.ts.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

describe.skipIf(!hasTmux())('the reset-anomaly indicator on the demo', () => {
  const term = new Tmux();
  let cwd: string | undefined;
  afterAll(async () => {
    term.kill();
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  it('lights ANOMALY for the counter drop, writes the evidence, shows it, and lists it on exit', { timeout: 60_000 }, async () => {
    // Snapshots and the exit summary go to a temp dir named on the command line, so the test leaves nothing behind.
    cwd = await mkdtemp(join(tmpdir(), 'tokentop-anomaly-'));
    const summaryFile = join(cwd, 'exit-summary.json');
    term.start(`node ${CLI} --demo --skip 125 --snapshot-dir ${cwd} --summary-file ${summaryFile}; echo EXIT=$?; sleep 60`, 120, 40, { TZ: 'UTC', XDG_STATE_HOME: cwd });

    // Asserted inside the waits: a capture can catch a redraw half done.
    await term.waitFor((s) => {
      expect(s).toMatch(/ANOMALY \(\d+\)/);
      expect(s).toMatch(/counter-reset: 5h quota counter fell from 3\d% to 0% with \dh\d\dm left before its reset/);
    }, 20_000);
    // The footer names the file in full: keys give way to it, and a long notice is cut in its middle.
    // Only the counter drop (130 s) came after the watch began (125 s): the lockout (110 s) is history, shown but not snapshotted.
    const footer = await term.waitFor((s) => /│ counter-reset.*tokentop-snapshot-\d{8}-\d{6}\.json$/m.test(s), 20_000);
    expect(footer).not.toMatch(/│ premature-lockout/m);

    term.keys('a');
    await term.waitFor((s) => {
      expect(s).toMatch(/CRITICAL counter-reset {2}\(\d+ of /);
      expect(s).toMatch(/5h 3\d\.\d% allowed reset .* \(proxy\)/);
      expect(s).toMatch(/5h 0\.0% allowed reset .* \(proxy\)/);
    }, 5_000);
    // e writes the bundle of the anomaly shown, into tokentop's state dir; the footer names it.
    term.keys('e');
    const named = await term.waitFor((s) => /evidence: \/\S*counter-reset-\d{8}T\d{6}/.test(s), 20_000);
    // The demo writes its bundles in its own temp dir, never the user's state dir; the footer names the folder whole.
    const bundle = /evidence: (\/\S*counter-reset-\d{8}T\d{6})/.exec(named)?.[1] ?? '';
    expect(bundle).toMatch(/tokentop-demo-[^/]+\/evidence\//);
    expect(readdirSync(cwd).filter((f) => f === 'tokentop')).toEqual([]);
    // Checked while the demo's files still exist (it removes them on exit).
    const verify = runCli(['verify', bundle]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/ok {7}line \d+ of .*claude-trace\.jsonl/);

    term.keys('q');
    await term.waitFor((s) => s.includes('EXIT='), 20_000);
    const after = term.scrollback();
    expect(after).toContain('EXIT=0');
    expect(after).toMatch(/ANOMALIES \(\d+ warn or critical/);
    expect(after).toMatch(/CRITICAL counter-reset/);

    const exit = JSON.parse(await readFile(summaryFile, 'utf8')) as { anomalies: { kind: string }[] };
    expect(exit.anomalies.map((a) => a.kind)).toContain('counter-reset');

    const snapshots = readdirSync(cwd).filter((f) => f.startsWith('tokentop-snapshot-') && f.endsWith('.json'));
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    const texts = await Promise.all(snapshots.map((f) => readFile(join(cwd as string, f), 'utf8')));
    expect(texts.some((t) => t.includes('"counter-reset"'))).toBe(true);

  });
});
