import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../detect/thresholds.js';
import type { CommandIO } from './command-io.js';
import { REPLAY_OPTIONS, SERVE_OPTIONS } from './options.js';
import { monitorRequest } from './monitor-config.js';
import { resolveOptions, thresholdsOf, wantsHelp } from './resolve-options.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function ioWithConfig(config: object): CommandIO {
  const dir = mkdtempSync(join(tmpdir(), 'tokentop-resolve-'));
  dirs.push(dir);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return { out: () => undefined, err: () => undefined, env: { HOME: dir, TOKENTOP_CONFIG: file }, now: () => 0, columns: 80, version: 't' };
}

describe('resolveOptions', () => {
  it("gives every command the config file's settings under its flags, the command line winning", async () => {
    const io = ioWithConfig({ thresholds: { subagentCeiling: 3 }, backfill: '2h', statusline: false });
    const replay = await resolveOptions(REPLAY_OPTIONS, ['rec'], io);
    expect((await thresholdsOf(replay.thresholds)).subagentCeiling).toBe(3);
    expect(replay.values['no-statusline']).toBe(true);
    const serve = monitorRequest(await resolveOptions(SERVE_OPTIONS, ['--backfill', '30m', 'dir'], io));
    expect([serve.backfill, serve.statusline, serve.autoSnapshot, serve.paths]).toEqual(['30m', 'none', false, ['dir']]);
    expect(await thresholdsOf(serve.thresholds)).toEqual({ ...DEFAULT_THRESHOLDS, subagentCeiling: 3 });
  });

  it('answers --help from the command line alone', () => {
    expect(wantsHelp(SERVE_OPTIONS, ['--help'])).toBe(true);
    expect(wantsHelp(SERVE_OPTIONS, ['x'])).toBe(false);
  });
});
