/** `tokentop statusline` with recorded stdin samples of Claude Code's statusLine input. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotaFromStateLine } from '../src/parse/statusline.js';
import { CLI, runCli } from './helpers/run-cli.js';

let state: string;
let claudeDir: string;
const now = Math.floor(Date.now() / 1000);

/** Shaped like Claude Code 2.1.80+'s statusLine input (fields tokentop does not use included). */
function input(rateLimits?: unknown): string {
  return JSON.stringify({
    hook_event_name: 'Status',
    session_id: 'f3c2a1b0-1111-4222-8333-444455556666',
    transcript_path: '/home/u/.claude/projects/-home-u-app/f3c2a1b0.jsonl',
    cwd: '/home/u/app',
    model: { id: 'claude-opus-4-6', display_name: 'Opus 4.6' },
    workspace: { current_dir: '/home/u/app', project_dir: '/home/u/app' },
    version: '2.1.88',
    output_style: { name: 'default' },
    cost: { total_cost_usd: 3.4567, total_duration_ms: 123456, total_api_duration_ms: 45678, total_lines_added: 10, total_lines_removed: 2 },
    ...(rateLimits === undefined ? {} : { rate_limits: rateLimits }),
  });
}

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'tokentop-state-'));
  claudeDir = await mkdtemp(join(tmpdir(), 'tokentop-claude-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
  await rm(claudeDir, { recursive: true, force: true });
});

const run = (stdin: string): ReturnType<typeof runCli> => runCli(['statusline'], { XDG_STATE_HOME: state, CLAUDE_CONFIG_DIR: claudeDir }, undefined, stdin);

describe('tokentop statusline', () => {
  it('prints model, cost and both windows with their reset countdowns, and appends to its state file', () => {
    const r = run(input({ five_hour: { used_percentage: 31.4, resets_at: now + 7500 }, seven_day: { used_percentage: 41, resets_at: now + 4 * 86_400 + 600 } }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Opus 4\.6 · \$3\.46 · 5h 31% ↻2h0[45]m · 7d 41% ↻4d\n$/);
    const lines = readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8').trim().split('\n');
    const readings = quotaFromStateLine(lines.at(-1) ?? '');
    expect(readings?.map((q) => [q.window, q.utilization, q.source])).toEqual([
      ['5h', 0.314, 'statusline'],
      ['7d', 0.41, 'statusline'],
    ]);
  });

  it('without rate_limits (before the first response, older versions) shows dashes and still records the cost', () => {
    const r = run(input());
    expect(r.stdout).toBe('Opus 4.6 · $3.46 · 5h – · 7d –\n');
    const last = readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ costUSD: 3.4567, sessionId: 'f3c2a1b0-1111-4222-8333-444455556666' });
  });

  it('takes used_percentage over 100 as it comes, and reads it as rejected', () => {
    const r = run(input({ five_hour: { used_percentage: 104.2, resets_at: now - 60 }, seven_day: { used_percentage: 88 } }));
    expect(r.stdout).toBe('Opus 4.6 · $3.46 · 5h 104% ↻now · 7d 88%\n');
    const last = readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(quotaFromStateLine(last)?.[0]).toMatchObject({ utilization: 1.042, status: 'rejected' });
  });

  it('writes only under its state dir, never in the Claude config dir', () => {
    expect(readdirSync(claudeDir)).toEqual([]);
    expect(existsSync(join(state, 'tokentop', 'statusline.jsonl'))).toBe(true);
  });

  it.each(['', 'not json', '[1,2]'])('%j: a short line for the status bar, the reason on stderr, exit 2, nothing recorded', (stdin) => {
    const before = readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8');
    const r = run(stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('tokentop: no statusline input\n');
    expect(r.stderr).toBe('tokentop: stdin is not the JSON object Claude Code gives a statusLine command\n');
    expect(readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8')).toBe(before);
  });
});

describe('the newer statusline input (2.1.251+, DOMAIN.md section 11): every field kept', () => {
  it('records the spend limit, the prompt cache with its miss causes, the context window, the version and unknown fields; and none of them when absent', () => {
    const own = mkdtempSync(join(tmpdir(), 'tokentop-fields-'));
    try {
      const now = Math.floor(Date.now() / 1000);
      const rich = JSON.stringify({
        ...(JSON.parse(input({ five_hour: { used_percentage: 30, resets_at: now + 7000 }, spend_limit: { used_percentage: 12.5, resets_at: now + 900_000, used_usd: 25, limit_usd: 200, period: 'monthly' } })) as object),
        prompt_cache: { warm: false, caching_observed: true, ttl: '1h', expires_at: now + 3000, requests: 40, misses: 3, hit_ratio: 0.92, recache_tokens_if_cold: 180_000, last_miss_cause: 'tools_changed', miss_causes: { tools_changed: 2, ttl_expired: 1 } },
        context_window: { context_window_size: 200_000, used_percentage: 41, current_usage: { input_tokens: 82_000 } },
        some_future_field: { nested: [1, 2, 3] },
        huge_future_field: 'x'.repeat(20_000),
      });
      expect(runCli(['statusline'], { XDG_STATE_HOME: own }, undefined, rich).code).toBe(0);
      type Line = Record<string, unknown>;
      const line = JSON.parse(readFileSync(join(own, 'tokentop', 'statusline.jsonl'), 'utf8').trim()) as Line;
      expect(line.version).toBe('2.1.88');
      expect(line.spendLimit).toEqual({ usedPercentage: 12.5, resetsAt: (now + 900_000) * 1000, usedUsd: 25, limitUsd: 200, period: 'monthly' });
      expect(line.promptCache).toMatchObject({ last_miss_cause: 'tools_changed', miss_causes: { tools_changed: 2, ttl_expired: 1 }, hit_ratio: 0.92 });
      expect(line.contextWindow).toMatchObject({ context_window_size: 200_000, used_percentage: 41 });
      // Read back, the reading carries Claude Code's own cache report: the cache rules defer to it.
      expect(quotaFromStateLine(readFileSync(join(own, 'tokentop', 'statusline.jsonl'), 'utf8').trim())?.[0]?.cache).toEqual({ sessionId: 'f3c2a1b0-1111-4222-8333-444455556666', misses: 3, lastMissCause: 'tools_changed', hitRatio: 0.92 });
      // Unknown fields kept, but bounded: past 8 KiB only their names.
      expect(line.other).toMatchObject({ truncated: true, keys: expect.arrayContaining(['some_future_field', 'huge_future_field', 'workspace']) as unknown });
      expect(readFileSync(join(own, 'tokentop', 'statusline.jsonl'), 'utf8').length).toBeLessThan(4000);

      const plain = runCli(['statusline'], { XDG_STATE_HOME: own }, undefined, input({ five_hour: { used_percentage: 31, resets_at: now + 7000 } }));
      expect(plain.code).toBe(0);
      const second = JSON.parse(readFileSync(join(own, 'tokentop', 'statusline.jsonl'), 'utf8').trim().split('\n')[1] as string) as Line;
      expect(second.spendLimit).toBeUndefined();
      expect(second.promptCache).toBeUndefined();
      expect(second.other).toMatchObject({ hook_event_name: 'Status', cwd: '/home/u/app' });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe('tokentop statusline -- COMMAND', () => {
  const reading = input({ five_hour: { used_percentage: 12, resets_at: now + 7500 }, seven_day: { used_percentage: 40, resets_at: now + 300_000 } });
  const wrapped = (command: string[], env: NodeJS.ProcessEnv = {}) => runCli(['statusline', '--', ...command], { XDG_STATE_HOME: state, ...env }, undefined, reading);
  const recordLines = (): string[] => readFileSync(join(state, 'tokentop', 'statusline.jsonl'), 'utf8').trim().split('\n');

  it("runs the user's own statusline with the same stdin, and passes on its output, stderr and exit code", () => {
    const r = wrapped(['sh', '-c', 'printf "mine: "; cat; echo oops >&2; exit 3']);
    expect(r.stdout).toBe(`mine: ${reading}`);
    expect(r.stderr).toBe('oops\n');
    expect(r.code).toBe(3);
    expect(quotaFromStateLine(recordLines().at(-1) ?? '')?.[0]?.utilization).toBe(0.12);
  });

  it('records before the command runs: a failing or missing command never loses the reading', () => {
    const other = input({ five_hour: { used_percentage: 13, resets_at: now + 7500 } });
    const r = runCli(['statusline', '--', 'sh', '-c', 'grep -q \'"usedPercentage":13\' "$XDG_STATE_HOME/tokentop/statusline.jsonl" && echo recorded-first; exit 1'], { XDG_STATE_HOME: state }, undefined, other);
    expect(r.stdout).toBe('recorded-first\n');
    expect(r.code).toBe(1);
    const missing = runCli(['statusline', '--', '/no/such/statusline'], { XDG_STATE_HOME: state }, undefined, input({ five_hour: { used_percentage: 14, resets_at: now + 7500 } }));
    // One word is a command line for the shell, which says it is not found; as a program with arguments, tokentop says so.
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/\/no\/such\/statusline: .*not found/);
    const missingProgram = runCli(['statusline', '--', '/no/such/statusline', '--flag'], { XDG_STATE_HOME: state }, undefined, input({ five_hour: { used_percentage: 14, resets_at: now + 7500 } }));
    expect(missingProgram.code).toBe(127);
    expect(missingProgram.stderr).toMatch(/^tokentop: cannot run \/no\/such\/statusline: /);
    expect(quotaFromStateLine(recordLines().at(-1) ?? '')?.[0]?.utilization).toBe(0.14);
  });

  it('runs one word after -- as a command line through the shell, as Claude Code runs a statusLine', () => {
    const r = runCli(['statusline', '--', 'cat | tr a-z A-Z | head -c 9; echo; echo to-stderr >&2; exit 4'], { XDG_STATE_HOME: state }, undefined, reading);
    expect(r.stdout).toBe(`${reading.slice(0, 9).toUpperCase()}\n`);
    expect(r.stderr).toBe('to-stderr\n');
    expect(r.code).toBe(4);
  });

  it('passes stdin on even when it is not a reading (and records nothing)', () => {
    const before = recordLines().length;
    const r = runCli(['statusline', '--', 'cat'], { XDG_STATE_HOME: state }, undefined, 'plain text');
    expect(r.stdout).toBe('plain text');
    expect(r.code).toBe(0);
    expect(recordLines()).toHaveLength(before);
  });
});

describe('a record path that cannot hold readings', () => {
  it('a FIFO at the record path: said once (not on every run), and the chained command still works', () => {
    const own = mkdtempSync(join(tmpdir(), 'tokentop-fifo-'));
    try {
      mkdirSync(join(own, 'tokentop'), { recursive: true });
      execFileSync('mkfifo', [join(own, 'tokentop', 'statusline.jsonl')]);
      const once = input({ five_hour: { used_percentage: 20, resets_at: now + 7500 } });
      const first = runCli(['statusline', '--', 'echo', 'mine'], { XDG_STATE_HOME: own }, undefined, once);
      expect(first).toMatchObject({ code: 0, stdout: 'mine\n' });
      expect(first.stderr).toMatch(/^tokentop: .*statusline\.jsonl is a FIFO, not a regular file: no reading can be kept there\n$/);
      const second = runCli(['statusline', '--', 'echo', 'mine'], { XDG_STATE_HOME: own }, undefined, once);
      expect(second).toMatchObject({ code: 0, stdout: 'mine\n', stderr: '' });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe('the record under several Claude Code windows at once', () => {
  it('keeps every reading of 24 concurrent runs whole, one line each', async () => {
    const own = await mkdtemp(join(tmpdir(), 'tokentop-concurrent-'));
    try {
      const runs = Array.from({ length: 24 }, (_, i) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [CLI, 'statusline'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: own }, stdio: ['pipe', 'ignore', 'ignore'] });
          child.on('close', resolve);
          child.stdin.end(input({ five_hour: { used_percentage: 50 + i, resets_at: now + 7500 } }));
        }),
      );
      expect(await Promise.all(runs)).toEqual(new Array(24).fill(0));
      const lines = readFileSync(join(own, 'tokentop', 'statusline.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(24);
      const used = lines.map((l) => quotaFromStateLine(l)?.[0]?.utilization ?? -1).sort((a, b) => a - b);
      expect(used).toEqual(Array.from({ length: 24 }, (_, i) => (50 + i) / 100));
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
