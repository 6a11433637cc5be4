import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { summarizeHistory } from '../src/session/summarize.js';
import type { Summary } from '../src/report/summary.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { FIXTURE_TRUTH, writeFixtureConfigDir } from './helpers/config-dir.js';

let root: string;
let files: string[];

async function summarize(order: readonly string[], range: { since?: number; until?: number } = {}): Promise<Summary> {
  return summarizeHistory(await loadHistory(order), undefined, { prices: BUNDLED_PRICES, since: range.since, until: range.until, now: 0, version: 'test' });
}

beforeAll(async () => {
  root = await writeFixtureConfigDir();
  files = (await findTranscripts([root])).files;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('transcripts -> summary', () => {
  it('finds every layout under projects/ and nothing else of the config dir', () => {
    expect(files.map((f) => f.slice(root.length))).toEqual([
      '/projects/-home-dev-app/agent-b2.jsonl',
      '/projects/-home-dev-app/sess-A.jsonl',
      '/projects/-home-dev-app/sess-A/subagents/agent-a1.jsonl',
      '/projects/-home-dev-app/sess-B.jsonl',
    ]);
  });

  it('totals follow the counting rule exactly', async () => {
    const s = await summarize(files);
    expect(s.totals).toMatchObject({
      input: FIXTURE_TRUTH.input,
      output: FIXTURE_TRUTH.output,
      cacheCreation: FIXTURE_TRUTH.cacheCreation,
      cacheRead: FIXTURE_TRUTH.cacheRead,
      responses: FIXTURE_TRUTH.responses,
      costComplete: true,
    });
    expect(s.cacheHitRatio).toBeCloseTo(FIXTURE_TRUTH.cacheRead / (FIXTURE_TRUTH.input + FIXTURE_TRUTH.cacheCreation + FIXTURE_TRUTH.cacheRead), 12);
  });

  it('gives the same totals and sessions whatever order the files are read in', async () => {
    const forward = await summarize(files);
    const backward = await summarize([...files].reverse());
    expect(backward.totals).toEqual(forward.totals);
    expect(backward.sessions).toEqual(forward.sessions);
  });

  it('attributes tokens to the session of the first copy; sub-agent files to their parent session', async () => {
    const s = await summarize(files);
    const [a, b] = s.sessions;
    expect(a).toMatchObject({ id: 'sess-A', cwd: '/home/dev/app', project: '-home-dev-app', firstTime: '2026-02-10T10:00:00.000Z', reportedCostUSD: 1.25 });
    expect(a?.totals).toMatchObject({ input: 3 + 10 + 1, output: 161 + 50 + 20, responses: 3 });
    expect(a?.subagents).toEqual({ spawned: 1, files: 2 });
    expect(b).toMatchObject({ id: 'sess-B', firstTime: '2026-02-11T09:01:00.000Z' });
    expect(b?.totals).toMatchObject({ input: 7, output: 35, responses: 2 });
  });

  it('counts sub-agents, limits, retries and malformed lines', async () => {
    const s = await summarize(files);
    expect(s.subagents).toMatchObject({ spawned: FIXTURE_TRUTH.spawned, finished: 1, byType: { 'general-purpose': 1 }, files: 2 });
    expect(s.limits).toHaveLength(FIXTURE_TRUTH.limits);
    expect(s.limits.map((l) => [l.time, l.resetAt, l.reset])).toEqual([
      [null, '2026-02-11T09:00:00.000Z', null],
      ['2026-02-10T10:07:00.000Z', '2026-02-10T13:00:00.000Z', '5am (America/Los_Angeles)'],
    ]);
    expect(s.retries.count).toBe(FIXTURE_TRUTH.retries);
    expect(s.sources).toMatchObject({ files: 4, malformed: FIXTURE_TRUTH.malformed, partialLines: 1, malformedByReason: { 'invalid-json': 1, unframed: 1 } });
    expect(s.sources.filesByLayout).toEqual({ session: 2, 'flat-agent': 1, 'subagent-dir': 1, 'workflow-agent': 0 });
  });

  it('limits everything to [since, until) by the first copy time', async () => {
    const s = await summarize(files, { since: Date.parse('2026-02-11T00:00:00Z') });
    expect(s.totals).toMatchObject({ input: 7, output: 35, responses: 2 });
    // The summary title has no time: it cannot be placed in a range.
    expect(s.limits).toHaveLength(0);
    expect(s.sessions.map((x) => x.id)).toEqual(['sess-B']);
  });
});
