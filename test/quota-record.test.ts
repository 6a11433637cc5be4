/**
 * The local quota record as a source of every command: `tokentop statusline` fed 31% then 0% (its
 * reset hours ahead) lights ANOMALY in a running monitor, and `summary --json` afterwards lists the
 * counter-reset with the record's readings as evidence; --no-statusline and --statusline-file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { writeFixtureConfigDir } from './helpers/config-dir.js';
import { CLI, runCli } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

let state: string;
let config: string;
const now = Math.floor(Date.now() / 1000);
const input = (used: number): string => JSON.stringify({ session_id: 's1', model: { display_name: 'Opus 4.6' }, rate_limits: { five_hour: { used_percentage: used, resets_at: now + 3 * 3600 }, seven_day: { used_percentage: 40, resets_at: now + 4 * 86_400 } } });
const feed = (used: number): void => {
  expect(runCli(['statusline'], { XDG_STATE_HOME: state }, undefined, input(used)).code).toBe(0);
};

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'tokentop-record-cli-'));
  config = await writeFixtureConfigDir();
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
  await rm(config, { recursive: true, force: true });
});

describe.skipIf(!hasTmux())('a counter drop in the local record, live', () => {
  const term = new Tmux();
  afterAll(() => term.kill());

  it('lights ANOMALY in a running monitor when the statusline reads 31% then 0% hours before the reset', async () => {
    term.start(`node ${CLI} ${config}; echo EXIT=$?; sleep 30`, 120, 40, { XDG_STATE_HOME: state });
    await term.waitFor((s) => s.includes('LIVE') && /OK\s*│/.test(s), 15_000);
    feed(31);
    await term.waitFor((s) => /5h\s+█+░+\s+31%/.test(s), 10_000);
    feed(0);
    // Asserted inside the wait: a capture can catch a redraw half done.
    await term.waitFor((s) => {
      expect(s).toMatch(/ANOMALY \(\d+\)/);
      expect(s).toMatch(/counter-reset: 5h quota counter fell from 31% to 0% with 2h5\dm left before its reset \(statusli/);
      // ~4.6 s on a quiet machine (before this wave too): the suite's load once pushed it past 10 s.
    }, 20_000);
    term.keys('q');
    expect(await term.waitFor((s) => s.includes('EXIT='), 10_000)).toContain('EXIT=0');
  });

  it('summary --json afterwards lists the counter-reset with the readings as evidence, and the record\'s counts', () => {
    const r = runCli(['summary', config, '--json'], { XDG_STATE_HOME: state });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.statusline).toMatchObject({ file: join(state, 'tokentop', 'statusline.jsonl'), found: true, lines: 2, readings: 4, malformed: 0 });
    expect(s.quota?.filter((q) => q.window === '5h').map((q) => [q.utilization, q.source])).toEqual([
      [0.31, 'statusline'],
      [0, 'statusline'],
    ]);
    const reset = s.anomalies.find((a) => a.kind === 'counter-reset');
    expect(reset?.severity).toBe('critical');
    expect(reset?.evidence.map((e) => (e.kind === 'reading' ? [e.window, e.utilization, e.source] : e.kind))).toEqual([
      ['5h', 0.31, 'statusline'],
      ['5h', 0, 'statusline'],
    ]);
    const text = runCli(['summary', config, '--width', '120'], { XDG_STATE_HOME: state }).stdout;
    expect(text).toMatch(/QUOTA · local record .*statusline\.jsonl: 4 readings/);
    expect(text).toMatch(/5h\s+statusline\s+2 .* 0%\s+31%\s+0%\s+0\s+1/);
  });

  it('--no-statusline leaves the record out; --statusline-file reads another', async () => {
    const without = JSON.parse(runCli(['summary', config, '--json', '--no-statusline'], { XDG_STATE_HOME: state }).stdout) as Summary;
    expect(without.quota).toBeUndefined();
    expect(without.anomalies.some((a) => a.kind === 'counter-reset')).toBe(false);
    const other = join(state, 'tokentop', 'statusline.jsonl');
    const elsewhere = await mkdtemp(join(tmpdir(), 'tokentop-no-state-'));
    try {
      const named = JSON.parse(runCli(['summary', config, '--json', '--statusline-file', other], { XDG_STATE_HOME: elsewhere }).stdout) as Summary;
      expect(named.statusline?.readings).toBe(4);
      const missing = runCli(['summary', config, '--json', '--statusline-file', join(elsewhere, 'nope.jsonl')], { XDG_STATE_HOME: elsewhere });
      expect(missing.code).toBe(0);
      expect(missing.stderr).toMatch(/no quota record at .*nope\.jsonl/);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
