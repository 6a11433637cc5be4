/** The monitor's flags, checked and resolved before the first frame: what LiveSession and the screen are given. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isDirectory } from '../sources/config-dirs.js';
import { describeFsError } from '../sources/find-transcripts.js';
import { proxyWatchPlan } from '../sources/find-proxy-logs.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import type { LiveSessionOptions } from '../session/live-session.js';
import { isWindowName } from '../store/monitor-store.js';
import { UsageError, type CommandIO } from './command-io.js';
import { defaultPaths } from './default-paths.js';
import { snapshotDirOption } from './snapshot-dir-option.js';
import type { MONITOR_OPTIONS, SERVE_OPTIONS } from './options.js';
import { thresholdsOf, type ResolvedOptions, type ThresholdsFrom } from './resolve-options.js';
import { loadPrices } from './prices-option.js';
import { parseDuration } from './time-arg.js';
import { historyIndexOpener } from './history-index-option.js';
import { usageUrl } from '../session/usage-poller.js';
import { homedir } from 'node:os';

export interface MonitorConfig {
  readonly session: Omit<LiveSessionOptions, 'now' | 'onCritical'>;
  readonly snapshotDir: string;
  readonly evidenceDir: string | undefined;
  readonly summaryFile: string | undefined;
  readonly autoSnapshot: boolean;
}

/**
 * What a live session is asked to read and show, before it is checked: the monitor's flags, or
 * what `serve` and the demo ask of it. Typed, so no command makes up argv for another.
 */
export interface MonitorRequest {
  /** What to watch; empty: the Claude Code config dirs. */
  readonly paths: readonly string[];
  readonly window: string;
  readonly backfill: string;
  readonly proxyLogs: readonly string[];
  /** The local quota record: a file, the default one, or none. */
  readonly statusline: { readonly file: string } | 'default' | 'none';
  readonly snapshotDir: string | undefined;
  /** Where `e` writes evidence bundles; default tokentop's state dir. */
  readonly evidenceDir?: string | undefined;
  readonly autoSnapshot: boolean;
  readonly summaryFile: string | undefined;
  readonly prices: string | undefined;
  readonly thresholds: ThresholdsFrom;
  readonly noCache: boolean;
  readonly usageApi: boolean;
}

/** The monitor's (and serve's) resolved flags as a request. */
export function monitorRequest({ values, positionals, thresholds }: ResolvedOptions<typeof MONITOR_OPTIONS> | ResolvedOptions<typeof SERVE_OPTIONS>): MonitorRequest {
  const monitor = 'window' in values ? values : undefined;
  return {
    paths: positionals,
    window: monitor?.window ?? '5m',
    backfill: values.backfill,
    proxyLogs: values['proxy-log'] ?? [],
    statusline: values['no-statusline'] ? 'none' : values['statusline-file'] === undefined ? 'default' : { file: values['statusline-file'] },
    snapshotDir: monitor?.['snapshot-dir'],
    autoSnapshot: monitor !== undefined && !monitor['no-auto-snapshot'],
    summaryFile: monitor?.['summary-file'],
    prices: values.prices,
    thresholds,
    noCache: values['no-cache'],
    usageApi: values['usage-api'],
  };
}

export async function monitorConfig(request: MonitorRequest, io: CommandIO): Promise<MonitorConfig> {
  const window = request.window;
  if (!isWindowName(window)) throw new UsageError(`--window ${JSON.stringify(window)} is not one of 5m, 15m, 1h, 6h`);
  const backfillMs = parseDuration(request.backfill);
  if (backfillMs === undefined) throw new UsageError(`--backfill ${JSON.stringify(request.backfill)} is not a duration like 30m, 6h or 1d`);
  const summaryFile = request.summaryFile;
  // Said now, not after an hour of watching.
  if (summaryFile !== undefined && !(await isDirectory(dirname(resolve(summaryFile))))) throw new UsageError(`--summary-file ${summaryFile}: its dir does not exist`);
  const prices = await loadPrices(request.prices);
  const thresholds = await thresholdsOf(request.thresholds);
  const paths = request.paths.length > 0 ? request.paths : await defaultPaths(io);
  // Only that each PATH can be read, before the first frame; walking a large history comes after it.
  for (const path of paths) {
    const problem = await unreadable(path);
    if (problem !== undefined) throw new UsageError(`cannot read ${path}: ${problem}`);
  }
  const roots = await Promise.all(paths.map(watchRoot));
  const snapshotDir = await snapshotDirOption(request.snapshotDir, [...paths, ...request.proxyLogs], io);
  const proxyPlan = await proxyWatchPlan([...request.proxyLogs]);
  // A glob with no match yet is fine here: its dir is watched for the file to come.
  const proxyProblem = proxyPlan.problems.find((p) => p.message !== 'no file matches');
  if (proxyProblem !== undefined) throw new UsageError(`cannot read proxy log ${proxyProblem.path}: ${proxyProblem.message}`);
  return {
    // The statusline record is read when it exists or appears: `tokentop statusline` writes it.
    session: {
      prices,
      thresholds,
      window,
      backfillMs,
      paths,
      roots,
      proxyPlan,
      statuslineFile: request.statusline === 'none' ? undefined : request.statusline === 'default' ? statuslineStateFile(io.env) : request.statusline.file,
      openIndex: historyIndexOpener(request.noCache, paths, io),
      usageApi: request.usageApi ? usageApiOption(io) : undefined,
    },
    snapshotDir,
    evidenceDir: request.evidenceDir,
    summaryFile,
    autoSnapshot: request.autoSnapshot,
  };
}

/** Where the login is read from, and the endpoint (a loopback stand-in only from TOKENTOP_USAGE_API_URL). */
function usageApiOption(io: CommandIO): { credentialsFile: string; url: string; version: string; statusFile: string } {
  const { url, refused } = usageUrl(io.env);
  if (refused !== undefined) io.err(`tokentop: ${refused}\n`);
  const configDir = io.env.CLAUDE_CONFIG_DIR?.split(',')[0]?.trim() || join(io.env.HOME ?? homedir(), '.claude');
  return { credentialsFile: join(configDir, '.credentials.json'), url, version: io.version, statusFile: join(dirname(statuslineStateFile(io.env)), 'usage-api.json') };
}

/** Why `path` cannot be read, or undefined when it can. */
async function unreadable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return describeFsError(error);
  }
}

/** A config dir is watched at its projects/ (history.jsonl and the rest are not transcripts). */
async function watchRoot(path: string): Promise<string> {
  const projects = join(resolve(path), 'projects');
  return (await isDirectory(projects)) ? projects : resolve(path);
}
