/**
 * The monitor without colour (NO_COLOR) and on a terminal that cannot redraw (TERM=dumb), in tmux,
 * on the demo 135 s into its script (its incidents have happened by then).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLI } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

let term: Tmux | undefined;
let dir: string | undefined;

afterEach(async () => {
  term?.kill();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux())('the monitor without colour and on a dumb terminal', () => {
  it('NO_COLOR: the four token types are drawn with their own glyphs, named in the legend', async () => {
    term = new Tmux();
    term.start(`node ${CLI} --demo --skip 135`, 100, 40, { NO_COLOR: '1', TZ: 'UTC' });
    const screen = await term.waitFor((s) => /o output/.test(s) && /Token rate/.test(s), 15_000);
    expect(screen).toMatch(/\. cache read {2}w cache write {2}i input {2}o output/);
    // The chart itself holds the glyphs (the busiest, cache reads, at least), not only braille.
    const chartRows = screen.split('\n').slice(2, 12).join('\n');
    expect(chartRows).toMatch(/[.wio]{2,}/);
    term.keys('q');
    await vi.waitFor(() => expect(term?.scrollback()).toMatch(/SESSIONS/), { timeout: 10_000, interval: 50 });
  });

  it('TERM=dumb: plain lines appended, no cursor movement or alternate screen, and q quits with the summary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokentop-plain-'));
    const stream = join(dir, 'stream.txt');
    term = new Tmux();
    term.start(`node ${CLI} --demo --skip 135; echo EXIT=$?; sleep 30`, 100, 40, { TERM: 'dumb', TZ: 'UTC' }, stream);
    const screen = await term.waitFor((s) => /LIVE · now [\d.]+[kM]?\/min/.test(s), 15_000);
    expect(screen).toMatch(/tokentop: plain output \(TERM=dumb\)/);
    expect(screen).toMatch(/lamp (OK|WATCH|ANOMALY)/);
    // An anomaly's line as it lights the lamp; no info line, and no library warning between the lines.
    const lit = await term.waitFor((s) => /^ANOMALY counter-reset: /m.test(s), 15_000);
    expect(lit).not.toMatch(/^info /m);
    expect(lit).not.toMatch(/DeprecationWarning/);
    term.keys('q');
    await term.waitFor((s) => /EXIT=0/.test(s), 15_000);
    const after = term.scrollback();
    expect(after).toMatch(/SESSIONS/);
    const bytes = await readFile(stream, 'utf8');
    expect(bytes).not.toContain('\u001b[?1049h');
    expect(bytes).not.toMatch(/\u001b\[\d*[ABCDHJK]/);
  });
});
