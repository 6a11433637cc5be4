import { describe, expect, it } from 'vitest';
import type { Scope, SubagentFinishEvent, SubagentSpawnEvent } from '../parse/events.js';
import { SubagentTracker } from './subagent-tracker.js';

const scope: Scope = { sessionId: 's1', agentId: undefined, isSidechain: false, project: 'p', cwd: undefined };
const origin = { file: 'f', line: 1 };
const spawn = (id: string, time: number): SubagentSpawnEvent => ({ kind: 'subagent-spawn', toolUseId: id, time, subagentType: 'Explore', description: `d-${id}`, promptHead: '', scope, origin });
const finish = (id: string, time: number, status = 'completed'): SubagentFinishEvent => ({ kind: 'subagent-finish', toolUseId: id, time, status, agentId: `agent-${id}`, totalTokens: 900, durationMs: 1, scope, origin });
const MIN = 60_000;

describe('SubagentTracker', () => {
  it('is active from spawn to its result', () => {
    const t = new SubagentTracker();
    t.spawn(spawn('a', 0));
    t.finish(finish('a', 2 * MIN));
    expect(t.activeAt(MIN).map((a) => a.toolUseId)).toEqual(['a']);
    expect(t.activeAt(2 * MIN)).toEqual([]);
  });

  it('expires an agent whose end never comes after 5 quiet minutes, kept alive by progress', () => {
    const t = new SubagentTracker();
    t.spawn(spawn('a', 0));
    t.seen('a', 4 * MIN);
    expect(t.activeAt(8 * MIN)).toHaveLength(1);
    expect(t.activeAt(9 * MIN)).toHaveLength(0);
  });

  it('async_launched is not an end: the agent runs on until quiet', () => {
    const t = new SubagentTracker();
    t.spawn(spawn('a', 0));
    t.finish(finish('a', MIN, 'async_launched'));
    t.link('agent-a', 'a');
    t.usage('agent-a', 500, 3 * MIN);
    expect(t.activeAt(7 * MIN)[0]).toMatchObject({ tokens: 500 });
  });

  it('counts concurrency per column and at the peak', () => {
    const t = new SubagentTracker();
    for (const [id, s, e] of [['a', 0, 4], ['b', 1, 3], ['c', 2, 6]] as const) {
      t.spawn(spawn(id, s * MIN));
      t.finish(finish(id, e * MIN));
    }
    // Agents active at any moment of each minute: a 0-4, b 1-3, c 2-6.
    expect(t.countSeries(0, 6 * MIN, 6)).toEqual([1, 2, 3, 2, 1, 1]);
    expect(t.peakConcurrent(0, 10 * MIN)).toEqual({ peak: 3, spawned: 3 });
  });

  it('shows a short-lived agent in the wide slice it ran in', () => {
    const t = new SubagentTracker();
    t.spawn(spawn('quick', 61_000));
    t.finish(finish('quick', 70_000));
    expect(t.countSeries(0, 6 * MIN, 2)).toEqual([1, 0]);
  });

  it('prune forgets ended agents only', () => {
    const t = new SubagentTracker();
    t.spawn(spawn('old', 0));
    t.finish(finish('old', MIN));
    t.spawn(spawn('new', 10 * MIN));
    t.prune(5 * MIN);
    expect(t.size).toBe(1);
  });
});
