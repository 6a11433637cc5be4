/**
 * `tokentop setup` as a user runs it: a fresh HOME with an existing statusLine command line, the
 * change shown, written with --yes (refused without a terminal to ask on), Claude Code's way of
 * running the new command (through the shell) recording a reading and passing the user's output on,
 * a second run changing nothing, and --undo putting the file back byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

let home: string;
let state: string;
let settings: string;
const ORIGINAL = '{\n  "zeta": true,\n  "statusLine": {\n    "type": "command",\n    "command": "printf \'mine: \'; head -c 5",\n    "padding": 0\n  },\n  "alpha": 1.50\n}\n';

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'tokentop-setup-'));
  state = join(home, 'state');
  mkdirSync(join(home, '.claude'));
  settings = join(home, '.claude', 'settings.json');
  writeFileSync(settings, ORIGINAL);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const setup = (...args: string[]) => runCli(['setup', ...args], { HOME: home, XDG_STATE_HOME: state });

describe('tokentop setup', () => {
  it('shows the change, writes it only when told, chains the old command, and undoes byte for byte', () => {
    const asked = setup();
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain(`${settings}: statusLine printf 'mine: '; head -c 5 -> `);
    expect(asked.stderr).toMatch(/run again with --yes/);
    expect(readFileSync(settings, 'utf8')).toBe(ORIGINAL);

    const done = setup('--yes');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/written: .*settings\.json \(backup: .*setup-backups/);
    const after = readFileSync(settings, 'utf8');
    const command = (JSON.parse(after) as { statusLine: { command: string; padding: number } }).statusLine;
    expect(command.padding).toBe(0);
    // Nothing else changed: the original with only the command's string replaced, and the sub-agent status line added last.
    const chained = ORIGINAL.replace(JSON.stringify("printf 'mine: '; head -c 5"), JSON.stringify(command.command));
    expect(after.startsWith(chained.replace(/\n\}\n$/, ','))).toBe(true);
    expect((JSON.parse(after) as { subagentStatusLine: { type: string; command: string } }).subagentStatusLine).toMatchObject({ type: 'command' });
    expect((JSON.parse(after) as { subagentStatusLine: { command: string } }).subagentStatusLine.command).toMatch(/ subagent-status$/);

    // Claude Code runs the command through the shell with the JSON on stdin.
    const input = JSON.stringify({ session_id: 's', model: { display_name: 'Opus' }, rate_limits: { five_hour: { used_percentage: 31, resets_at: Math.floor(Date.now() / 1000) + 3600 } } });
    const shown = execFileSync('sh', ['-c', command.command], { input, env: { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: state }, encoding: 'utf8' });
    expect(shown).toBe(`mine: ${input.slice(0, 5)}`);
    expect(readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8')).toMatch(/"usedPercentage":31/);

    // Again: nothing to do, nothing written.
    const again = setup('--yes');
    expect(again.stdout).toMatch(/statusLine already records/);
    expect(again.stdout).toMatch(/subagentStatusLine already records/);
    expect(readFileSync(settings, 'utf8')).toBe(after);

    const undone = setup('--undo');
    expect(undone.code, undone.stderr).toBe(0);
    expect(readFileSync(settings, 'utf8')).toBe(ORIGINAL);
  });

  it('makes a settings file where there is none, and --undo removes it', () => {
    rmSync(settings);
    expect(setup('--yes').code).toBe(0);
    const made = JSON.parse(readFileSync(settings, 'utf8')) as { statusLine: { type: string; command: string } };
    expect(made.statusLine.type).toBe('command');
    expect(made.statusLine.command).toMatch(/statusline$/);
    expect(setup('--undo').stdout).toMatch(/removed: /);
    expect(existsSync(settings)).toBe(false);
  });

  it('leaves a file it cannot parse untouched, with one clear line; a read-only one is reported, not lost', () => {
    writeFileSync(settings, '{"model": "opus",, }');
    const bad = setup('--yes');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/settings\.json: left untouched: it is not JSON/);
    expect(readFileSync(settings, 'utf8')).toBe('{"model": "opus",, }');

    writeFileSync(settings, ORIGINAL);
    chmodSync(join(home, '.claude'), 0o500);
    chmodSync(settings, 0o400);
    const locked = setup('--yes', '--config-dir', join(home, '.claude'));
    chmodSync(join(home, '.claude'), 0o700);
    chmodSync(settings, 0o600);
    // Root writes through permission bits: then the write goes through, and that is fine too.
    if (locked.code !== 0) expect(locked.stderr).toMatch(/^tokentop: cannot write .*settings\.json: /m);
    expect([ORIGINAL, readFileSync(settings, 'utf8')]).toContain(readFileSync(settings, 'utf8'));
  });

  it('does not undo a file changed since setup wrote it', () => {
    expect(setup('--yes').code).toBe(0);
    writeFileSync(settings, '{"edited": "by hand"}\n');
    const undone = setup('--undo');
    expect(undone.code).toBe(1);
    expect(undone.stderr).toMatch(/left as it is: .*changed after setup wrote it; its backup is kept/);
    expect(readFileSync(settings, 'utf8')).toBe('{"edited": "by hand"}\n');
  });
});
