// The config file: defaults a flag overrides, validated whole, paths resolved against its dir.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { writeFixtureConfigDir } from './helpers/config-dir.js';
import { CLI, runCli } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

let root: string;
let home: string;
let claude: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-config-'));
  home = join(root, 'xdg');
  await mkdir(join(home, 'tokentop'), { recursive: true });
  claude = await writeFixtureConfigDir();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(claude, { recursive: true, force: true });
});

async function config(body: unknown): Promise<void> {
  await writeFile(join(home, 'tokentop', 'config.json'), typeof body === 'string' ? body : JSON.stringify(body));
}

const summary = (...args: string[]) => runCli(['summary', claude, '--json', ...args], { XDG_CONFIG_HOME: home });

describe('the config file', () => {
  it('gives defaults (prices and thresholds, paths relative to it), and a flag wins over it', async () => {
    await writeFile(join(home, 'tokentop', 'prices.json'), JSON.stringify({ date: '2027-01-01', models: { 'claude-sonnet-4-5': { input: 100, output: 100 } } }));
    await writeFile(join(root, 'other-prices.json'), JSON.stringify({ date: '2027-02-02', models: {} }));
    await config({ prices: 'prices.json', thresholds: { cascadeLength: 99 } });
    const withConfig = JSON.parse(summary().stdout) as Summary;
    expect(withConfig.prices.date).toBe('2027-01-01');
    const plain = JSON.parse(runCli(['summary', claude, '--json']).stdout) as Summary;
    expect(withConfig.totals.costUSD).toBeGreaterThan(plain.totals.costUSD * 10);
    const flag = JSON.parse(summary('--prices', join(root, 'other-prices.json')).stdout) as Summary;
    expect(flag.prices.date).toBe('2027-02-02');
  });

  it('refuses a bad file in one line that names it and the key, exit 2', async () => {
    for (const [body, message] of [
      ['{"window": "5m",', /config file .*config\.json is not JSON/],
      [{ window: '2h' }, /config file .*config\.json: window: /],
      [{ windw: '5m' }, /config file .*config\.json: unknown key "windw" \(known: window, backfill/],
      [{ thresholds: { cascadeLength: -1 } }, /thresholds .*config\.json \(thresholds\): cascadeLength/],
    ] as const) {
      await config(body);
      const r = summary();
      expect(r.code, JSON.stringify(body)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    await rm(join(home, 'tokentop', 'config.json'));
    expect(summary().code).toBe(0);
  });

  it.skipIf(!hasTmux())('TOKENTOP_CONFIG names another file: the monitor starts in its window, and --window wins', async () => {
    const file = join(root, 'elsewhere.json');
    await writeFile(file, JSON.stringify({ window: '15m', backfill: '1d' }));
    for (const [args, window] of [['', '15m'], [' --window 1h', '1h']] as const) {
      const term = new Tmux();
      try {
        term.start(`node ${CLI} ${claude}${args}`, 100, 30, { TOKENTOP_CONFIG: file });
        await term.waitFor((s) => new RegExp(`window ${window}`).test(s), 10_000);
        term.keys('q');
      } finally {
        term.kill();
      }
    }
    expect(runCli(['summary', claude], { TOKENTOP_CONFIG: join(root, 'missing.json') }).code).toBe(0);
  });
});
