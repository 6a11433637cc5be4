/**
 * Every key family of the help, pressed in a real terminal on the demo (tmux sends what a terminal
 * sends: arrows, PgDn, Home/End, F1, F10, the wheel as an SGR mouse report, Ctrl-Z to an interactive
 * shell), and the screen read back as a person sees it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

describe.skipIf(!hasTmux())('the keys of the help, in tmux', () => {
  let term: Tmux | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    term?.kill();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const demo = async (cols: number, rows: number, shell = false, env: Record<string, string> = {}): Promise<Tmux> => {
    dir = await mkdtemp(join(tmpdir(), 'tokentop-keys-'));
    const t = new Tmux();
    const command = `node ${CLI} --demo --skip 125 --no-auto-snapshot --snapshot-dir ${dir}`;
    if (shell) {
      t.start('bash --norc -i', cols, rows, { XDG_STATE_HOME: dir, PS1: 'PROMPT$ ' });
      await t.waitFor((s) => s.includes('PROMPT$'), 10_000);
      t.keys('-l', command);
      t.keys('Enter');
    } else t.start(`${command}; echo EXIT=$?; sleep 30`, cols, rows, { XDG_STATE_HOME: dir, ...env });
    await t.waitFor((s) => /Sessions \(\d+\)/.test(s), 20_000);
    term = t;
    return t;
  };

  it('scrolls the sessions table with j/k, arrows, PgDn/PgUp, End/Home and the wheel, its header kept', { timeout: 60_000 }, async () => {
    const t = await demo(80, 24);
    const header = /│ project +.*tokens/;
    await t.waitFor((s) => header.test(s) && /\+\d+ more/.test(s));
    for (const [keys, after] of [
      [['j'], /1 above/],
      [['k'], /\+\d+ more \(j\/k/],
      [['Down'], /1 above/],
      [['Up'], /\+\d+ more \(j\/k/],
      [['End'], /\d+ above/],
      [['Home'], /\+\d+ more \(j\/k/],
      [['PgDn'], /\d+ above/],
      [['PgUp'], /\+\d+ more \(j\/k/],
      [['-l', '\u001b[<65;20;10M'], /1 above/],
      [['-l', '\u001b[<64;20;10M'], /\+\d+ more \(j\/k/],
    ] as const) {
      t.keys(...keys);
      await t.waitFor((s) => {
        expect(s, keys.join(' ')).toMatch(after);
        expect(s).toMatch(header);
      }, 5_000);
    }
  });

  it('opens the help with ? and F1, scrolls it, closes it with Esc; F10 quits', { timeout: 60_000 }, async () => {
    const t = await demo(80, 24);
    t.keys('F1');
    await t.waitFor((s) => s.includes('tokentop keys') && /\d+ more lines: j\/k scroll/.test(s), 5_000);
    t.keys('j');
    await t.waitFor((s) => /tokentop keys \(1 lines above\)/.test(s), 5_000);
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('tokentop keys') && /Sessions \(\d+\)/.test(s), 5_000);
    t.keys('?');
    await t.waitFor((s) => s.includes('tokentop keys'), 5_000);
    t.keys('F1');
    await t.waitFor((s) => !s.includes('tokentop keys'), 5_000);
    t.keys('F10');
    await t.waitFor((s) => s.includes('EXIT=0'), 20_000);
  });

  it('opens the anomaly the lamp names, lists them all, moves both ways, opens one with Enter', { timeout: 60_000 }, async () => {
    const t = await demo(120, 40);
    await t.waitFor((s) => /ANOMALY \(\d+\)/.test(s), 20_000);
    // Each step names itself. The demo raises anomalies as it runs, so the steps follow the anomaly
    // by its id, not its place: a newer one moves the rest down the list. Two fresh-clone runs on
    // 2026-12-04 failed here and found two defects, both mended (ui/App.tsx): the view followed a
    // place, not an anomaly; and keys that came in one read (send-keys is fast) each acted on the
    // last render, so Down Up Down Enter opened the first anomaly again.
    const idOf = (s: string): string | undefined => /id (\S+) \(tokentop evidence --anomaly ID\)/.exec(s)?.[1];
    t.keys('a');
    const detail = await t.waitFor((s) => /(CRITICAL|WARN) \S+ {2}\(\d+ of \d+\)/.test(s) && idOf(s) !== undefined, 10_000, 'a: the detail');
    const first = idOf(detail);
    // Down, Up, Down from the list's selection, or Up, Down, Up when it is the oldest (the last row).
    const [, at, of] = / \((\d+) of (\d+)\)/.exec(detail) ?? [];
    const [step, back, stepKey] = at === of ? ['Up', 'Down', 'j'] : ['Down', 'Up', 'k'];
    t.keys('Tab');
    await t.waitFor((s) => /Anomalies \(\d+, newest first/.test(s), 10_000, 'Tab: the list');
    t.keys(step);
    t.keys(back);
    t.keys(step);
    t.keys('Enter');
    await t.waitFor((s) => / \(\d+ of \d+\)/.test(s) && idOf(s) !== undefined && idOf(s) !== first, 10_000, `${step} ${back} ${step} Enter: the one beside it`);
    t.keys(stepKey);
    await t.waitFor((s) => idOf(s) === first, 10_000, `${stepKey}: back to the first`);
    t.keys('Escape');
    await t.waitFor((s) => !/ \(\d+ of \d+\)/.test(s) && /Sessions \(\d+\)/.test(s), 10_000, 'Escape: the sessions');
  });

  it('suspends on Ctrl-Z and comes back as it was on fg', { timeout: 60_000 }, async () => {
    const t = await demo(100, 30, true);
    t.keys('C-z');
    await t.waitFor((s) => /Stopped/.test(s) && s.includes('PROMPT$') && !/Sessions \(\d+\)/.test(s), 10_000);
    t.keys('-l', 'fg');
    t.keys('Enter');
    await t.waitFor((s) => /Sessions \(\d+\)/.test(s) && /LIVE/.test(s), 10_000);
    t.keys('q');
    // The exit summary, then the shell's prompt again: the job ended.
    await t.waitFor((s) => !/Sessions \(\d+\)/.test(s) && /PROMPT\$ *$/.test(s.trimEnd()), 20_000);
  });

  it('draws ASCII charts and boxes when the locale is not UTF-8 (LANG=C), every line still its width', { timeout: 60_000 }, async () => {
    const t = await demo(100, 30, false, { LANG: 'C', LC_ALL: 'C' });
    const screen = await t.waitFor((s) => /^\+-+\+$/m.test(s) && /^\| Token rate \/min/m.test(s) && /\*{3,}/.test(s), 15_000);
    expect(screen).toMatch(/^[\x00-\x7f\n]*$/);
    expect(screen).toMatch(/^\| Token rate \/min \. 5m/m);
    expect(screen).toMatch(/\*{3,}/);
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
