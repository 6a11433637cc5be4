/**
 * `engines` says Node >= 20.19: the suite runs on the machine's Node (20 here), and this smoke runs
 * the built CLI under Node 22 and 24 too: a report on a fixture, the demo's report, and the monitor
 * started and quit in a real terminal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TRUTH, writeFixtureConfigDir } from './helpers/config-dir.js';
import { CAN_INSTALL_NODE, nodeBinary } from './helpers/node-binary.js';
import { CLI, EMPTY_CONFIG_HOME, EMPTY_STATE_HOME, TEST_CACHE_HOME } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

let config: string;
beforeAll(async () => {
  config = await writeFixtureConfigDir();
});
afterAll(async () => {
  await rm(config, { recursive: true, force: true });
});

function run(node: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!CAN_INSTALL_NODE).each([22, 24])('the built CLI under Node %i', (major) => {
  let node: string;
  beforeAll(() => {
    node = nodeBinary(major);
  }, 300_000);

  it('runs on that version', () => {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toMatch(new RegExp(`^v${major}\\.`));
  });

  it('summary on a fixture gives the fixture\'s totals', () => {
    const r = run(node, ['summary', config, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const totals = (JSON.parse(r.stdout) as { totals: Record<string, number> }).totals;
    expect({ input: totals.input, output: totals.output, cacheCreation: totals.cacheCreation, cacheRead: totals.cacheRead }).toEqual({
      input: FIXTURE_TRUTH.input,
      output: FIXTURE_TRUTH.output,
      cacheCreation: FIXTURE_TRUTH.cacheCreation,
      cacheRead: FIXTURE_TRUTH.cacheRead,
    });
  });

  it('keeps V8\'s compile cache in tokentop\'s own cache dir (Node 22.1+), and nowhere else', () => {
    const r = run(node, ['summary', config, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cache = join(TEST_CACHE_HOME, 'tokentop', 'compile-cache');
    expect(existsSync(cache) && readdirSync(cache).length > 0).toBe(true);
  });

  it('--demo --json reports the demo', () => {
    const r = run(node, ['--demo', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { limits: unknown[] }).limits).toHaveLength(1);
  });

  it.skipIf(!hasTmux())('starts the monitor in a terminal and quits with q', async () => {
    const term = new Tmux();
    try {
      term.start(`${node} ${CLI} ${config}; echo EXIT=$?; sleep 30`, 120, 40);
      await term.waitFor((s) => s.includes('LIVE') && s.includes('Sessions ('), 15_000);
      term.keys('q');
      const after = await term.waitFor((s) => s.includes('EXIT='), 20_000);
      expect(after).toContain('EXIT=0');
      expect(after).toContain('tokentop summary');
    } finally {
      term.kill();
    }
  });
});
