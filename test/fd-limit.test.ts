/**
 * A low open-file limit (macOS's default soft limit is 256): the monitor keeps at most 128 files
 * open, so with `ulimit -n 100` and 600 watched files every response is still read, the ones
 * appended after the backfill too. Before, a handle per file ran out and most lines were never read.
 */
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assistantLine, jsonl } from './helpers/lines.js';
import { CLI } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

const FILES = 600;

describe.skipIf(!hasTmux())('the monitor under a low open-file limit', () => {
  const term = new Tmux();
  let root: string | undefined;
  afterAll(async () => {
    term.kill();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it(`reads every response of ${FILES} files with ulimit -n 100, appends included`, { timeout: 60_000 }, async () => {
    root = await mkdtemp(join(tmpdir(), 'tokentop-fds-'));
    const project = join(root, 'projects', '-home-dev-many');
    await mkdir(project, { recursive: true });
    const iso = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < FILES; i++) await writeFile(join(project, `s${i}.jsonl`), jsonl([assistantLine({ sessionId: `s${i}`, messageId: `msg_${i}`, output: 1, timestamp: iso })]));
    const summary = join(root, 'exit.json');
    term.start(`ulimit -n 100; node ${CLI} ${root} --summary-file ${summary} --snapshot-dir ${tmpdir()}; echo EXIT=$?; sleep 30`, 120, 40);
    await term.waitFor((s) => s.includes(`${FILES} files`) && s.includes('LIVE') && !s.includes('loading'), 20_000);
    for (let i = 0; i < FILES; i += 60) await appendFile(join(project, `s${i}.jsonl`), jsonl([assistantLine({ sessionId: `s${i}`, messageId: `msg_late_${i}`, output: 1, timestamp: new Date().toISOString() })]));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    term.keys('q');
    expect(await term.waitFor((s) => s.includes('EXIT='), 10_000)).toContain('EXIT=0');
    const report = JSON.parse(await readFile(summary, 'utf8')) as { totals: { responses: number }; sources: { notices: number } };
    expect(report.totals.responses).toBe(FILES + FILES / 60);
    expect(report.sources.notices).toBe(0);
  });
});
