/** `tokentop summary --proxy-log`: the project's own fixtures, including a credential that must vanish. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { claudeTraceLine } from '../src/synth/proxy-lines.js';
import { writeFixtureConfigDir } from './helpers/config-dir.js';
import { runCli } from './helpers/run-cli.js';

let root: string;
let config: string;
const SECRET = 'sk-ant-oat01-THIS-MUST-NEVER-SHOW';
const t0 = Date.parse('2026-02-10T10:00:00Z');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-proxy-'));
  config = await writeFixtureConfigDir();
  const quota = { status: 'allowed' as const, fiveHour: 0.31, fiveHourReset: t0 + 3 * 3_600_000, sevenDay: 0.4, sevenDayReset: t0 + 86_400_000 };
  const lines = [0, 1, 2].map((i) => {
    const line = JSON.parse(claudeTraceLine({ time: t0 + i * 60_000, model: 'claude-opus-4-6', usage: { input: 10, output: 100 * (i + 1), cacheCreation: 1000, cacheRead: 5000 }, quota: { ...quota, fiveHour: 0.31 + i / 100 }, requestId: `r${i}` })) as { request: { headers: Record<string, string> } };
    line.request.headers.authorization = `Bearer ${SECRET}`;
    line.request.headers.cookie = `session=${SECRET}`;
    return JSON.stringify(line);
  });
  // A request the proxy saw no response for.
  lines.push(JSON.stringify({ request: { timestamp: (t0 + 200_000) / 1000, method: 'POST', url: 'https://api.anthropic.com/v1/messages', headers: { 'x-api-key': SECRET }, body: { model: 'claude-opus-4-6' } }, response: null, logged_at: '2026-02-10T11:03:20' }));
  await writeFile(join(root, 'claude-trace-1.jsonl'), `${lines.join('\n')}\n`);
  const relay = [
    { timestamp: '2026-02-10T10:05:00.000', type: 'request', method: 'POST', url: 'https://api.anthropic.com/v1/messages?beta=true', headers: { authorization: `Bearer ${SECRET}` }, content: JSON.stringify({ model: 'claude-haiku-4-5' }) },
    { timestamp: '2026-02-10T10:05:01.000', type: 'request', method: 'GET', url: 'https://statsig.anthropic.com/v1/rgstr', headers: {}, content: '' },
    { timestamp: '2026-02-10T10:05:02.500', type: 'response', status_code: '429', url: 'https://api.anthropic.com/v1/messages?beta=true', headers: { 'anthropic-ratelimit-unified-status': 'rejected', 'anthropic-ratelimit-unified-reset': String((t0 + 3_600_000) / 1000), 'set-cookie': SECRET }, content: '{"type":"error"}' },
    { timestamp: '2026-02-10T10:05:03.000', type: 'response', status_code: '200', url: 'https://api.anthropic.com/v1/messages?beta=true', headers: {}, content: '{}' },
  ];
  await writeFile(join(root, 'relay.jsonl'), `${relay.map((l) => JSON.stringify(l)).join('\n')}\n`);
  await writeFile(join(root, 'notes.jsonl'), '{"hello":"world"}\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(config, { recursive: true, force: true });
});

describe('tokentop summary --proxy-log', () => {
  it('adds proxy requests, totals, status counts and quota readings, from claude-trace and relay logs', () => {
    const r = runCli(['summary', config, '--json', '--proxy-log', join(root, 'claude-trace-*.jsonl'), '--proxy-log', join(root, 'relay.jsonl')]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.proxy).toMatchObject({ requests: 5, noResponse: 1, totals: { input: 30, output: 600, cacheCreation: 3000, cacheRead: 15000 }, statusCounts: { '200': 3, '429': 1 } });
    expect(s.proxy?.sources).toMatchObject({ files: 2, otherTraffic: 1, unpairedResponses: 1, unpairedRequests: 0 });
    const fiveHour = s.quota?.filter((q) => q.window === '5h').map((q) => q.utilization);
    expect(fiveHour).toEqual([0.31, 0.32, 0.33]);
    expect(s.quota?.find((q) => q.window === 'unified' && q.status === 'rejected')).toMatchObject({ resetAt: '2026-02-10T11:00:00.000Z', source: 'proxy' });
  });

  it('never lets a credential through to the report', () => {
    const r = runCli(['summary', config, '--json', '--proxy-log', root]);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toMatch(/authorization|x-api-key|set-cookie|"cookie"/i);
    expect(runCli(['summary', config, '--proxy-log', root]).stdout).not.toContain(SECRET);
  });

  it('reports a file of unknown format in one line and goes on with the rest', () => {
    const r = runCli(['summary', config, '--json', '--proxy-log', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`tokentop: ${join(root, 'notes.jsonl')}: unknown proxy log format: not a claude-trace or relay log\n`);
    expect((JSON.parse(r.stdout) as Summary).proxy?.requests).toBe(5);
  });

  it('a missing proxy log is a clear error', () => {
    const r = runCli(['summary', config, '--proxy-log', join(root, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tokentop: cannot read proxy log ${join(root, 'nope.jsonl')}: no such file or directory\n`);
  });
});
