/** The proxy logs followed live: files there at the start, new ones in a watched dir or under a glob. */
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProxyRequestEvent } from '../src/parse/proxy/proxy-events.js';
import type { QuotaReading } from '../src/parse/proxy/quota-headers.js';
import { ProxyIngest } from '../src/pipeline/live/proxy-ingest.js';
import { proxyWatchPlan } from '../src/sources/find-proxy-logs.js';
import { claudeTraceLine } from '../src/synth/proxy-lines.js';

let root: string;
let ingest: ProxyIngest | undefined;
const requests: ProxyRequestEvent[] = [];
const readings: QuotaReading[] = [];
const quota = { status: 'allowed' as const, fiveHour: 0.3, fiveHourReset: Date.now() + 3_600_000, sevenDay: 0.4, sevenDayReset: Date.now() + 86_400_000 };
const line = (id: string): string => `${claudeTraceLine({ time: Date.now(), model: 'claude-opus-4-6', usage: { input: 1, output: 2, cacheCreation: 3, cacheRead: 4 }, quota, requestId: id })}\n`;
const ids = (): string[] => requests.map((r) => r.messageId ?? '');

async function eventually(test: () => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!test()) throw new Error(`not within 5 s; saw ${ids().join(',')}`);
    },
    { timeout: 5000, interval: 20 },
  );
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-proxy-ingest-'));
  requests.length = 0;
  readings.length = 0;
});
afterEach(async () => {
  await ingest?.stop();
  ingest = undefined;
  await rm(root, { recursive: true, force: true });
});

async function start(patterns: string[], stateFile?: string): Promise<void> {
  const plan = await proxyWatchPlan(patterns);
  ingest = new ProxyIngest(plan, stateFile, { onRequest: (r) => requests.push(r), onReading: (q) => readings.push(q), onProblem: () => undefined });
  await ingest.start();
}

describe('ProxyIngest', () => {
  it('reads the logs there are, tails them, and follows new logs in a watched dir', async () => {
    const dir = join(root, '.claude-trace');
    await mkdir(dir);
    await writeFile(join(dir, 'log-1.jsonl'), line('a'));
    await start([dir]);
    await eventually(() => ids().includes('msg_proxy_a'));
    await appendFile(join(dir, 'log-1.jsonl'), line('b'));
    await writeFile(join(dir, 'log-2.jsonl'), line('c'));
    await writeFile(join(dir, 'notes.txt'), line('not-a-log'));
    await eventually(() => ids().includes('msg_proxy_b') && ids().includes('msg_proxy_c'));
    expect(ids()).not.toContain('msg_proxy_not-a-log');
  });

  it('follows new files that match a glob, and only those', async () => {
    await start([join(root, 'trace-*.jsonl')]);
    await writeFile(join(root, 'other.jsonl'), line('x'));
    await writeFile(join(root, 'trace-7.jsonl'), line('y'));
    await eventually(() => ids().includes('msg_proxy_y'));
    expect(ids()).not.toContain('msg_proxy_x');
  });

  it('reads the statusline state file once it appears', async () => {
    const state = join(root, 'state', 'tokentop', 'statusline.jsonl');
    await start([], state);
    await writeFile(state, `${JSON.stringify({ time: Date.now(), fiveHour: { usedPercentage: 42, resetsAt: Date.now() + 60_000 } })}\n`);
    await eventually(() => readings.some((r) => r.source === 'statusline' && r.utilization === 0.42));
  });
});

describe("Claude Code's own view of its sub-agents, beside the quota record", () => {
  it('reads the subagent-status record as it grows, each line once', async () => {
    const state = join(root, 'state', 'tokentop');
    await mkdir(state, { recursive: true });
    const statuses: Array<{ time: number; tasks: number }> = [];
    const line = (time: number, n: number): string => `${JSON.stringify({ time, sessionId: 's1', tasks: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, type: 'Explore', status: 'running' })) })}\n`;
    await writeFile(join(state, 'subagents.jsonl'), line(1000, 2));
    ingest = new ProxyIngest({ files: [], dirs: [] }, join(state, 'statusline.jsonl'), { onRequest: () => undefined, onReading: () => undefined, onProblem: () => undefined, onSubagentStatus: (s) => statuses.push({ time: s.time, tasks: s.tasks.length }) });
    await ingest.start();
    await appendFile(join(state, 'subagents.jsonl'), line(2000, 3));
    await vi.waitFor(() => expect(statuses).toEqual([{ time: 1000, tasks: 2 }, { time: 2000, tasks: 3 }]), { timeout: 5000, interval: 20 });
  });
});
