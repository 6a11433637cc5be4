/** Replay at --speed max against summary on the same files: the same pipeline must give the same report. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { runCli } from './helpers/run-cli.js';

const kept: string[] = [];
afterAll(async () => {
  for (const dir of kept) await rm(dir, { recursive: true, force: true });
});

/** A ten-minute demo recording (stdout is not a terminal, so the demo writes it at once). */
export function recordDemo(seed: number): string {
  const r = runCli(['--demo', '--seed', String(seed), '--keep', '--json']);
  const root = /writing to (\S+)/.exec(r.stderr)?.[1];
  if (r.code !== 0 || root === undefined) throw new Error(`demo failed: ${r.stderr}`);
  kept.push(root);
  return root;
}

function report(args: string[]): Summary {
  const r = runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

/** The whole report but when it was made, the replay's own watch figures (summary has none) and how summary read it (its index). */
const comparable = (s: Summary): unknown => ({ ...s, generatedAt: undefined, watch: undefined, index: undefined });

describe('tokentop replay --speed max', () => {
  it('gives the same report as tokentop summary on a demo recording', () => {
    const config = join(recordDemo(21), 'config');
    const replayed = report(['replay', config, '--speed', 'max', '--json']);
    const summarized = report(['summary', config, '--json']);
    expect(comparable(replayed)).toEqual(comparable(summarized));
    // The scripted session is in it: the sub-agent burst and the limit message.
    expect(replayed.subagents.spawned).toBeGreaterThanOrEqual(6);
    expect(replayed.limits).toHaveLength(1);
  });

  it('narrows to --from/--to like summary --since/--until', () => {
    const config = join(recordDemo(22), 'config');
    const all = report(['replay', config, '--speed', 'max', '--json']);
    const first = all.sessions.map((s) => s.firstTime).filter((t): t is string => t !== null).sort()[0] ?? '';
    const from = new Date(Date.parse(first) + 120_000).toISOString();
    const replayed = report(['replay', config, '--speed', 'max', '--json', '--from', from]);
    const summarized = report(['summary', config, '--json', '--since', from]);
    expect(comparable(replayed)).toEqual(comparable(summarized));
    expect(replayed.totals.responses).toBeLessThan(all.totals.responses);
  });

  it.skipIf(!hasRealCorpus)('runs the real corpus to the end with the same totals as summary', () => {
    expect(comparable(report(['replay', REAL_TRANSCRIPTS, '--speed', 'max', '--json']))).toEqual(comparable(report(['summary', REAL_TRANSCRIPTS, '--json'])));
  });

  it.each([
    [['replay'], /^tokentop: replay needs the PATH of a recording; see tokentop replay --help\n$/],
    [['replay', '/no/such/recording', '--speed', 'fast'], /^tokentop: --speed "fast" is not a positive number or max\n$/],
    [['replay', '/no/such/recording'], /^tokentop: stdout is not a terminal; replay --speed max prints the summary without one\n$/],
  ])('%j: one line and exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
