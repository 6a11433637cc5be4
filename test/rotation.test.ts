/**
 * The live reader under rotation, as the monitor drives it: lines written in random chunks (cut
 * anywhere), files deleted and recreated at the same path, renamed within the watched dir (with a
 * line half written, the rest appended under the new name), and renamed away with a new file in
 * their place; after each change the files are polled as the watcher's events would have them
 * polled, in either order. Every line must arrive once: none lost, none doubled.
 */
import { appendFile, mkdtemp, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../src/parse/events.js';
import { TranscriptReader } from '../src/pipeline/read/transcript-reader.js';
import { assistantLine } from './helpers/lines.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LINES = 10_000;

async function run(seed: number): Promise<{ seen: Map<string, number>; rotations: Record<string, number>; malformed: number }> {
  const random = rng(seed);
  dir = await mkdtemp(join(tmpdir(), 'tokentop-rotation-'));
  const root = dir;
  const seen = new Map<string, number>();
  const reader = new TranscriptReader((e: TranscriptEvent) => {
    if (e.kind === 'usage') seen.set(e.key, (seen.get(e.key) ?? 0) + 1);
  });
  /** What the watcher's events make the monitor do: poll every path that changed, forget the deleted. */
  const flush = async (): Promise<void> => {
    const onDisk = (await readdir(root)).map((f) => join(root, f));
    const paths = [...new Set([...onDisk, ...reader.followedFiles()])];
    if (random() < 0.5) paths.reverse();
    for (const path of paths) {
      reader.poll(path);
      const last = reader.stats.notices.at(-1);
      if (last?.kind === 'deleted' && last.path === path) reader.forget(path);
    }
  };
  const text = Buffer.from(Array.from({ length: LINES }, (_, i) => `${assistantLine({ sessionId: 'rot', messageId: `msg_${i}`, output: 1, timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() })}\n`).join(''));
  let current = join(root, 'rot.jsonl');
  let serial = 0;
  await writeFile(current, '');
  const rotations: Record<string, number> = { 'delete-recreate': 0, 'rename-mid-line': 0, 'rename-and-replace': 0 };
  let at = 0;
  while (at < text.length) {
    let size = 1 + Math.floor(random() * 4000);
    // Some chunks end at a line's end (where a file may be deleted without losing a line being written).
    if (random() < 0.3) size = text.indexOf(0x0a, at + size - 1) + 1 - at;
    if (size <= 0) size = text.length - at;
    await appendFile(current, text.subarray(at, at + size));
    at += size;
    const atLineEnd = text[at - 1] === 0x0a;
    const roll = random();
    if (roll < 0.02 && atLineEnd) {
      // Deleted at a line's end, after the monitor read it, and written again at the same path.
      await flush();
      await unlink(current);
      if (random() < 0.5) await flush();
      await writeFile(current, '');
      rotations['delete-recreate'] = (rotations['delete-recreate'] ?? 0) + 1;
    } else if (roll < 0.04) {
      // Renamed within the tree, perhaps in the middle of a line: the rest goes to the renamed file.
      if (random() < 0.5) await flush();
      const renamed = join(root, `rot-${++serial}.jsonl`);
      await rename(current, renamed);
      current = renamed;
      rotations['rename-mid-line'] = (rotations['rename-mid-line'] ?? 0) + 1;
    } else if (roll < 0.05 && atLineEnd) {
      // logrotate: the file moves to a new name, a new one takes its place.
      const moved = join(root, `rot-old-${++serial}.jsonl`);
      await rename(current, moved);
      await writeFile(current, '');
      rotations['rename-and-replace'] = (rotations['rename-and-replace'] ?? 0) + 1;
    }
    if (random() < 0.3) await flush();
  }
  await flush();
  reader.closeAll();
  return { seen, rotations, malformed: reader.stats.malformed };
}

describe('the live reader under rotation', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 10,000 lines through deletes, recreates and renames mid-line: none lost, none doubled', async (seed) => {
    const { seen, rotations, malformed } = await run(seed);
    const lost = Array.from({ length: LINES }, (_, i) => `msg_${i}`).filter((k) => !seen.has(k));
    const doubled = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    expect({ lost: lost.length, doubled: doubled.length, malformed }).toEqual({ lost: 0, doubled: 0, malformed: 0 });
    // The seeds do rotate: each kind happens.
    expect(Object.values(rotations).every((n) => n > 0)).toBe(true);
  }, 60_000);
});
