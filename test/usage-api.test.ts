/**
 * `serve --usage-api` against a local stand-in for the usage endpoint (no test reaches the
 * internet): the dashboard's figure in /metrics as source="usage-api", beside the statusline's, and
 * the login token in no output: not /metrics, not stdout or stderr, not the state dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI, EMPTY_CONFIG_HOME, runCli, TEST_CACHE_HOME } from './helpers/run-cli.js';

const TOKEN = 'sk-ant-oat01-NEVERSHOWNNEVERSHOWN';
let home: string;
let endpoint: Server;
let child: ChildProcess;
let out = '';

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'tokentop-usage-api-'));
  mkdirSync(join(home, '.claude', 'projects'), { recursive: true });
  writeFileSync(join(home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: TOKEN, expiresAt: Date.now() + 3_600_000 } }));
  const resets = new Date(Date.now() + 3 * 3_600_000).toISOString();
  endpoint = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ five_hour: { utilization: 73, resets_at: resets }, seven_day: { utilization: 40, resets_at: resets } })));
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/api/oauth/usage`;
  child = spawn('node', [CLI, 'serve', join(home, '.claude'), '--listen', '127.0.0.1:0', '--usage-api'], { env: { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME, TOKENTOP_USAGE_API_URL: url } });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await vi.waitFor(() => expect(out).toMatch(/http:\/\/\S+\/metrics/), { timeout: 10_000 });
});
afterAll(() => {
  child.kill('SIGTERM');
  endpoint.closeAllConnections();
  endpoint.close();
  rmSync(home, { recursive: true, force: true });
});

describe('serve --usage-api', () => {
  it("exports the dashboard's figure as source=\"usage-api\", and the token is in no output", async () => {
    const metricsUrl = /(http:\/\/\S+\/metrics)/.exec(out)?.[1] as string;
    let text = '';
    await vi.waitFor(async () => {
      text = await (await fetch(metricsUrl)).text();
      expect(text).toMatch(/tokentop_quota_utilization_ratio\{window="5h",source="usage-api"\} 0\.73/);
    }, { timeout: 10_000, interval: 200 });
    expect(text).toMatch(/tokentop_quota_utilization_ratio\{window="7d",source="usage-api"\} 0\.4/);
    // Kept in the local quota record, marked as the endpoint's: the dashboard's figure is there for a dispute later.
    expect(readFileSync(join(home, 'state', 'tokentop', 'statusline.jsonl'), 'utf8')).toMatch(/"source":"usage-api","fiveHour":\{"usedPercentage":73,/);
    expect(text).not.toContain('NEVERSHOWN');
    expect(out).not.toContain('NEVERSHOWN');
    // doctor says how the last poll went; summary and an evidence bundle read the record: none of them holds the token.
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state') };
    const doctor = runCli(['doctor'], env);
    expect(doctor.stdout).toMatch(/last poll \d+s ago: ok/);
    const summary = runCli(['summary', join(home, '.claude'), '--json'], env);
    expect(summary.stdout).toMatch(/"source": "usage-api"/);
    const bundle = join(home, 'bundle');
    const evidence = runCli(['evidence', join(home, '.claude'), '--since', '1h', '--out', bundle], env);
    for (const r of [doctor, summary, evidence]) expect(r.stdout + r.stderr).not.toContain('NEVERSHOWN');
    const files = [join(home, 'state'), bundle].flatMap((dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : []));
    expect(files.some((f) => f.endsWith('statusline.jsonl'))).toBe(true);
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain('NEVERSHOWN');
  });
});
