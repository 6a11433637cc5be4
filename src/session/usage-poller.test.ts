import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { MIN_POLL_MS, UsagePoller, usageUrl } from './usage-poller.js';

const TOKEN = 'sk-ant-oat01-TOKENTOKENTOKEN';
const NOW = Date.parse('2026-12-04T10:00:00Z');
let server: Server;
let url: string;
let dir: string;
/** What the local stand-in for the endpoint answers next, and what it was asked. */
let answer: { status: number; body: string; headers?: Record<string, string>; hang?: boolean };
const asked: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokentop-usage-'));
  server = createServer((req, res) => {
    asked.push(req.headers);
    if (answer.hang === true) return;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/oauth/usage`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  asked.length = 0;
  writeFileSync(join(dir, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: TOKEN, expiresAt: NOW + 3_600_000 } }));
});

function poller() {
  const readings: QuotaReading[] = [];
  const problems: string[] = [];
  const p = new UsagePoller({ credentialsFile: join(dir, '.credentials.json'), url, version: 'test', now: () => NOW, onReadings: (r) => readings.push(...r), onProblem: (m) => problems.push(m), timeoutMs: 300 });
  return { p, readings, problems };
}

const OK = JSON.stringify({ five_hour: { utilization: 73, resets_at: '2026-12-04T13:00:00+00:00' }, seven_day: { utilization: 41.5, resets_at: '2026-12-08T09:00:00+00:00' }, seven_day_opus: null, extra_usage: { is_enabled: false } });

describe('the usage endpoint poller', () => {
  it('200: readings of source usage-api, the login sent as a bearer token, next poll in 3 minutes', async () => {
    answer = { status: 200, body: OK };
    const { p, readings, problems } = poller();
    expect(await p.pollOnce()).toBe(MIN_POLL_MS);
    expect(readings.map((r) => [r.window, r.utilization, r.source, new Date(r.resetAt ?? 0).toISOString()])).toEqual([
      ['5h', 0.73, 'usage-api', '2026-12-04T13:00:00.000Z'],
      ['7d', 0.415, 'usage-api', '2026-12-08T09:00:00.000Z'],
    ]);
    expect(asked[0]).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'anthropic-beta': 'oauth-2025-04-20' });
    expect(problems).toEqual([]);
  });

  it('401: says once to refresh the login, and waits; 429: waits as Retry-After says, at least', async () => {
    answer = { status: 401, body: '{"error":"expired"}' };
    const { p, problems } = poller();
    expect(await p.pollOnce()).toBe(15 * 60_000);
    await p.pollOnce();
    expect(problems).toEqual(['the usage endpoint refused the login (HTTP 401): run claude to refresh your login']);
    answer = { status: 429, body: '', headers: { 'retry-after': '1800' } };
    expect(await p.pollOnce()).toBe(1_800_000);
    answer = { status: 429, body: '' };
    // No Retry-After: a backoff that doubles, never a retry storm.
    const waits = [await p.pollOnce(), await p.pollOnce(), await p.pollOnce()];
    expect(waits.every((w) => w >= 2 * MIN_POLL_MS)).toBe(true);
    expect(waits[2]).toBeGreaterThan(waits[0] as number);
  });

  it('garbage, a hang past the timeout, an expired login (no request at all): each said, none with the token', async () => {
    answer = { status: 200, body: '<html>maintenance</html>' };
    const { p, problems } = poller();
    await p.pollOnce();
    answer = { status: 200, body: '', hang: true };
    await p.pollOnce();
    writeFileSync(join(dir, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: TOKEN, expiresAt: NOW - 1 } }));
    const before = asked.length;
    await p.pollOnce();
    expect(asked.length).toBe(before);
    expect(problems).toEqual([
      "the usage endpoint's answer cannot be read: the answer is not JSON",
      'usage endpoint unreachable (ETIMEDOUT); trying again later',
      'the Claude Code login has expired: run claude to refresh your login',
    ]);
    for (const m of problems) expect(m).not.toContain('TOKEN');
  });

  it('takes a stand-in URL from the environment only on loopback: the login goes nowhere else', () => {
    expect(usageUrl({}).url).toBe('https://api.anthropic.com/api/oauth/usage');
    expect(usageUrl({ TOKENTOP_USAGE_API_URL: 'http://127.0.0.1:9/x' }).url).toBe('http://127.0.0.1:9/x');
    const refused = usageUrl({ TOKENTOP_USAGE_API_URL: 'https://evil.example/steal' });
    expect(refused.url).toBe('https://api.anthropic.com/api/oauth/usage');
    expect(refused.refused).toMatch(/not a loopback URL/);
  });
});
