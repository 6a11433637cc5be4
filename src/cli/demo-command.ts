/**
 * `tokentop --demo`: tokentop working on a fresh machine with no Claude Code. It writes a small
 * synthetic history (src/synth) of the last few hours into a temp config dir and opens the live
 * monitor on it (or, when stdout is not a terminal, prints the `summary` of it), through the real
 * pipeline; then it removes the dir (kept with --keep). The real-time writer with scripted incidents
 * comes with issue 4.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHistory } from '../synth/write-history.js';
import { UsageError, type CommandIO } from './command-io.js';
import { runMonitor, type Terminal } from './monitor-command.js';
import { runSummary } from './summary-command.js';

export async function runDemo(argv: readonly string[], io: CommandIO, terminal?: Terminal): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${JSON.stringify(values.seed)} is not a whole number`);
  const dir = await mkdtemp(join(tmpdir(), 'tokentop-demo-'));
  try {
    const written = writeHistory(dir, { seed, start: io.now() - 3 * 3_600_000, targetBytes: 8 * 1024 * 1024, projects: 4 });
    io.err(`tokentop demo: ${written.sessions} synthetic sessions in ${dir}${values.keep ? ' (kept)' : ''}\n`);
    if (terminal?.stdout.isTTY === true && !values.json) return await runMonitor([dir, '--window', '1h'], io, terminal);
    return await runSummary([dir, ...(values.json ? ['--json'] : [])], io);
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}
