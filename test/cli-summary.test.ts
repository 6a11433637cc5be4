import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { FIXTURE_TRUTH, PROJECT, writeFixtureConfigDir } from './helpers/config-dir.js';
import { assistantLine } from './helpers/lines.js';
import { CLI, EMPTY_STATE_HOME, TEST_CACHE_HOME, runCli } from './helpers/run-cli.js';

let root: string;

async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return Promise.all(entries.sort().map(async (e) => `${e}:${(await stat(join(dir, e))).size}`));
}

beforeAll(async () => {
  root = await writeFixtureConfigDir();
  // A cwd that tries to take over the terminal: it must reach the screen stripped.
  await appendFile(
    join(root, 'projects', PROJECT, 'evil.jsonl'),
    `${assistantLine({ sessionId: 'evil', cwd: '/tmp/\u001b]0;pwned\u0007\u001b[2Jx', messageId: 'msg_evil', input: 1, timestamp: '2026-03-01T00:00:00.000Z' })}\n`,
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('tokentop summary', () => {
  it('--json prints one object with the documented fields', () => {
    const r = runCli(['summary', root, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Summary;
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['sources', 'totals', 'cacheHitRatio', 'sessions', 'subagents', 'limits', 'anomalies']));
    expect(s.sources).toMatchObject({ files: 5, malformed: FIXTURE_TRUTH.malformed });
    expect(s.totals).toMatchObject({ input: FIXTURE_TRUTH.input + 1, output: FIXTURE_TRUTH.output, responses: FIXTURE_TRUTH.responses + 1 });
    expect(s.sessions[0]).toMatchObject({ id: 'sess-A', project: PROJECT, cwd: '/home/dev/app', firstTime: '2026-02-10T10:00:00.000Z', lastTime: '2026-02-10T10:07:00.000Z', models: ['claude-sonnet-4-5-20250929'] });
    expect(s.subagents.spawned).toBe(1);
    expect(s.limits[1]).toMatchObject({ time: '2026-02-10T10:07:00.000Z', resetAt: '2026-02-10T13:00:00.000Z' });
    // Two limit messages: each a limit-hit. The first came after 16k local tokens, and with no server
    // reading that says little: usage elsewhere counts toward the same limit, so no premature-lockout.
    expect(s.anomalies.map((a) => a.kind)).toEqual(['limit-hit', 'limit-hit']);
    expect(s.anomalies[0]).toMatchObject({ severity: 'info', certainty: 'confirmed', start: '2026-02-10T10:07:00.000Z' });
    expect(s.anomalies[0]?.message).toMatch(/^5-hour limit reached: resets 2026-02-10 05:00 America\/Los_Angeles \(13:00 UTC\) · this machine used [\d.]+k input-equivalent tokens since the window opened at 2026-02-10 08:00 UTC/);
    expect(s.anomalies[0]?.advice).toMatch(/tokentop statusline/);
    expect(s.anomalies[0]?.evidence[0]).toMatchObject({ kind: 'line', line: 9 });
  });

  it('reads the config dirs of CLAUDE_CONFIG_DIR when no PATH is given', () => {
    const r = runCli(['summary', '--json'], { CLAUDE_CONFIG_DIR: `${root},/no/such/dir` });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Summary).sources.files).toBe(5);
  });

  it('prints tables with control sequences stripped from transcript text', () => {
    const r = runCli(['summary', root, '--width', '120']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TOKENS');
    expect(r.stdout).toContain('SESSIONS (3)');
    expect(r.stdout).toContain('LIMITS (2 messages)');
    expect(r.stdout).toContain('/tmp/x');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('--since and --until narrow the report', () => {
    const r = runCli(['summary', root, '--json', '--since', '2026-02-11T00:00:00Z', '--until', '2026-02-12T00:00:00Z']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Summary).totals).toMatchObject({ input: 7, output: 35, responses: 2 });
  });

  it('writes nothing inside the config dir', async () => {
    const before = await listing(root);
    runCli(['summary', root]);
    runCli(['summary', root, '--json']);
    expect(await listing(root)).toEqual(before);
  });

  it.each([
    [['summary', '/no/such/path'], /^tokentop: cannot read \/no\/such\/path: no such file or directory\n$/],
    [['summary', '--since', 'someday'], /^tokentop: --since "someday" is not a date, a time or a duration like 6h\n$/],
    [['summary', '--bogus'], /^tokentop: tokentop summary has no --bogus \(tokentop summary --help lists its flags\)\n$/],
    // The live monitor needs a terminal; here stdout is a pipe.
    [[], /^tokentop: stdout is not a terminal, and the live monitor needs one; for a report, run 'tokentop summary'\n$/],
    [['--backfill', '6h'], /^tokentop: stdout is not a terminal/],
    [['summary', '--prices', '/no/such/prices.json'], /^tokentop: cannot read price table \/no\/such\/prices.json: .*\n$/],
    [['summary', '--thresholds', '/no/such/thresholds.json'], /^tokentop: cannot read thresholds \/no\/such\/thresholds.json: .*\n$/],
  ])('%j: one clear line on stderr and exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--thresholds moves a detector; a retired key still loads (ignored); an unknown key is an error', async () => {
    const file = join(root, 'thresholds.json');
    await writeFile(file, JSON.stringify({ lockoutFloorTokens: 10_000, retryStormCount: 1, retryStormMs: 60_000 }));
    const r = runCli(['summary', root, '--json', '--thresholds', file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Summary).anomalies.map((a) => a.kind)).toContain('retry-storm');
    expect((JSON.parse(runCli(['summary', root, '--json']).stdout) as Summary).anomalies.map((a) => a.kind)).not.toContain('retry-storm');
    await writeFile(file, JSON.stringify({ subagentCeilin: 12 }));
    const bad = runCli(['summary', root, '--thresholds', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tokentop: thresholds .*thresholds.json: .*subagentCeilin/);
  });

  it('names a FIFO with a transcript name on stderr, reads the rest, and never blocks on it', async () => {
    const own = await mkdtemp(join(tmpdir(), 'tokentop-fifo-summary-'));
    try {
      const project = join(own, 'projects', '-home-dev-app');
      await mkdir(project, { recursive: true });
      await writeFile(join(project, 'real.jsonl'), `${assistantLine({ sessionId: 'real', messageId: 'msg_real', output: 42 })}\n`);
      execFileSync('mkfifo', [join(project, 'pipe.jsonl')]);
      const r = runCli(['summary', own, '--json', '--no-cache']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^tokentop: skipped .*pipe\.jsonl: not a regular file \(a FIFO, socket or device\): not read$/m);
      expect((JSON.parse(r.stdout) as Summary).totals.output).toBe(42);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('--demo reports on a generated history through the same pipeline, and removes it', () => {
    const r = runCli(['--demo', '--seed', '5', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.totals.responses).toBeGreaterThan(50);
    expect(s.sources.malformed).toBe(0);
    // Every scripted incident, and nothing the script did not write (the lanes are a normal day).
    expect([...new Set(s.anomalies.map((a) => a.kind))].sort()).toEqual(['cache-miss-cascade', 'counter-reset', 'limit-hit', 'premature-lockout', 'runaway-subagents', 'subagent-loop']);
    const reset = s.anomalies.find((a) => a.kind === 'counter-reset');
    expect(reset?.message).toMatch(/^5h quota counter fell from 3\d% to 0% with \dh\d\dm left before its reset \(proxy\); back to 3\d% \d+[sm] later$/);
    const dir = /writing to (\S+)/.exec(r.stderr)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir as string)).toBe(false);
  });

  it('--demo hands --thresholds on: raised sub-agent limits leave the burst unreported', async () => {
    const file = join(root, 'demo-thresholds.json');
    await writeFile(file, JSON.stringify({ subagentCeiling: 20, subagentBurst: 30, subagentLoopCount: 20 }));
    const r = runCli(['--demo', '--seed', '5', '--json', '--thresholds', file]);
    expect(r.code).toBe(0);
    const kinds = new Set((JSON.parse(r.stdout) as Summary).anomalies.map((a) => a.kind));
    expect(kinds.has('runaway-subagents') || kinds.has('subagent-loop')).toBe(false);
    expect(kinds.has('counter-reset')).toBe(true);
  });

  it('a missing config dir is reported, not a stack trace', () => {
    const r = runCli(['summary'], { CLAUDE_CONFIG_DIR: '/no/such/claude' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tokentop: no Claude Code config dir found (looked in /no/such/claude); set CLAUDE_CONFIG_DIR or pass a PATH\n');
  });

  it('exits quietly when its reader goes away (summary --json | head)', () => {
    const r = spawnSync('bash', ['-c', `node ${CLI} --demo --json | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME } });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toMatch(/^tokentop demo: writing to \S+\nstatus=0\n$/);
  });

  it.each([
    [['--since', '2026-13-45'], /^tokentop: --since "2026-13-45" is not a date, a time or a duration like 6h\n$/],
    [['--since', '2026-03-01', '--until', '2026-02-01'], /^tokentop: --since 2026-03-01 is not before --until 2026-02-01: the range is empty\n$/],
  ])('%j: one line and exit 2', (args, message) => {
    const r = runCli(['summary', '/nonexistent-is-never-read', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('tokentop summary --by', () => {
  it('--json has periods whose totals add up to the totals, and --csv one row per period', () => {
    for (const by of ['day', 'week', 'month', 'session', 'block']) {
      const r = runCli(['summary', root, '--json', '--by', by, '--tz', 'Asia/Tokyo']);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout) as Summary;
      expect(s.by).toEqual({ kind: by, zone: 'Asia/Tokyo' });
      const periods = s.periods ?? [];
      expect(periods.length).toBeGreaterThan(0);
      for (const k of ['input', 'output', 'cacheCreation', 'cacheRead', 'responses'] as const) expect(periods.reduce((a, p) => a + p.totals[k], 0), `${by} ${k}`).toBe(s.totals[k]);
    }
    const csv = runCli(['summary', root, '--by', 'session', '--csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('period,start,end,title,input,output,cache_creation,cache_read,responses,cost_usd,cost_complete,models');
    const json = JSON.parse(runCli(['summary', root, '--json', '--by', 'session']).stdout) as Summary;
    expect(lines).toHaveLength((json.periods ?? []).length + 1);
    // The evil cwd's session: no control character reaches the CSV.
    expect(csv.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it('text: a BY DAY table in the zone asked for', () => {
    const r = runCli(['summary', root, '--by', 'day', '--utc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^BY DAY \(UTC\) +input +output/m);
    expect(r.stdout).toMatch(/^2026-02-10 /m);
  });

  it('refuses what it cannot do, in one line, exit 2', () => {
    for (const [args, message] of [
      [['--by', 'year'], /--by year: expected one of day, week, month, session, block/],
      [['--csv'], /--csv goes with --by/],
      [['--by', 'day', '--tz', 'Mars/Olympus'], /--tz Mars\/Olympus: not a time zone/],
      [['--by', 'day', '--utc', '--tz', 'UTC'], /--utc and --tz: choose one/],
      [['--by', 'day', '--csv', '--json'], /--csv and --json: choose one/],
    ] as const) {
      const r = runCli(['summary', root, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

