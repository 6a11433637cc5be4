/**
 * Claims a user can trust, end to end: transcripts written from DOMAIN.md's facts (sections 8 and
 * 11), read by the built CLI from disk, cold and through the index. Each case has a near miss that
 * must still be reported, so that the rule is shown to see, not to be blind.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { assistantLine, syntheticLine, taskToolUse } from './helpers/lines.js';
import { runCli } from './helpers/run-cli.js';

let root: string;
let project: string;
const T0 = Date.parse('2026-07-29T01:00:00Z');
const iso = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const jsonl = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-claims-'));
  project = join(root, 'projects', '-home-dev-app');
  await mkdir(project, { recursive: true });

  // A resumed session whose old file is gone: it begins with copies of the old lines, re-stamped with
  // one time at the resume (02:21), among them a limit message whose reset (02:00) is before that time.
  const stamp = iso(81);
  const resumed = [
    ...[1, 2, 3, 4].map((n) => assistantLine({ sessionId: 'resumed', messageId: `msg_old_${n}`, input: 500_000, output: 100, timestamp: stamp })),
    syntheticLine({ sessionId: 'resumed', text: "You've hit your limit · resets 2am (UTC)", timestamp: stamp }),
    assistantLine({ sessionId: 'resumed', messageId: 'msg_new_1', input: 10, output: 10, timestamp: iso(82) }),
  ];
  await writeFile(join(project, 'resumed.jsonl'), jsonl(resumed));

  // Two Claude Code processes appending to one session: 2.1.220 and 2.1.221 take turns, each rewriting the cache.
  const twoWriters = [
    assistantLine({ sessionId: 'two', version: '2.1.220', messageId: 'msg_t0', cacheRead: 240_000, cacheCreation: 500, output: 50, timestamp: iso(200) }),
    assistantLine({ sessionId: 'two', version: '2.1.221', messageId: 'msg_t1', cacheCreation: 242_000, output: 50, timestamp: iso(201) }),
    assistantLine({ sessionId: 'two', version: '2.1.220', messageId: 'msg_t2', cacheCreation: 288_000, output: 50, timestamp: iso(201.35) }),
  ];
  await writeFile(join(project, 'two.jsonl'), jsonl(twoWriters));

  // A 1-hour cache rebuilt after 26 minutes: a miss. Beside it, a 5-minute cache rebuilt after 26: a purge.
  const ttl = (session: string, oneHour: boolean) => [
    assistantLine({ sessionId: session, messageId: `msg_${session}_0`, cacheCreation: 150_000, cache1h: oneHour ? 150_000 : 0, output: 50, timestamp: iso(300) }),
    assistantLine({ sessionId: session, messageId: `msg_${session}_1`, cacheCreation: 150_000, cache1h: oneHour ? 150_000 : 0, output: 50, timestamp: iso(326) }),
  ];
  await writeFile(join(project, 'one-hour.jsonl'), jsonl(ttl('one-hour', true)));
  await writeFile(join(project, 'five-minutes.jsonl'), jsonl(ttl('five-minutes', false)));

  // Six batches that share a long preamble, and (near miss) one prompt spawned three times whole.
  const preamble = `Audit the specs of this repository. ${'List every inconsistency with file and line. '.repeat(6)}`;
  const spawns = [1, 2, 3, 4, 5, 6].map((n) => assistantLine({ sessionId: 'batches', messageId: `msg_b${n}`, output: 10, timestamp: iso(400 + n / 10), content: [taskToolUse(`toolu_b${n}`, `Audit specs batch ${n}`, `${preamble}Files: specs/${n}/`)] }));
  const loop = [1, 2, 3].map((n) => assistantLine({ sessionId: 'loop', messageId: `msg_l${n}`, output: 10, timestamp: iso(500 + n), content: [taskToolUse(`toolu_l${n}`, `Fix the build (${n})`, 'Run the build and fix what fails.')] }));
  await writeFile(join(project, 'batches.jsonl'), jsonl(spawns));
  await writeFile(join(project, 'loop.jsonl'), jsonl(loop));

  // A session opened while locked out: its only line is the limit message.
  await writeFile(join(project, 'locked.jsonl'), jsonl([syntheticLine({ sessionId: 'locked', text: "You've hit your limit · resets 9am (UTC)", timestamp: iso(600) })]));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function summary(...args: string[]): Summary {
  const r = runCli(['summary', root, '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

describe('claims on transcripts written from the domain facts', () => {
  it('judges each case by what the lines can prove, cold and through the index alike', () => {
    const cold = summary('--no-cache');
    const warm = summary();
    expect(summary().anomalies).toEqual(warm.anomalies);
    expect(warm.anomalies).toEqual(cold.anomalies);
    const of = (kind: string) => cold.anomalies.filter((a) => a.kind === kind);

    // The copied limit: listed, not judged; no premature lockout, nothing critical.
    const copied = of('limit-hit').find((a) => a.sessionId === 'resumed');
    expect(copied?.message).toMatch(/^a limit message copied into a resumed session: "You.ve hit your limit · resets 2am \(UTC\)" · .*not judged$/);
    expect(of('premature-lockout')).toEqual([]);
    expect(cold.anomalies.filter((a) => a.severity === 'critical')).toEqual([]);
    // Its 2M copied tokens still count in the totals, once.
    expect(cold.sessions.find((s) => s.id === 'resumed')?.totals.input).toBe(2_000_010);

    // Two writers, named as such; the 26-minute rebuild of a 1-hour cache is a miss, of a 5-minute one a purge.
    expect(of('two-writers').map((a) => a.sessionId)).toEqual(['two']);
    expect(of('cache-miss').map((a) => a.sessionId)).toEqual(['one-hour']);
    expect(of('idle-purge').map((a) => a.sessionId)).toEqual(['five-minutes']);

    // Batches with a shared preamble are no loop; the whole prompt three times is.
    expect(of('subagent-loop').map((a) => a.sessionId)).toEqual(['loop']);

    // The session whose only line is a limit message is a session.
    expect(cold.sessions.map((s) => s.id)).toContain('locked');
    // Every anomaly says how sure it is and what to do.
    for (const a of cold.anomalies) {
      expect(['confirmed', 'inferred']).toContain(a.certainty);
      expect(a.basis.length).toBeGreaterThan(10);
      expect(a.advice.length).toBeGreaterThan(5);
    }
  });
});
