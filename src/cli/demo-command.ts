/**
 * `tokentop --demo`: tokentop working on a fresh machine with no Claude Code. A writer appends the
 * demo timeline (src/synth/demo-timeline.ts) in real time to a temp config dir and a proxy-log dir
 * beside it, and the live monitor watches them through the real pipeline. When stdout is not a
 * terminal it writes a ten-minute recording at once and prints its `summary` instead. The temp dirs
 * are removed on exit unless --keep. The monitor's display options (window, snapshots, summary file,
 * thresholds, prices) are handed on to it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppendWriter } from '../synth/append-writer.js';
import { DEMO_PROXY_LOG, DemoTimeline } from '../synth/demo-timeline.js';
import type { FileAppend } from '../synth/session-script.js';
import { UsageError, type CommandIO } from './command-io.js';
import { runMonitor } from './monitor-command.js';
import type { Terminal } from './screen-session.js';
import { runSummary } from './summary-command.js';

const WRITE_EVERY_MS = 100;
const RECORDING_MS = 10 * 60_000;

export async function runDemo(argv: readonly string[], io: CommandIO, terminal?: Terminal): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      // The monitor's own options, handed on to it (the report takes the last two).
      window: { type: 'string', default: '5m' },
      'snapshot-dir': { type: 'string' },
      'summary-file': { type: 'string' },
      'no-auto-snapshot': { type: 'boolean', default: false },
      thresholds: { type: 'string' },
      prices: { type: 'string' },
    },
  });
  const given = (names: readonly ('window' | 'snapshot-dir' | 'summary-file' | 'thresholds' | 'prices')[]): string[] =>
    names.flatMap((name) => (values[name] === undefined ? [] : [`--${name}`, values[name]]));
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${JSON.stringify(values.seed)} is not a whole number`);
  const root = await mkdtemp(join(tmpdir(), 'tokentop-demo-'));
  const configDir = join(root, 'config');
  const transcripts = new AppendWriter(configDir);
  // The proxy log lives beside the config dir, as a proxy's log would.
  const proxy = new AppendWriter(root);
  const write = (appends: readonly FileAppend[]): void => {
    transcripts.write(appends.filter((a) => !a.path.startsWith('proxy/')));
    proxy.write(appends.filter((a) => a.path.startsWith('proxy/')));
  };
  const timeline = new DemoTimeline(seed, io.now());
  // The proxy log exists from the start, as a running proxy's would; its first line comes 5 s in.
  await mkdir(join(root, dirname(DEMO_PROXY_LOG)), { recursive: true });
  await writeFile(join(root, DEMO_PROXY_LOG), '');
  io.err(`tokentop demo: writing to ${root}${values.keep ? ' (kept)' : ''}\n`);
  try {
    if (terminal?.stdout.isTTY !== true || values.json) {
      write(timeline.next(io.now() + RECORDING_MS));
      return await runSummary([configDir, '--proxy-log', join(root, DEMO_PROXY_LOG), ...given(['thresholds', 'prices']), ...(values.json ? ['--json'] : [])], io);
    }
    write(timeline.next(io.now()));
    const writer = setInterval(() => write(timeline.next(io.now())), WRITE_EVERY_MS);
    try {
      const monitorOptions = [...given(['window', 'snapshot-dir', 'summary-file', 'thresholds', 'prices']), ...(values['no-auto-snapshot'] ? ['--no-auto-snapshot'] : [])];
      return await runMonitor([configDir, '--proxy-log', join(root, DEMO_PROXY_LOG), ...monitorOptions], io, terminal);
    } finally {
      clearInterval(writer);
    }
  } finally {
    if (!values.keep) await rm(root, { recursive: true, force: true });
  }
}
