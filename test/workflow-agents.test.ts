/**
 * Workflow sub-agents (2.1.2xx): a Workflow script fans out agents with no Task/Agent tool use each,
 * in `<session>/subagents/workflows/wf_<run>/agent-<id>.jsonl`, beside a `journal.jsonl` that is the
 * script's log, not a transcript. They are sub-agents: spawned by their first line, active while
 * their file grows, done after the quiet period, and counted by the runaway detector.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectAll, detectorInput } from '../src/detect/detect-all.js';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { readRecording, ReplaySession } from '../src/session/replay-session.js';
import { summarizeHistory } from '../src/session/summarize.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { DEFAULT_THRESHOLDS } from '../src/detect/thresholds.js';
import { assistantLine, jsonl } from './helpers/lines.js';

const SESSION = 'sess-wf';
const T0 = Date.parse('2026-11-01T10:00:00Z');
const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
let root: string;
let project: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-wf-'));
  project = join(root, 'projects', '-home-dev-app');
  await mkdir(project, { recursive: true });
  // The parent session: a Workflow tool use, no Task/Agent.
  const workflowUse = { type: 'tool_use', id: 'toolu_wf', name: 'Workflow', input: { name: 'audit-all', args: {} } };
  await writeFile(join(project, `${SESSION}.jsonl`), jsonl([assistantLine({ sessionId: SESSION, messageId: 'msg_parent', output: 10, timestamp: iso(0), content: [workflowUse] })]));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** `count` workflow agents of run wf_r1, each writing two responses `seconds` apart from `start`. */
async function writeAgents(count: number, start = 10, seconds = 20): Promise<void> {
  const dir = join(project, SESSION, 'subagents', 'workflows', 'wf_r1');
  await mkdir(dir, { recursive: true });
  // The script's journal: JSONL, but no transcript (read as one, its lines would be malformed).
  await writeFile(join(dir, 'journal.jsonl'), jsonl(['{"event":"start","run":"wf_r1"}', '{"event":"agent","id":"a0"}']));
  for (let i = 0; i < count; i++) {
    const agentId = `a${i}`;
    const line = (n: number): string => assistantLine({ sessionId: SESSION, agentId, isSidechain: true, messageId: `msg_${agentId}_${n}`, input: 100, output: 50, timestamp: iso(start + n * seconds) });
    await writeFile(join(dir, `agent-${agentId}.jsonl`), jsonl([line(0), line(1)]));
    await writeFile(join(dir, `agent-${agentId}.meta.json`), JSON.stringify({ agentType: 'workflow-subagent', spawnDepth: 1 }));
  }
}

describe('Workflow sub-agents', () => {
  it('are read as sub-agent transcripts, their journal is not, and each counts as one spawn', async () => {
    await writeAgents(3);
    const files = (await findTranscripts([root])).files;
    expect(files.some((f) => f.endsWith('journal.jsonl'))).toBe(false);
    const summary = summarizeHistory(await loadHistory(files), undefined, { prices: BUNDLED_PRICES, now: T0, version: 'test' });
    expect(summary.sources.filesByLayout).toMatchObject({ session: 1, 'workflow-agent': 3 });
    expect(summary.sources.malformed).toBe(0);
    expect(summary.subagents).toMatchObject({ spawned: 3, byType: { 'workflow-subagent': 3 }, files: 3 });
    expect(summary.totals.output).toBe(10 + 3 * 2 * 50);
  });

  it('are active while their files grow, with their own tokens, and done after the quiet period', async () => {
    await writeAgents(3);
    const recording = readRecording((await findTranscripts([root])).files, undefined);
    const replay = new ReplaySession(recording, { prices: BUNDLED_PRICES, thresholds: DEFAULT_THRESHOLDS, watched: [root], from: T0, to: T0 + 10 * 60_000, speed: 1, skipIdle: false });
    replay.advance(40_000);
    const running = replay.store.getSnapshot().running;
    expect(running.map((a) => [a.subagentType, a.tokens])).toEqual([
      ['workflow-subagent', 300],
      ['workflow-subagent', 300],
      ['workflow-subagent', 300],
    ]);
    expect(replay.store.getSnapshot().view.activeSubagents.at(-1)).toBe(3);
    // Five quiet minutes after their last line (at 30 s): gone.
    replay.advance(5 * 60_000);
    expect(replay.store.getSnapshot().running).toEqual([]);
  });

  it('are a requested fan-out: one workflow-run (info) with the real peak, never runaway-subagents', async () => {
    // Twelve agents all writing at once (from 10 s to 30 s): a peak of 12, past the ceiling of 8.
    await writeAgents(12);
    const many = await loadHistory((await findTranscripts([root])).files);
    const found = detectAll(detectorInput(many.ledger, undefined, [], T0 + 60_000, DEFAULT_THRESHOLDS, [], [], BUNDLED_PRICES));
    expect(found.map((a) => a.kind)).not.toContain('runaway-subagents');
    expect(found.map((a) => a.kind)).not.toContain('subagent-loop');
    const runs = found.filter((a) => a.kind === 'workflow-run');
    expect(runs.map((a) => [a.severity, a.sessionId])).toEqual([['info', SESSION]]);
    expect(runs[0]?.message).toMatch(/^Workflow run wf_r1: 12 agents, at most 12 at once, [\d.]+k input-equivalent tokens, ~\$\d+\.\d\d$/);

    // Near miss: the same twelve over a token budget they pass: a warning.
    const tight = detectAll(detectorInput(many.ledger, undefined, [], T0 + 60_000, { ...DEFAULT_THRESHOLDS, workflowTokenBudget: 1000 }));
    expect(tight.filter((a) => a.kind === 'workflow-run').map((a) => a.severity)).toEqual(['warn']);
  });
});

