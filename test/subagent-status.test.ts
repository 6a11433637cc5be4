/**
 * `tokentop subagent-status`, as Claude Code's subagentStatusLine (2.1.205+) runs it: its running
 * sub-agents on stdin, recorded (a key in a description redacted), NDJSON {id, content} out; a user's
 * own command chained through the shell with the same stdin.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

let state: string;
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'tokentop-subagents-'));
});
afterEach(() => rmSync(state, { recursive: true, force: true }));

const now = Date.now();
const input = JSON.stringify({
  session_id: 's1',
  columns: 120,
  tasks: [
    { id: 't1', name: 'audit', type: 'Explore', status: 'running', description: 'Audit with sk-ant-api03-ABCDEFGHIJKLMNOP', startTime: now - 45_000, model: 'claude-haiku-4-5', tokenCount: 12_300, cwd: '/home/u/app' },
    { id: 't2', type: 'general-purpose', status: 'completed', startTime: new Date(now - 90_000).toISOString(), tokenCount: 800 },
  ],
});

describe('tokentop subagent-status', () => {
  it('records the tasks and prints a line per task as NDJSON {id, content}', () => {
    const r = runCli(['subagent-status'], { XDG_STATE_HOME: state }, undefined, input);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; content: string });
    expect(lines.map((l) => l.id)).toEqual(['t1', 't2']);
    expect(lines[0]?.content).toMatch(/^Explore · running · 12\.3k tokens · 4\ds$/);
    const record = readFileSync(join(state, 'tokentop', 'subagents.jsonl'), 'utf8');
    expect(JSON.parse(record.trim())).toMatchObject({ sessionId: 's1', tasks: [{ id: 't1', status: 'running', tokenCount: 12_300 }, { id: 't2', status: 'completed' }] });
    expect(record).not.toContain('ABCDEFGHIJKLMNOP');
    // The same states again within a minute: nothing new to keep.
    runCli(['subagent-status'], { XDG_STATE_HOME: state }, undefined, input);
    expect(readFileSync(join(state, 'tokentop', 'subagents.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it("chains the user's own command through the shell, stdin, output and exit code passed on", () => {
    const r = runCli(['subagent-status', '--', 'wc -c; exit 3'], { XDG_STATE_HOME: state }, undefined, input);
    expect(r.stdout.trim()).toBe(String(Buffer.byteLength(input)));
    expect(r.code).toBe(3);
  });
});
