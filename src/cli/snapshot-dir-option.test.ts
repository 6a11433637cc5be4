import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIO } from './command-io.js';
import { snapshotDirOption } from './snapshot-dir-option.js';

const root = mkdtempSync(join(tmpdir(), 'tokentop-snapdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const io = (state: string): CommandIO => ({ out: () => undefined, err: () => undefined, env: { XDG_STATE_HOME: state }, now: () => 0, columns: 100, version: 't' });

describe('--snapshot-dir', () => {
  it("defaults to tokentop's own state dir, never the working dir", async () => {
    const dir = await snapshotDirOption(undefined, [join(root, 'watched')], io(join(root, 'state')));
    expect(dir).toBe(join(root, 'state', 'tokentop', 'snapshots'));
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses a dir inside a watched path, and takes one beside it', async () => {
    const watched = join(root, 'config');
    mkdirSync(join(watched, 'projects', 'p'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'));
    await expect(snapshotDirOption(join(watched, 'projects', 'p'), [watched], io(root))).rejects.toThrow(/inside .*config, which tokentop watches and never writes to/);
    await expect(snapshotDirOption(watched, [watched], io(root))).rejects.toThrow(/which tokentop watches/);
    await expect(snapshotDirOption(join(root, 'elsewhere'), [watched], io(root))).resolves.toBe(join(root, 'elsewhere'));
    await expect(snapshotDirOption(join(root, 'nope'), [watched], io(root))).rejects.toThrow(/is not a directory/);
  });
});
