/**
 * `tokentop --demo`: tokentop working on a fresh machine with no Claude Code. Until the live demo
 * lands it writes a small synthetic history (src/synth) into a temp config dir, reads it through the
 * real pipeline with `summary`, and removes the dir (kept with --keep).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHistory } from '../synth/write-history.js';
import { UsageError, type CommandIO } from './command-io.js';
import { runSummary } from './summary-command.js';

export async function runDemo(argv: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${JSON.stringify(values.seed)} is not a whole number`);
  const dir = await mkdtemp(join(tmpdir(), 'tokentop-demo-'));
  try {
    const written = writeHistory(dir, { seed, start: io.now() - 12 * 3_600_000, targetBytes: 8 * 1024 * 1024, projects: 4 });
    io.err(`tokentop demo: ${written.sessions} synthetic sessions in ${dir}${values.keep ? ' (kept)' : ''}\n`);
    return await runSummary([dir, ...(values.json ? ['--json'] : [])], io);
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}
