/**
 * `tokentop doctor` as a new user meets it: before setup it says what is missing and what to do;
 * after `tokentop setup` and one reading from a (fake) Claude Code, it says every source is in place.
 * It never shows the login token.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assistantLine } from './helpers/lines.js';
import { runCli } from './helpers/run-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'tokentop-doctor-'));
  mkdirSync(join(home, '.claude', 'projects', '-home-dev-app'), { recursive: true });
  writeFileSync(join(home, '.claude', 'projects', '-home-dev-app', 's.jsonl'), `${assistantLine({ sessionId: 's', output: 5 })}\n`);
  writeFileSync(join(home, '.claude', 'settings.json'), '{"statusLine": {"type": "command", "command": "echo mine"}}\n');
  writeFileSync(join(home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-DOCTORSECRET', expiresAt: Date.now() + 5 * 3_600_000 } }));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const env = () => ({ HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config') });

describe('tokentop doctor', () => {
  it('before setup: what is missing and what to do; after setup and a reading: all in place; never the token', () => {
    const before = runCli(['doctor'], env());
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/\.claude: 1 transcript, the newest written/);
    expect(before.stdout).toContain('settings.json: its statusLine (echo mine) does not record quota readings');
    expect(before.stdout).toMatch(/statusline\.jsonl: none yet/);
    expect(before.stdout).toMatch(/- run `tokentop setup` to record the quota readings/);
    expect(before.stdout).toMatch(/\.credentials\.json: valid for 4h5\dm/);

    expect(runCli(['setup', '--yes'], env()).code).toBe(0);
    const command = (JSON.parse(readFileSync(join(home, '.claude', 'settings.json'), 'utf8')) as { statusLine: { command: string } }).statusLine.command;
    const input = JSON.stringify({ session_id: 's', version: '2.1.260', rate_limits: { five_hour: { used_percentage: 31, resets_at: Math.floor(Date.now() / 1000) + 3600 } }, prompt_cache: { misses: 1, hit_ratio: 0.9 }, cwd: '/home/dev/app' });
    expect(execFileSync('sh', ['-c', command], { input, env: { PATH: process.env.PATH, ...env() }, encoding: 'utf8' })).toBe('mine\n');

    const after = runCli(['doctor'], env());
    expect(after.stdout).toContain('settings.json: its statusLine records quota readings');
    expect(after.stdout).toMatch(/statusline\.jsonl: 1 reading, the last \ds ago \(5h 31%\)/);
    expect(after.stdout).toContain('the last line: Claude Code 2.1.260; fields: rate_limits.five_hour, prompt_cache, version, 1 more');
    expect(after.stdout).toContain('nothing: every source tokentop can read is in place');
    for (const r of [before, after]) expect(r.stdout + r.stderr).not.toContain('DOCTORSECRET');
  });
});
