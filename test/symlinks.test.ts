/**
 * Symlinks in a watched tree: a project dir that is a link is followed (dotfile managers make them),
 * a loop (`ln -s .. p/loop`, `ln -s . p/self`) ends at once, a broken link is reported, and the
 * live monitor keeps reading beside all of them.
 */
import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptEvent } from '../src/parse/events.js';
import { LiveIngest } from '../src/pipeline/live/live-ingest.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { assistantLine, jsonl } from './helpers/lines.js';
import { runCli } from './helpers/run-cli.js';

let root: string;
let projects: string;
let elsewhere: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-links-'));
  projects = join(root, 'config', 'projects');
  elsewhere = join(root, 'dotfiles', 'private_projects', '-home-dev-linked');
  await mkdir(join(projects, '-home-dev-p'), { recursive: true });
  await mkdir(elsewhere, { recursive: true });
  await writeFile(join(projects, '-home-dev-p', 's1.jsonl'), jsonl([assistantLine({ sessionId: 's1', messageId: 'msg_plain', output: 7 })]));
  await writeFile(join(elsewhere, 's2.jsonl'), jsonl([assistantLine({ sessionId: 's2', messageId: 'msg_linked', output: 11 })]));
  await symlink(elsewhere, join(projects, '-home-dev-linked'));
  await symlink('..', join(projects, '-home-dev-p', 'loop'));
  await symlink('.', join(projects, '-home-dev-p', 'self'));
  await symlink(join(root, 'nowhere'), join(projects, 'broken'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('symlinks under projects/', () => {
  it('follows a linked project dir, ends loops at once, and says what it could not follow', async () => {
    const found = await findTranscripts([join(root, 'config')]);
    expect(found.files.map((f) => f.slice(projects.length + 1)).sort()).toEqual(['-home-dev-linked/s2.jsonl', '-home-dev-p/s1.jsonl']);
    expect(found.linkedDirs).toEqual([join(projects, '-home-dev-linked')]);
    expect(found.warnings.map((w) => [w.path.slice(projects.length + 1), w.message])).toEqual([['broken', 'a symlink that cannot be followed: no such file or directory']]);
    const r = runCli(['summary', join(root, 'config'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped .*broken: a symlink that cannot be followed/);
    expect((JSON.parse(r.stdout) as { totals: { output: number } }).totals.output).toBe(18);
  });

  it('keeps the live monitor reading beside a loop, and watches the linked dir', async () => {
    const events: TranscriptEvent[] = [];
    const ingest = new LiveIngest([projects], { onEvent: (e) => events.push(e), onAgentFile: () => undefined, onProgress: () => undefined, onNotice: () => undefined });
    try {
      const found = await findTranscripts([join(root, 'config')]);
      await ingest.start(found.files, Date.now() - 3_600_000);
      ingest.watchLinked(found.linkedDirs);
      const keys = (): string[] => events.flatMap((e) => (e.kind === 'usage' ? [e.key] : []));
      await vi.waitFor(() => expect(keys()).toEqual(expect.arrayContaining(['msg_plain', 'msg_linked'])), { timeout: 5000, interval: 20 });
      await appendFile(join(elsewhere, 's2.jsonl'), jsonl([assistantLine({ sessionId: 's2', messageId: 'msg_linked_later', output: 1 })]));
      await vi.waitFor(() => expect(keys()).toContain('msg_linked_later'), { timeout: 5000, interval: 20 });
    } finally {
      await ingest.stop();
    }
  });

  it("refuses an empty PATH rather than reading the working dir", () => {
    const r = runCli(['summary', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tokentop: cannot read "": an empty PATH\n');
  });
});
