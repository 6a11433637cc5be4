#!/usr/bin/env node
/**
 * The tokentop command. The only module that reads process.argv, writes to stdout/stderr or exits:
 * everything below it returns values and typed events.
 */
import { closeSync, existsSync, readFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError, type CommandIO } from './cli/command-io.js';
import { closest, COMMANDS, mainHelp } from './cli/options.js';
import { preferSmallHeap } from './cli/small-heap.js';
import { readThreads } from './cli/read-threads.js';
import { importWithoutFetch } from './cli/without-fetch.js';
import { isHangupError, markTerminalGone, terminalGone } from './cli/terminal-gone.js';

/**
 * Node 22.1+: V8's compile cache, in tokentop's own cache dir (`$XDG_CACHE_HOME/tokentop/compile-cache`):
 * the chunks a command loads are not compiled again at each start. Absent on Node 20: nothing happens.
 */
function enableCompileCache(): void {
  const enable = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (enable === undefined || process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) return;
  const base = process.env.XDG_CACHE_HOME !== undefined && process.env.XDG_CACHE_HOME !== '' ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  try {
    enable(join(base, 'tokentop', 'compile-cache'));
  } catch {
    // A cache that cannot be made costs only the compile it would save.
  }
}
enableCompileCache();

function packageVersion(): string {
  try {
    // dist/cli.js (tsc) and dist/bin/tokentop.mjs (the bundle) sit at different depths.
    for (const relative of ['../package.json', '../../package.json']) {
      const url = new URL(relative, import.meta.url);
      if (!existsSync(url)) continue;
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tokentop') return pkg.version ?? '0.0.0';
    }
    return '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** dist/bin/read-worker.mjs beside the bundle; absent when run from source or TOKENTOP_READ_THREADS=1. */
function readWorkerScript(): URL | undefined {
  if (process.env.TOKENTOP_READ_THREADS === '1') return undefined;
  const script = new URL('./read-worker.mjs', import.meta.url);
  return existsSync(script) ? script : undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const io: CommandIO = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    now: () => Date.now(),
    // A report fits the terminal it is printed to; piped or redirected, 80 columns (--width says otherwise).
    columns: process.stdout.isTTY === true && process.stdout.columns > 0 ? process.stdout.columns : 80,
    version: packageVersion(),
    readWorker: readWorkerScript(),
    readThreads: readThreads(process.env.TOKENTOP_READ_THREADS),
  };
  const [command, ...rest] = argv;
  switch (command) {
    case 'summary': {
      // Each command is its own chunk of the bundle, loaded when asked for: start-up stays small.
      const { runSummary } = await import('./cli/summary-command.js');
      return runSummary(rest, io);
    }
    case 'serve': {
      const { runServe } = await importWithoutFetch(() => import('./cli/serve-command.js'));
      return runServe(rest, io);
    }
    case 'evidence': {
      const { runEvidence } = await import('./cli/evidence-command.js');
      return runEvidence(rest, io);
    }
    case 'verify': {
      const { runVerify } = await import('./cli/verify-command.js');
      return runVerify(rest, io);
    }
    case 'statusline': {
      const { runStatusline } = await import('./cli/statusline-command.js');
      return runStatusline(rest, io, process.stdin);
    }
    case 'subagent-status': {
      const { runSubagentStatus } = await import('./cli/subagent-status-command.js');
      return runSubagentStatus(rest, io, process.stdin);
    }
    case 'doctor': {
      const { runDoctor } = await import('./cli/doctor-command.js');
      return runDoctor(rest, io);
    }
    case 'setup': {
      const { runSetup } = await import('./cli/setup-command.js');
      return runSetup(rest, io, { stdin: process.stdin, self: [process.execPath, process.argv[1] ?? 'tokentop'] });
    }
    case 'replay': {
      preferSmallHeap();
      const { runReplay } = await importWithoutFetch(() => import('./cli/replay-command.js'));
      return runReplay(rest, io, { stdout: process.stdout, stdin: process.stdin });
    }
    case '--demo':
    case 'demo': {
      preferSmallHeap();
      const { runDemo } = await importWithoutFetch(() => import('./cli/demo-command.js'));
      return runDemo(rest, io, { stdout: process.stdout, stdin: process.stdin });
    }
    case '--version':
    case '-v':
      io.out(`${io.version}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      io.out(`${mainHelp()}\n`);
      return 0;
    case '--help-monitor':
    default: {
      // A word that is no path but is near a command's name is a typo, not a PATH to watch.
      const near = command === undefined || command.startsWith('-') || existsSync(command) ? undefined : closest(command, COMMANDS.map((c) => c.name).filter((n) => n !== '' && !n.startsWith('-')));
      if (near !== undefined) throw new UsageError(`unknown command ${command}: did you mean ${near}? (tokentop --help lists them)`);
      // No command, or PATHs and flags: the live monitor (loaded only when it is asked for).
      const { runMonitor } = await importWithoutFetch(() => import('./cli/monitor-command.js'));
      return runMonitor(command === '--help-monitor' ? ['--help'] : argv, io, { stdout: process.stdout, stdin: process.stdin });
    }
  }
}

/**
 * Exit 0 past a terminal that went away. Node restores the terminal's mode at exit and aborts when
 * that fails (EIO on a closed pty: 'Assertion failed' in ResetStdio); it skips a descriptor that is
 * no longer open, so the terminal's descriptors are closed first.
 */
function leaveDeadTerminal(): void {
  // Whether they were terminals cannot be asked any more (isatty fails on a closed pty): all three go.
  for (const fd of [0, 1, 2]) {
    try {
      closeSync(fd);
    } catch {
      // Already closed: nothing to restore there either.
    }
  }
  process.exit(0);
}

function reportRss(): void {
  // For the benchmark: the exact peak resident set size of this process, in KiB.
  if (process.env.TOKENTOP_REPORT_RSS === '1') process.stderr.write(`tokentop-max-rss-kib ${process.resourceUsage().maxRSS}\n`);
}

// A reader that went away (`tokentop summary --json | head`) is no error: exit quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // The terminal went away (its pane was closed): the monitor finishes quietly, writing its summary file.
  if (isHangupError(error)) {
    markTerminalGone();
    return;
  }
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    reportRss();
    process.exitCode = code;
    if (terminalGone()) leaveDeadTerminal();
  },
  (error: unknown) => {
    reportRss();
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`tokentop: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`tokentop: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TOKENTOP_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = 1;
  },
);
