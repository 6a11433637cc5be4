/**
 * Closing the terminal is a normal way to leave: the pane goes away under the monitor (its pty
 * closes: EIO on every write), and the summary file must still be written whole, nothing crash, and
 * the exit code be 0. The wrapper shell ignores SIGHUP only so that it lives to write the exit code.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { CLI } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

let dir: string | undefined;
let term: Tmux | undefined;
afterEach(async () => {
  term?.kill();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux())('the terminal closed under the monitor', () => {
  it('writes the summary file whole, prints no error, and exits 0', { timeout: 40_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokentop-hangup-'));
    const summaryFile = join(dir, 'summary.json');
    const stderr = join(dir, 'stderr.txt');
    const exit = join(dir, 'exit.txt');
    term = new Tmux();
    term.start(`trap '' HUP; node ${CLI} --demo --skip 60 --summary-file ${summaryFile} 2>${stderr}; echo $? > ${exit}`, 100, 30, { TZ: 'UTC' });
    await term.waitFor((s) => /Sessions \([1-9]/.test(s), 15_000);
    // The pane goes away: the monitor's terminal with it.
    term.kill();
    term = undefined;
    await vi.waitFor(() => expect(existsSync(exit)).toBe(true), { timeout: 15_000, interval: 100 });
    expect((await readFile(exit, 'utf8')).trim()).toBe('0');
    const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as Summary;
    expect(summary.totals.responses).toBeGreaterThan(0);
    const errors = await readFile(stderr, 'utf8');
    expect(errors).not.toMatch(/Error|Assertion|EIO/);
  });
});
