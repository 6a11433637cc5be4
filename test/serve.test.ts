/**
 * `tokentop serve`: /metrics in Prometheus's text format, figures equal to `summary`'s; scraped by a
 * real Prometheus server (the Debian package; .ci/run installs it) on loopback; the example alert
 * rules checked by promtool; the dashboard names only metrics tokentop serves.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { writeFixtureConfigDir } from './helpers/config-dir.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { CLI, EMPTY_CONFIG_HOME, EMPTY_STATE_HOME, TEST_CACHE_HOME, runCli } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

const EXAMPLES = new URL('../examples/', import.meta.url);
const METRICS = ['tokentop_tokens_total', 'tokentop_cost_usd_total', 'tokentop_responses_total', 'tokentop_cache_hit_ratio', 'tokentop_active_subagents', 'tokentop_quota_utilization_ratio', 'tokentop_quota_reset_timestamp_seconds', 'tokentop_anomalies_total', 'tokentop_anomaly_active', 'tokentop_lines_read_total', 'tokentop_malformed_lines_total'];

function has(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `tokentop serve` on a free port; resolves with its URL once it prints it. */
function serve(paths: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('node', [CLI, 'serve', ...paths, '--listen', '127.0.0.1:0', '--backfill', '500d', '--no-statusline'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /http:\/\/\S+\/metrics/.exec(out)?.[0];
      if (url !== undefined) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${out}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The sum of a metric's samples whose labels match. */
function sum(text: string, name: string, labels: Record<string, string> = {}): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
    .reduce((total, l) => total + Number(l.split(' ').at(-1)), 0);
}

let fixture: string;
let paths: string[];
let expected: Summary;
beforeAll(async () => {
  fixture = await writeFixtureConfigDir();
  paths = hasRealCorpus ? [REAL_TRANSCRIPTS] : [fixture];
  expected = JSON.parse(runCli(['summary', ...paths, '--json', '--no-statusline']).stdout) as Summary;
});
afterAll(async () => {
  await rm(fixture, { recursive: true, force: true });
});

describe('tokentop serve', () => {
  it('serves every metric at /metrics on loopback, tokens equal to summary, 404 elsewhere; SIGTERM stops it with 0', async () => {
    const { child, url } = await serve(paths);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const text = await vi.waitFor(async () => {
        const t = await (await fetch(url)).text();
        expect(sum(t, 'tokentop_tokens_total', { type: 'output', source: 'transcripts' })).toBe(expected.totals.output);
        return t;
      }, { timeout: 20_000, interval: 200 });
      for (const name of METRICS) expect(text, name).toContain(`# TYPE ${name} `);
      for (const type of ['input', 'cache_write', 'cache_read'] as const) {
        const field = type === 'input' ? 'input' : type === 'cache_write' ? 'cacheCreation' : 'cacheRead';
        expect(sum(text, 'tokentop_tokens_total', { type, source: 'transcripts' })).toBe(expected.totals[field]);
      }
      expect(sum(text, 'tokentop_responses_total', { source: 'transcripts' })).toBe(expected.totals.responses);
      // A last line without its newline may be mid-write: a live reader leaves it until it ends.
      const lines = sum(text, 'tokentop_lines_read_total');
      expect(lines).toBeLessThanOrEqual(expected.sources.lines);
      expect(lines).toBeGreaterThanOrEqual(expected.sources.lines - expected.sources.partialLines);
      // No session id in any label: the label sets stay bounded.
      expect(text).not.toMatch(/session/);
      expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
  });

  it('refuses a bad --listen in one line, exit 2', () => {
    const r = runCli(['serve', fixture, '--listen', 'localhost:http']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--listen "localhost:http" is not HOST:PORT/);
  });

  it.skipIf(!has('prometheus'))('is scraped by a real Prometheus: output tokens there equal summary\'s', { timeout: 60_000 }, async () => {
    const { child, url } = await serve(paths);
    const dir = await mkdtemp(join(tmpdir(), 'tokentop-prom-'));
    const port = await freePort();
    const target = url.replace(/^http:\/\//, '').replace(/\/metrics$/, '');
    await writeFile(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: tokentop\n    static_configs:\n      - targets: ['${target}']\n`);
    const prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    try {
      const query = `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent('sum(tokentop_tokens_total{type="output",source="transcripts"})')}`;
      const value = await vi.waitFor(async () => {
        const body = (await (await fetch(query)).json()) as { data: { result: Array<{ value: [number, string] }> } };
        const v = Number(body.data.result[0]?.value[1]);
        expect(v).toBe(expected.totals.output);
        return v;
      }, { timeout: 45_000, interval: 500 });
      expect(value).toBeGreaterThan(0);
    } finally {
      prometheus.kill('SIGTERM');
      child.kill('SIGTERM');
      await new Promise((resolve) => prometheus.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasTmux())('the monitor with --metrics', () => {
  it('serves the same /metrics while it runs, names the URL in its footer, and stops serving on q', { timeout: 30_000 }, async () => {
    const term = new Tmux();
    try {
      term.start(`node ${CLI} ${fixture} --backfill 500d --no-statusline --metrics 127.0.0.1:0; echo EXIT=$?; sleep 30`, 140, 40);
      const screen = await term.waitFor((s) => /metrics: http:\/\/127\.0\.0\.1:\d+\/metrics/.test(s), 15_000);
      const url = /http:\/\/127\.0\.0\.1:\d+\/metrics/.exec(screen)?.[0] as string;
      const fixtureTotals = JSON.parse(runCli(['summary', fixture, '--json', '--no-statusline']).stdout) as Summary;
      await vi.waitFor(async () => expect(sum(await (await fetch(url)).text(), 'tokentop_tokens_total', { type: 'output' })).toBe(fixtureTotals.totals.output), { timeout: 10_000, interval: 200 });
      term.keys('q');
      await term.waitFor((s) => s.includes('EXIT=0'), 10_000);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      term.kill();
    }
  });
});

describe('examples/', () => {
  it.skipIf(!has('promtool'))('the alert rules pass promtool check rules', () => {
    const out = execFileSync('promtool', ['check', 'rules', new URL('prometheus-rules.yml', EXAMPLES).pathname], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('the rules and the dashboard name only metrics tokentop serves', async () => {
    const rules = await readFile(new URL('prometheus-rules.yml', EXAMPLES), 'utf8');
    const dashboard = await readFile(new URL('grafana-dashboard.json', EXAMPLES), 'utf8');
    const used = [...`${rules}\n${dashboard}`.matchAll(/tokentop_[a-z_]+/g)].map((m) => m[0]);
    expect(used.length).toBeGreaterThan(8);
    for (const name of used) expect(METRICS, name).toContain(name);
    const panels = (JSON.parse(dashboard) as { panels: Array<{ title: string }> }).panels.map((p) => p.title).join(' | ');
    for (const part of ['Token rate', 'cache hit', 'sub-agents', 'Quota over time', 'Anomalies']) expect(panels).toContain(part);
  });
});
