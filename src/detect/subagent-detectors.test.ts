import { describe, expect, it } from 'vitest';
import { at, finish, limit, response, responseWith, scenario, scopeOf, spawn } from '../../test/helpers/detector-scenario.js';
import { BUNDLED_PRICES } from '../pricing/price-table.js';
import { runawaySubagents, subagentLoop, workflowRuns } from './subagent-detectors.js';

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
    expect(found[0]?.message).toBe('9 sub-agents running at once in one session (ceiling 8)');
    expect(found[0]?.certainty).toBe('inferred');
    // Its evidence names all nine, not only the ninth that passed the ceiling.
    expect(found[0]?.evidence).toHaveLength(9);
  });

  it('is never critical: it is inferred from local files (a requested fan-out looks the same)', () => {
    expect(runawaySubagents(scenario(parallel(17, 0, 3)))[0]).toMatchObject({ severity: 'warn', message: '17 sub-agents running at once in one session (ceiling 8)' });
  });

  it('measures each agent from its own lines, not a fixed 5 minutes: 12 short agents in turn are never 9 at once', () => {
    // Twelve agents spawned 40 s apart, each with no result but its own file: two responses 30 s apart, then silence.
    const spawns = Array.from({ length: 12 }, (_, i) => spawn(i * (40 / 60), `part ${i}`));
    const finishes = spawns.map((s, i) => ({ ...finish(s, i * (40 / 60) + 0.5, `ag${i}`), status: 'async_launched' }));
    const responses = spawns.flatMap((_, i) => [response(i * (40 / 60) + 0.1, { output: 10 }, 's1', `ag${i}`), response(i * (40 / 60) + 0.6, { output: 10 }, 's1', `ag${i}`)]);
    expect(runawaySubagents(scenario({ spawns, finishes, responses, thresholds: { subagentBurst: 100 } }))).toEqual([]);
    // Near miss: the same twelve still writing ten minutes on overlap, and are reported.
    const long = spawns.flatMap((_, i) => [response(i * (40 / 60) + 0.1, { output: 10 }, 's1', `ag${i}`), response(20, { output: 10 }, 's1', `ag${i}`)]);
    expect(runawaySubagents(scenario({ spawns, finishes, responses: long, thresholds: { subagentBurst: 100 } })).map((a) => a.message)).toEqual(['12 sub-agents running at once in one session (ceiling 8)']);
  });

  it('counts concurrency per session: two sessions with 5 each are not 10 at once', () => {
    const a = parallel(5, 0, 3);
    const b = Array.from({ length: 5 }, (_, i) => spawn(i * 0.1, `other ${i}`, 's2'));
    expect(runawaySubagents(scenario({ spawns: [...a.spawns, ...b], finishes: [...a.finishes, ...b.map((s) => finish(s, 3))] }))).toEqual([]);
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
    const spawns = [spawn(0, 'Fix the failing test'), spawn(2, 'Fix the failing test'), spawn(4, 'Fix the failing test'), spawn(5, 'something else')];
    const found = subagentLoop(scenario({ spawns }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'subagent-loop', severity: 'warn', start: at(0), end: at(4), sessionId: 's1' });
    expect(found[0]?.message).toBe('the same sub-agent task spawned 3 times in 4 min: "Fix the failing test"');
    expect(found[0]?.evidence.map((e) => (e.kind === 'line' ? e.line : 0))).toEqual(spawns.slice(0, 3).map((s) => s.origin.line));
  });

  it('fires when the whole prompt repeats under different descriptions', () => {
    const clone = (minutes: number, description: string) => spawn(minutes, description, 's1', 'Review every file in src/ and report');
    const found = subagentLoop(scenario({ spawns: [clone(0, 'Review A'), clone(1, 'Review B'), clone(2, 'Review C')] }));
    expect(found.map((a) => [a.kind, a.evidence.length])).toEqual([['subagent-loop', 3]]);
  });

  it('does not fire on batches that share a long preamble: "Audit specs batch 1..6"', () => {
    const preamble = `You are auditing the specs of this repository. ${'Read each file carefully, list every inconsistency, cite line numbers. '.repeat(4)}`;
    const batches = [1, 2, 3, 4, 5, 6].map((n) => spawn(n * 0.2, `Audit specs batch ${n}`, 's1', `${preamble}Your files: specs/batch-${n}/*.md`));
    expect(batches[0]?.promptHead).toBe(batches[5]?.promptHead);
    expect(subagentLoop(scenario({ spawns: batches }))).toEqual([]);
    // Near miss: the same whole prompt three times is a loop.
    const same = [1, 2, 3].map((n) => spawn(n * 0.2, `Audit specs batch ${n}`, 's1', `${preamble}Your files: specs/batch-1/*.md`));
    expect(subagentLoop(scenario({ spawns: same }))).toHaveLength(1);
  });

  it('does not take the same prompt to different agent types for a loop', () => {
    const typed = (minutes: number, type: string) => ({ ...spawn(minutes, 'Check the build', 's1', 'Check that the build passes'), subagentType: type });
    expect(subagentLoop(scenario({ spawns: [typed(0, 'Explore'), typed(1, 'Plan'), typed(2, 'general-purpose')] }))).toEqual([]);
  });

  it('does not fire on 2 repeats, nor on 3 spread over more than 10 minutes, nor across sessions', () => {
    expect(subagentLoop(scenario({ spawns: [spawn(0, 'Fix it'), spawn(2, 'Fix it')] }))).toEqual([]);
    expect(subagentLoop(scenario({ spawns: [spawn(0, 'Fix it'), spawn(6, 'Fix it'), spawn(12, 'Fix it')] }))).toEqual([]);
    expect(subagentLoop(scenario({ spawns: [spawn(0, 'Fix it', 'a'), spawn(1, 'Fix it', 'b'), spawn(2, 'Fix it', 'c')] }))).toEqual([]);
  });
});

describe('workflow-run', () => {
  const WF = '/home/dev/.claude/projects/-home-dev-app/s1/subagents/workflows/wf_run1';
  /** Workflow agent `i` of wf_run1, with responses at the given minutes. */
  const agent = (i: number, minutes: readonly number[], tokens = 1000) => minutes.map((m) => responseWith(m, { input: tokens, output: 10 }, { agentId: `w${i}`, file: `${WF}/agent-w${i}.jsonl` }));

  it('reports a requested fan-out once, as info, with its real peak: 40 agents of 30 s each, 5 at a time', () => {
    // Eight waves of five agents, one every minute, each agent writing for 30 s.
    const responses = Array.from({ length: 40 }, (_, i) => agent(i, [Math.floor(i / 5), Math.floor(i / 5) + 0.5])).flat();
    // Six agents that only wrote a spend-cap message: they never ran.
    const capped = [0, 1, 2, 3, 4, 5].map((i) => ({ ...limit(9, "You've hit your monthly spend limit · raise it at claude.ai/settings/usage", undefined), scope: scopeOf('s1', `x${i}`), origin: { file: `${WF}/agent-x${i}.jsonl`, line: 1 } }));
    const found = workflowRuns({ ...scenario({ responses, limits: capped }), prices: BUNDLED_PRICES });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'workflow-run', severity: 'info', certainty: 'inferred', sessionId: 's1' });
    expect(found[0]?.message).toMatch(/^Workflow run wf_run1: 40 agents, at most 5 at once, 6 never ran \(a limit or an error before any response\), 84\.0k input-equivalent tokens, ~\$0\.\d\d$/);
    // And the runaway rule does not count them.
    expect(runawaySubagents(scenario({ responses }))).toEqual([]);
  });

  it('warns past the token budget, and on a session that runs workflows again and again', () => {
    const big = agent(0, [0, 1], 15_000_000);
    expect(workflowRuns(scenario({ responses: big }))[0]).toMatchObject({ severity: 'warn' });
    expect(workflowRuns(scenario({ responses: big }))[0]?.message).toMatch(/past the 20\.0M token budget/);
    const run = (n: number, minute: number) => [responseWith(minute, { input: 100 }, { agentId: `r${n}`, file: `${WF.replace('wf_run1', `wf_${n}`)}/agent-r${n}.jsonl` })];
    const three = workflowRuns(scenario({ responses: [...run(1, 0), ...run(2, 20), ...run(3, 40)] }));
    expect(three.map((a) => a.severity)).toEqual(['info', 'info', 'warn']);
    expect(three[2]?.message).toMatch(/run 3 of this session within 60 min/);
    // Near miss: three runs a day apart are three requested runs.
    expect(workflowRuns(scenario({ responses: [...run(1, 0), ...run(2, 24 * 60), ...run(3, 48 * 60)] })).map((a) => a.severity)).toEqual(['info', 'info', 'info']);
  });
});
