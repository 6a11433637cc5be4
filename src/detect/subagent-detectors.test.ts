import { describe, expect, it } from 'vitest';
import { at, finish, scenario, spawn } from '../../test/helpers/detector-scenario.js';
import { runawaySubagents, subagentLoop } from './subagent-detectors.js';

/** `n` sub-agents with different tasks spawned a minute apart from `from`, each running `runFor` minutes. */
function parallel(n: number, from: number, runFor: number) {
  const spawns = Array.from({ length: n }, (_, i) => spawn(from + i * 0.1, `task ${i}`));
  return { spawns, finishes: spawns.map((s, i) => finish(s, from + i * 0.1 + runFor)) };
}

describe('runaway-subagents', () => {
  it('fires when more than 8 run at once, from the ninth spawn until they drop back', () => {
    const found = runawaySubagents(scenario(parallel(9, 0, 3)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'runaway-subagents', severity: 'warn', start: at(0.8), end: at(3) });
    expect(found[0]?.message).toBe('9 sub-agents running at once (ceiling 8)');
  });

  it('is critical at more than twice the ceiling', () => {
    expect(runawaySubagents(scenario(parallel(17, 0, 3)))[0]).toMatchObject({ severity: 'critical', message: '17 sub-agents running at once (ceiling 8)' });
  });

  it('does not fire at 8 at once, nor on 9 that do not overlap', () => {
    expect(runawaySubagents(scenario(parallel(8, 0, 3)))).toEqual([]);
    const spawns = Array.from({ length: 9 }, (_, i) => spawn(i * 10, `task ${i}`));
    expect(runawaySubagents(scenario({ spawns, finishes: spawns.map((s, i) => finish(s, i * 10 + 1)) }))).toEqual([]);
  });

  it('fires on 10 spawns within 5 minutes even when each ends quickly, not on 9', () => {
    const burst = (n: number) => {
      const spawns = Array.from({ length: n }, (_, i) => spawn(i * 0.5, `step ${i}`));
      return { spawns, finishes: spawns.map((s, i) => finish(s, i * 0.5 + 0.1)) };
    };
    const found = runawaySubagents(scenario(burst(10)));
    expect(found.map((a) => a.message)).toEqual(['10 sub-agents spawned within 5 minutes in one session']);
    expect(found[0]?.evidence).toHaveLength(10);
    expect(runawaySubagents(scenario(burst(9)))).toEqual([]);
  });
});

describe('subagent-loop', () => {
  it('fires when the same task is spawned 3 times within 10 minutes', () => {
    const spawns = [spawn(0, 'Fix the failing test'), spawn(2, 'fix the failing test '), spawn(4, 'Fix the failing test'), spawn(5, 'something else')];
    const found = subagentLoop(scenario({ spawns }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'subagent-loop', severity: 'warn', start: at(0), end: at(4), sessionId: 's1' });
    expect(found[0]?.message).toBe('the same sub-agent task spawned 3 times in 4 min: "Fix the failing test"');
    expect(found[0]?.evidence.map((e) => (e.kind === 'line' ? e.line : 0))).toEqual(spawns.slice(0, 3).map((s) => s.origin.line));
  });

  it('fires when the prompt repeats under different descriptions', () => {
    const clone = (minutes: number, description: string) => ({ ...spawn(minutes, description), promptHead: 'Review every file in src/ and report' });
    const found = subagentLoop(scenario({ spawns: [clone(0, 'Review A'), clone(1, 'Review B'), clone(2, 'Review C')] }));
    expect(found.map((a) => [a.kind, a.evidence.length])).toEqual([['subagent-loop', 3]]);
  });

  it('does not fire on 2 repeats, nor on 3 spread over more than 10 minutes, nor across sessions', () => {
    expect(subagentLoop(scenario({ spawns: [spawn(0, 'Fix it'), spawn(2, 'Fix it')] }))).toEqual([]);
    expect(subagentLoop(scenario({ spawns: [spawn(0, 'Fix it'), spawn(6, 'Fix it'), spawn(12, 'Fix it')] }))).toEqual([]);
    expect(subagentLoop(scenario({ spawns: [spawn(0, 'Fix it', 'a'), spawn(1, 'Fix it', 'b'), spawn(2, 'Fix it', 'c')] }))).toEqual([]);
  });
});
